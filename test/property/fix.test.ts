// The fix engine's invariants over every real-world manifest of the shared corpus and every acceptance
// fixture (read in place): each offered in-place fix, applied alone and all together with fix-all,
// leaves a file that parses without new errors, has lost the fixed finding and gained no error-level
// finding (nor identical probes), keeps every comment outside the replaced text and every other document
// byte for byte; a second fix-all changes nothing. Fix-all runs twice per file: safe fixes only (none
// unsafe may slip in) and with the unsafe ones (`--unsafe-fixes`), where all the guarantees are checked. Single fixes are sampled per file to keep the run short; the counts
// are printed.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { SegmentCache } from '../../server/src/core/document';
import { analyzeFile, lintAnalysis } from '../../server/src/core/linter';
import { applyEdits, commentsOf, explainOps, fixAll, isCompanionPlan, LintResult, objectOfFinding, TextEdit, UNVERIFIED } from '../../server/src/core/fix';
import type { Finding } from '../../server/src/core/types';
import { RULES } from '../../server/src/rules';
import { skipBecause } from '../helpers/skip';

const SHARED = join(__dirname, '..', '..', '..', 'shared');
const ROOTS = [join(SHARED, 'corpus', 'real'), join(SHARED, 'acceptance')];
/** Single fixes checked per file: one per rule first, up to this many in all. */
const SINGLES_PER_FILE = 4;

function manifests(dir: string, out: string[] = []): string[] {
	for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) manifests(path, out);
		else if (/\.ya?ml$/i.test(entry.name) && entry.name !== '.bosun.yaml') out.push(path);
	}
	return out;
}

/** Lints one file alone, reusing the parse of unchanged documents between fix passes. */
function linter(file: string): (text: string) => LintResult {
	const cache = new SegmentCache();
	return (text) => {
		const analysis = analyzeFile(file, text, cache);
		return { analysis, findings: lintAnalysis(analysis, { rules: RULES, config: DEFAULT_CONFIG }) };
	};
}

const identity = (f: Finding) => `${f.ruleId}|${f.objectKey ?? ''}|${f.message}`;

function countBy(findings: readonly Finding[], keep: (f: Finding) => boolean = () => true): Map<string, number> {
	const counts = new Map<string, number>();
	for (const f of findings) if (keep(f)) counts.set(identity(f), (counts.get(identity(f)) ?? 0) + 1);
	return counts;
}

function parseErrors(result: LintResult): number {
	return result.analysis.parsed.segments.reduce((n, s) => n + s.errors.length, 0);
}

const isError = (f: Finding) => f.severity === 'error';

/** What went wrong with a fixed text, or null: parse errors, error-level findings, comments. */
function problemsAfter(before: LintResult, after: LintResult): string | null {
	if (parseErrors(after) > parseErrors(before)) return `new parse errors: ${after.analysis.parsed.segments.flatMap((s) => s.errors.map((e) => e.message)).join('; ')}`;
	const errorsBefore = countBy(before.findings, isError);
	for (const [key, n] of countBy(after.findings, isError)) if (n > (errorsBefore.get(key) ?? 0)) return `new error-level finding: ${key}`;
	return null;
}

/** A comment of `before` that is outside every replaced range and missing from `after`, or null. */
function lostComment(before: string, edits: readonly TextEdit[], after: string): string | null {
	const remaining = commentsOf(after).map((c) => c.text);
	for (const c of commentsOf(before)) {
		if (edits.some((e) => c.start >= e.start && c.start < e.end)) continue;
		const i = remaining.indexOf(c.text);
		if (i < 0) return c.text;
		remaining.splice(i, 1);
	}
	return null;
}

/** Index of the original document segment an object key lives in. */
function segmentOf(result: LintResult, objectKey: string): number {
	const object = result.analysis.objects.find((o) => o.key === objectKey);
	assert.ok(object, `object ${objectKey} exists`);
	return result.analysis.parsed.segments.indexOf(object.segment);
}

interface Totals {
	files: number;
	filesWithFixes: number;
	inPlace: number;
	companion: number;
	singlesChecked: number;
	/** Plans the renderer refused, by reason (an alias in the way, say). */
	refused: Map<string, number>;
	fixAllFiles: number;
	fixAllApplied: number;
	maxPasses: number;
}

/**
 * The edits for a finding's fix, or null when the renderer refused it for a reason of its own. Edits
 * that fail verification mean the renderer wrote something other than the plan: a bug, so a failure.
 */
function offeredEdits(name: string, result: LintResult, finding: Finding, totals: Totals): TextEdit[] | null {
	const object = objectOfFinding(result.analysis, finding);
	assert.ok(object, `${name}: ${finding.ruleId} names an object of the file`);
	const explained = explainOps(result.analysis, object, finding.fix!.ops);
	if ('edits' in explained) return explained.edits;
	assert.notEqual(explained.error, UNVERIFIED, `${name}: ${finding.ruleId} "${finding.fix!.title}": the rendered edits do not verify`);
	totals.refused.set(explained.error, (totals.refused.get(explained.error) ?? 0) + 1);
	return null;
}

function checkSingle(name: string, text: string, lint: (t: string) => LintResult, before: LintResult, finding: Finding, totals: Totals): void {
	const edits = offeredEdits(name, before, finding, totals);
	if (!edits) return;
	const where = `${name}: ${finding.ruleId} "${finding.fix!.title}"`;
	const fixed = applyEdits(text, edits);
	const after = lint(fixed);
	const problem = problemsAfter(before, after);
	assert.equal(problem, null, `${where}: ${problem}`);
	const key = identity(finding);
	assert.ok((countBy(after.findings).get(key) ?? 0) < (countBy(before.findings).get(key) ?? 0), `${where}: the finding is still there`);
	const comment = lostComment(text, edits, fixed);
	assert.equal(comment, null, `${where}: comment lost: ${comment}`);
	// Every other document byte for byte: the edits sit in the object's segment, and all around it is unchanged.
	const segment = before.analysis.parsed.segments[segmentOf(before, finding.objectKey!)];
	const end = segment.offset + segment.text.length;
	assert.ok(edits.every((e) => e.start >= segment.offset && e.end <= end), `${where}: an edit outside the object's document`);
	assert.equal(fixed.slice(0, segment.offset), text.slice(0, segment.offset), `${where}: documents before changed`);
	assert.equal(fixed.slice(fixed.length - (text.length - end)), text.slice(end), `${where}: documents after changed`);
	totals.singlesChecked++;
}

function checkFixAll(name: string, text: string, lint: (t: string) => LintResult, before: LintResult, totals: Totals, unsafe: boolean): void {
	const result = fixAll(before, lint, { unsafe });
	if (!unsafe) assert.deepEqual(result.applied.filter((a) => a.safety !== 'safe').map((a) => a.ruleId), [], `${name}: fix-all without unsafe fixes applied an unsafe one`);
	if (result.passes === 0) return;
	if (unsafe) {
		totals.fixAllFiles++;
		totals.fixAllApplied += result.applied.length;
		totals.maxPasses = Math.max(totals.maxPasses, result.passes);
	}
	const after = lint(result.text);
	const problem = problemsAfter(before, after);
	assert.equal(problem, null, `${name}: fix-all: ${problem}`);
	// The probe fixes never write two identical probes, even applied together.
	const identical = (r: LintResult) => r.findings.filter((f) => f.ruleId === 'identical-probes').length;
	assert.ok(identical(after) <= identical(before), `${name}: fix-all made identical probes`);
	let current = text;
	for (const edits of result.edits) {
		const next = applyEdits(current, edits);
		const comment = lostComment(current, edits, next);
		assert.equal(comment, null, `${name}: fix-all lost a comment: ${comment}`);
		current = next;
	}
	assert.equal(current, result.text, `${name}: the pass edits rebuild the fixed text`);
	// Fixed findings are gone: none is left more often than it was there minus the times it was fixed.
	const left = countBy(after.findings);
	const fixedCounts = new Map<string, number>();
	for (const a of result.applied) fixedCounts.set(`${a.ruleId}|${a.objectKey}|${a.message}`, (fixedCounts.get(`${a.ruleId}|${a.objectKey}|${a.message}`) ?? 0) + 1);
	const had = countBy(before.findings);
	for (const [key, n] of fixedCounts) {
		if ((had.get(key) ?? 0) > 0) assert.ok((left.get(key) ?? 0) <= Math.max(0, (had.get(key) ?? 0) - n), `${name}: fix-all left ${key}`);
	}
	// Documents without an applied fix are byte-identical (in-place fixes add no documents).
	const touched = new Set(result.applied.map((a) => segmentOf(before, a.objectKey)));
	const segmentsBefore = before.analysis.parsed.segments;
	const segmentsAfter = after.analysis.parsed.segments;
	assert.equal(segmentsAfter.length, segmentsBefore.length, `${name}: fix-all changed the number of documents`);
	segmentsBefore.forEach((s, i) => {
		if (!touched.has(i)) assert.equal(segmentsAfter[i].text, s.text, `${name}: fix-all changed document ${i + 1}, which had no fix`);
	});
	// What fix-all left unfixed was refused for a stated reason, never because its edits failed to verify.
	for (const f of after.findings) if (f.fix && !isCompanionPlan(f.fix)) offeredEdits(`${name} (after fix-all)`, after, f, totals);
	const again = fixAll(after, lint, { unsafe });
	assert.equal(again.passes, 0, `${name}: a second fix-all still changed ${again.applied.map((a) => a.ruleId).join(', ')}`);
	assert.equal(again.text, result.text);
}

describe('fix engine properties over the corpus and the acceptance fixtures', function () {
	this.timeout(300000);
	const present = ROOTS.every((root) => existsSync(root));

	it('every offered fix keeps the file valid, removes its finding, loses nothing else; fix-all is idempotent', function () {
		if (!present) skipBecause(this, `the corpus and acceptance fixtures (${ROOTS.join(', ')}) are not present`);
		const started = Date.now();
		const totals: Totals = { files: 0, filesWithFixes: 0, inPlace: 0, companion: 0, singlesChecked: 0, refused: new Map(), fixAllFiles: 0, fixAllApplied: 0, maxPasses: 0 };
		for (const path of ROOTS.flatMap((root) => manifests(root))) {
			const bytes = readFileSync(path);
			if (bytes.includes(0)) continue;
			const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
			const name = relative(SHARED, path);
			const lint = linter(path);
			const before = lint(text);
			totals.files++;
			const withPlans = before.findings.filter((f) => f.fix);
			const inPlace = withPlans.filter((f) => !isCompanionPlan(f.fix!));
			totals.companion += withPlans.length - inPlace.length;
			totals.inPlace += inPlace.length;
			if (inPlace.length === 0) continue;
			totals.filesWithFixes++;
			// A sample: the first fix of each rule, then the next ones in file order.
			const firsts = inPlace.filter((f, i) => inPlace.findIndex((g) => g.ruleId === f.ruleId) === i);
			const sample = [...firsts, ...inPlace.filter((f) => !firsts.includes(f))].slice(0, SINGLES_PER_FILE);
			for (const finding of sample) checkSingle(name, text, lint, before, finding, totals);
			checkFixAll(name, text, lint, before, totals, false);
			checkFixAll(name, text, lint, before, totals, true);
		}
		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		const refused = [...totals.refused].map(([why, n]) => `${n}× ${why}`).join('; ') || 'none';
		console.log(
			`      ${totals.files} files, ${totals.filesWithFixes} with in-place fixes: ${totals.inPlace} in-place fix plans from rules (${totals.companion} companion plans, never applied in bulk)\n` +
				`      ${totals.singlesChecked} single fixes applied and checked (a sample of up to ${SINGLES_PER_FILE} per file)\n` +
				`      fix-all with unsafe fixes changed ${totals.fixAllFiles} files with ${totals.fixAllApplied} fixes in at most ${totals.maxPasses} passes, each file checked and re-run\n` +
				`      plans refused by the renderer: ${refused}; ${seconds} s`,
		);
		assert.ok(totals.files > 0 && totals.singlesChecked > 0, 'the corpus offered fixes to check');
	});
});
