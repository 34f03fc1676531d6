// Renders many template texts with the real helm binary in as few runs as possible, to compare the
// engine with Go's text/template. Each case becomes `templates/_<id>.tpl` holding `{{ define "<id>" }}...`;
// one ConfigMap prints `{{ include "<id>" .Values | b64enc }}` for every case, so the text comes back
// byte for byte (no YAML reformatting, no `<no value>` replacement). When helm fails, the error names the
// failing case: its message is recorded and the case is dropped for the next run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface OracleCase {
	id: string;
	/** The body of the define: the template text under test. */
	body: string;
	/** The body of a second define, `<id>_sub`, which `body` may call. */
	sub?: string;
}

export type OracleResult = { ok: true; text: string } | { ok: false; error: string };

export const CHART = 'x';

/** The file and text a case is parsed from, identical on both sides so that positions agree. */
export function caseFile(c: OracleCase): { name: string; text: string } {
	const sub = c.sub === undefined ? '' : `{{ define "${c.id}_sub" }}${c.sub}{{ end }}`;
	return { name: `${CHART}/templates/_${c.id}.tpl`, text: `{{ define "${c.id}" }}${c.body}{{ end }}${sub}` };
}

/** Helm's cleanupParseError: "parse error at (FILE:LINE): <last part of the Go message>". */
export function helmParseError(goMessage: string): string {
	const tokens = goMessage.split(': ');
	return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
}

/**
 * Renders the cases with helm. Cases in `expectFailure` (the engine's prediction) are rendered one per run
 * in a chart of their own, which is quick; the others together, dropping any that fails after all.
 */
export function renderWithHelm(helm: string, valuesYaml: string, cases: OracleCase[], expectFailure: ReadonlySet<string> = new Set()): Map<string, OracleResult> {
	const results = new Map<string, OracleResult>();
	for (const c of cases.filter((c) => expectFailure.has(c.id))) {
		for (const [id, result] of renderBatch(helm, valuesYaml, [c])) results.set(id, result);
	}
	for (const [id, result] of renderBatch(helm, valuesYaml, cases.filter((c) => !expectFailure.has(c.id)))) results.set(id, result);
	return results;
}

function renderBatch(helm: string, valuesYaml: string, cases: OracleCase[]): Map<string, OracleResult> {
	const results = new Map<string, OracleResult>();
	let remaining = [...cases];
	const dir = mkdtempSync(join(tmpdir(), 'bosun-helm-oracle-'));
	try {
		for (let attempt = 0; attempt <= cases.length && remaining.length > 0; attempt++) {
			rmSync(dir, { recursive: true, force: true });
			mkdirSync(join(dir, 'templates'), { recursive: true });
			writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${CHART}\nversion: 0.1.0\n`);
			writeFileSync(join(dir, 'values.yaml'), valuesYaml);
			for (const c of remaining) writeFileSync(join(dir, 'templates', `_${c.id}.tpl`), caseFile(c).text);
			const data = remaining.map((c) => `  ${c.id}: {{ include "${c.id}" .Values | b64enc | quote }}`).join('\n');
			writeFileSync(join(dir, 'templates', 'out.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: out\ndata:\n${data}\n`);
			const run = spawnSync(helm, ['template', 'r', dir, '--show-only', 'templates/out.yaml'], { encoding: 'utf8', timeout: 60_000 });
			if (run.status === 0) {
				const doc = parseAllDocuments(run.stdout)
					.map((d) => d.toJS() as { kind?: string; data?: Record<string, string> } | null)
					.find((d) => d?.kind === 'ConfigMap');
				for (const c of remaining) results.set(c.id, { ok: true, text: Buffer.from(doc?.data?.[c.id] ?? '', 'base64').toString('utf8') });
				remaining = [];
				break;
			}
			const message = run.stderr.replace(/^Error: /, '').replace(/\n+Use --debug flag to render out invalid YAML\s*$/, '').trimEnd();
			const failed = failingCase(message, remaining);
			if (!failed) throw new Error(`helm failed and no case is named in its error:\n${run.stderr}${run.error ? String(run.error) : ''}`);
			results.set(failed.id, { ok: false, error: failed.error });
			remaining = remaining.filter((c) => c.id !== failed.id);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	return results;
}

function failingCase(message: string, cases: OracleCase[]): { id: string; error: string } | undefined {
	const parse = /^parse error at \(x\/templates\/_(c\d+)\.tpl:\d+\): /.exec(message);
	if (parse) return { id: parse[1], error: message };
	const marker = 'error calling include: ';
	const at = message.indexOf(marker);
	if (at >= 0) {
		const inner = message.slice(at + marker.length);
		const id = /^template: (?:x\/templates\/_(c\d+)\.tpl|no template "(c\d+)")/.exec(inner);
		const found = id && (id[1] ?? id[2]);
		if (found && cases.some((c) => c.id === found)) return { id: found, error: inner };
	}
	return undefined;
}
