// Duplicate map keys, found in linear time. The `yaml` composer's own check (uniqueKeys) compares each
// new key with every earlier key of its map: a ConfigMap with 100,000 keys takes minutes. The composer
// runs with that check off, and this walk reports the same keys (scalars with equal values) with one
// set per map, and at the key itself (the composer points at the character before it, often the end of
// the previous line).
import { Document, isMap, isPair, isScalar, isSeq, Pair } from 'yaml';

export const DUPLICATE_KEY = 'DUPLICATE_KEY';
export const DUPLICATE_KEY_MESSAGE = 'Map keys must be unique';

export interface DuplicateKey {
	/** Range of the repeated key in the parsed text (at least one character). */
	start: number;
	end: number;
	/** The key, when it repeats a key of the document's root map (a repeated `kind` suggests a missing `---`). */
	rootKey?: string;
}

/** Every key that repeats an earlier key of its map, in document order. */
export function duplicateKeysOf(doc: Document.Parsed): DuplicateKey[] {
	const found: DuplicateKey[] = [];
	const stack: unknown[] = [doc.contents];
	while (stack.length) {
		const node = stack.pop();
		if (isMap(node)) {
			const seen = new Set<unknown>();
			for (const pair of node.items as Pair<unknown, unknown>[]) {
				const key = pair.key;
				// The composer's equality: scalar values compared with ===, so NaN never repeats.
				if (isScalar(key) && !Number.isNaN(key.value)) {
					if (seen.has(key.value) && key.range) {
						const at = { start: key.range[0], end: Math.max(key.range[1], key.range[0] + 1) };
						found.push(node === doc.contents ? { ...at, rootKey: String(key.value) } : at);
					}
					seen.add(key.value);
				}
				stack.push(key, pair.value);
			}
		} else if (isSeq(node)) {
			for (const item of node.items) stack.push(isPair(item) ? item.value : item);
		}
	}
	return found.sort((a, b) => a.start - b.start);
}
