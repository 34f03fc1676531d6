// `bosun lint` of the plain manifests (the files no chart or overlay owns) on every core: the main
// thread's side of a lint spread over threads (how the work is shared is indexing/lintShare.ts). Worker
// threads start parsing at once; the main thread meanwhile lints the charts and overlays, which decide
// which files are plain manifests, then parses what the workers have not taken yet as one more share (a
// thread fewer to start, and one JIT warm-up less), hands each share the others' objects and the files'
// configurations, lints its own share and merges the findings in input order. Inputs too small to repay
// another thread (lintThreads), fix runs, and runs whose workers fail (a crash, a missing bundle) are
// linted in the main thread alone (engine.ts lintInputs), with the same result.
import { availableParallelism } from 'node:os';
import { MessageChannel, MessagePort } from 'node:worker_threads';
import { DEFAULT_CONFIG, mergeConfig, PartialConfig } from './core/config';
import type { Config, Severity } from './core/types';
import { cliFindingsOf } from './cliFindings';
import type { CliFinding } from './cliFormat';
import { FileResult, isKubernetesFile, lintInputs, LintInput } from './engine';
import { lintParsedShare, LintPlan, LintShareFile, LintShareOutput, ParsedShare, parsedShare, parseShare } from './indexing/lintShare';
import { bundledWorkerScript, WorkerPool } from './indexing/workerPool';

/**
 * What another thread costs, as YAML one thread lints in that time. A worker starts, loads the linter and
 * warms its JIT up on code the main thread has already warmed; one thread alone meanwhile has the other
 * cores for its own JIT and collector. Measured on 2 cores (real/ and parts or copies of it): 3 MB of
 * manifests lint 23% slower on two threads than on one, 10 MB break even, 31 MB are 27% faster.
 */
const THREAD_COST_BYTES = 5_000_000;

/** Set to a number of threads to lint with (1: the main thread only), whatever the size of the input. */
export const THREADS_VARIABLE = 'BOSUN_THREADS';

/**
 * How many threads lint `inputs`: every core when sharing pays, else 1 (the main thread). `c` threads
 * save a fraction 1 - 1/c of the time one thread takes and cost about THREAD_COST_BYTES of it, so they
 * pay from THREAD_COST_BYTES × c / (c - 1): 10 MB on 2 cores, 6.7 MB on 4.
 */
export function lintThreads(inputs: readonly LintInput[], env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
	const requested = Number.parseInt(env[THREADS_VARIABLE] ?? '', 10);
	if (requested >= 1) return requested;
	if (cores < 2) return 1;
	let bytes = 0;
	for (const input of inputs) bytes += input.text.length;
	return bytes >= (THREAD_COST_BYTES * cores) / (cores - 1) ? cores : 1;
}

/** What the threads found in one plain file. */
export interface SharedFileResult {
	kubernetes: boolean;
	findings: CliFinding[];
	/** The share that parsed and linted it: 0 the main thread, then the workers. */
	share: number;
}

export interface SharedLint {
	/** How many files the shares have taken so far (progress; all of them once finish resolves). */
	taken(): number;
	/**
	 * Parse the main thread's share, then lint the plain files (those `configFor` gives a configuration)
	 * and return each one's result by input index; undefined when a worker failed.
	 */
	finish(configFor: (index: number) => Config | undefined): Promise<(SharedFileResult | undefined)[] | undefined>;
	/** Stop the workers without finishing (the run failed elsewhere). */
	abandon(): Promise<void>;
}

interface WorkerShare {
	port: MessagePort;
	parsed: Promise<ParsedShare>;
	done: Promise<LintShareOutput>;
}

/**
 * Start `threads - 1` workers of `script` (the bundled worker beside this bundle) parsing `inputs`;
 * undefined with one thread, or when no worker can run (running from sources, the bundle is missing).
 */
export function startSharedLint(inputs: readonly LintInput[], threads: number, minSeverity: Severity, script = bundledWorkerScript()): SharedLint | undefined {
	if (threads < 2) return undefined;
	// No heap limit of the server's: a worker holds the syntax trees of its share until the end of the run.
	const pool = new WorkerPool(script, threads - 1, undefined, null);
	if (!pool.available) return undefined;
	const sizes = inputs.map((input) => Buffer.byteLength(input.text, 'utf8'));
	const texts = new SharedArrayBuffer(sizes.reduce((a, b) => a + b, 0));
	const view = Buffer.from(texts);
	const files: LintShareFile[] = [];
	let offset = 0;
	inputs.forEach((input, i) => {
		view.write(input.text, offset, 'utf8');
		files.push({ file: input.file, start: offset, end: offset + sizes[i], inChartTemplates: input.inChartTemplates });
		offset += sizes[i];
	});
	// Largest first: the last files taken are small, so the shares finish together.
	const order = inputs.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
	const next = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
	const workers: WorkerShare[] = [];
	for (let i = 0; i < threads - 1; i++) {
		const { port1, port2 } = new MessageChannel();
		const done = pool.run('lintShare', { files, texts, next, order, minSeverity, port: port2 }, [port2]);
		const parsed = new Promise<ParsedShare>((resolve, reject) => {
			port1.once('message', resolve);
			done.catch(reject);
		});
		// Failures are handled where the promises are awaited; these only keep them from counting as unhandled.
		parsed.catch(() => undefined);
		done.catch(() => undefined);
		workers.push({ port: port1, parsed, done });
	}

	const stop = async () => {
		for (const worker of workers) worker.port.close();
		await pool.close();
	};
	return {
		taken: () => Math.min(Atomics.load(new Int32Array(next), 0), order.length),
		abandon: stop,
		async finish(configFor) {
			try {
				const own = parseShare({ files, texts, next, order });
				const ownParsed = parsedShare(own);
				const parsed = await Promise.all(workers.map((w) => w.parsed));
				const configs: Config[] = [];
				const configOf = inputs.map((_, index) => {
					const config = configFor(index);
					if (!config) return -1;
					let at = configs.indexOf(config);
					if (at < 0) at = configs.push(config) - 1;
					return at;
				});
				const othersOf = (share: number) => [ownParsed, ...parsed].filter((_, j) => j !== share).map(({ files, objects }) => ({ files, objects }));
				workers.forEach((worker, i) => worker.port.postMessage({ configOf, configs, others: othersOf(i + 1) } satisfies LintPlan));
				const ownLinted = lintParsedShare(files, own, { configOf, configs, others: othersOf(0) }, minSeverity);
				const results: (SharedFileResult | undefined)[] = inputs.map(() => undefined);
				[ownParsed, ...parsed].forEach((told, share) => told.files.forEach((index, i) => (results[index] = { kubernetes: told.kubernetes[i], findings: [], share })));
				for (const { linted } of [ownLinted, ...(await Promise.all(workers.map((w) => w.done)))]) {
					for (const { index, findings } of linted) results[index]!.findings = findings;
				}
				return results;
			} catch {
				return undefined;
			} finally {
				await stop();
			}
		},
	};
}

/** The plain inputs' findings as reported, in input order; how many hold Kubernetes documents; and, when linted in this thread, their results. */
export interface PlainReport {
	reported: CliFinding[][];
	kubernetesFiles: number;
	results: FileResult[];
}

export function reportOf(results: FileResult[], minSeverity: Severity): PlainReport {
	return {
		reported: results.map((r) => cliFindingsOf(r.file, r.analysis, r.findings, minSeverity)),
		kubernetesFiles: results.filter((r) => isKubernetesFile(r.analysis)).length,
		results,
	};
}

/** Lint `plainInputs` (a subsequence of `inputs`) in the shared lint when one was started, else (or when it fails) in this thread. */
export async function lintPlainInputs(
	inputs: readonly LintInput[],
	plainInputs: LintInput[],
	configFor: (file: string) => PartialConfig | undefined,
	shared: SharedLint | undefined,
	minSeverity: Severity,
): Promise<PlainReport> {
	if (shared) {
		const plain = new Set(plainInputs);
		const merged = new Map<PartialConfig | undefined, Config>();
		// asked in input order, as lintInputs does, so configuration files load (and report problems) in the same order
		const configs = inputs.map((input) => {
			if (!plain.has(input)) return undefined;
			const partial = configFor(input.file);
			if (!merged.has(partial)) merged.set(partial, mergeConfig(DEFAULT_CONFIG, partial));
			return merged.get(partial);
		});
		const results = await shared.finish((index) => configs[index]);
		if (results) {
			const linted = results.filter((_, index) => plain.has(inputs[index])) as SharedFileResult[];
			return { reported: linted.map((r) => r.findings), kubernetesFiles: linted.filter((r) => r.kubernetes).length, results: [] };
		}
	}
	return reportOf(lintInputs(plainInputs, configFor), minSeverity);
}
