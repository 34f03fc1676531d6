// Offset ↔ line/character conversion at the edges (LSP positions, CLI output). Characters are UTF-16
// code units, as in JavaScript strings and the LSP default position encoding.
import { changedSpan } from './textChange';

export interface Position {
	/** 0-based line. */
	line: number;
	/** 0-based UTF-16 column. */
	character: number;
}

export class LineIndex {
	/** Offset of each line's first character; typed, so that an update copies the unchanged runs at once. */
	private readonly starts: Uint32Array;

	/**
	 * With `previous`, the index of an earlier version of the text (the same file before an edit), only the
	 * lines between the first and the last changed character are scanned: a keystroke in a 100k-line file
	 * would otherwise scan every line again.
	 */
	constructor(
		readonly text: string,
		previous?: LineIndex,
	) {
		this.starts = previous ? updatedStarts(previous.text, previous.starts, text) : Uint32Array.from(lineStartsIn(text, 1, text.length, [0]));
	}

	get lineCount(): number {
		return this.starts.length;
	}

	position(offset: number): Position {
		return this.search(offset, 0, this.starts.length - 1);
	}

	/**
	 * The position of `offset`, searched from `fromLine` on, a line at or before the offset's: offsets in
	 * file order, such as sorted findings, each find theirs close to the last one's (the search gallops
	 * forward from there, then halves).
	 */
	positionAfter(offset: number, fromLine: number): Position {
		let lo = Math.max(0, Math.min(fromLine, this.starts.length - 1));
		let hi = this.starts.length - 1;
		for (let step = 1; lo + step <= hi; step *= 2) {
			if (this.starts[lo + step] > offset) {
				hi = lo + step - 1;
				break;
			}
			lo += step;
		}
		return this.search(offset, lo, hi);
	}

	/** The position of `offset`, whose line is known to be in [lo, hi]. */
	private search(offset: number, lo: number, hi: number): Position {
		const o = Math.max(0, Math.min(offset, this.text.length));
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.starts[mid] <= o) lo = mid;
			else hi = mid - 1;
		}
		// Between the CR and the LF of a line break is, for the LSP, the end of the line.
		const insideCrLf = o > this.starts[lo] && this.text.charCodeAt(o - 1) === 13 && this.text.charCodeAt(o) === 10;
		return { line: lo, character: o - this.starts[lo] - (insideCrLf ? 1 : 0) };
	}

	offset(position: Position): number {
		const line = Math.max(0, Math.min(position.line, this.starts.length - 1));
		const lineEnd = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
		return Math.min(this.starts[line] + Math.max(0, position.character), lineEnd);
	}
}

/**
 * Appends to `out` the offsets x in [from, to] where a line starts, in increasing order: after a LF, and
 * after a lone CR (YAML reads it as text and reports an error, but the LSP and editors end a line there).
 * `from` is at least 1.
 */
function lineStartsIn(text: string, from: number, to: number, out: number[]): number[] {
	const loneCrs: number[] = [];
	// searched in a slice (a view, not a copy): a search of the whole text would run to its end
	if (text.slice(from - 1, to).includes('\r')) {
		for (let i = text.indexOf('\r', from - 1); i >= 0 && i < to; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) loneCrs.push(i + 1);
	}
	if (!loneCrs.length) {
		for (let i = text.indexOf('\n', from - 1); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) out.push(i + 1);
		return out;
	}
	const starts = loneCrs;
	for (let i = text.indexOf('\n', from - 1); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
	starts.sort((a, b) => a - b);
	for (const start of starts) out.push(start);
	return out;
}

/**
 * The line starts of `text` from those of an earlier version, `before`. Whether a line starts at x
 * depends on the characters at x - 1 and x only: starts inside the common prefix of the two texts stay,
 * starts inside the common suffix move by the change in length, and only the stretch between is scanned.
 */
function updatedStarts(before: string, starts: Uint32Array, text: string): Uint32Array {
	const span = changedSpan(before, text);
	const prefix = span.start;
	const suffix = text.length - span.afterEnd;
	const kept = firstAbove(starts, prefix - 1);
	const moved = firstAbove(starts, before.length - suffix);
	const scanned = lineStartsIn(text, Math.max(prefix, 1), text.length - suffix, []);
	const out = new Uint32Array(kept + scanned.length + starts.length - moved);
	out.set(starts.subarray(0, kept));
	out.set(scanned, kept);
	const delta = text.length - before.length;
	for (let i = moved, j = kept + scanned.length; i < starts.length; i++, j++) out[j] = starts[i] + delta;
	return out;
}

/** Index of the first start greater than `offset` (starts[0] = 0 is never skipped: `offset` may be -1). */
function firstAbove(starts: Uint32Array, offset: number): number {
	let lo = 0;
	let hi = starts.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (starts[mid] <= offset) lo = mid + 1;
		else hi = mid;
	}
	return Math.max(lo, 1);
}
