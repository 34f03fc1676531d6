// YAML as Kubernetes reads it. kubectl and the API server decode manifests with go-yaml, which accepts a
// multi-line quoted scalar whose continuation lines are not indented past its key:
//
//     annotations:
//       example.com/config: '[
//         {"name": "a"}
//       ]'                      <- at the key's indentation: go-yaml reads on, the `yaml` parser stops
//
// Such a document is applied as written, so it must still be linted. The repair re-indents those
// continuation lines in a private copy of the text (a quoted scalar folds away the leading white space of
// its continuation lines, so the value is unchanged), parses the copy, and maps every node's range back
// to the text as written. The user's text is never changed; the linter reports the tolerance as a warning.
// The repair is written here because no YAML library offers go-yaml's leniency.
import { CST, Document, Parser, visit } from 'yaml';

/** Spaces inserted before the character at `at` of the original text. */
export interface Insertion {
	at: number;
	count: number;
}

export interface QuoteRepair {
	/** The text with continuation lines re-indented. */
	text: string;
	/** Sorted by `at`, at most one per line start. */
	insertions: Insertion[];
	/** Original range of the first continuation line that was not indented enough (for the warning). */
	first: { start: number; end: number };
}

/** Rounds of "find the first broken quoted scalar, re-indent it, lex again": bounds the work on hostile text. */
const MAX_ROUNDS = 16;

type QuotedToken = CST.FlowScalar & { type: 'single-quoted-scalar' | 'double-quoted-scalar' };

/** Offset just past the closing quote of the quoted scalar opening at `open`, or -1 when it never closes. */
function closingQuoteEnd(text: string, open: number): number {
	const quote = text[open];
	for (let i = open + 1; i < text.length; i++) {
		const ch = text[i];
		if (quote === '"' && ch === '\\') i++;
		else if (ch === quote) {
			if (quote === "'" && text[i + 1] === "'") i++;
			else return i + 1;
		}
	}
	return -1;
}

/** The first quoted scalar (by offset) whose source does not reach its closing quote, and how many there are. */
function unterminatedQuotes(tokens: CST.Token[]): { first: QuotedToken | undefined; count: number } {
	let first: QuotedToken | undefined;
	let count = 0;
	const stack: unknown[] = [...tokens];
	while (stack.length) {
		const token = stack.pop();
		if (!token || typeof token !== 'object') continue;
		if (Array.isArray(token)) {
			// one push per item: spreading a list of a hundred thousand tokens overflows the call stack
			for (const item of token) stack.push(item);
			continue;
		}
		const t = token as CST.Token;
		if ((t.type === 'single-quoted-scalar' || t.type === 'double-quoted-scalar') && closingQuoteEnd(t.source, 0) !== t.source.length) {
			count++;
			if (!first || t.offset < first.offset) first = t as QuotedToken;
			continue;
		}
		// collections, documents and their items: every object-valued field may hold tokens
		for (const value of Object.values(t)) if (value && typeof value === 'object') stack.push(value);
	}
	return { first, count };
}

/**
 * Maps an offset of the repaired text to the original text (inside inserted spaces: the place they were
 * inserted). Binary search, so mapping every node of a document stays linear in practice.
 */
export function originalOffsets(insertions: readonly Insertion[]): (offset: number) => number {
	// where each insertion starts in the repaired text, and the spaces inserted up to and including it
	const starts: number[] = [];
	const shifts: number[] = [];
	let shift = 0;
	for (const { at, count } of insertions) {
		starts.push(at + shift);
		shift += count;
		shifts.push(shift);
	}
	return (offset) => {
		let lo = 0;
		let hi = starts.length - 1;
		let found = -1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			if (starts[mid] <= offset) [found, lo] = [mid, mid + 1];
			else hi = mid - 1;
		}
		if (found < 0) return offset;
		if (offset < starts[found] + insertions[found].count) return insertions[found].at;
		return offset - shifts[found];
	};
}

function applyInsertions(text: string, insertions: readonly Insertion[]): string {
	let out = '';
	let last = 0;
	for (const { at, count } of insertions) {
		out += text.slice(last, at) + ' '.repeat(count);
		last = at;
	}
	return out + text.slice(last);
}

function lexTokens(text: string): CST.Token[] {
	return Array.from(new Parser().parse(text));
}

/**
 * Re-indent the continuation lines of multi-line quoted scalars that stop short of their key's
 * indentation, or null when the text has no such scalar (or one that never closes: a half-typed value).
 * `tokens` is the syntax tree of `text`, which the caller already has.
 */
export function repairQuotedContinuations(text: string, tokens: CST.Token[]): QuoteRepair | null {
	const insertions: Insertion[] = [];
	const padded = new Set<number>();
	let first: QuoteRepair['first'] | null = null;
	let repaired = text;
	let { first: token, count } = unterminatedQuotes(tokens);
	// A broken scalar leaves at most its own token and one for the quote that closes it: with more than
	// the rounds can repair, this is not the tolerated case (and each round would lex the text again).
	if (count > 2 * MAX_ROUNDS) return null;
	let repairedUpTo = -1;
	for (let round = 0; round < MAX_ROUNDS && token; round++) {
		const open = originalOffsets(insertions)(token.offset);
		// each round must move past the scalar the previous one repaired, or the text is not what go-yaml tolerates
		if (open < repairedUpTo) return null;
		const close = closingQuoteEnd(text, open);
		if (close < 0) return null;
		repairedUpTo = close;
		// The lexer wants continuation lines indented past the block the scalar sits in.
		const wanted = token.indent + 1;
		let added = false;
		for (let lineStart = text.indexOf('\n', open) + 1; lineStart > 0 && lineStart < close; lineStart = text.indexOf('\n', lineStart) + 1) {
			let spaces = 0;
			while (text[lineStart + spaces] === ' ') spaces++;
			const ch = text[lineStart + spaces];
			if (spaces >= wanted || ch === '\n' || ch === '\r' || ch === undefined) continue;
			if (padded.has(lineStart)) continue;
			padded.add(lineStart);
			insertions.push({ at: lineStart, count: wanted - spaces });
			added = true;
			if (!first) {
				const lineEnd = text.indexOf('\n', lineStart);
				const end = (lineEnd < 0 ? text.length : lineEnd) - (text[lineEnd - 1] === '\r' ? 1 : 0);
				first = { start: lineStart + spaces, end: Math.max(end, lineStart + spaces + 1) };
			}
		}
		if (!added) return null;
		insertions.sort((a, b) => a.at - b.at);
		repaired = applyInsertions(text, insertions);
		({ first: token } = unterminatedQuotes(lexTokens(repaired)));
	}
	if (!first || token) return null;
	return { text: repaired, insertions, first };
}

/** Move every range of a document parsed from the repaired text back onto the text as written. */
export function mapDocumentRanges(doc: Document.Parsed, insertions: readonly Insertion[]): void {
	const originalOffset = originalOffsets(insertions);
	const map = (range: [number, number, number] | undefined | null) => {
		if (!range) return;
		for (let i = 0; i < range.length; i++) range[i] = originalOffset(range[i]);
	};
	map(doc.range);
	visit(doc, {
		Node(_key, node) {
			map(node.range);
		},
	});
	for (const problem of [...doc.errors, ...doc.warnings]) {
		problem.pos[0] = originalOffset(problem.pos[0]);
		problem.pos[1] = originalOffset(problem.pos[1]);
	}
}
