// What must hold for any text, however broken: no exception escapes the lint core, every finding's
// range lies inside the text, linting twice (fresh or through a shared segment cache, as the server
// does) gives the same findings, a Helm template gets its one finding alone, and every fix offered
// (and fix-all, as --fix applies it) leaves the file parseable. Shared by the quick run in the default
// suite and the long run (`npm run fuzz`).
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { parseFile, ParsedFile, SegmentCache } from '../../server/src/core/document';
import { applyEdits, findingFixEdits, fixAll } from '../../server/src/core/fix';
import { HELM_RULE_ID } from '../../server/src/core/helm';
import { analyzeFile, INTERNAL_RULE_ID, lintAnalysis } from '../../server/src/core/linter';
import { SEVERITIES } from '../../server/src/core/types';
import type { Finding } from '../../server/src/core/types';
import { RULES } from '../../server/src/rules';

const FILE = 'fuzz.yaml';
const OPTIONS = { rules: RULES, config: DEFAULT_CONFIG };
/** A case slower than this is a hang as far as an editor is concerned. */
export const CASE_TIME_LIMIT_MS = 5000;

/** What the runs saw, for the summary line and for reporting rules that failed (internal errors). */
export interface FuzzStats {
	cases: number;
	findings: number;
	fixesChecked: number;
	slowestMs: number;
	/** Internal-error messages (a rule threw; the linter isolated it), with an example input each. */
	internalErrors: Map<string, string>;
}

export function newStats(): FuzzStats {
	return { cases: 0, findings: 0, fixesChecked: 0, slowestMs: 0, internalErrors: new Map() };
}

/** The server's cache outlives files and edits; sharing one across cases checks reuse never changes results. */
const sharedCache = new SegmentCache(2000, 4_000_000);

function brokenSegments(parsed: ParsedFile): number {
	return parsed.segments.filter((s) => s.errors.length > 0).length;
}

function assertInside(text: string, range: { start: number; end: number }, what: string): void {
	const ok = Number.isInteger(range.start) && Number.isInteger(range.end) && 0 <= range.start && range.start <= range.end && range.end <= text.length;
	assert.ok(ok, `${what} range ${JSON.stringify(range)} outside 0..${text.length}`);
}

function lint(text: string, cache?: SegmentCache) {
	const analysis = analyzeFile(FILE, text, cache);
	return { analysis, findings: lintAnalysis(analysis, OPTIONS) };
}

/** Offered fixes and fix-all keep the file parseable: no more broken documents than before. */
function checkFixes(text: string, result: ReturnType<typeof lint>, stats: FuzzStats): void {
	const broken = brokenSegments(result.analysis.parsed);
	for (const finding of result.findings) {
		if (!finding.fix) continue;
		const edits = findingFixEdits(result.analysis, finding);
		if (!edits) continue;
		for (const edit of edits) assertInside(text, edit, `fix of ${finding.ruleId}`);
		const fixed = applyEdits(text, edits);
		assert.ok(brokenSegments(parseFile(fixed)) <= broken, `the fix of ${finding.ruleId} ("${finding.fix.title}") breaks the file`);
		stats.fixesChecked++;
	}
	if (result.findings.some((f) => f.fix)) {
		// Unsafe fixes too: they edit more, so they cover what the safe ones do.
		const all = fixAll(result, (next) => lint(next), { unsafe: true });
		assert.ok(brokenSegments(parseFile(all.text)) <= broken, 'fix-all breaks the file');
	}
}

/** Check every property on one text; throws (an assertion) on the first that fails. */
export function checkText(text: string, stats: FuzzStats, withFixes = true): void {
	const started = performance.now();
	const first = lint(text);
	const { findings } = first;
	for (const f of findings) {
		assertInside(text, f.range, f.ruleId);
		assert.ok(SEVERITIES.includes(f.severity) && typeof f.message === 'string' && f.message.length > 0, JSON.stringify(f));
		if (f.ruleId === INTERNAL_RULE_ID && !stats.internalErrors.has(f.message)) stats.internalErrors.set(f.message, text);
	}
	if (findings.some((f) => f.ruleId === HELM_RULE_ID)) assert.equal(findings.length, 1, 'a Helm template gets one finding alone');
	const elapsed = performance.now() - started;
	assert.ok(elapsed < CASE_TIME_LIMIT_MS, `linting took ${elapsed.toFixed(0)} ms`);

	// The second run goes through the cache shared with earlier cases: same text, same findings.
	assert.deepStrictEqual(strip(lint(text, sharedCache).findings), strip(findings), 'linting the same text again (through a shared segment cache) differs');
	if (withFixes) checkFixes(text, first, stats);

	stats.cases++;
	stats.findings += findings.length;
	stats.slowestMs = Math.max(stats.slowestMs, elapsed);
}

/** Findings as data, for comparison. */
function strip(findings: Finding[]): unknown {
	return JSON.parse(JSON.stringify(findings));
}

export function summary(name: string, stats: FuzzStats): string {
	return `${name}: ${stats.cases} cases passed (${stats.findings} findings, ${stats.fixesChecked} fixes re-parsed, slowest case ${stats.slowestMs.toFixed(0)} ms)`;
}
