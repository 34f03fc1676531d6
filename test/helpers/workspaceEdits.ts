// Applying LSP text edits to a text as the editor does, for protocol tests of code actions.
import type { Position, TextEdit } from 'vscode-languageserver-protocol';

export function offsetOf(text: string, position: Position): number {
	let offset = 0;
	for (let line = 0; line < position.line; line++) offset = text.indexOf('\n', offset) + 1;
	return offset + position.character;
}

/** An LSP 3.18 snippet edit (not in the 3.17 types the tests build on). */
export interface SnippetTextEdit {
	range: TextEdit['range'];
	snippet: { kind: 'snippet'; value: string };
}

/**
 * What a snippet inserts when each placeholder keeps its default text (`${1:128Mi}` -> `128Mi`), with
 * its escapes (`\$`, `\}`, `\\`) resolved; also the placeholders' texts, in tab-stop order.
 */
export function snippetText(snippet: string): { text: string; placeholders: string[] } {
	let text = '';
	const placeholders: string[] = [];
	let inPlaceholder: string | null = null;
	for (let i = 0; i < snippet.length; i++) {
		const c = snippet[i];
		if (c === '\\' && i + 1 < snippet.length) {
			const escaped = snippet[++i];
			if (inPlaceholder !== null) inPlaceholder += escaped;
			text += escaped;
			continue;
		}
		const stop = /^\$\{(\d+):/.exec(snippet.slice(i));
		if (stop && inPlaceholder === null) {
			inPlaceholder = '';
			i += stop[0].length - 1;
			continue;
		}
		if (c === '}' && inPlaceholder !== null) {
			placeholders.push(inPlaceholder);
			inPlaceholder = null;
			continue;
		}
		if (c === '$') throw new Error(`unescaped $ in snippet: ${snippet}`);
		if (inPlaceholder !== null) inPlaceholder += c;
		text += c;
	}
	if (inPlaceholder !== null) throw new Error(`unterminated placeholder in snippet: ${snippet}`);
	return { text, placeholders };
}

/** `text` with `edits` applied; inserts at one position land in the order given (LSP), so the text is built front to back. Snippet edits insert their default text. */
export function applyLspEdits(text: string, edits: readonly (TextEdit | SnippetTextEdit)[]): string {
	const spans = edits.map((e) => ({ start: offsetOf(text, e.range.start), end: offsetOf(text, e.range.end), newText: 'snippet' in e ? snippetText(e.snippet.value).text : e.newText }));
	let out = '';
	let pos = 0;
	for (const e of spans.sort((a, b) => a.start - b.start)) {
		out += text.slice(pos, e.start) + e.newText;
		pos = e.end;
	}
	return out + text.slice(pos);
}
