// Applying LSP text edits to a text as the editor does, for protocol tests of code actions.
import type { Position, TextEdit } from 'vscode-languageserver-protocol';

export function offsetOf(text: string, position: Position): number {
	let offset = 0;
	for (let line = 0; line < position.line; line++) offset = text.indexOf('\n', offset) + 1;
	return offset + position.character;
}

/** `text` with `edits` applied; inserts at one position land in the order given (LSP), so the text is built front to back. */
export function applyLspEdits(text: string, edits: readonly TextEdit[]): string {
	const spans = edits.map((e) => ({ start: offsetOf(text, e.range.start), end: offsetOf(text, e.range.end), newText: e.newText }));
	let out = '';
	let pos = 0;
	for (const e of spans.sort((a, b) => a.start - b.start)) {
		out += text.slice(pos, e.start) + e.newText;
		pos = e.end;
	}
	return out + text.slice(pos);
}
