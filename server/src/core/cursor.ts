// What a position in a file points at, for hovers: the Kubernetes object around it, the path of the
// key it is on (or of the key whose value it is in) relative to that object, and the text range of that
// key or value. Walks the nodes as written: an alias is a value of its own here, not the anchored node,
// so the path always names the text under the cursor.
import { isAlias, isMap, isPair, isScalar, isSeq, Node } from 'yaml';
import type { K8sObject } from './k8s';
import type { FileAnalysis } from './linter';
import type { OffsetRange, Path } from './types';
import { isMergeKey } from './yamlNav';

export interface CursorTarget {
	object: K8sObject;
	/** Path of the key the position is on, or whose value holds it; relative to the object's root. */
	path: Path;
	/** On the key itself (true), or in its scalar value (false). */
	onKey: boolean;
	/** File range of the key or the scalar value under the position. */
	range: OffsetRange;
}

/** A node's [start, valueEnd) within its segment, when it has one. */
function span(node: unknown): [number, number] | null {
	const range = (node as Node | null | undefined)?.range;
	return range ? [range[0], range[1]] : null;
}

const within = (r: [number, number] | null, offset: number): r is [number, number] => r !== null && r[0] <= offset && offset <= r[1];

/** Descend from `node` to the deepest key or scalar value holding `offset` (segment-relative). */
function descend(node: unknown, offset: number, path: Path): { path: Path; onKey: boolean; range: [number, number] } | undefined {
	if (isMap(node)) {
		for (const pair of node.items) {
			if (!isPair(pair) || isMergeKey(pair.key) || !isScalar(pair.key)) continue;
			const key = String(pair.key.value);
			const keySpan = span(pair.key);
			if (within(keySpan, offset)) return { path: [...path, key], onKey: true, range: keySpan };
			const valueSpan = span(pair.value);
			if (!within(valueSpan, offset)) continue;
			if (isMap(pair.value) || isSeq(pair.value)) return descend(pair.value, offset, [...path, key]);
			return { path: [...path, key], onKey: false, range: valueSpan };
		}
		return undefined;
	}
	if (isSeq(node)) {
		for (let i = 0; i < node.items.length; i++) {
			const item = node.items[i];
			if (!within(span(item), offset)) continue;
			// A scalar or alias item is the value of the sequence's key; a collection item is walked into.
			if (isMap(item) || isSeq(item)) return descend(item, offset, [...path, i]);
			if (isScalar(item) || isAlias(item)) return undefined;
		}
	}
	return undefined;
}

/** What `offset` (in the file text) points at, or undefined outside every Kubernetes object. */
export function cursorTarget(analysis: FileAnalysis, offset: number): CursorTarget | undefined {
	for (const object of analysis.objects) {
		const local = offset - object.segment.offset;
		const root = object.node([]);
		if (!within(span(root), local)) continue;
		const found = descend(root, local, []);
		if (!found) return undefined;
		return { object, path: found.path, onKey: found.onKey, range: { start: found.range[0] + object.segment.offset, end: found.range[1] + object.segment.offset } };
	}
	return undefined;
}
