// Output formats of `bosun lint`: text (one line per finding, like ESLint's compact style), JSON (the
// contract in the acceptance README) and SARIF 2.1.0 (one run, rules with help URIs).
import { docsUrl, Rule } from './core/rule';
import type { Severity } from './core/types';

export interface CliFinding {
	rule: string;
	severity: Severity;
	message: string;
	file: string;
	line: number;
	column: number;
	endLine: number;
	endColumn: number;
	fixable: boolean;
}

export function formatJson(findings: CliFinding[], extra: Record<string, unknown> = {}): string {
	return JSON.stringify({ findings, ...extra }, null, 2) + '\n';
}

export function formatText(findings: CliFinding[], filesLinted: number, color: boolean): string {
	const paint = (code: number, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
	const sevColor: Record<Severity, number> = { error: 31, warning: 33, info: 36, hint: 90 };
	const lines = findings.map(
		(f) => `${f.file}:${f.line}:${f.column}: ${paint(sevColor[f.severity], f.severity)} ${f.message} ${paint(90, `[${f.rule}]`)}${f.fixable ? paint(32, ' (fixable)') : ''}`,
	);
	const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
	const fixable = findings.filter((f) => f.fixable).length;
	lines.push(
		findings.length === 0
			? `${filesLinted} file${filesLinted === 1 ? '' : 's'} linted: no findings.`
			: `${findings.length} finding${findings.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info, ${count('hint')} hints) in ${filesLinted} file${filesLinted === 1 ? '' : 's'}${fixable ? `; ${fixable} fixable with --fix` : ''}.`,
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
