// From a finding's fix plan to verified text edits of the file: render the plan in the file's style,
// shift the edits to file offsets, and verify them. This is what `--fix`, the code actions and fix-all
// call; a null answer means "offer no fix". The CLI's `fixable` asks only for the renderer's decision
// (see isFixableInPlace).
import type { Document } from 'yaml';
import type { ParsedFile } from '../document';
import type { FileAnalysis } from '../linter';
import type { K8sObject } from '../k8s';
import type { Finding, FixOp, FixPlan, FixSafety } from '../types';
import { shiftEdits, sortEdits, TextEdit } from './edits';
import { planRender, renderOps } from './render-plan';
import { detectStyle, FileStyle } from './style';
import { verifyEdits } from './verify';

/**
 * Styles already read, per parsed file (the fallback's source) and document: every fix of a document
 * asks for the same style, and parsed documents never change (document.ts).
 */
const stylesOfFile = new WeakMap<ParsedFile, WeakMap<Document.Parsed, FileStyle>>();
const stylesAlone = new WeakMap<Document.Parsed, FileStyle>();

/** The style of the object's document, with the rest of the file as a fallback. */
export function styleFor(object: K8sObject, analysis?: FileAnalysis): FileStyle {
	let styles = stylesAlone;
	if (analysis) {
		styles = stylesOfFile.get(analysis.parsed) ?? new WeakMap();
		stylesOfFile.set(analysis.parsed, styles);
	}
	let style = styles.get(object.doc);
	if (!style) {
		const others = analysis ? analysis.parsed.segments.filter((s) => s !== object.segment).map((s) => ({ text: s.text, docs: s.docs })) : [];
		style = detectStyle({ text: object.segment.text, docs: [object.doc] }, others);
		styles.set(object.doc, style);
	}
	return style;
}

/**
 * Why a rendered fix is refused after the fact: the renderer made edits that do not re-parse to the
 * plan's result. The renderer refuses cases it cannot do with a reason of its own, so this one means a
 * renderer bug (the property test treats it as one); verification still keeps the file safe.
 */
export const UNVERIFIED = 'the edited document does not verify';

/** Edits (file offsets) for `ops` on `object` as rendered, not yet verified, or why there are none: unrenderable or nothing to do. */
function renderedEdits(analysis: FileAnalysis | undefined, object: K8sObject, ops: readonly FixOp[]): { edits: TextEdit[] } | { error: string } {
	const rendered = renderOps({ text: object.segment.text, doc: object.doc, rootPath: object.rootPath }, ops, styleFor(object, analysis));
	if ('error' in rendered) return rendered;
	if (rendered.edits.length === 0) return { error: 'the plan changes nothing' };
	return { edits: sortEdits(shiftEdits(rendered.edits, object.segment.offset)) };
}

/** Edits (file offsets) for `ops` on `object`, or why there are none: unrenderable, nothing to do, or unverified. */
export function explainOps(analysis: FileAnalysis | undefined, object: K8sObject, ops: readonly FixOp[]): { edits: TextEdit[] } | { error: string } {
	const rendered = renderedEdits(analysis, object, ops);
	if ('error' in rendered) return rendered;
	return verifyEdits(object, ops, rendered.edits) ? rendered : { error: UNVERIFIED };
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

/** Each analysed file's objects by key, made on the first lookup: a file can have thousands of findings. */
const objectsByKey = new WeakMap<FileAnalysis, Map<string, K8sObject>>();

export function objectOfFinding(analysis: FileAnalysis, finding: Finding): K8sObject | undefined {
	if (finding.objectKey === undefined) return undefined;
	let byKey = objectsByKey.get(analysis);
	if (!byKey) {
		byKey = new Map();
		// the first object of a key wins, as a search in file order would find it
		for (const o of analysis.objects) if (!byKey.has(o.key)) byKey.set(o.key, o);
		objectsByKey.set(analysis, byKey);
	}
	return byKey.get(finding.objectKey);
}

/** Verified edits for a finding's fix (in place or companion), or null. */
export function findingFixEdits(analysis: FileAnalysis, finding: Finding): TextEdit[] | null {
	if (finding.fix?.sourceEdits) return [...finding.fix.sourceEdits];
	const object = finding.fix && objectOfFinding(analysis, finding);
	return object ? planToEdits(analysis, object, finding.fix!) : null;
}

/**
 * What `fixable` means in the CLI output: an in-place fix that `--fix` applies, i.e. one the renderer
 * takes on. Decided from the renderer's plan (render-plan.ts planRender), without writing the edits'
 * text or verifying them: verification re-parses the object's document, once per finding about as long
 * as linting the file again. The renderer refuses on its own what it cannot write, so edits that fail
 * verification are a renderer bug (test/property/fix.test.ts); test/cli/fixable.test.ts checks, finding
 * by finding over the examples, the corpus and the acceptance fixtures, that this answer is the verified
 * one and what `--fix` applies. `--fix` and the code actions still verify every edit they make.
 */
export function isFixableInPlace(analysis: FileAnalysis, finding: Finding): boolean {
	const { fix } = finding;
	if (!fix || isCompanionPlan(fix)) return false;
	if (fix.sourceEdits) return true;
	const object = objectOfFinding(analysis, finding);
	if (!object) return false;
	const planned = planRender({ text: object.segment.text, doc: object.doc, rootPath: object.rootPath }, fix.ops);
	return 'edits' in planned && planned.edits.length > 0;
}

/** The JSON `fix` field: the safety of the in-place fix that `fixable` counts, or null without one. */
export function inPlaceFixSafety(analysis: FileAnalysis, finding: Finding): FixSafety | null {
	return isFixableInPlace(analysis, finding) ? (finding.fix!.safety ?? 'unsafe') : null;
}
