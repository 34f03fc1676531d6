// Plain-value side of fix verification: what a document's data must be after a plan ran (the same
// set/delete semantics the renderer follows, applied to the parsed values), and deep equality that
// ignores key order.
import { isPlainObject } from '../k8s';
import type { FixOp, Path } from '../types';

export function deepEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
	if (Array.isArray(a) || Array.isArray(b)) {
		return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
	}
	if (isPlainObject(a) && isPlainObject(b)) {
		const keys = Object.keys(a);
		return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
	}
	return false;
}

/**
 * A copy that shares nothing: an alias parses to the same object as its anchor, and the expected value
 * must change only where the plan says, so that an edit that would also change an alias's copy fails.
 */
function clone<T>(value: T, depth = 0): T {
	if (depth > 1000) throw new Error('value nested too deep to verify');
	if (Array.isArray(value)) return value.map((item) => clone(item, depth + 1)) as T;
	if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v, depth + 1)])) as T;
	return value;
}

/** `value` merged into `target` key by key (maps recursively), anything else replacing what is there. */
function mergeValue(target: unknown, value: unknown): unknown {
	if (!isPlainObject(value) || !isPlainObject(target)) return clone(value);
	for (const [key, item] of Object.entries(value)) target[key] = mergeValue(target[key], item);
	return target;
}

type Container = Record<string | number, unknown>;

function isContainer(value: unknown): value is Container {
	return typeof value === 'object' && value !== null;
}

/** Set: missing values and scalars on the way become maps; a sequence index must exist. */
function setAt(holder: Container, path: Path, value: unknown): boolean {
	let parent = holder;
	for (const step of path.slice(0, -1)) {
		if (typeof step === 'number') {
			if (!Array.isArray(parent) || !isContainer(parent[step])) return false;
		} else {
			if (Array.isArray(parent)) return false;
			if (!isContainer(parent[step])) parent[step] = {};
		}
		parent = parent[step] as Container;
	}
	const last = path[path.length - 1];
	if (typeof last === 'number' ? !Array.isArray(parent) || parent[last] === undefined : Array.isArray(parent)) return false;
	parent[last] = mergeValue(parent[last], value);
	return true;
}

/** Delete a map key; a path that leads nowhere has nothing to delete. */
function deleteAt(holder: Container, path: Path): void {
	let parent: unknown = holder;
	for (const step of path.slice(0, -1)) {
		if (!isContainer(parent)) return;
		parent = parent[step];
	}
	if (isPlainObject(parent)) delete parent[path[path.length - 1] as string];
}

/**
 * The document value after `ops` (set and delete; appended documents are the caller's) ran on the object
 * at `rootPath`; undefined when a path leads nowhere a set could reach (a missing sequence item).
 */
export function applyOpsToValue(docValue: unknown, rootPath: Path, ops: readonly FixOp[]): unknown {
	const holder: Container = { root: clone(docValue) };
	for (const op of ops) {
		const path: Path = ['root', ...rootPath, ...(op.op === 'appendDocument' ? [] : op.path)];
		if (op.op === 'set' && !setAt(holder, path, op.value)) return undefined;
		if (op.op === 'delete') deleteAt(holder, path);
	}
	return holder.root;
}
