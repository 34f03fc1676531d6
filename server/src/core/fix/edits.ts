// Text edits as the fix engine produces them: offset-based replacements of the original text. Applying
// them, telling whether two sets overlap, and combining the edits of several fixes into one set (drop a
// fix that overlaps an accepted one, keep inserts at the same offset in order).

/** Replace the half-open range [start, end) of the original text with `newText` (start = end inserts). */
export interface TextEdit {
	start: number;
	end: number;
	newText: string;
}

/** Edits in application order: by start, inserts before a replacement that starts at the same offset, otherwise as given. */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
	return edits
		.map((edit, index) => ({ edit, index }))
		.sort((a, b) => a.edit.start - b.edit.start || Number(a.edit.end > a.edit.start) - Number(b.edit.end > b.edit.start) || a.index - b.index)
		.map((e) => e.edit);
}

/** Whether any two edits touch the same characters (two inserts at one offset do not: they concatenate). */
export function editsOverlap(edits: readonly TextEdit[]): boolean {
	const sorted = sortEdits(edits);
	for (let i = 1; i < sorted.length; i++) {
		const prev = sorted[i - 1];
		const next = sorted[i];
		// Inserts sort before a replacement at the same offset, so an insert at a replaced range's start
		// or end passes and one strictly inside it does not.
		if (next.start < prev.end) return true;
	}
	return false;
}

/** Apply non-overlapping edits to `text`; throws on overlap, which is a bug in the caller. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
	if (editsOverlap(edits)) throw new Error('overlapping text edits');
	let out = '';
	let pos = 0;
	for (const edit of sortEdits(edits)) {
		if (edit.start < pos || edit.end > text.length || edit.start > edit.end) throw new Error(`text edit out of range: ${edit.start}-${edit.end}`);
		out += text.slice(pos, edit.start) + edit.newText;
		pos = edit.end;
	}
	return out + text.slice(pos);
}

/** Edits shifted by `delta` (file offsets ↔ offsets inside a document segment). */
export function shiftEdits(edits: readonly TextEdit[], delta: number): TextEdit[] {
	return edits.map((e) => ({ start: e.start + delta, end: e.end + delta, newText: e.newText }));
}

/**
 * Combine the edit sets of several fixes made against the same text: a fix whose edits overlap an
 * already accepted fix is left out whole (half a fix is a broken fix); inserts at the same offset are
 * kept in the order the fixes were given.
 */
export function combineFixEdits<T>(fixes: readonly { edits: readonly TextEdit[]; item: T }[]): { edits: TextEdit[]; accepted: T[]; skipped: T[] } {
	const edits: TextEdit[] = [];
	const accepted: T[] = [];
	const skipped: T[] = [];
	for (const fix of fixes) {
		if (editsOverlap([...edits, ...fix.edits])) {
			skipped.push(fix.item);
			continue;
		}
		edits.push(...fix.edits);
		accepted.push(fix.item);
	}
	return { edits: sortEdits(edits), accepted, skipped };
}

/** The smallest single edit that turns `before` into `after` (common prefix and suffix kept). */
export function spanEdit(before: string, after: string): TextEdit | null {
	if (before === after) return null;
	let start = 0;
	const max = Math.min(before.length, after.length);
	while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
	let end = 0;
	while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
	return { start, end: before.length - end, newText: after.slice(start, after.length - end) };
}
