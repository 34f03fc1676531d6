// Output formats of `bosun lint`: text (one line per finding, like ESLint's compact style), JSON (the
// contract in the acceptance README) and SARIF 2.1.0 (one run, each rule with its full documentation as
// help, so code scanning shows it without a website).
import type { Rule } from './core/rule';
import { FixSafety, SEVERITIES, Severity } from './core/types';
import { ruleDocPage, ruleHelpText } from './ruleDocPage';

export interface CliFinding {
	rule: string;
	severity: Severity;
	message: string;
	file: string;
	line: number;
	column: number;
	endLine: number;
	endColumn: number;
	/** An in-place fix exists (safe or not). */
	fixable: boolean;
	/** That fix's safety (RULES.md "Fix safety"): `--fix` applies safe ones, `--fix --unsafe-fixes` all. */
	fix: FixSafety | null;
	/** Where the values a composed value used are written (charts: `image: "{{ .Values.a }}:{{ .Values.b }}"`). */
	related?: { file: string; line: number; column: number }[];
}

/** Whether the report follows a --fix or --fix-dry-run run (the summary then speaks of what was left). */
export interface FixReport {
	fixing: boolean;
	dryRun: boolean;
}

/** The summary's note on fixes: how many of the reported findings each flag would fix. */
function fixNote(findings: readonly CliFinding[], report: FixReport): string {
	const safe = findings.filter((f) => f.fix === 'safe').length;
	const unsafe = findings.filter((f) => f.fix === 'unsafe').length;
	const notes: string[] = [];
	if (safe) notes.push(`${safe} fixable with --fix`);
	if (unsafe) {
		const flags = report.dryRun ? '--fix-dry-run --unsafe-fixes' : '--fix --unsafe-fixes';
		// After a fix run, what is left fixable is unsafe: say so, and how to apply it after review.
		notes.push(report.fixing ? `${unsafe} unsafe fix${unsafe === 1 ? '' : 'es'} not applied (review them, then run with ${flags})` : `${unsafe} more with ${flags} (review them: they can change how a workload runs)`);
	}
	return notes.length ? `; ${notes.join(', ')}` : '';
}

export function formatJson(findings: CliFinding[], extra: Record<string, unknown> = {}): string {
	return JSON.stringify({ findings, ...extra }, null, 2) + '\n';
}

/** "1 file", "2 files"; `many` for words that do not take an s ("3 info"). */
export function plural(n: number, word: string, many = `${word}s`): string {
	return `${n} ${n === 1 ? word : many}`;
}

/** Kubernetes manifest files linted, and YAML files skipped because they hold no Kubernetes document. */
export interface FileCounts {
	linted: number;
	skipped: number;
}

export function formatText(findings: CliFinding[], files: FileCounts, color: boolean, report: FixReport = { fixing: false, dryRun: false }): string {
	const paint = (code: number, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
	const sevColor: Record<Severity, number> = { error: 31, warning: 33, info: 36, hint: 90 };
	const lines = findings.map(
		(f) => `${f.file}:${f.line}:${f.column}: ${paint(sevColor[f.severity], f.severity)} ${f.message} ${paint(90, `[${f.rule}]`)}${f.fix ? paint(32, f.fix === 'safe' ? ' (fixable)' : ' (unsafe fix)') : ''}`,
	);
	// Most severe first, and only the severities present: "1 finding (1 error)".
	const bySeverity = [...SEVERITIES]
		.reverse()
		.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
		.filter(([, n]) => n > 0)
		.map(([s, n]) => plural(n, s, s === 'info' ? 'info' : `${s}s`));
	const skipped = files.skipped ? ` (${plural(files.skipped, 'file')} skipped: not Kubernetes)` : '';
	lines.push(
		findings.length === 0
			? `${plural(files.linted, 'file')} linted${skipped}: no findings.`
			: `${plural(findings.length, 'finding')} (${bySeverity.join(', ')}) in ${plural(files.linted, 'file')}${skipped}${fixNote(findings, report)}.`,
	);
	return lines.join('\n') + '\n';
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(findings: CliFinding[], rules: readonly Rule[], version: string): string {
	const index = new Map(rules.map((r, i) => [r.id, i]));
	const sarif = {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [
			{
				tool: {
					driver: {
						name: 'bosun',
						version,
						rules: rules.map((r) => ({
							id: r.id,
							name: r.title,
							shortDescription: { text: r.title },
							fullDescription: { text: r.description },
							help: { text: ruleHelpText(r), markdown: ruleDocPage(r, '') },
							defaultConfiguration: { level: r.defaultSeverity === 'off' ? 'none' : SARIF_LEVEL[r.defaultSeverity] },
							properties: { category: r.category },
						})),
					},
				},
				results: findings.map((f) => ({
					ruleId: f.rule,
					...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
					level: SARIF_LEVEL[f.severity],
					message: { text: f.message },
					...(f.fix ? { properties: { fix: f.fix } } : {}),
					locations: [
						{
							physicalLocation: {
								artifactLocation: { uri: f.file.split('\\').join('/') },
								region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
							},
						},
					],
					...(f.related
						? { relatedLocations: f.related.map((r, id) => ({ id, physicalLocation: { artifactLocation: { uri: r.file.split('\\').join('/') }, region: { startLine: r.line, startColumn: r.column } }, message: { text: 'value used here' } })) }
						: {}),
				})),
			},
		],
	};
	return JSON.stringify(sarif, null, 2) + '\n';
}
