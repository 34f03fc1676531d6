// RFC 6902 JSON patches over the build's node tree. Written by hand rather than with a JSON Patch
// library because every added or replaced node must keep its origin (the operation's `value` node in
// the patch file) and list items must keep theirs when an insertion shifts them; the error texts follow
// the JSON Patch library kustomize uses.
import { clone, deepEqual, getString, KNode } from './node';
import { KustomizeError } from './resource';
import type { SourceRef } from './types';

export interface PatchOperation { op: string; path: string; from?: string; value?: KNode; src?: SourceRef }

/** Reads the operations of a patch document (a sequence of maps). */
export function readOperations(doc: KNode, file: string): PatchOperation[] {
	if (doc.t !== 'a') throw new KustomizeError(`unable to parse JSON patch in ${file}: expected a list of operations`, doc.src);
	return doc.a.map((item) => {
		if (item.t !== 'm') throw new KustomizeError(`unable to parse JSON patch in ${file}: an operation is not a map`, item.src);
		return { op: getString(item, ['op']) ?? '', path: getString(item, ['path']) ?? '', from: getString(item, ['from']), value: item.m.get('value'), src: item.src };
	});
}

function unescape(token: string): string {
	return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function splitPointer(path: string): string[] {
	if (path === '') return [];
	if (!path.startsWith('/')) throw new Error(`invalid path ${path}`);
	return path.slice(1).split('/').map(unescape);
}

interface Slot { parent: KNode; key: string }

/** The JSON Patch library's "missing path" message (replace writes the path without quotes). */
function missingPath(op: string, path: string): KustomizeError {
	return new KustomizeError(`${op} operation does not apply: doc is missing path: ${op === 'replace' ? path : `"${path}"`}: missing value`);
}

function locate(root: KNode, path: string, op: string): Slot {
	const tokens = splitPointer(path);
	if (tokens.length === 0) throw missingPath(op, path);
	let cur: KNode | undefined = root;
	for (const token of tokens.slice(0, -1)) {
		cur = child(cur, token);
		if (cur === undefined) throw missingPath(op, path);
	}
	if (cur === undefined || cur.t === 's') throw missingPath(op, path);
	return { parent: cur, key: tokens[tokens.length - 1] };
}

function child(n: KNode | undefined, token: string): KNode | undefined {
	if (!n) return undefined;
	if (n.t === 'm') return n.m.get(token);
	if (n.t === 'a') return /^(0|[1-9]\d*)$/.test(token) ? n.a[Number(token)] : undefined;
	return undefined;
}

/** An array index; negative ones count from the end (an insertion's -1 appends). */
function arrayIndex(token: string, length: number, forInsert: boolean, op: string, path: string): number {
	if (forInsert && token === '-') return length;
	if (!/^(0|[1-9]\d*|-[1-9]\d*)$/.test(token)) throw missingPath(op, path);
	let index = Number(token);
	if (index < 0) index += forInsert ? length + 1 : length;
	if (index < 0 || index > length || (!forInsert && index === length)) {
		if (op === 'remove') throw new KustomizeError(`error in remove for path: '${path}': Unable to access invalid index: ${token}: invalid index referenced`);
		if (op === 'replace') throw new KustomizeError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
		throw missingPath(op, path);
	}
	return index;
}

function get(root: KNode, path: string, op: string): KNode {
	const tokens = splitPointer(path);
	let cur: KNode | undefined = root;
	for (const token of tokens) cur = child(cur, token);
	if (cur === undefined) throw missingPath(op, path);
	return cur;
}

function add(root: KNode, path: string, value: KNode, op: string): KNode {
	if (path === '') return value;
	const { parent, key } = locate(root, path, op);
	if (parent.t === 'm') parent.m.set(key, value);
	else if (parent.t === 'a') parent.a.splice(arrayIndex(key, parent.a.length, true, op, path), 0, value);
	return root;
}

function remove(root: KNode, path: string, op: string): KNode {
	const { parent, key } = locate(root, path, op);
	if (parent.t === 'm') {
		if (!parent.m.has(key)) throw new KustomizeError(`error in ${op} for path: '${op === 'move' ? key : path}': Unable to remove nonexistent key: ${key}: missing value`);
		const v = parent.m.get(key)!;
		parent.m.delete(key);
		return v;
	}
	const a = (parent as { a: KNode[] }).a;
	return a.splice(arrayIndex(key, a.length, false, op, path), 1)[0];
}

/** Applies the operations to a copy of `doc` and returns it. */
export function applyJsonPatch(doc: KNode, ops: PatchOperation[]): KNode {
	let root = clone(doc);
	for (const o of ops) {
		switch (o.op) {
			case 'add':
				if (!o.value) throw new KustomizeError(`add operation does not apply: missing value`, o.src);
				root = add(root, o.path, clone(o.value), 'add');
				break;
			case 'remove':
				remove(root, o.path, 'remove');
				break;
			case 'replace': {
				if (!o.value) throw new KustomizeError(`replace operation does not apply: missing value`, o.src);
				if (o.path === '') { root = clone(o.value); break; }
				const { parent, key } = locate(root, o.path, 'replace');
				// the JSON Patch library kustomize uses lets replace add a missing map key
				if (parent.t === 'm') {
					parent.m.set(key, clone(o.value));
				} else if (parent.t === 'a') parent.a[arrayIndex(key, parent.a.length, false, 'replace', o.path)] = clone(o.value);
				break;
			}
			case 'move': {
				const moved = remove(root, o.from ?? '', 'move');
				root = add(root, o.path, moved, 'move');
				break;
			}
			case 'copy': {
				// copying a missing value copies null, as the JSON Patch library kustomize uses does
				let copied: KNode;
				try {
					copied = clone(get(root, o.from ?? '', 'copy'));
				} catch {
					copied = { t: 's', v: null, src: o.src };
				}
				root = add(root, o.path, copied, 'copy');
				break;
			}
			case 'test': {
				const actual = get(root, o.path, 'test');
				if (!o.value || !deepEqual(actual, o.value)) throw new KustomizeError(`testing value ${o.path} failed: test failed`, o.src);
				break;
			}
			default:
				throw new KustomizeError(`Unexpected kind: ${o.op}`, o.src);
		}
	}
	return root;
}

