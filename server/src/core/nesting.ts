// Nesting limit. The `yaml` composer recurses once per nested collection and overflows the stack a
// few hundred levels down (`[[[[...`, `- - - -...`); near that limit V8 may even abort the process
// instead of throwing. The parser that builds the concrete syntax tree does not recurse, so the
// depth is measured there, iteratively, and a document nested deeper than any manifest is never
// composed. The parser's stack of open nodes gives the depth while parsing, so a hostile file is
// abandoned after its first few hundred levels instead of being parsed to the end.
import { CST, Lexer, Parser } from 'yaml';

/** Deeper than any Kubernetes manifest (CRD schemas reach a few dozen), far below the composer's limit. */
export const MAX_NESTING_DEPTH = 200;

/** One nesting step of a syntax tree: the child tokens of a collection item. */
function itemChildren(item: { key?: CST.Token | null; value?: CST.Token }): CST.Token[] {
	const out: CST.Token[] = [];
	if (item.key) out.push(item.key);
	if (item.value) out.push(item.value);
	return out;
}

/** Offset of the first collection nested deeper than `limit` in a concrete syntax tree, or -1. */
export function tooDeepOffset(root: CST.Token, limit = MAX_NESTING_DEPTH): number {
	const stack: { token: CST.Token; depth: number }[] = [{ token: root, depth: 0 }];
	while (stack.length) {
		const { token, depth } = stack.pop()!;
		switch (token.type) {
			case 'document':
				if (token.value) stack.push({ token: token.value, depth });
				break;
			case 'block-map':
			case 'block-seq':
			case 'flow-collection': {
				if (depth + 1 > limit) return token.offset;
				for (const item of token.items) for (const child of itemChildren(item)) stack.push({ token: child, depth: depth + 1 });
				break;
			}
			default:
				break;
		}
	}
	return -1;
}

/** Open nodes besides collections that the parser's stack may hold: the document and a scalar. */
const STACK_SLACK = 2;

/**
 * The concrete syntax tree of `text` (what parseAllDocuments composes), or the offset where it nests
 * deeper than `limit`. Same steps as Parser.parse, one lexeme at a time so that depth is checked.
 */
export function parseCst(text: string, limit = MAX_NESTING_DEPTH): { tokens: CST.Token[]; tooDeepAt: number } {
	const parser = new Parser();
	const tokens: CST.Token[] = [];
	let deepest = 0;
	for (const lexeme of new Lexer().lex(text)) {
		for (const token of parser.next(lexeme)) tokens.push(token);
		// Every node on the stack encloses the next one; beyond the slack they are collections.
		if (parser.stack.length > deepest) {
			deepest = parser.stack.length;
			if (deepest > limit + STACK_SLACK) return { tokens: [], tooDeepAt: parser.offset };
		}
	}
	for (const token of parser.end()) tokens.push(token);
	// A collection nested n deep had n open nodes above it on the stack: only a stack that came within
	// the slack of the limit can hide one too deep, and only then is the tree walked to find it.
	if (deepest > limit) {
		for (const token of tokens) {
			const deep = tooDeepOffset(token, limit);
			if (deep >= 0) return { tokens: [], tooDeepAt: deep };
		}
	}
	return { tokens, tooDeepAt: -1 };
}

/** The message of the finding for such a document. */
export function tooDeepMessage(limit = MAX_NESTING_DEPTH): string {
	return `Document not linted: it nests collections more than ${limit} levels deep (Kubernetes manifests nest far less).`;
}
