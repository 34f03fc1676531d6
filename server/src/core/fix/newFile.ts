// Companion documents written to a file of their own (`bosun.companions.placement: newFile`): the object
// rendered in the style of the workload's file, verified like every other fix by parsing it back.
import { parseFile } from '../document';
import { documentText } from './render';
import type { FileStyle } from './style';
import { deepEqual } from './values';

/** The text of a new file holding `value` alone, or null when it would not parse back to `value`. */
export function newFileText(value: Record<string, unknown>, style: FileStyle): string | null {
	const text = documentText(value, style);
	const parsed = parseFile(text);
	const docs = parsed.segments.flatMap((s) => s.docs);
	if (parsed.segments.some((s) => s.errors.length > 0) || docs.length !== 1) return null;
	return deepEqual(docs[0].toJS(), value) ? text : null;
}
