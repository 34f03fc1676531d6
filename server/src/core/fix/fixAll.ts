// Fix-all: every fix of a file at once, as `bosun lint --fix` and `source.fixAll.bosun` apply them.
// Only in-place, verified fixes take part (companion documents are offered one by one, never applied in
// bulk), and only safe ones (RULES.md "Fix safety") unless the caller asks for unsafe ones too
// (`--unsafe-fixes`, or the explicit "fix all <rule> problems" action).
// One pass edits the original text only: the fixes of one object are merged into one plan (two fixes
// creating the same `securityContext` then insert it once), a fix that cannot join is left for the next
// pass, and fixes of different objects never overlap. Passes repeat on the re-linted text until nothing
// changes, so running fix-all again changes nothing; fixFiles does the same over several files of one
// workspace, re-linting each against the others' fixed objects (a fix in one file can enable one in another).
import type { Segment } from '../document';
import type { K8sObject } from '../k8s';
import { LineIndex } from '../lines';
import type { FileAnalysis } from '../linter';
import type { Finding, FixOp, FixSafety } from '../types';
import { applyEdits, combineFixEdits, sortEdits, TextEdit } from './edits';
import { explainOps, isCompanionPlan } from './planEdits';
import { verifyChanges } from './verify';

export interface LintResult {
	analysis: FileAnalysis;
	findings: Finding[];
}

export interface AppliedFix {
	ruleId: string;
	message: string;
	objectKey: string;
	title: string;
	/** 1-based line of the finding in the text its pass fixed (the original text for pass 1). */
	line: number;
	pass: number;
	safety: FixSafety;
}

export interface FixPassResult {
	/** Edits against the analysed text, sorted and non-overlapping. */
	edits: TextEdit[];
	applied: Finding[];
}

export interface FixPassOptions {
	/** Only fixes of findings this accepts (a rule id for "fix all X problems", a minimum severity). */
	filter?: (finding: Finding) => boolean;
	/** Apply unsafe fixes too (default: safe ones only). */
	unsafe?: boolean;
}

export interface FixAllOptions extends FixPassOptions {
	maxPasses?: number;
}

/** Passes fix-all makes at most: a pass enables few new fixes, so more than this means fixes undo each other. */
export const MAX_FIX_PASSES = 10;

/** Whether a finding's fix takes part in bulk fixing: in place, of an object, accepted by the options. */
function bulkFixable(finding: Finding, options: FixPassOptions): boolean {
	const { fix } = finding;
	if (!fix || isCompanionPlan(fix) || finding.objectKey === undefined) return false;
	if (fix.safety !== 'safe' && !options.unsafe) return false;
	return !options.filter || options.filter(finding);
}

interface ObjectFix {
	object: K8sObject;
	ops: FixOp[];
	edits: TextEdit[];
	findings: Finding[];
}

/** The safe fixes of one object merged into one plan, each fix joining only when the whole still verifies. */
function fixObject(analysis: FileAnalysis, object: K8sObject, findings: Finding[]): ObjectFix | null {
	let ops: FixOp[] = [];
	let edits: TextEdit[] | null = null;
	const joined: Finding[] = [];
	for (const finding of findings) {
		const candidate = [...ops, ...finding.fix!.ops];
		const result = explainOps(analysis, object, candidate);
		if (!('edits' in result)) continue;
		ops = candidate;
		edits = result.edits;
		joined.push(finding);
	}
	return edits ? { object, ops, edits, findings: joined } : null;
}

/** One pass of fix-all against the analysed text. */
export function fixPass(analysis: FileAnalysis, findings: readonly Finding[], options: FixPassOptions = {}): FixPassResult {
	const byObject = new Map<string, Finding[]>();
	for (const f of findings) {
		if (!bulkFixable(f, options)) continue;
		const list = byObject.get(f.objectKey!) ?? [];
		list.push(f);
		byObject.set(f.objectKey!, list);
	}
	const bySegment = new Map<Segment, ObjectFix[]>();
	for (const [key, group] of byObject) {
		const object = analysis.objects.find((o) => o.key === key);
		const fix = object && fixObject(analysis, object, group);
		if (!fix) continue;
		bySegment.set(fix.object.segment, [...(bySegment.get(fix.object.segment) ?? []), fix]);
	}
	const accepted: ObjectFix[] = [];
	for (const fixes of bySegment.values()) {
		// Objects sharing a document (List items) are verified together; the last ones wait for the next pass.
		const together = combineFixEdits(fixes.map((fix) => ({ edits: fix.edits, item: fix }))).accepted;
		while (together.length > 1 && !verifyChanges(together, together.flatMap((f) => f.edits))) together.pop();
		accepted.push(...together);
	}
	return { edits: sortEdits(accepted.flatMap((f) => f.edits)), applied: accepted.flatMap((f) => f.findings) };
}

export interface FixAllResult {
	text: string;
	applied: AppliedFix[];
	/** Passes that changed the text. */
	passes: number;
	/** Each pass's edits, against the text that pass started from. */
	edits: TextEdit[][];
}

/**
 * Apply every safe fix (with `unsafe`, every fix), re-linting between passes (a fix can reveal or enable
 * another), at most `maxPasses` times. `relint` lints a new text of the same file the way `initial` was linted.
 */
export function fixAll(initial: LintResult, relint: (text: string) => LintResult, options: FixAllOptions = {}): FixAllResult {
	return fixFiles([initial], (_, text) => relint(text), options)[0];
}

/** One file's progress through fixFiles. */
class FileFixer {
	text: string;
	readonly seen: Set<string>;
	readonly applied: AppliedFix[] = [];
	readonly edits: TextEdit[][] = [];
	passes = 0;
	/** The workspace generation `current` was linted against. */
	lintedAt = 0;

	constructor(public current: LintResult) {
		this.text = current.analysis.parsed.text;
		this.seen = new Set([this.text]);
	}

	/** Apply one pass of fixes; false when there is nothing (new) to apply. */
	pass(pass: number, options: FixPassOptions): boolean {
		const { edits, applied: fixed } = fixPass(this.current.analysis, this.current.findings, options);
		if (edits.length === 0) return false;
		const next = applyEdits(this.text, edits);
		// A text seen before means two fixes undo each other; stop rather than loop.
		if (this.seen.has(next)) return false;
		this.seen.add(next);
		const lines = new LineIndex(this.text);
		for (const f of fixed) {
			this.applied.push({ ruleId: f.ruleId, message: f.message, objectKey: f.objectKey!, title: f.fix!.title, line: lines.position(f.range.start).line + 1, pass, safety: f.fix!.safety ?? 'unsafe' });
		}
		this.edits.push(edits);
		this.text = next;
		this.passes = pass;
		return true;
	}

	result(): FixAllResult {
		return { text: this.text, applied: this.applied, passes: this.passes, edits: this.edits };
	}
}

/**
 * Fix-all over the files of one workspace until nothing changes, at most `maxPasses` passes over all of
 * them. `relint(index, text)` lints file `index` with `text` against the workspace as it is now (and
 * records the file's new objects in it); a file is re-linted whenever another file changed since its
 * last lint, so a cross-resource fix that an earlier fix enabled is applied in the same run.
 */
export function fixFiles(initial: readonly LintResult[], relint: (index: number, text: string) => LintResult, options: FixAllOptions = {}): FixAllResult[] {
	const maxPasses = options.maxPasses ?? MAX_FIX_PASSES;
	const files = initial.map((result) => new FileFixer(result));
	let generation = 0;
	for (let pass = 1; pass <= maxPasses; pass++) {
		let changed = false;
		files.forEach((file, index) => {
			if (file.lintedAt !== generation) {
				file.current = relint(index, file.text);
				file.lintedAt = generation;
			}
			if (!file.pass(pass, options)) return;
			changed = true;
			generation++;
			file.current = relint(index, file.text);
			file.lintedAt = generation;
		});
		if (!changed) break;
	}
	return files.map((file) => file.result());
}
