// The layout a file is written in, so inserted text looks as if the author typed it: the indent unit of
// nested maps, where a block sequence's dash sits relative to its key (indented or flush), and the line
// ending. Read from the parsed nodes of the document being edited, falling back to the rest of the file.
import { Document, isMap, isPair, isSeq, Node, visit } from 'yaml';

export interface FileStyle {
	/** Columns a nested map is indented by under its key. */
	indent: number;
	/** Columns between a key and the `-` of its block sequence value: 0 when flush, usually `indent` otherwise. */
	seqOffset: number;
	eol: '\n' | '\r\n';
}

export interface StyleSource {
	/** The text the documents' node offsets refer to. */
	text: string;
	docs: readonly Document.Parsed[];
}

export function columnOf(text: string, offset: number): number {
	return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

export function detectEol(text: string): '\n' | '\r\n' {
	const nl = text.indexOf('\n');
	return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
}

interface Votes {
	indent: Map<number, number>;
	seqOffset: Map<number, number>;
}

function vote(map: Map<number, number>, value: number): void {
	map.set(value, (map.get(value) ?? 0) + 1);
}

function mostCommon(map: Map<number, number>): number | undefined {
	let best: number | undefined;
	let bestCount = 0;
	for (const [value, count] of map) {
		if (count > bestCount || (count === bestCount && best !== undefined && value < best)) {
			best = value;
			bestCount = count;
		}
	}
	return best;
}

/** One vote per key whose value is a non-empty block collection: how far its content sits from the key. */
function collectVotes(source: StyleSource, votes: Votes): void {
	for (const doc of source.docs) {
		visit(doc, {
			Pair(_, pair) {
				const key = pair.key as Node | null;
				const value = pair.value as Node | null;
				if (!key?.range || !value?.range || !(isMap(value) || isSeq(value)) || value.flow || value.items.length === 0) return;
				const keyColumn = columnOf(source.text, key.range[0]);
				if (isSeq(value)) {
					// A dash left of its key only happens in broken documents (the fallback reads those too).
					const delta = columnOf(source.text, value.range[0]) - keyColumn;
					if (delta >= 0) vote(votes.seqOffset, delta);
				} else {
					const first = value.items[0];
					const firstKey = isPair(first) ? (first.key as Node | null) : null;
					if (!firstKey?.range) return;
					const delta = columnOf(source.text, firstKey.range[0]) - keyColumn;
					if (delta > 0) vote(votes.indent, delta);
				}
			},
		});
	}
}

/**
 * The style of `primary` (the document being edited); what it does not show (a document without any
 * sequence, say) comes from `fallback` (the whole file), then from the common Kubernetes layout.
 */
export function detectStyle(primary: StyleSource, fallback: readonly StyleSource[] = []): FileStyle {
	const votes: Votes = { indent: new Map(), seqOffset: new Map() };
	collectVotes(primary, votes);
	let indent = mostCommon(votes.indent);
	let seqOffset = mostCommon(votes.seqOffset);
	if (indent === undefined || seqOffset === undefined) {
		const more: Votes = { indent: new Map(), seqOffset: new Map() };
		for (const source of fallback) collectVotes(source, more);
		indent ??= mostCommon(more.indent);
		seqOffset ??= mostCommon(more.seqOffset);
	}
	indent ??= 2;
	const texts = [primary, ...fallback].map((s) => s.text);
	const eolSource = texts.find((t) => t.includes('\n')) ?? '';
	return { indent, seqOffset: seqOffset ?? indent, eol: detectEol(eolSource) };
}
