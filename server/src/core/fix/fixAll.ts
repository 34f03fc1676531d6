// Fix-all: every safe fix of a file at once, as `bosun lint --fix` and `source.fixAll.bosun` apply them.
// Safe means in place (companion documents are offered one by one, never applied in bulk) and verified.
// One pass edits the original text only: the fixes of one object are merged into one plan (two fixes
// creating the same `securityContext` then insert it once), a fix that cannot join is left for the next
// pass, and fixes of different objects never overlap. Passes repeat on the re-linted text until nothing
// changes, so running fix-all again changes nothing.
import type { Segment } from '../document';
import type { K8sObject } from '../k8s';
import { LineIndex } from '../lines';
import type { FileAnalysis } from '../linter';
import type { Finding, FixOp } from '../types';
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
}

export interface FixPassResult {
	/** Edits against the analysed text, sorted and non-overlapping. */
	edits: TextEdit[];
	applied: Finding[];
}

export interface FixAllOptions {
	/** Only fixes of findings this accepts (a rule id for "fix all X problems", a minimum severity). */
	filter?: (finding: Finding) => boolean;
	maxPasses?: number;
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
export function fixPass(analysis: FileAnalysis, findings: readonly Finding[], filter?: (finding: Finding) => boolean): FixPassResult {
	const byObject = new Map<string, Finding[]>();
	for (const f of findings) {
		if (!f.fix || isCompanionPlan(f.fix) || f.objectKey === undefined || (filter && !filter(f))) continue;
		const list = byObject.get(f.objectKey) ?? [];
		list.push(f);
		byObject.set(f.objectKey, list);
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
 * Apply every safe fix, re-linting between passes (a fix can reveal or enable another), at most
 * `maxPasses` times. `relint` lints a new text of the same file the way `initial` was linted.
 */
export function fixAll(initial: LintResult, relint: (text: string) => LintResult, options: FixAllOptions = {}): FixAllResult {
	const maxPasses = options.maxPasses ?? 5;
	let current = initial;
	let text = initial.analysis.parsed.text;
	const seen = new Set([text]);
	const applied: AppliedFix[] = [];
	const passEdits: TextEdit[][] = [];
	let passes = 0;
	for (let pass = 1; pass <= maxPasses; pass++) {
		const { edits, applied: fixed } = fixPass(current.analysis, current.findings, options.filter);
		if (edits.length === 0) break;
		const next = applyEdits(text, edits);
		// A text seen before means two fixes undo each other; stop rather than loop.
		if (seen.has(next)) break;
		seen.add(next);
		const lines = new LineIndex(text);
		applied.push(...fixed.map((f) => ({ ruleId: f.ruleId, message: f.message, objectKey: f.objectKey!, title: f.fix!.title, line: lines.position(f.range.start).line + 1, pass })));
		passEdits.push(edits);
		text = next;
		passes = pass;
		current = relint(text);
	}
	return { text, applied, passes, edits: passEdits };
}
