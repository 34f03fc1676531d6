// Where a text's comments are, read from yaml's lexer so a `#` inside a quoted or block scalar is not
// mistaken for one. The fix engine refuses to replace text holding a comment; tests check none is lost.
import { CST, Lexer } from 'yaml';

export interface Comment {
	start: number;
	end: number;
	text: string;
}

/** Control tokens the lexer emits to mark structure; they have no characters in the source. */
const ZERO_WIDTH = new Set(['\x02', '\x18', '\x1f']);

export function commentsOf(text: string): Comment[] {
	const out: Comment[] = [];
	let offset = 0;
	for (const token of new Lexer().lex(text)) {
		if (ZERO_WIDTH.has(token)) continue;
		if (CST.tokenType(token) === 'comment') out.push({ start: offset, end: offset + token.length, text: token });
		offset += token.length;
	}
	return out;
}

/** Whether a comment starts inside [start, end). */
export function hasCommentIn(comments: readonly Comment[], start: number, end: number): boolean {
	return comments.some((c) => c.start >= start && c.start < end);
}
