// Verification before a fix is offered: apply the edits in memory to the document's segment, re-parse,
// and require no parse errors, no new duplicate keys, and every document's data exactly what the plan
// says (the object's with the plan applied, companions after it, every other document unchanged). A
// fix that fails is not offered at all.
import { Document } from 'yaml';
import { parseFile, Segment } from '../document';
import { K8sObject, MAX_ALIAS_COUNT } from '../k8s';
import type { FixOp } from '../types';
import { applyEdits, shiftEdits, TextEdit } from './edits';
import { applyOpsToValue, deepEqual } from './values';

/** One object's share of a set of edits: the operations the edits must have carried out. */
export interface PlannedChange {
	object: K8sObject;
	ops: readonly FixOp[];
}

const UNREADABLE = Symbol('unreadable');

function valueOf(doc: Document.Parsed): unknown {
	try {
		return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
	} catch {
		return UNREADABLE;
	}
}

/** The documents' values the changes must produce from `segment`, or null when a path leads nowhere. */
function expectedValues(segment: Segment, changes: readonly PlannedChange[]): unknown[] | null {
	const expected: unknown[] = [];
	for (const doc of segment.docs) {
		let value = valueOf(doc);
		if (value === UNREADABLE) return null;
		const appended: unknown[] = [];
		for (const change of changes) {
			if (change.object.doc !== doc) continue;
			value = applyOpsToValue(value, change.object.rootPath, change.ops);
			if (value === undefined) return null;
			for (const op of change.ops) if (op.op === 'appendDocument') appended.push(op.value);
		}
		expected.push(value, ...appended);
	}
	return expected;
}

/** Whether `edits` (file offsets) carry out exactly `changes`, all of which must sit in one document segment. */
export function verifyChanges(changes: readonly PlannedChange[], edits: readonly TextEdit[]): boolean {
	try {
		return carriesOut(changes, edits);
	} catch {
		// A value too deep or cyclic to compare is not verified, so not offered.
		return false;
	}
}

function carriesOut(changes: readonly PlannedChange[], edits: readonly TextEdit[]): boolean {
	if (changes.length === 0) return false;
	const segment = changes[0].object.segment;
	if (changes.some((c) => c.object.segment !== segment)) return false;
	const local = shiftEdits(edits, -segment.offset);
	if (local.some((e) => e.start < 0 || e.end > segment.text.length)) return false;
	const text = applyEdits(segment.text, local);
	const parsed = parseFile(text);
	if (parsed.segments.some((s) => s.errors.length > 0)) return false;
	if (parsed.segments.reduce((n, s) => n + s.duplicateKeys.length, 0) > segment.duplicateKeys.length) return false;
	const expected = expectedValues(segment, changes);
	const actual = parsed.segments.flatMap((s) => s.docs);
	if (!expected || actual.length !== expected.length) return false;
	return actual.every((doc, i) => {
		const value = valueOf(doc);
		return value !== UNREADABLE && deepEqual(value, expected[i]);
	});
}

export function verifyEdits(object: K8sObject, ops: readonly FixOp[], edits: readonly TextEdit[]): boolean {
	return verifyChanges([{ object, ops }], edits);
}
