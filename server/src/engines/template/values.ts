// Go values in JavaScript: the contract between the template engine and the function library.
//
//   Go                          JavaScript
//   string                      string
//   bool                        boolean
//   nil (of any type)           null
//   float64                     number
//   int                         bigint
//   int8..int64, uint..uint64,  GoNumber (a bigint, or a number for float32, with its Go type name)
//   float32
//   map[string]interface{}      a plain object (prototype Object.prototype or null); keys are own properties
//   []interface{}               an array
//   []byte                      Uint8Array
//   a struct (or *struct)       an instance of a class; a field is an own property, a method is a function
//                               on the prototype, called with the action's arguments
//   func                        a function
//
// `undefined` is the template's "no value" (Go's invalid reflect.Value: a missing map key with
// missingkey=default, the result of a function returning nil interface{} ...). It never reaches a
// function: arguments get null instead, as Go hands a nil interface{} to an interface{} parameter.
//
// A struct names its Go type (for `%T` and error messages) with a static `goType` string on its class or
// a `[GO_TYPE]` property; a plain object may carry `[GO_TYPE]` too (e.g. 'chartutil.Values'), and methods
// in a `[GO_METHODS]` record (a named map type with methods, like Helm's Files). A struct with a
// `String()` method (Go's fmt.Stringer) prints through it with %v and %s, as fmt does; a getter reads as
// a field.
//
// Functions (FuncMap entries and methods) receive Go values and return one; throwing an Error is Go's
// non-nil error result (`error calling NAME: MESSAGE`). `this` is a CallContext (include, tpl). A function
// may declare its Go signature so that calls are checked as Go checks them: `goFunc(fn, ['int',
// 'string'])` (argument count and types, Go's messages), or only its argument count with
// `fn.goArity = { min, variadic }`. Without either, any arguments are accepted.
import { formatValue } from './fmt';

/** Names the Go type of a struct instance or a map object (a string). */
export const GO_TYPE: unique symbol = Symbol.for('bosun.template.goType');

/** Methods of a map type (Go allows methods on a named map, e.g. Helm's Files): a non-enumerable property of the map object. */
export const GO_METHODS: unique symbol = Symbol.for('bosun.template.methods');

/** A method of a map value, looked up before its keys as Go does. */
export function mapMethod(map: object, name: string): Function | undefined {
	const methods = (map as { [GO_METHODS]?: Record<string, unknown> })[GO_METHODS];
	const method = methods && Object.prototype.hasOwnProperty.call(methods, name) ? methods[name] : undefined;
	return typeof method === 'function' ? method : undefined;
}

/** A function map: a function throwing an Error becomes Go's `error calling NAME: MESSAGE`. */
export type FuncMap = Record<string, (...args: unknown[]) => unknown>;

export type GoIntType = 'int8' | 'int16' | 'int32' | 'int64' | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'uintptr';

/** An integer of a sized or unsigned Go type, or a float32. Plain `int` is a bigint, float64 a number. */
export class GoNumber {
	constructor(
		readonly goType: GoIntType | 'float32',
		readonly value: bigint | number,
	) {}
	get unsigned(): boolean {
		return this.goType.startsWith('uint');
	}
}

export function goInt64(value: bigint): GoNumber {
	return new GoNumber('int64', BigInt.asIntN(64, value));
}

export function goUint64(value: bigint): GoNumber {
	return new GoNumber('uint64', BigInt.asUintN(64, value));
}

/** Go's basic kinds as the comparison functions see them. */
export type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'invalid';

export function basicKind(value: unknown): BasicKind {
	switch (typeof value) {
		case 'boolean':
			return 'bool';
		case 'bigint':
			return 'int';
		case 'number':
			return 'float';
		case 'string':
			return 'string';
	}
	if (value instanceof GoNumber) return value.goType === 'float32' ? 'float' : value.unsigned ? 'uint' : 'int';
	return 'invalid';
}

/** The numeric value of an int, uint or float (bigint for integers). */
export function numericValue(value: unknown): bigint | number | undefined {
	if (typeof value === 'bigint' || typeof value === 'number') return value;
	if (value instanceof GoNumber) return value.value;
	return undefined;
}

/** A plain object, read as Go's map[string]interface{}. */
export function isMap(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object') return false;
	const proto = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

/** An instance of a class other than the value classes above: a Go struct. */
export function isStruct(value: unknown): value is object {
	return value !== null && typeof value === 'object' && !isMap(value) && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof GoNumber);
}

/** The value of a map key: own properties only, never `constructor` or other inherited names. */
export function mapGet(map: Record<string, unknown>, key: string): { found: boolean; value: unknown } {
	if (Object.prototype.hasOwnProperty.call(map, key)) return { found: true, value: map[key] };
	return { found: false, value: undefined };
}

/** Go's string order: by UTF-8 bytes, which is code point order (UTF-16 order differs above U+D7FF). */
export function compareGoStrings(a: string, b: string): number {
	const n = Math.min(a.length, b.length);
	for (let i = 0; i < n; i++) {
		let x = a.charCodeAt(i);
		let y = b.charCodeAt(i);
		if (x === y) continue;
		// surrogates (code points above U+FFFF) sort after U+E000..U+FFFF
		if (x >= 0xd800) x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
		if (y >= 0xd800) y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
		return x - y;
	}
	return a.length - b.length;
}

/** Map keys in Go's print and range order (sorted by string). */
export function sortedKeys(map: Record<string, unknown>): string[] {
	return Object.keys(map).sort(compareGoStrings);
}

function declaredType(value: object): string | undefined {
	const own = (value as { [GO_TYPE]?: unknown })[GO_TYPE];
	if (typeof own === 'string') return own;
	const ctor = (value as { constructor?: { goType?: unknown } }).constructor;
	if (ctor && typeof ctor.goType === 'string') return ctor.goType;
	return undefined;
}

/** The Go type name, as `%T` prints it. */
export function goTypeName(value: unknown): string {
	switch (typeof value) {
		case 'undefined':
			return '<nil>';
		case 'string':
			return 'string';
		case 'boolean':
			return 'bool';
		case 'bigint':
			return 'int';
		case 'number':
			return 'float64';
		case 'function':
			return 'func(...interface {}) (interface {}, error)';
		case 'symbol':
			return 'interface {}';
	}
	if (value === null) return '<nil>';
	if (value instanceof GoNumber) return value.goType;
	if (value instanceof Uint8Array) return '[]uint8';
	if (Array.isArray(value)) return declaredType(value) ?? '[]interface {}';
	const declared = declaredType(value as object);
	if (declared) return declared;
	if (isMap(value)) return 'map[string]interface {}';
	return (value as object).constructor?.name || 'struct {}';
}

/** Go truthiness: false, 0, nil, and empty strings, arrays and maps are false; structs are true. */
export function isTrue(value: unknown): boolean {
	if (value === undefined || value === null) return false;
	switch (typeof value) {
		case 'boolean':
			return value;
		case 'string':
			return value.length > 0;
		case 'number':
			return value !== 0;
		case 'bigint':
			return value !== 0n;
		case 'function':
			return true;
	}
	if (value instanceof GoNumber) return value.value !== 0 && value.value !== 0n;
	if (Array.isArray(value) || value instanceof Uint8Array) return value.length > 0;
	if (isMap(value)) return Object.keys(value).length > 0;
	return true;
}

/** Go's "no value" becomes nil, as when an invalid value is passed to an interface{} parameter. */
export function indirect(value: unknown): unknown {
	return value === undefined ? null : value;
}

/** The text of a value as Go's fmt.Sprint prints one operand (%v). */
export function toGoString(value: unknown): string {
	if (typeof value === 'string') return value;
	return formatValue(value);
}

export { formatValue };

/**
 * A Go parameter type a function may declare (`fn.goParams`), so that its arguments are checked as Go
 * checks them: `{{ upper .missing }}` fails with "invalid value; expected string", a float64 given to an
 * int parameter with "wrong type for value; expected int; got float64", a literal "2" with "expected
 * integer; found "2"". 'any' is interface{}: everything passes and no value arrives as nil.
 */
export type GoParamType = 'any' | 'string' | 'int' | 'float64' | 'bool' | 'map' | 'list';

export interface GoSignature {
	params: GoParamType[];
	/** The element type of a final variadic parameter. */
	variadic?: GoParamType;
}

/** Declares the Go parameter types of a function (see GoParamType); returns the function. */
export function goFunc<F extends Function>(fn: F, params: GoParamType[], variadic?: GoParamType): F {
	(fn as unknown as { goParams: GoSignature }).goParams = { params, ...(variadic ? { variadic } : {}) };
	return fn;
}
