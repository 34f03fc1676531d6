// Go's fmt package as templates reach it (print, printf, println and printing an action's value):
// verbs %v %d %s %q %x %X %o %O %b %e %E %f %F %g %G %t %T %c %U %%, width, precision, `*`, argument
// indexes, flags `-+# 0`, and Go's error forms (%!d(string=x), %!d(MISSING), %!(EXTRA ...), %!(NOVERB)).
// Written by hand because no JavaScript library formats with Go's rules: floats use Go's strconv
// (shortest representation for %v, %e from exponent < -4 || >= 6, exact decimal rounding half to even),
// maps print sorted as map[k:v], arrays as [a b], nil as <nil>.
import { GoNumber, goTypeName, isMap, isStruct, sortedKeys } from './values';

interface Flags {
	plus: boolean;
	minus: boolean;
	sharp: boolean;
	space: boolean;
	zero: boolean;
	plusV: boolean;
	sharpV: boolean;
	wid?: number;
	prec?: number;
}

function noFlags(): Flags {
	return { plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false };
}

function runeLength(s: string): number {
	let n = 0;
	for (const _ of s) n++;
	return n;
}

function pad(s: string, f: Flags, zeroAllowed = true): string {
	if (f.wid === undefined) return s;
	const width = f.wid - runeLength(s);
	if (width <= 0) return s;
	if (f.minus) return s + ' '.repeat(width);
	return (f.zero && zeroAllowed ? '0' : ' ').repeat(width) + s;
}

// ---- floats -------------------------------------------------------------------------------------

/** A decimal 0.d × 10^dp; d has no trailing zeros; '' is zero. */
interface Decimal {
	d: string;
	dp: number;
}

function shortestDecimal(x: number): Decimal {
	if (x === 0) return { d: '', dp: 0 };
	const [mant, exp] = Math.abs(x).toExponential().split('e');
	const d = mant.replace('.', '').replace(/0+$/, '');
	return { d, dp: Number(exp) + 1 };
}

/** The exact decimal expansion of a double (every double is a finite decimal). */
function exactDecimal(x: number): Decimal {
	x = Math.abs(x);
	if (x === 0) return { d: '', dp: 0 };
	const view = new DataView(new ArrayBuffer(8));
	view.setFloat64(0, x);
	const hi = view.getUint32(0);
	const lo = view.getUint32(4);
	const biased = (hi >>> 20) & 0x7ff;
	let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
	let exp: number;
	if (biased === 0) exp = -1074;
	else {
		mantissa |= 1n << 52n;
		exp = biased - 1075;
	}
	let digits: string;
	let dp: number;
	if (exp >= 0) {
		digits = (mantissa << BigInt(exp)).toString();
		dp = digits.length;
	} else {
		digits = (mantissa * 5n ** BigInt(-exp)).toString();
		dp = digits.length + exp;
	}
	return { d: digits.replace(/0+$/, ''), dp };
}

/** Rounds to nd digits, half to even on the exact value (Go's decimal.Round). */
function roundDecimal(a: Decimal, nd: number): Decimal {
	if (nd < 0 || nd >= a.d.length) return a;
	let up: boolean;
	if (a.d[nd] === '5' && nd + 1 === a.d.length) up = nd > 0 && (a.d.charCodeAt(nd - 1) - 48) % 2 === 1;
	else up = a.d[nd] >= '5';
	if (!up) {
		const d = a.d.slice(0, nd).replace(/0+$/, '');
		return { d, dp: d === '' ? 0 : a.dp };
	}
	let i = nd - 1;
	while (i >= 0 && a.d[i] === '9') i--;
	if (i < 0) return { d: '1', dp: a.dp + 1 };
	return { d: a.d.slice(0, i) + String.fromCharCode(a.d.charCodeAt(i) + 1), dp: a.dp };
}

function fmtE(d: Decimal, prec: number, e: 'e' | 'E'): string {
	let s = d.d.length > 0 ? d.d[0] : '0';
	if (prec > 0) {
		s += '.';
		const frac = d.d.slice(1, 1 + prec);
		s += frac + '0'.repeat(prec - frac.length);
	}
	const exp = d.d.length === 0 ? 0 : d.dp - 1;
	const abs = Math.abs(exp);
	return s + e + (exp < 0 ? '-' : '+') + (abs < 10 ? '0' : '') + abs;
}

function fmtF(d: Decimal, prec: number): string {
	let s: string;
	if (d.dp > 0) {
		s = d.d.slice(0, d.dp);
		s += '0'.repeat(d.dp - s.length);
	} else s = '0';
	if (prec > 0) {
		s += '.';
		for (let i = 1; i <= prec; i++) {
			const j = d.dp + i - 1;
			s += j >= 0 && j < d.d.length ? d.d[j] : '0';
		}
	}
	return s;
}

/** strconv.FormatFloat(x, verb, prec, 64) for finite x, without the sign. prec -1 is the shortest. */
function formatFloatDigits(x: number, verb: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): string {
	const shortest = prec < 0;
	let d: Decimal;
	if (shortest) {
		d = shortestDecimal(x);
		if (verb === 'e' || verb === 'E') prec = Math.max(d.d.length - 1, 0);
		else if (verb === 'f') prec = Math.max(d.d.length - d.dp, 0);
		else prec = d.d.length;
	} else {
		const exact = exactDecimal(x);
		if (verb === 'e' || verb === 'E') d = roundDecimal(exact, prec + 1);
		else if (verb === 'f') d = roundDecimal(exact, exact.dp + prec);
		else {
			if (prec === 0) prec = 1;
			d = roundDecimal(exact, prec);
		}
	}
	if (verb === 'e' || verb === 'E') return fmtE(d, prec, verb);
	if (verb === 'f') return fmtF(d, prec);
	let eprec = prec;
	if (eprec > d.d.length && d.d.length >= d.dp) eprec = d.d.length;
	if (shortest) eprec = 6;
	const exp = d.dp - 1;
	if (exp < -4 || exp >= eprec) {
		if (prec > d.d.length) prec = d.d.length;
		return fmtE(d, prec - 1, verb === 'g' ? 'e' : 'E');
	}
	if (prec > d.dp) prec = d.d.length;
	return fmtF(d, Math.max(prec - d.dp, 0));
}

/** strconv.FormatFloat(x, 'g', -1, 64): how %v prints a float64 (1e+06, 3.5, 100000). */
export function formatFloat(x: number, verb: 'e' | 'E' | 'f' | 'g' | 'G' = 'g', prec = -1): string {
	if (Number.isNaN(x)) return 'NaN';
	if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
	const neg = x < 0 || Object.is(x, -0);
	return (neg ? '-' : '') + formatFloatDigits(x, verb, prec);
}

/** strconv.FormatFloat(x, 'x' or 'X', prec, 64) without the sign: 0x1.cp+01. */
function formatHexFloat(x: number, upper: boolean, prec: number): string {
	const view = new DataView(new ArrayBuffer(8));
	view.setFloat64(0, Math.abs(x));
	const bits = view.getBigUint64(0);
	let exp = Number((bits >> 52n) & 0x7ffn);
	let mant = bits & ((1n << 52n) - 1n);
	if (exp === 0) exp++;
	else mant |= 1n << 52n;
	exp -= 1023;
	if (mant === 0n) exp = 0;
	const ONE = 1n << 60n;
	mant <<= 8n;
	while (mant !== 0n && (mant & ONE) === 0n) {
		mant <<= 1n;
		exp--;
	}
	if (prec >= 0 && prec < 15) {
		const shift = BigInt(prec * 4);
		const extra = (mant << shift) & (ONE - 1n);
		mant >>= 60n - shift;
		if ((extra | (mant & 1n)) > 1n << 59n) mant++;
		mant <<= 60n - shift;
		if ((mant & (1n << 61n)) !== 0n) {
			mant >>= 1n;
			exp++;
		}
	}
	const digits = upper ? '0123456789ABCDEF' : '0123456789abcdef';
	let out = (upper ? '0X' : '0x') + String((mant >> 60n) & 1n);
	mant = (mant << 4n) & ((1n << 64n) - 1n);
	const nibble = () => {
		const d = digits[Number((mant >> 60n) & 15n)];
		mant = (mant << 4n) & ((1n << 64n) - 1n);
		return d;
	};
	if (prec < 0 && mant !== 0n) {
		out += '.';
		while (mant !== 0n) out += nibble();
	} else if (prec > 0) {
		out += '.';
		for (let i = 0; i < prec; i++) out += nibble();
	}
	const abs = Math.abs(exp);
	return out + (upper ? 'P' : 'p') + (exp < 0 ? '-' : '+') + (abs < 10 ? '0' : '') + abs;
}

/** strconv.FormatFloat(x, 'b', -1, 64) without the sign: decimal mantissa and binary exponent, 4503599627370496p-51. */
function formatBinaryFloat(x: number): string {
	const view = new DataView(new ArrayBuffer(8));
	view.setFloat64(0, Math.abs(x));
	const bits = view.getBigUint64(0);
	const biased = Number((bits >> 52n) & 0x7ffn);
	let mant = bits & ((1n << 52n) - 1n);
	let exp: number;
	if (biased === 0) exp = -1074;
	else {
		mant |= 1n << 52n;
		exp = biased - 1075;
	}
	return `${mant}p${exp >= 0 ? '+' : '-'}${Math.abs(exp)}`;
}

function fmtFloatVerb(x: number, verb: string, f: Flags): string {
	const v = verb === 'v' ? 'g' : verb === 'F' ? 'f' : verb;
	const prec = f.prec !== undefined ? f.prec : v === 'e' || v === 'E' || v === 'f' ? 6 : -1;
	let num: string;
	if (Number.isNaN(x)) num = '+NaN';
	else if (!Number.isFinite(x)) num = x > 0 ? '+Inf' : '-Inf';
	else {
		const sign = x < 0 || Object.is(x, -0) ? '-' : '+';
		if (v === 'b') num = sign + formatBinaryFloat(x);
		else if (v === 'x' || v === 'X') num = sign + formatHexFloat(x, v === 'X', prec);
		else num = sign + formatFloatDigits(x, v as 'e' | 'E' | 'f' | 'g' | 'G', prec);
	}
	// Go's fmtFloat: a space instead of +, Inf and NaN never zero padded, # keeps the point and zeros
	if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
	if (num[1] === 'I' || num[1] === 'N') {
		if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
		return pad(num, f, false);
	}
	if (f.sharp && v !== 'b') num = sharpFloat(num, v, prec);
	if (f.plus || num[0] !== '+') {
		if (f.zero && !f.minus && f.wid !== undefined && f.wid > runeLength(num)) {
			return num[0] + '0'.repeat(f.wid - runeLength(num)) + num.slice(1);
		}
		return pad(num, f);
	}
	return pad(num.slice(1), f);
}

/** The # flag on a float: always a decimal point, and %g keeps its trailing zeros (Go's fmtFloat). */
function sharpFloat(num: string, verb: string, prec: number): string {
	let digits = 0;
	if (verb === 'g' || verb === 'G' || verb === 'x') digits = prec === -1 ? 6 : prec;
	let body = num;
	let tail = '';
	let hasDecimalPoint = false;
	let sawNonzeroDigit = false;
	for (let i = 1; i < body.length; i++) {
		const c = body[i];
		if (c === '.') hasDecimalPoint = true;
		else if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
			tail = body.slice(i);
			body = body.slice(0, i);
			break;
		} else {
			if (c !== '0') sawNonzeroDigit = true;
			if (sawNonzeroDigit) digits--;
		}
	}
	if (!hasDecimalPoint) {
		if (body.length === 2 && body[1] === '0') digits--;
		body += '.';
	}
	if (digits > 0) body += '0'.repeat(digits);
	return body + tail;
}

// ---- integers -----------------------------------------------------------------------------------

function fmtInteger(value: bigint, unsigned: boolean, verb: string, f: Flags): string {
	const negative = !unsigned && value < 0n;
	const abs = negative ? -value : value;
	const base = verb === 'b' ? 2 : verb === 'o' || verb === 'O' ? 8 : verb === 'x' || verb === 'X' ? 16 : 10;
	let prec = 0;
	if (f.prec !== undefined) {
		prec = f.prec;
		if (prec === 0 && value === 0n) return pad('', { ...f, zero: false });
	} else if (f.zero && !f.minus && f.wid !== undefined) {
		prec = f.wid;
		if (negative || f.plus || f.space) prec--;
	}
	let digits = abs.toString(base);
	if (verb === 'X') digits = digits.toUpperCase();
	if (digits.length < prec) digits = '0'.repeat(prec - digits.length) + digits;
	if (f.sharp) {
		if (base === 8 && digits[0] !== '0') digits = '0' + digits;
		else if (base === 16) digits = (verb === 'X' ? '0X' : '0x') + digits;
		else if (base === 2) digits = '0b' + digits;
	}
	if (verb === 'O') digits = '0o' + digits;
	if (negative) digits = '-' + digits;
	else if (f.plus) digits = '+' + digits;
	else if (f.space) digits = ' ' + digits;
	return pad(digits, { ...f, zero: false });
}

// ---- strings ------------------------------------------------------------------------------------

function isPrintRune(cp: number): boolean {
	if (cp < 0x20 || cp === 0x7f) return false;
	if (cp < 0x7f) return true;
	if (cp === 0xfffd) return true;
	return /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(String.fromCodePoint(cp));
}

function hex(n: number, width: number): string {
	return n.toString(16).padStart(width, '0');
}

function quoteRuneBody(cp: number, quote: number, asciiOnly: boolean): string {
	if (cp === quote || cp === 0x5c) return '\\' + String.fromCodePoint(cp);
	if (asciiOnly ? cp < 0x80 && isPrintRune(cp) : isPrintRune(cp)) return String.fromCodePoint(cp);
	switch (cp) {
		case 7:
			return '\\a';
		case 8:
			return '\\b';
		case 12:
			return '\\f';
		case 10:
			return '\\n';
		case 13:
			return '\\r';
		case 9:
			return '\\t';
		case 11:
			return '\\v';
	}
	if (cp < 0x20 || cp === 0x7f) return '\\x' + hex(cp, 2);
	if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd';
	if (cp < 0x10000) return '\\u' + hex(cp, 4);
	return '\\U' + hex(cp, 8);
}

/** strconv.Quote (or QuoteToASCII). */
export function goQuote(s: string, asciiOnly = false): string {
	let out = '"';
	for (const ch of s) out += quoteRuneBody(ch.codePointAt(0)!, 0x22, asciiOnly);
	return out + '"';
}

function quoteRune(cp: number, asciiOnly: boolean): string {
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp < 0) cp = 0xfffd;
	return "'" + quoteRuneBody(cp, 0x27, asciiOnly) + "'";
}

function canBackquote(s: string): boolean {
	for (const ch of s) {
		const cp = ch.codePointAt(0)!;
		if (cp === 0x60 || cp === 0xfeff) return false;
		if (cp < 0x20 && cp !== 9) return false;
		if (cp === 0x7f) return false;
	}
	return true;
}

function utf8Bytes(s: string): Uint8Array {
	return new TextEncoder().encode(s);
}

function fmtHexBytes(bytes: Uint8Array, verb: string, f: Flags): string {
	let length = bytes.length;
	if (f.prec !== undefined && f.prec < length) length = f.prec;
	let out = '';
	for (let i = 0; i < length; i++) {
		if (f.space && i > 0) out += ' ';
		if (f.sharp && (f.space || i === 0)) out += verb === 'X' ? '0X' : '0x';
		const h = hex(bytes[i], 2);
		out += verb === 'X' ? h.toUpperCase() : h;
	}
	return pad(out, f);
}

function truncateRunes(s: string, f: Flags): string {
	if (f.prec === undefined) return s;
	let out = '';
	let n = 0;
	for (const ch of s) {
		if (n++ >= f.prec) break;
		out += ch;
	}
	return out;
}

function fmtString(s: string, verb: string, f: Flags): string | undefined {
	switch (verb) {
		case 'v':
			if (f.sharpV) return pad(goQuote(truncateRunes(s, f)), f);
			return pad(truncateRunes(s, f), f);
		case 's':
			return pad(truncateRunes(s, f), f);
		case 'x':
		case 'X':
			// the precision counts bytes here, not runes
			return fmtHexBytes(utf8Bytes(s), verb, f);
		case 'q': {
			const t = truncateRunes(s, f);
			if (f.sharp && canBackquote(t)) return pad('`' + t + '`', f);
			return pad(goQuote(t, f.plus), f);
		}
	}
	return undefined;
}

// ---- dispatch -----------------------------------------------------------------------------------

function badVerb(verb: string, value: unknown, f: Flags): string {
	if (value === null || value === undefined) return `%!${verb}(<nil>)`;
	return `%!${verb}(${goTypeName(value)}=${printArg(value, 'v', { ...f, plusV: false, sharpV: false }, 0)})`;
}

function callMethod(value: object, name: string): unknown {
	const fn = (value as Record<string, unknown>)[name];
	if (typeof fn !== 'function' || Object.prototype.hasOwnProperty.call(value, name)) return undefined;
	return (fn as () => unknown).call(value);
}

function printInteger(value: bigint, unsigned: boolean, verb: string, f: Flags, original: unknown): string {
	switch (verb) {
		case 'v':
			if (f.sharpV && unsigned) return fmtInteger(value, true, 'x', { ...f, sharp: true });
			return fmtInteger(value, unsigned, 'd', f);
		case 'd':
		case 'b':
		case 'o':
		case 'O':
		case 'x':
		case 'X':
			return fmtInteger(value, unsigned, verb, f);
		case 'c':
			return pad(String.fromCodePoint(validRune(value)), f);
		case 'q':
			return pad(quoteRune(Number(value), f.plus), f);
		case 'U': {
			const u = BigInt.asUintN(64, value);
			let digits = u.toString(16).toUpperCase();
			digits = digits.padStart(Math.max(4, f.prec ?? 0), '0');
			let s = 'U+' + digits;
			if (f.sharp && u <= 0x10ffffn && isPrintRune(Number(u))) s += " '" + String.fromCodePoint(Number(u)) + "'";
			return pad(s, { ...f, zero: false });
		}
	}
	return badVerb(verb, original, f);
}

function validRune(value: bigint): number {
	if (value < 0n || value > 0x10ffffn || (value >= 0xd800n && value <= 0xdfffn)) return 0xfffd;
	return Number(value);
}

/** Deeper than this a value is taken for a cycle (Go would recurse until its stack runs out). */
const MAX_PRINT_DEPTH = 500;

export class PrintDepthError extends Error {}

function printArg(value: unknown, verb: string, f: Flags, depth: number): string {
	if (depth > MAX_PRINT_DEPTH) throw new PrintDepthError(`value nested more than ${MAX_PRINT_DEPTH} levels deep (a cycle?)`);
	if (typeof value === 'symbol') return pad(value.toString(), f);
	if (value === null || value === undefined) {
		// %#v shows a nil element of a list or map as Go syntax
		if (verb === 'v' && f.sharpV && depth > 0) return 'interface {}(nil)';
		if (verb === 'v' || verb === 'T') return pad('<nil>', f);
		return badVerb(verb, value, f);
	}
	if (verb === 'T') return pad(truncateRunes(goTypeName(value), f), f);
	switch (typeof value) {
		case 'boolean':
			if (verb === 't' || verb === 'v') return pad(value ? 'true' : 'false', f);
			return badVerb(verb, value, f);
		case 'number':
			if ('vbgGeEfFxX'.includes(verb)) return fmtFloatVerb(value, verb, f);
			return badVerb(verb, value, f);
		case 'bigint':
			return printInteger(value, false, verb, f, value);
		case 'string':
			return fmtString(value, verb, f) ?? badVerb(verb, value, f);
		case 'function':
			if (verb === 'v' || verb === 'p') return pad('0x1', f);
			return badVerb(verb, value, f);
	}
	if (value instanceof GoNumber) {
		if (value.goType === 'float32') {
			if ('vbgGeEfFxX'.includes(verb)) return fmtFloatVerb(Number(value.value), verb, f);
			return badVerb(verb, value, f);
		}
		return printInteger(BigInt(value.value), value.unsigned, verb, f, value);
	}
	if (value instanceof Uint8Array) {
		if (verb === 's' || verb === 'q' || verb === 'x' || verb === 'X') {
			const text = new TextDecoder().decode(value);
			if (verb === 'x' || verb === 'X') return fmtHexBytes(value, verb, f);
			return fmtString(text, verb, f)!;
		}
		const bytes = Array.from(value, (b) => printInteger(BigInt(b), true, verb, f, new GoNumber('uint8', BigInt(b))));
		return f.sharpV && verb === 'v' ? '[]byte{' + bytes.join(', ') + '}' : '[' + bytes.join(' ') + ']';
	}
	const goSyntax = f.sharpV && verb === 'v';
	if (Array.isArray(value)) {
		const elements = value.map((e) => printArg(e, verb, f, depth + 1));
		return goSyntax ? `${goTypeName(value)}{${elements.join(', ')}}` : '[' + elements.join(' ') + ']';
	}
	if (isMap(value)) {
		const parts = sortedKeys(value).map((k) => printArg(k, verb, f, depth + 1) + ':' + printArg(value[k], verb, f, depth + 1));
		return goSyntax ? `${goTypeName(value)}{${parts.join(', ')}}` : 'map[' + parts.join(' ') + ']';
	}
	if (isStruct(value)) {
		if ('vsxXq'.includes(verb) && !f.sharpV) {
			for (const method of ['Error', 'String']) {
				const text = callMethod(value, method);
				if (typeof text === 'string') return fmtString(text, verb, f)!;
			}
		}
		const fields = Object.keys(value).map((k) => (f.plusV || goSyntax ? k + ':' : '') + printArg((value as Record<string, unknown>)[k], verb, f, depth + 1));
		const type = goTypeName(value);
		const prefix = type.startsWith('*') ? '&' : '';
		return goSyntax ? `${prefix}${type.replace(/^\*/, '')}{${fields.join(', ')}}` : prefix + '{' + fields.join(' ') + '}';
	}
	return badVerb(verb, value, f);
}

/** The text of one value printed with a verb and no flags (fmt.Sprintf("%s", v) for verb 's'). */
export function formatVerb(value: unknown, verb: string): string {
	return printArg(value, verb, noFlags(), 0);
}

/** The text of one value printed with %v (fmt.Sprint of a single operand). */
export function formatValue(value: unknown): string {
	return printArg(value, 'v', noFlags(), 0);
}

function isStringArg(value: unknown): boolean {
	return typeof value === 'string';
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: readonly unknown[]): string {
	let out = '';
	args.forEach((arg, i) => {
		if (i > 0 && !isStringArg(arg) && !isStringArg(args[i - 1])) out += ' ';
		out += formatValue(arg);
	});
	return out;
}

/** fmt.Sprintln: spaces between all operands and a newline. */
export function sprintln(args: readonly unknown[]): string {
	return args.map(formatValue).join(' ') + '\n';
}

function intFromArg(args: readonly unknown[], argNum: number): { n: number; ok: boolean; argNum: number } {
	if (argNum >= args.length) return { n: 0, ok: false, argNum };
	const arg = args[argNum];
	let n: number | undefined;
	if (typeof arg === 'bigint') n = Number(arg);
	else if (arg instanceof GoNumber && arg.goType !== 'float32') n = Number(arg.value);
	if (n === undefined || Math.abs(n) > 1e6) return { n: 0, ok: false, argNum: argNum + 1 };
	return { n, ok: true, argNum: argNum + 1 };
}

/** fmt.Sprintf with Go's verbs and error forms. */
export function sprintf(format: string, args: readonly unknown[]): string {
	let out = '';
	let argNum = 0;
	let reordered = false;
	const end = format.length;
	let i = 0;
	while (i < end) {
		const pct = format.indexOf('%', i);
		if (pct < 0) {
			out += format.slice(i);
			break;
		}
		out += format.slice(i, pct);
		i = pct + 1;
		const f = noFlags();
		flags: for (; i < end; i++) {
			switch (format[i]) {
				case '#':
					f.sharp = true;
					break;
				case '0':
					f.zero = !f.minus;
					break;
				case '+':
					f.plus = true;
					break;
				case '-':
					f.minus = true;
					f.zero = false;
					break;
				case ' ':
					f.space = true;
					break;
				default:
					break flags;
			}
		}
		let goodArgNum = true;
		const argIndex = (): void => {
			if (format[i] !== '[') return;
			reordered = true;
			const close = format.indexOf(']', i);
			const n = close < 0 ? NaN : Number(format.slice(i + 1, close));
			if (close < 0 || !/^\d+$/.test(format.slice(i + 1, close)) || n < 1 || n > args.length) {
				goodArgNum = false;
				i = close < 0 ? end : close + 1;
				return;
			}
			argNum = n - 1;
			i = close + 1;
		};
		argIndex();
		if (format[i] === '*') {
			i++;
			const r = intFromArg(args, argNum);
			argNum = r.argNum;
			if (!r.ok) out += '%!(BADWIDTH)';
			else {
				f.wid = r.n;
				if (f.wid < 0) {
					f.wid = -f.wid;
					f.minus = true;
					f.zero = false;
				}
			}
		} else {
			const m = /^\d+/.exec(format.slice(i));
			if (m) {
				f.wid = Number(m[0]);
				i += m[0].length;
			}
		}
		if (format[i] === '.') {
			i++;
			argIndex();
			if (format[i] === '*') {
				i++;
				const r = intFromArg(args, argNum);
				argNum = r.argNum;
				if (!r.ok) out += '%!(BADPREC)';
				else if (r.n >= 0) f.prec = r.n;
			} else {
				const m = /^\d+/.exec(format.slice(i));
				f.prec = m ? Number(m[0]) : 0;
				if (m) i += m[0].length;
			}
		}
		argIndex();
		if (i >= end) {
			out += '%!(NOVERB)';
			break;
		}
		const verb = String.fromCodePoint(format.codePointAt(i)!);
		i += verb.length;
		if (verb === '%') {
			out += '%';
			continue;
		}
		if (!goodArgNum) {
			out += `%!${verb}(BADINDEX)`;
			continue;
		}
		if (argNum >= args.length) {
			out += `%!${verb}(MISSING)`;
			continue;
		}
		if (verb === 'v') {
			if (f.sharp) {
				f.sharp = false;
				f.sharpV = true;
			}
			if (f.plus) {
				f.plus = false;
				f.plusV = true;
			}
		}
		out += printArg(args[argNum], verb, f, 0);
		argNum++;
	}
	if (!reordered && argNum < args.length) {
		const extra = args.slice(argNum).map((a) => (a === null || a === undefined ? '<nil>' : goTypeName(a) + '=' + formatValue(a)));
		out += '%!(EXTRA ' + extra.join(', ') + ')';
	}
	return out;
}
