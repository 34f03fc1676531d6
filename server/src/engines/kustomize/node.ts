// The tree every build step works on: a JSON-like value whose every node remembers the source text it came
// from (SourceRef). Origins travel with the nodes, so a list item moved by a patch keeps its place in the
// base file; a node created by a patch or a transformer carries the patch node or kustomization entry.
import { isAlias, isMap, isPair, isScalar, isSeq, Document, Node as YamlNode, Pair } from 'yaml';
import type { OriginNode, SourceRef } from './types';

export type KScalar = string | number | boolean | null;
/** `raw`: the source text of a plain scalar that YAML reads as a number, boolean or null. */
export interface KScalarNode { t: 's'; v: KScalar; src?: SourceRef; raw?: string; plain?: boolean }
export interface KMapNode { t: 'm'; m: Map<string, KNode>; src?: SourceRef }
export interface KSeqNode { t: 'a'; a: KNode[]; src?: SourceRef }
export type KNode = KScalarNode | KMapNode | KSeqNode;

export const scalar = (v: KScalar, src?: SourceRef): KScalarNode => ({ t: 's', v, src });
export const mapNode = (src?: SourceRef, entries?: [string, KNode][]): KMapNode => ({ t: 'm', m: new Map(entries), src });
export const seqNode = (items: KNode[] = [], src?: SourceRef): KSeqNode => ({ t: 'a', a: items, src });

export const isKMap = (n: KNode | undefined): n is KMapNode => n?.t === 'm';

/** Aliases expand at most this many nodes in one document (billion laughs); the text bounds the rest. */
const MAX_ALIASED_NODES = 100_000;

/** Converts a parsed YAML node (aliases resolved, `<<` merged) into a KNode with source ranges. */
export function fromYaml(doc: Document.Parsed, node: unknown, file: string, text?: string): KNode {
	let budget = MAX_ALIASED_NODES;
	let aliasDepth = 0;
	const convert = (n: unknown, keyAt: number | undefined, depth: number): KNode => {
		if ((aliasDepth > 0 && --budget < 0) || depth > 200) throw new Error('aliases expand too far or the document nests too deeply');
		if (isAlias(n)) {
			aliasDepth++;
			try {
				return convertTarget(n, keyAt, depth);
			} finally {
				aliasDepth--;
			}
		}
		return convertTarget(n, keyAt, depth);
	};
	const convertTarget = (n: unknown, keyAt: number | undefined, depth: number): KNode => {
		let target = n;
		for (let hops = 0; isAlias(target) && hops < 32; hops++) target = (target as { resolve(d: Document): unknown }).resolve(doc);
		const yn = target as YamlNode | null | undefined;
		const range = (n as YamlNode | null | undefined)?.range ?? yn?.range;
		let end = range?.[1] ?? 0;
		// a block collection's range runs over its last line break; the node ends at its last character
		if (text !== undefined && range) while (end > range[0] && /\s/.test(text[end - 1])) end--;
		const src: SourceRef | undefined = range ? { file, start: range[0], end, ...(keyAt !== undefined ? { keyStart: keyAt } : {}) } : undefined;
		if (isMap(yn)) {
			const out = mapNode(src);
			const merges: unknown[] = [];
			for (const item of yn.items) {
				if (!isPair(item)) continue;
				const key = item.key;
				if (isScalar(key) && (typeof key.value === 'symbol' || (key.value === '<<' && key.type === 'PLAIN'))) {
					merges.push(item.value);
					continue;
				}
				out.m.set(keyString(key), convert(item.value, (key as YamlNode | null)?.range?.[0], depth + 1));
			}
			for (const merge of merges) {
				let source = merge;
				while (isAlias(source)) source = source.resolve(doc);
				aliasDepth++;
				try {
					for (const s of isSeq(source) ? source.items : [source]) {
						const merged = convert(s, undefined, depth + 1);
						if (isKMap(merged)) for (const [k, v] of merged.m) if (!out.m.has(k)) out.m.set(k, v);
					}
				} finally {
					aliasDepth--;
				}
			}
			return out;
		}
		if (isSeq(yn)) return seqNode(yn.items.map((i) => convert(i, undefined, depth + 1)), src);
		if (isScalar(yn)) {
			const out = scalar(jsonScalar(yn.value), src);
			if (yn.type === 'PLAIN' && typeof yn.value !== 'string' && typeof yn.source === 'string') out.raw = yn.source;
			if (yn.type === 'PLAIN') out.plain = true;
			// A block scalar that ends the text without a line break has none (the parser adds one).
			if ((yn.type === 'BLOCK_LITERAL' || yn.type === 'BLOCK_FOLDED') && text !== undefined && typeof out.v === 'string' && out.v.endsWith('\n')
				&& yn.range && yn.range[1] >= text.length && !text.endsWith('\n')) out.v = out.v.slice(0, -1);
			return out;
		}
		if (isPair(yn)) return convert((yn as Pair).value, keyAt, depth);
		return scalar(null, src);
	};
	return convert(node, undefined, 0);
}

function keyString(key: unknown): string {
	if (isScalar(key)) return key.value === null ? 'null' : String(key.value);
	if (key === null || key === undefined) return '';
	return String((key as { toJSON?: () => unknown }).toJSON?.() ?? key);
}

function jsonScalar(v: unknown): KScalar {
	if (v === null || v === undefined) return null;
	if (typeof v === 'string' || typeof v === 'boolean') return v;
	if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
	if (typeof v === 'bigint') return Number(v);
	if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
	if (v instanceof Date) return v.toISOString();
	return String(v);
}

/** A plain JavaScript value (what JSON would hold). */
export function toPlain(n: KNode): unknown {
	if (n.t === 's') return n.v;
	if (n.t === 'a') return n.a.map(toPlain);
	const out: Record<string, unknown> = {};
	for (const [k, v] of n.m) out[k] = toPlain(v);
	return out;
}


/** The origin tree of a node: sources only where they differ from the parent's. */
export function toOrigin(n: KNode, parent?: SourceRef): OriginNode {
	const origin: OriginNode = {};
	if (n.src && !sameRef(n.src, parent)) origin.source = n.src;
	const own = n.src ?? parent;
	const children = new Map<string | number, OriginNode>();
	if (n.t === 'm') for (const [k, v] of n.m) addChild(children, k, toOrigin(v, own));
	if (n.t === 'a') n.a.forEach((v, i) => addChild(children, i, toOrigin(v, own)));
	if (children.size) origin.children = children;
	return origin;
}

function addChild(children: Map<string | number, OriginNode>, key: string | number, child: OriginNode): void {
	if (child.source || child.children) children.set(key, child);
}

function sameRef(a: SourceRef | undefined, b: SourceRef | undefined): boolean {
	return !!a && !!b && a.file === b.file && a.start === b.start && a.end === b.end && a.keyStart === b.keyStart;
}

export function clone(n: KNode): KNode {
	if (n.t === 's') return { ...n };
	if (n.t === 'a') return { t: 'a', a: n.a.map(clone), src: n.src };
	return { t: 'm', m: new Map([...n.m].map(([k, v]) => [k, clone(v)])), src: n.src };
}

/** Every node below `n` (and `n`) takes `src` as its source. */
export function withSource(n: KNode, src: SourceRef | undefined): KNode {
	if (n.t === 's') return { t: 's', v: n.v, src };
	if (n.t === 'a') return { t: 'a', a: n.a.map((i) => withSource(i, src)), src };
	return { t: 'm', m: new Map([...n.m].map(([k, v]) => [k, withSource(v, src)])), src };
}

export function getPath(n: KNode | undefined, path: readonly (string | number)[]): KNode | undefined {
	let cur = n;
	for (const step of path) {
		if (cur === undefined) return undefined;
		if (typeof step === 'number') cur = cur.t === 'a' ? cur.a[step] : undefined;
		else cur = cur.t === 'm' ? cur.m.get(step) : undefined;
	}
	return cur;
}

/** A scalar as a kustomization field reads it: the text as written (`newTag: 1.10` is "1.10"). */
export function scalarText(n: KNode | undefined): string | undefined {
	if (n?.t !== 's') return undefined;
	if (n.raw !== undefined) return n.raw;
	return n.v === null ? undefined : String(n.v);
}

/** How YAML 1.2 (core schema) reads a plain scalar's text. */
export function resolvePlain(text: string): KScalar {
	if (/^(?:null|Null|NULL|~|)$/.test(text)) return null;
	if (/^(?:true|True|TRUE)$/.test(text)) return true;
	if (/^(?:false|False|FALSE)$/.test(text)) return false;
	if (/^[-+]?[0-9]+$/.test(text)) return Number(text);
	if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8);
	if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
	if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
	return text;
}

export function getString(n: KNode | undefined, path: readonly (string | number)[]): string | undefined {
	const v = getPath(n, path);
	return v?.t === 's' && v.v !== null ? String(v.v) : undefined;
}


export function deepEqual(a: KNode, b: KNode): boolean {
	if (a.t !== b.t) return false;
	if (a.t === 's') return a.v === (b as KScalarNode).v;
	if (a.t === 'a') {
		const bb = b as KSeqNode;
		return a.a.length === bb.a.length && a.a.every((x, i) => deepEqual(x, bb.a[i]));
	}
	const bm = (b as KMapNode).m;
	if (a.m.size !== bm.size) return false;
	for (const [k, v] of a.m) {
		const o = bm.get(k);
		if (!o || !deepEqual(v, o)) return false;
	}
	return true;
}
