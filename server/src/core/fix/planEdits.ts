// From a finding's fix plan to verified text edits of the file: render the plan in the file's style,
// shift the edits to file offsets, and verify them. This is what the CLI, the code actions and fix-all
// call; a null answer means "offer no fix".
import type { FileAnalysis } from '../linter';
import type { K8sObject } from '../k8s';
import type { Finding, FixOp, FixPlan, FixSafety } from '../types';
import { shiftEdits, sortEdits, TextEdit } from './edits';
import { renderOps } from './render-plan';
import { detectStyle, FileStyle } from './style';
import { verifyEdits } from './verify';

/** The style of the object's document, with the rest of the file as a fallback. */
export function styleFor(object: K8sObject, analysis?: FileAnalysis): FileStyle {
	const others = analysis ? analysis.parsed.segments.filter((s) => s !== object.segment).map((s) => ({ text: s.text, docs: s.docs })) : [];
	return detectStyle({ text: object.segment.text, docs: [object.doc] }, others);
}

/**
 * Why a rendered fix is refused after the fact: the renderer made edits that do not re-parse to the
 * plan's result. The renderer refuses cases it cannot do with a reason of its own, so this one means a
 * renderer bug (the property test treats it as one); verification still keeps the file safe.
 */
export const UNVERIFIED = 'the edited document does not verify';

/** Edits (file offsets) for `ops` on `object`, or why there are none: unrenderable, nothing to do, or unverified. */
export function explainOps(analysis: FileAnalysis | undefined, object: K8sObject, ops: readonly FixOp[]): { edits: TextEdit[] } | { error: string } {
	const rendered = renderOps({ text: object.segment.text, doc: object.doc, rootPath: object.rootPath }, ops, styleFor(object, analysis));
	if ('error' in rendered) return rendered;
	if (rendered.edits.length === 0) return { error: 'the plan changes nothing' };
	const edits = sortEdits(shiftEdits(rendered.edits, object.segment.offset));
	return verifyEdits(object, ops, edits) ? { edits } : { error: UNVERIFIED };
}

/** Verified edits for a fix plan on an object, or null when the fix must not be offered. */
export function planToEdits(analysis: FileAnalysis | undefined, object: K8sObject, plan: FixPlan): TextEdit[] | null {
	const result = explainOps(analysis, object, plan.ops);
	return 'edits' in result ? result.edits : null;
}

/** Companion plans add documents ("G" fixes): offered as code actions, never applied by --fix or fix-all. */
export function isCompanionPlan(plan: FixPlan): boolean {
	return plan.ops.some((op) => op.op === 'appendDocument');
}

export function objectOfFinding(analysis: FileAnalysis, finding: Finding): K8sObject | undefined {
	return finding.objectKey === undefined ? undefined : analysis.objects.find((o) => o.key === finding.objectKey);
}

/** Verified edits for a finding's fix (in place or companion), or null. */
export function findingFixEdits(analysis: FileAnalysis, finding: Finding): TextEdit[] | null {
	if (finding.fix?.sourceEdits) return [...finding.fix.sourceEdits];
	const object = finding.fix && objectOfFinding(analysis, finding);
	return object ? planToEdits(analysis, object, finding.fix!) : null;
}

/** What `fixable` means in the CLI output and what --fix applies: an in-place fix that verifies. */
export function isFixableInPlace(analysis: FileAnalysis, finding: Finding): boolean {
	return finding.fix !== undefined && !isCompanionPlan(finding.fix) && findingFixEdits(analysis, finding) !== null;
}

/** The JSON `fix` field: the safety of the in-place fix that `fixable` counts, or null without one. */
export function inPlaceFixSafety(analysis: FileAnalysis, finding: Finding): FixSafety | null {
	return isFixableInPlace(analysis, finding) ? (finding.fix!.safety ?? 'unsafe') : null;
}
