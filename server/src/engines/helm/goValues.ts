// Go values as the Helm functions see them, in JavaScript: string, boolean, null (nil), number (float64),
// bigint (int/int64), plain objects (map[string]interface{}), arrays ([]interface{}), Uint8Array ([]byte)
// and class instances (structs). This file owns the Go semantics the function library shares: kinds and
// type names (`%T`), Sprig's emptiness, and spf13/cast's lenient conversions. The value model and `%v`
// printing are the template engine's (../template); int64 results are its GoNumber.
import { formatFloat, formatValue as engineFormatValue, GO_TYPE, GoNumber, goTypeName, isMap } from '../template';

export type GoMap = Record<string, unknown>;

export function isGoMap(value: unknown): value is GoMap {
	return isMap(value) && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** A new Go map; keys such as `__proto__` stay ordinary keys. */
export function newMap(): GoMap {
	return {};
}

/** Sets a map key without ever touching the prototype (`__proto__` is just a key in Go). */
export function setKey(map: GoMap, key: string, value: unknown): void {
	if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
	else map[key] = value;
}

export function hasKey(map: GoMap, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(map, key);
}

export function getKey(map: GoMap, key: string): unknown {
	return hasKey(map, key) ? map[key] : undefined;
}

/** Go's reflect.Kind name of a value. */
export function kindOf(value: unknown): string {
	if (value === null || value === undefined) return 'invalid';
	switch (typeof value) {
		case 'string':
			return 'string';
		case 'boolean':
			return 'bool';
		case 'number':
			return 'float64';
		case 'bigint':
			return 'int';
		case 'function':
			return 'func';
	}
	if (value instanceof GoNumber) return value.goType;
	if (Array.isArray(value) || value instanceof Uint8Array) return 'slice';
	if (isGoMap(value)) return 'map';
	return 'struct';
}

/** `fmt.Sprintf("%T")` of a value. */
export function typeOf(value: unknown): string {
	return goTypeName(value === undefined ? null : value);
}

/** strconv.FormatFloat(f, 'g', -1, 64), which `%v` uses: shortest digits, an exponent below 1e-4 and from 1e+06. */
export function formatFloatG(f: number): string {
	return formatFloat(f, 'g', -1);
}

/** The shortest decimal digits of f without an exponent (JavaScript switches to exponents below 1e-6). */
export function plainDecimal(f: number): string {
	const text = String(f);
	if (!text.includes('e')) return text;
	const [mantissa, expText] = text.split('e');
	const e = Number(expText);
	const negative = mantissa.startsWith('-');
	const digits = mantissa.replace('-', '').replace('.', '');
	const pointAt = 1 + e;
	let out: string;
	if (pointAt <= 0) out = '0.' + '0'.repeat(-pointAt) + digits;
	else if (pointAt >= digits.length) out = digits + '0'.repeat(pointAt - digits.length);
	else out = digits.slice(0, pointAt) + '.' + digits.slice(pointAt);
	return (negative ? '-' : '') + out;
}

/** encoding/json's float64 text: %f unless the exponent is below -6 or at least 21, then %e with a short exponent. */
export function formatFloatJson(f: number): string {
	if (f === 0) return Object.is(f, -0) ? '-0' : '0';
	const abs = Math.abs(f);
	if (abs < 1e-6 || abs >= 1e21) {
		const [mantissa, expText] = f.toExponential().split('e');
		const e = Number(expText);
		return `${mantissa}e${e < 0 ? '-' : '+'}${Math.abs(e) < 10 ? '0' : ''}${Math.abs(e)}`.replace(/e([-+])0(\d)$/, 'e$1$2');
	}
	return plainDecimal(f);
}

/** fmt's `%v` of a value, as text/template prints it. */
export function formatValue(value: unknown): string {
	return engineFormatValue(value === undefined ? null : value);
}

/** Sprig's `strval`: strings as they are, bytes as text, everything else through `%v`. */
export function toGoString(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
	return formatValue(value);
}

/** Sprig's `empty`: the zero value of its type, an empty collection, or nil. */
export function isEmpty(value: unknown): boolean {
	if (value === null || value === undefined) return true;
	switch (typeof value) {
		case 'string':
			return value.length === 0;
		case 'boolean':
			return !value;
		case 'number':
			return value === 0;
		case 'bigint':
			return value === 0n;
	}
	if (value instanceof GoNumber) return value.value === 0 || value.value === 0n;
	if (Array.isArray(value) || value instanceof Uint8Array) return value.length === 0;
	if (isGoMap(value)) return Object.keys(value).length === 0;
	return false;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function wrapInt64(value: bigint): bigint {
	return BigInt.asIntN(64, value);
}

/** Go's float64 -> int64 conversion (truncation; out of range saturates like amd64's result). */
export function floatToInt64(f: number): bigint {
	if (!Number.isFinite(f)) return INT64_MIN;
	const t = BigInt(Math.trunc(f));
	return t < INT64_MIN || t > INT64_MAX ? INT64_MIN : t;
}

/** spf13/cast.ToInt64 as Sprig calls it: numbers truncate, numeric strings parse (base 0), the rest is 0. */
export function toInt64(value: unknown): bigint {
	if (value instanceof GoNumber) return typeof value.value === 'bigint' ? wrapInt64(value.value) : floatToInt64(value.value);
	switch (typeof value) {
		case 'bigint':
			return wrapInt64(value);
		case 'number':
			return floatToInt64(value);
		case 'boolean':
			return value ? 1n : 0n;
		case 'string':
			return parseGoIntBase0(value.trim()) ?? 0n;
	}
	return 0n;
}

/** strconv.ParseInt(s, 0, 64): optional sign, 0x/0o/0b prefixes, a leading 0 for octal, underscores after a prefix. */
export function parseGoIntBase0(text: string): bigint | undefined {
	const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
	if (!m) return undefined;
	let body = m[2];
	if (body.includes('_')) {
		if (!/^0[xXoObB]?/.test(body) || body === '0') return undefined;
		if (/__|_$/.test(body)) return undefined;
		body = body.replace(/_/g, '');
	}
	let value: bigint;
	if (/^0[oO]/.test(body)) value = BigInt('0o' + body.slice(2));
	else if (/^0[0-7]+$/.test(body)) value = BigInt('0o' + body.slice(1));
	else value = BigInt(body);
	if (m[1] === '-') value = -value;
	if (value < INT64_MIN || value > INT64_MAX) return undefined;
	return value;
}

/** spf13/cast.ToFloat64: numbers as they are, numeric strings parse, the rest is 0. */
export function toFloat64(value: unknown): number {
	if (value instanceof GoNumber) return Number(value.value);
	switch (typeof value) {
		case 'number':
			return value;
		case 'bigint':
			return Number(value);
		case 'boolean':
			return value ? 1 : 0;
		case 'string': {
			const text = value.trim();
			if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) || /^[+-]?(inf|infinity|nan)$/i.test(text)) {
				const lower = text.toLowerCase().replace(/^\+/, '');
				if (lower === 'inf' || lower === 'infinity') return Infinity;
				if (lower === '-inf' || lower === '-infinity') return -Infinity;
				if (lower.endsWith('nan')) return NaN;
				return Number(text);
			}
			const asInt = parseGoIntBase0(text);
			return asInt === undefined ? 0 : Number(asInt);
		}
	}
	return 0;
}

/** Go's `==` on two interface values as reflect.DeepEqual sees them (Sprig's deepEqual, uniq, has). */
export function deepEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (a === undefined) a = null;
	if (b === undefined) b = null;
	if (a === null || b === null) return a === b;
	if (typeof a !== typeof b) return false;
	if (typeof a === 'number') return false; // a !== b already, and NaN never equals itself
	if (a instanceof GoNumber && b instanceof GoNumber) return a.goType === b.goType && a.value === b.value;
	if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
	if (isGoMap(a) && isGoMap(b)) {
		const ka = Object.keys(a);
		return ka.length === Object.keys(b).length && ka.every((k) => hasKey(b, k) && deepEqual(a[k], b[k]));
	}
	return false;
}

/** A deep copy of maps and lists (Sprig's deepCopy, Helm's copystructure); scalars and structs are shared. */
export function deepCopy<T>(value: T): T {
	if (Array.isArray(value)) return value.map(deepCopy) as T;
	if (value instanceof Uint8Array) return new Uint8Array(value) as T;
	if (isGoMap(value)) {
		const out = newMap();
		for (const k of Object.keys(value)) setKey(out, k, deepCopy(value[k]));
		return out as T;
	}
	return value;
}

/** Marks a nil slice or map of a typed Go value (JSON `null`, prints like an empty one). */
export const GO_NIL: unique symbol = Symbol.for('bosun.helm.nil');

/** Declares the Go type of a slice or map (e.g. `[]string`), as `typeOf` and `%T` print it. */
export function typed<T extends object>(value: T, goType: string, nil = false): T {
	Object.defineProperty(value, GO_TYPE, { value: goType, enumerable: false });
	if (nil) Object.defineProperty(value, GO_NIL, { value: true, enumerable: false });
	return value;
}

export function isNilCollection(value: unknown): boolean {
	return value !== null && typeof value === 'object' && (value as { [GO_NIL]?: boolean })[GO_NIL] === true;
}

/**
 * Go strings are bytes; JavaScript strings are UTF-16. Bytes that are not UTF-8 (a binary file read with
 * .Files.Get) travel as lone surrogates U+DC80..U+DCFF, one per byte, and turn back into those bytes when
 * a function hashes or encodes the string, so `.Files.Get "x.bz2" | b64enc` is the file's base64.
 */
export function goStringOfBytes(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		let out = '';
		let i = 0;
		const decoder = new TextDecoder('utf-8', { fatal: true });
		while (i < bytes.length) {
			const b = bytes[i];
			const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
			if (length > 0 && i + length <= bytes.length) {
				try {
					out += decoder.decode(bytes.subarray(i, i + length));
					i += length;
					continue;
				} catch {
					// not a valid sequence: the byte on its own
				}
			}
			out += String.fromCharCode(0xdc00 + b);
			i++;
		}
		return out;
	}
}

/** The bytes of a Go string held as goStringOfBytes made it. */
export function bytesOfGoString(s: string): Buffer {
	if (!/[\udc80-\udcff]/.test(s)) return Buffer.from(s, 'utf8');
	const parts: Buffer[] = [];
	let run = '';
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		const lone = c >= 0xdc80 && c <= 0xdcff && !(i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff);
		if (lone) {
			if (run) parts.push(Buffer.from(run, 'utf8'));
			run = '';
			parts.push(Buffer.from([c - 0xdc00]));
		} else run += s[i];
	}
	if (run) parts.push(Buffer.from(run, 'utf8'));
	return Buffer.concat(parts);
}
