// The builtin functions of Go's text/template (funcs.go): comparisons with Go's basic-kind rules,
// len, index, slice, not, print/printf/println, html, js, urlquery. `and`, `or` and `call` are evaluated
// by the executor (they short-circuit or need the callee's name); `index` is also tracked there for
// value origins. A thrown Error becomes `error calling NAME: MESSAGE`.
import { sprint, sprintf, sprintln } from './fmt';
import { GoNumber, basicKind, compareGoStrings, goTypeName, isMap, isTrue, mapGet, numericValue, type BasicKind } from './values';
import { formatValue, formatVerb } from './fmt';

/** How many arguments a builtin takes (Go's signature), for "wrong number of args" errors. */
export const BUILTIN_ARITY: Record<string, { min: number; variadic: boolean }> = {
	and: { min: 1, variadic: true },
	or: { min: 1, variadic: true },
	call: { min: 1, variadic: true },
	html: { min: 0, variadic: true },
	index: { min: 1, variadic: true },
	slice: { min: 1, variadic: true },
	js: { min: 0, variadic: true },
	len: { min: 1, variadic: false },
	not: { min: 1, variadic: false },
	print: { min: 0, variadic: true },
	printf: { min: 1, variadic: true },
	println: { min: 0, variadic: true },
	urlquery: { min: 0, variadic: true },
	eq: { min: 1, variadic: true },
	ge: { min: 2, variadic: false },
	gt: { min: 2, variadic: false },
	le: { min: 2, variadic: false },
	lt: { min: 2, variadic: false },
	ne: { min: 2, variadic: false },
};

const INCOMPATIBLE = 'incompatible types for comparison';
const BAD_TYPE = 'invalid type for comparison';

function isNilValue(v: unknown): boolean {
	return v === null || v === undefined;
}

function compareInts(a: unknown, b: unknown): number {
	const x = numericValue(a) as bigint;
	const y = numericValue(b) as bigint;
	return x < y ? -1 : x > y ? 1 : 0;
}

function sameKindEqual(kind: BasicKind, a: unknown, b: unknown): boolean {
	switch (kind) {
		case 'bool':
		case 'string':
			return a === b;
		case 'int':
		case 'uint':
			return compareInts(a, b) === 0;
		case 'float':
			return Number(numericValue(a)) === Number(numericValue(b));
	}
	return false;
}

function reflectKind(v: unknown): string {
	if (isNilValue(v)) return 'invalid';
	if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
	if (isMap(v)) return 'map';
	if (typeof v === 'function') return 'func';
	return 'struct';
}

/** eq arg1 arg2...: true when arg1 equals any of the others. */
export function eq(arg1: unknown, ...others: unknown[]): boolean {
	if (others.length === 0) throw new Error('missing argument for comparison');
	const k1 = basicKind(arg1);
	for (const arg of others) {
		const k2 = basicKind(arg);
		let truth = false;
		if (k1 !== k2) {
			if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) truth = compareInts(arg1, arg) === 0;
			else if (!isNilValue(arg1) && !isNilValue(arg)) throw new Error(INCOMPATIBLE);
		} else if (k1 !== 'invalid') {
			truth = sameKindEqual(k1, arg1, arg);
		} else {
			const r1 = reflectKind(arg1);
			const r2 = reflectKind(arg);
			if (r1 !== r2 && r1 !== 'invalid' && r2 !== 'invalid') {
				throw new Error(`non-comparable types ${formatVerb(arg1, 's')}: ${goTypeName(arg1)}, ${goTypeName(arg)}: ${formatValue(arg)}`);
			}
			if (isNilValue(arg1) || isNilValue(arg)) truth = isNilValue(arg1) === isNilValue(arg);
			else if (r2 === 'map' || r2 === 'slice' || r2 === 'func') {
				throw new Error(`non-comparable type ${formatVerb(arg, 's')}: ${goTypeName(arg)}`);
			} else truth = arg1 === arg;
		}
		if (truth) return true;
	}
	return false;
}

export function ne(a: unknown, b: unknown): boolean {
	return !eq(a, b);
}

export function lt(a: unknown, b: unknown): boolean {
	const k1 = basicKind(a);
	if (k1 === 'invalid') throw new Error(BAD_TYPE);
	const k2 = basicKind(b);
	if (k2 === 'invalid') throw new Error(BAD_TYPE);
	if (k1 !== k2) {
		if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return compareInts(a, b) < 0;
		throw new Error(INCOMPATIBLE);
	}
	switch (k1) {
		case 'bool':
			throw new Error(BAD_TYPE);
		case 'float':
			return Number(numericValue(a)) < Number(numericValue(b));
		case 'int':
		case 'uint':
			return compareInts(a, b) < 0;
		case 'string':
			return compareGoStrings(a as string, b as string) < 0;
	}
	return false;
}

export function le(a: unknown, b: unknown): boolean {
	return lt(a, b) || eq(a, b);
}

export function gt(a: unknown, b: unknown): boolean {
	return !le(a, b);
}

export function ge(a: unknown, b: unknown): boolean {
	return !lt(a, b);
}

export function not(a: unknown): boolean {
	return !isTrue(a);
}

function utf8Length(s: string): number {
	return Buffer.byteLength(s, 'utf8');
}

export function len(item: unknown): bigint {
	if (item === undefined) throw new Error('reflect: call of reflect.Value.Type on zero Value');
	if (item === null) throw new Error('len of nil pointer');
	if (typeof item === 'string') return BigInt(utf8Length(item));
	if (Array.isArray(item) || item instanceof Uint8Array) return BigInt(item.length);
	if (isMap(item)) return BigInt(Object.keys(item).length);
	throw new Error(`len of type ${goTypeName(item)}`);
}

function indexArg(index: unknown, cap: number): number {
	const k = basicKind(index);
	if (k !== 'int' && k !== 'uint') {
		if (isNilValue(index)) throw new Error('cannot index slice/array with nil');
		throw new Error(`cannot index slice/array with type ${goTypeName(index)}`);
	}
	const x = numericValue(index) as bigint;
	if (x < 0n || x > BigInt(cap)) throw new Error(`index out of range: ${x}`);
	return Number(x);
}

/** One step of `index`: item[key], with Go's errors. `isIface` reports an interface{} element. */
export function indexStep(item: unknown, index: unknown): unknown {
	if (item === null) throw new Error('index of nil pointer');
	if (typeof item === 'string' || item instanceof Uint8Array) {
		const bytes = typeof item === 'string' ? Buffer.from(item, 'utf8') : item;
		const x = indexArg(index, bytes.length);
		if (x >= bytes.length) throw new Error(typeof item === 'string' ? 'reflect: string index out of range' : 'reflect: slice index out of range');
		return new GoNumber('uint8', BigInt(bytes[x]));
	}
	if (Array.isArray(item)) {
		const x = indexArg(index, item.length);
		if (x >= item.length) throw new Error('reflect: slice index out of range');
		return item[x];
	}
	if (isMap(item)) {
		if (isNilValue(index)) throw new Error('value is nil; should be of type string');
		if (typeof index !== 'string') throw new Error(`value has type ${goTypeName(index)}; should be string`);
		const { found, value } = mapGet(item, index);
		return found ? value : null;
	}
	throw new Error(`can't index item of type ${goTypeName(item)}`);
}

export function index(item: unknown, ...indexes: unknown[]): unknown {
	if (isNilValue(item)) throw new Error('index of untyped nil');
	let current = item;
	for (const i of indexes) current = indexStep(current, i);
	return current;
}

export function slice(item: unknown, ...indexes: unknown[]): unknown {
	if (isNilValue(item)) throw new Error('slice of untyped nil');
	if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
	let length: number;
	if (typeof item === 'string') {
		if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
		length = utf8Length(item);
	} else if (Array.isArray(item) || item instanceof Uint8Array) length = item.length;
	else throw new Error(`can't slice item of type ${goTypeName(item)}`);
	const idx = [0, length, length];
	indexes.forEach((v, i) => (idx[i] = indexArg(v, length)));
	if (idx[0] > idx[1]) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
	if (indexes.length === 3 && idx[1] > idx[2]) throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
	if (typeof item === 'string') return Buffer.from(item, 'utf8').subarray(idx[0], idx[1]).toString('utf8');
	return item.slice(idx[0], idx[1]);
}

/** Go's evalArgs: one string as is, otherwise fmt.Sprint where a nil argument prints <no value>. */
function evalArgs(args: unknown[]): string {
	if (args.length === 1 && typeof args[0] === 'string') return args[0];
	return sprint(args.map((a) => (isNilValue(a) ? '<no value>' : a)));
}

export function html(...args: unknown[]): string {
	return evalArgs(args).replace(/[\0"'&<>]/g, (c) => HTML_ESCAPES[c]);
}

const HTML_ESCAPES: Record<string, string> = { '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' };

const JS_ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D' };

export function js(...args: unknown[]): string {
	let out = '';
	for (const ch of evalArgs(args)) {
		const cp = ch.codePointAt(0)!;
		if (JS_ESCAPES[ch]) out += JS_ESCAPES[ch];
		else if (cp < 0x20) out += '\\u00' + cp.toString(16).toUpperCase().padStart(2, '0');
		else if (cp < 0x80) out += ch;
		else if (/[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += ch;
		else out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
	}
	return out;
}

export function urlquery(...args: unknown[]): string {
	let out = '';
	for (const byte of Buffer.from(evalArgs(args), 'utf8')) {
		const c = String.fromCharCode(byte);
		if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
		else if (c === ' ') out += '+';
		else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
	}
	return out;
}

export function print(...args: unknown[]): string {
	return sprint(args);
}

export function printf(format: unknown, ...args: unknown[]): string {
	return sprintf(String(format), args);
}

export function println(...args: unknown[]): string {
	return sprintln(args);
}

/** The builtins called as ordinary functions (and, or and call are handled by the executor). */
export const BUILTINS: Record<string, (...args: unknown[]) => unknown> = {
	eq,
	ne,
	lt,
	le,
	gt,
	ge,
	not,
	len,
	index,
	slice,
	html,
	js,
	urlquery,
	print,
	printf,
	println,
	and: () => undefined,
	or: () => undefined,
	call: () => undefined,
};


