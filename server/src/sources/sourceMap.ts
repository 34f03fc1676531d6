// Where a node of a produced object was written. Charts and overlays produce YAML text that the rules
// lint like any file; a finding's range in that text is mapped back here to the text the user wrote
// (a template, a values file, a base, a patch, a kustomization entry). Pure: ranges in, ranges out.
import { Document, isMap, isPair, isScalar, isSeq, Node } from 'yaml';
import type { ParsedFile } from '../core/document';
import type { Finding, OffsetRange, Path } from '../core/types';
import { keyRange, nodeAt, nodeRange, pairAt } from '../core/yamlNav';

/** A range of text in a source file the user edits. */
export interface SourceSpan {
	file: string;
	start: number;
	end: number;
}

/** A finding of a produced object, placed in the file that produced the node it sits on. */
export interface MappedFinding {
	file: string;
	finding: Finding;
	/** Other places the value came from (the values a composed template value used). */
	related?: SourceSpan[];
	/** The chart or overlays the finding occurred in, for the message. */
	producedBy?: string[];
}

/** The node a range starts on: its path in the document, and whether the offset is on a map key. */
export interface NodeHit {
	path: Path;
	atKey: boolean;
}

function contains(node: Node | null | undefined, offset: number): boolean {
	const r = node?.range;
	return !!r && r[0] <= offset && offset < Math.max(r[1], r[0] + 1);
}

/** Path of the deepest node of `doc` at `offset` (relative to the document's own text). */
export function nodeHitAt(doc: Document.Parsed, offset: number): NodeHit {
	const path: Path = [];
	let node = doc.contents as Node | null;
	for (;;) {
		if (isMap(node)) {
			let next: Node | null = null;
			for (const item of node.items) {
				if (!isPair(item)) continue;
				const key = item.key as Node | null;
				const keyName = isScalar(key) ? String(key.value) : String(key);
				if (contains(key, offset)) return { path: [...path, keyName], atKey: true };
				if (contains(item.value as Node, offset)) {
					path.push(keyName);
					next = item.value as Node;
					break;
				}
			}
			if (!next) return { path, atKey: false };
			node = next;
		} else if (isSeq(node)) {
			const index = node.items.findIndex((item) => contains(item as Node, offset));
			if (index < 0) return { path, atKey: false };
			path.push(index);
			node = node.items[index] as Node;
		} else return { path, atKey: false };
	}
}

/** The document of a parsed file holding `offset`, with the offset of its segment. */
export function documentAt(parsed: ParsedFile, offset: number): { doc: Document.Parsed; base: number } | undefined {
	for (let i = parsed.segments.length - 1; i >= 0; i--) {
		const segment = parsed.segments[i];
		if (segment.offset > offset) continue;
		const local = offset - segment.offset;
		const doc = segment.docs.find((d) => d.contents?.range && d.contents.range[0] <= local && local <= d.contents.range[2]) ?? segment.docs[0];
		return doc ? { doc, base: segment.offset } : undefined;
	}
	return undefined;
}

/** The node hit by a finding's range in a produced file, or undefined outside any document. */
export function hitOfRange(parsed: ParsedFile, range: OffsetRange): NodeHit | undefined {
	const found = documentAt(parsed, range.start);
	return found ? nodeHitAt(found.doc, range.start - found.base) : undefined;
}

/** The range of the node at `path` in a parsed source document: the pair (key to value) when `withKey`. */
export function spanOfPath(doc: Document.Parsed, path: Path, withKey: boolean): OffsetRange | undefined {
	const node = nodeAt(doc, doc.contents, path);
	const value = nodeRange(node);
	if (!value) return undefined;
	const pair = withKey ? pairAt(doc, doc.contents, path) : undefined;
	const key = keyRange(pair);
	return { start: key ? key[0] : value[0], end: value[1] };
}
