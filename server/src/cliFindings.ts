// Findings as `bosun lint` reports them: at or above the minimum severity, with 1-based lines and
// columns, and whether `--fix` applies their fix (`fixable`, and its safety as `fix`). The main thread
// and the lint workers (indexing/lintShare.ts) both report a plain file's findings through here, so a
// report does not depend on where the file was linted; charts and overlays (cliSources.ts) too.
import { inPlaceFixSafety } from './core/fix';
import { LineIndex } from './core/lines';
import type { FileAnalysis } from './core/linter';
import { Finding, FixSafety, SEVERITY_RANK, Severity } from './core/types';
import type { CliFinding } from './cliFormat';

export function cliFindingsOf(file: string, analysis: FileAnalysis, findings: readonly Finding[], minSeverity: Severity): CliFinding[] {
	const out: CliFinding[] = [];
	let lines: LineIndex | undefined;
	for (const f of findings) {
		if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[minSeverity]) continue;
		lines ??= new LineIndex(analysis.parsed.text);
		out.push(cliFinding(f, file, lines, inPlaceFixSafety(analysis, f)));
	}
	return out;
}

/** One finding as reported, in `file` whose text `lines` indexes, with the safety of the fix `--fix` applies (null: none). */
export function cliFinding(f: Finding, file: string, lines: LineIndex, safety: FixSafety | null): CliFinding {
	const start = lines.position(f.range.start);
	const end = lines.position(f.range.end);
	return {
		rule: f.ruleId,
		severity: f.severity,
		message: f.message,
		file,
		line: start.line + 1,
		column: start.character + 1,
		endLine: end.line + 1,
		endColumn: end.character + 1,
		fixable: safety !== null,
		fix: safety,
	};
}
