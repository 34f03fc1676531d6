// Where a fix's user-chosen values (FixPlan.placeholders: a quantity, a probe path or port, a replica
// count) sit in its rendered edits, so the editor can insert them as snippet placeholders to type over.
// The plan is rendered a second time with a unique marker in place of each such value; the markers'
// positions, with the real values put back, must give exactly the verified edits, else no placeholders
// are reported (the fix is then inserted as plain text, which is always correct).
import type { FileAnalysis } from '../linter';
import type { K8sObject } from '../k8s';
import { isPlainObject } from '../k8s';
import type { FixOp, FixPlan, Path } from '../types';
import { shiftEdits, sortEdits, TextEdit } from './edits';
import { scalarText } from './render';
import { renderOps } from './render-plan';
import { styleFor } from './planEdits';

/** A placeholder inside an edit's new text: [start, end) offsets into `newText`. */
export interface PlaceholderRange {
	start: number;
	end: number;
}

export interface PlaceholderEdit extends TextEdit {
	placeholders: PlaceholderRange[];
}

const MARKER = 'bosunplaceholder';

function startsWith(path: Path, prefix: Path): boolean {
	return prefix.length <= path.length && prefix.every((step, i) => step === path[i]);
}

/** `value` with `replacement` at `rest` (a copy; undefined when `rest` does not lead to a scalar in it). */
function replaceAt(value: unknown, rest: Path, replacement: string): unknown {
	if (rest.length === 0) return isPlainObject(value) || Array.isArray(value) ? undefined : replacement;
	const [step, ...tail] = rest;
	if (!isPlainObject(value) || typeof step !== 'string' || !(step in value)) return undefined;
	const inner = replaceAt(value[step], tail, replacement);
	return inner === undefined ? undefined : { ...value, [step]: inner };
}

/** The plan's ops with marker `i` in place of placeholder `i`, and each placeholder's real value; null when one is not a scalar the plan sets. */
function markedOps(plan: FixPlan): { ops: FixOp[]; values: unknown[] } | null {
	const ops = plan.ops.map((op) => ({ ...op }));
	const values: unknown[] = [];
	for (const [i, path] of (plan.placeholders ?? []).entries()) {
		const index = ops.findIndex((op) => op.op === 'set' && startsWith(path, op.path));
		if (index < 0) return null;
		const op = ops[index] as Extract<FixOp, { op: 'set' }>;
		const rest = path.slice(op.path.length);
		let real: unknown = op.value;
		for (const step of rest) real = isPlainObject(real) && typeof step === 'string' ? real[step] : undefined;
		const value = replaceAt(op.value, rest, `${MARKER}${i}`);
		if (value === undefined || real === undefined) return null;
		ops[index] = { ...op, value };
		values.push(real);
	}
	return { ops, values };
}

/**
 * The verified `edits` of `plan` on `object`, each with the ranges of the plan's placeholders in its
 * new text; null when the plan has none or they cannot be located exactly.
 */
export function placeholderEdits(analysis: FileAnalysis, object: K8sObject, plan: FixPlan, edits: readonly TextEdit[]): PlaceholderEdit[] | null {
	if (!plan.placeholders?.length) return null;
	const marked = markedOps(plan);
	if (!marked) return null;
	const rendered = renderOps({ text: object.segment.text, doc: object.doc, rootPath: object.rootPath }, marked.ops, styleFor(object, analysis));
	if ('error' in rendered) return null;
	const markedEdits = sortEdits(shiftEdits(rendered.edits, object.segment.offset));
	if (markedEdits.length !== edits.length) return null;
	const found = new Set<number>();
	const result: PlaceholderEdit[] = [];
	for (const [e, markedEdit] of markedEdits.entries()) {
		const edit = edits[e];
		if (markedEdit.start !== edit.start || markedEdit.end !== edit.end) return null;
		// Put the real values back, noting where each lands.
		let text = '';
		const placeholders: PlaceholderRange[] = [];
		let last = 0;
		for (const match of markedEdit.newText.matchAll(new RegExp(`${MARKER}(\\d+)`, 'g'))) {
			const i = Number(match[1]);
			const real = scalarText(marked.values[i]);
			text += markedEdit.newText.slice(last, match.index);
			placeholders.push({ start: text.length, end: text.length + real.length });
			text += real;
			last = match.index! + match[0].length;
			found.add(i);
		}
		text += markedEdit.newText.slice(last);
		if (text !== edit.newText) return null;
		result.push({ ...edit, placeholders });
	}
	return found.size === marked.values.length ? result : null;
}
