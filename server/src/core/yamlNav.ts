// Navigation over eemeli/yaml nodes as Kubernetes reads them: aliases are followed and `<<` merge keys
// are resolved, while every node keeps its own source range so diagnostics point at the text as written.
import { Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, YAMLMap } from 'yaml';
import type { Path } from './types';

type AnyDoc = Document.Parsed | Document;

/** Aliases are followed at most this deep, so a cyclic or adversarial document cannot loop. */
const MAX_ALIAS_HOPS = 32;

export function resolveNode(doc: AnyDoc, node: unknown): Node | null {
	let current = node;
	for (let hops = 0; isAlias(current) && hops < MAX_ALIAS_HOPS; hops++) {
		current = current.resolve(doc as Document) ?? null;
	}
	return isAlias(current) ? null : ((current as Node) ?? null);
}

export function isMergeKey(key: unknown): boolean {
	return isScalar(key) && (typeof key.value === 'symbol' || (key.value === '<<' && key.type === 'PLAIN'));
}

function scalarKey(key: unknown): unknown {
	return isScalar(key) ? key.value : key;
}

/**
 * The pair holding `key` in `map`: own pairs first, then pairs reached through `<<` merges in order
 * (an explicit key overrides a merged one, as the YAML merge-key spec says).
 */
export function findPair(doc: AnyDoc, map: unknown, key: string, depth = 0): Pair | undefined {
	const node = resolveNode(doc, map);
	if (!isMap(node) || depth > MAX_ALIAS_HOPS) return undefined;
	let merges: unknown[] | undefined;
	for (const item of node.items) {
		if (!isPair(item)) continue;
		if (isMergeKey(item.key)) (merges ??= []).push(item.value);
		else if (String(scalarKey(item.key)) === key) return item;
	}
	for (const merge of merges ?? []) {
		const source = resolveNode(doc, merge);
		const sources = isSeq(source) ? source.items : [source];
		for (const s of sources) {
			const found = findPair(doc, s, key, depth + 1);
			if (found) return found;
		}
	}
	return undefined;
}

/** The node at `path` below `root`, or null when any step is missing. */
export function nodeAt(doc: AnyDoc, root: unknown, path: Path): Node | null {
	let current: Node | null = resolveNode(doc, root);
	for (const step of path) {
		if (current === null) return null;
		if (typeof step === 'number') {
			if (!isSeq(current)) return null;
			current = resolveNode(doc, current.items[step]);
		} else {
			const pair = findPair(doc, current, step);
			current = pair ? resolveNode(doc, pair.value) : null;
		}
	}
	return current;
}

/** The pair whose key is the last step of `path` (a string), or undefined. */
export function pairAt(doc: AnyDoc, root: unknown, path: Path): Pair | undefined {
	if (path.length === 0) return undefined;
	const last = path[path.length - 1];
	if (typeof last !== 'string') return undefined;
	const parent = nodeAt(doc, root, path.slice(0, -1));
	return parent ? findPair(doc, parent, last) : undefined;
}

/** Source range of a node's value, without any trailing comment. */
export function nodeRange(node: Node | null | undefined): [number, number] | null {
	const r = node?.range;
	return r ? [r[0], r[1]] : null;
}

/** Source range of a pair: from the key's start to the value's end (the key alone when the value is empty). */
export function pairRange(pair: Pair | undefined): [number, number] | null {
	if (!pair) return null;
	const key = pair.key as Node | null;
	const value = pair.value as Node | null;
	const start = key?.range?.[0] ?? value?.range?.[0];
	const end = value?.range?.[1] ?? key?.range?.[1];
	if (start === undefined || end === undefined) return null;
	// An empty value (`resources:`) has a zero-width range at the line end; keep at least the key.
	return [start, Math.max(end, key?.range?.[1] ?? end)];
}

/** Source range of a pair's key only. */
export function keyRange(pair: Pair | undefined): [number, number] | null {
	const key = pair?.key as Node | null | undefined;
	return key?.range ? [key.range[0], key.range[1]] : null;
}

/** The first pair of a map (for a container without `name`). */
export function firstPair(doc: AnyDoc, map: unknown): Pair | undefined {
	const node = resolveNode(doc, map);
	if (!isMap(node)) return undefined;
	return node.items.find((i) => isPair(i)) as Pair | undefined;
}

export function isBlockMap(node: unknown): node is YAMLMap {
	return isMap(node) && !node.flow;
}
