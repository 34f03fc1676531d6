// A share of a `bosun lint` run spread over threads (the main thread's side is cliWorkers.ts): the lint
// workers and the main thread each hold one. The files' bytes sit in one SharedArrayBuffer and every
// share takes them one at a time, largest first, from a shared counter, so no thread idles while another
// has a queue. A share keeps the files it parsed and gives the others their objects, pruned for the index
// (core/indexValue.ts) and serialized once; the main thread forwards them without reading them. Each share
// then builds the workspace index (its own files whole, the others' detached, in input order as engine.ts
// lintInputs does) and lints its files with every rule, returning the findings as the CLI reports them:
// nothing is parsed twice.
import { deserialize, serialize } from 'node:v8';
import type { MessagePort } from 'node:worker_threads';
import { analyzeFile, FileAnalysis, lintAnalysis } from '../core/linter';
import type { Config, Severity } from '../core/types';
import { WorkspaceIndex } from '../core/workspace';
import type { CliFinding } from '../cliFormat';
import { cliFindingsOf } from '../cliFindings';
import { isKubernetesFile } from '../engine';
import { RULES } from '../rules';
import { detachedObjects, IndexedObjectData, indexedObjects } from './indexFile';

export interface LintShareFile {
	/** The name findings are reported under (as given on the command line, or relative to the working directory). */
	file: string;
	/** The file's UTF-8 text (no byte order mark) is `texts[start, end)`. */
	start: number;
	end: number;
	inChartTemplates?: boolean;
}

export interface LintShareInput {
	files: LintShareFile[];
	texts: SharedArrayBuffer;
	/** Int32Array of one element: the next position in `order` a share takes. */
	next: SharedArrayBuffer;
	/** Indexes into `files`, in the order they are taken. */
	order: number[];
	minSeverity: Severity;
	/** A worker's line to the main thread for the exchange between parsing and linting. */
	port: MessagePort;
}

/** Sent on the port once this share has parsed its files. */
export interface ParsedShare {
	/** Indexes of the files this share parsed. */
	files: number[];
	/** Per parsed file: whether it holds Kubernetes documents (engine.ts isKubernetesFile). */
	kubernetes: boolean[];
	/** v8-serialized IndexedObjectData[][]: per parsed file, its objects as the index keeps them. */
	objects: Uint8Array;
}

/** Received on the port: what to lint, and with what. */
export interface LintPlan {
	/** Per file: the index into `configs` of its configuration, or -1 when it is not linted as a plain manifest (a chart or overlay owns it). */
	configOf: number[];
	configs: Config[];
	/** The other shares' parsed files and objects, as they sent them. */
	others: Pick<ParsedShare, 'files' | 'objects'>[];
}

export interface LintShareOutput {
	/** Per plain file this share linted: its index and its findings as the CLI reports them. */
	linted: { index: number; findings: CliFinding[] }[];
}

/** The task of a lint worker: parse a share, exchange objects with the main thread, lint the share. */
export async function lintShare(input: LintShareInput): Promise<LintShareOutput> {
	const { port } = input;
	try {
		const analyses = parseShare(input);
		const plan = new Promise<LintPlan>((resolve) => port.once('message', resolve));
		port.postMessage(parsedShare(analyses));
		return lintParsedShare(input.files, analyses, await plan, input.minSeverity);
	} finally {
		port.close();
	}
}

/** Parse files taken from the shared queue until it is empty (a worker, and the main thread as one more share). */
export function parseShare({ files, texts, next, order }: Omit<LintShareInput, 'port' | 'minSeverity'>): Map<number, FileAnalysis> {
	const analyses = new Map<number, FileAnalysis>();
	const counter = new Int32Array(next);
	for (let taken = Atomics.add(counter, 0, 1); taken < order.length; taken = Atomics.add(counter, 0, 1)) {
		const index = order[taken];
		const { file, start, end, inChartTemplates } = files[index];
		const text = Buffer.from(texts, start, end - start).toString('utf8');
		analyses.set(index, analyzeFile(file, text, undefined, { inChartTemplates }));
	}
	return analyses;
}

/** What a share tells the others of the files it parsed. */
export function parsedShare(analyses: ReadonlyMap<number, FileAnalysis>): ParsedShare {
	return {
		files: [...analyses.keys()],
		kubernetes: [...analyses.values()].map(isKubernetesFile),
		objects: serialize([...analyses.values()].map(indexedObjects)),
	};
}

/** Lint a share's plain files against the workspace of all shares' objects (its own whole, the others' detached). */
export function lintParsedShare(files: readonly LintShareFile[], analyses: ReadonlyMap<number, FileAnalysis>, plan: LintPlan, minSeverity: Severity): LintShareOutput {
	const { configOf, configs, others } = plan;
	const detached = new Map<number, IndexedObjectData[]>();
	for (const other of others) {
		const objects = deserialize(other.objects) as IndexedObjectData[][];
		other.files.forEach((index, i) => detached.set(index, objects[i]));
	}
	const workspace = new WorkspaceIndex();
	files.forEach(({ file }, index) => {
		if (configOf[index] < 0) return;
		const own = analyses.get(index);
		workspace.setFile(file, own ? own.objects : detachedObjects(file, detached.get(index) ?? []));
	});
	const linted: LintShareOutput['linted'] = [];
	for (const [index, analysis] of analyses) {
		if (configOf[index] < 0) continue;
		const findings = lintAnalysis(analysis, { rules: RULES, config: configs[configOf[index]], workspace });
		linted.push({ index, findings: cliFindingsOf(files[index].file, analysis, findings, minSeverity) });
	}
	return { linted };
}
