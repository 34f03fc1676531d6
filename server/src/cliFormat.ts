// Output formats of `bosun lint`: text (one line per finding, like ESLint's compact style), JSON (the
// contract in the acceptance README) and SARIF 2.1.0 (one run, rules with help URIs).
import { docsUrl, Rule } from './core/rule';
import type { FixSafety, Severity } from './core/types';

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

export function formatText(findings: CliFinding[], filesLinted: number, color: boolean, report: FixReport = { fixing: false, dryRun: false }): string {
	const paint = (code: number, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
	const sevColor: Record<Severity, number> = { error: 31, warning: 33, info: 36, hint: 90 };
	const lines = findings.map(
		(f) => `${f.file}:${f.line}:${f.column}: ${paint(sevColor[f.severity], f.severity)} ${f.message} ${paint(90, `[${f.rule}]`)}${f.fix ? paint(32, f.fix === 'safe' ? ' (fixable)' : ' (unsafe fix)') : ''}`,
	);
	const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
	lines.push(
		findings.length === 0
			? `${filesLinted} file${filesLinted === 1 ? '' : 's'} linted: no findings.`
			: `${findings.length} finding${findings.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info, ${count('hint')} hints) in ${filesLinted} file${filesLinted === 1 ? '' : 's'}${fixNote(findings, report)}.`,
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
						informationUri: 'https://bosun.dev',
						rules: rules.map((r) => ({
							id: r.id,
							name: r.title,
							shortDescription: { text: r.title },
							fullDescription: { text: r.description },
							help: { text: `${r.rationale} ${r.remediation}`, markdown: `${r.rationale}\n\n**Fix:** ${r.remediation}` },
							helpUri: docsUrl(r.id),
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
				})),
			},
		],
	};
	return JSON.stringify(sarif, null, 2) + '\n';
}
