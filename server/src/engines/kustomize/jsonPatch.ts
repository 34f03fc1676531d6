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

function locate(root: KNode, path: string, op: string): Slot {
	const tokens = splitPointer(path);
	if (tokens.length === 0) throw new KustomizeError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
	let cur: KNode | undefined = root;
	for (const token of tokens.slice(0, -1)) {
		cur = child(cur, token);
		if (cur === undefined) throw new KustomizeError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
	}
	if (cur === undefined || cur.t === 's') throw new KustomizeError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
	return { parent: cur, key: tokens[tokens.length - 1] };
}

function child(n: KNode | undefined, token: string): KNode | undefined {
	if (!n) return undefined;
	if (n.t === 'm') return n.m.get(token);
	if (n.t === 'a') return /^(0|[1-9]\d*)$/.test(token) ? n.a[Number(token)] : undefined;
	return undefined;
}

function arrayIndex(token: string, length: number, forInsert: boolean, op: string, path: string): number {
	if (forInsert && token === '-') return length;
	if (!/^(0|[1-9]\d*|-[1-9]\d*)$/.test(token)) throw new KustomizeError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
	let index = Number(token);
	if (index < 0) index += length;
	if (index < 0 || index > length || (!forInsert && index === length)) throw new KustomizeError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
	return index;
}

function get(root: KNode, path: string, op: string): KNode {
	const tokens = splitPointer(path);
	let cur: KNode | undefined = root;
	for (const token of tokens) cur = child(cur, token);
	if (cur === undefined) throw new KustomizeError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
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
		if (!parent.m.has(key)) throw new KustomizeError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
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
				if (parent.t === 'm') {
					if (!parent.m.has(key)) throw new KustomizeError(`replace operation does not apply: doc is missing key: ${o.path}: missing value`, o.src);
					parent.m.set(key, clone(o.value));
				} else if (parent.t === 'a') parent.a[arrayIndex(key, parent.a.length, false, 'replace', o.path)] = clone(o.value);
				break;
			}
			case 'move': {
				const moved = remove(root, o.from ?? '', 'move');
				root = add(root, o.path, moved, 'move');
				break;
			}
			case 'copy':
				root = add(root, o.path, clone(get(root, o.from ?? '', 'copy')), 'copy');
				break;
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

