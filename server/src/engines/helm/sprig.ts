// The Sprig function library (github.com/Masterminds/sprig/v3) as Helm 3.17 exposes it, minus `env` and
// `expandenv`, which Helm removes. Each function follows Sprig's Go code: argument types as text/template
// converts them (a wrong type is an error, as in Helm), int64 results for integer math, float64 for the
// `...f` functions, and the panics of the non-`must` list functions as errors. Functions whose result is
// random or depends on the clock return fixed values (documented at DETERMINISTIC below), so a re-render
// after an edit never changes unrelated output.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import {
	deepCopy,
	deepEqual,
	formatValue,
	GoMap,
	getKey,
	hasKey,
	isEmpty,
	isGoMap,
	kindOf,
	newMap,
	setKey,
	toFloat64,
	toGoString,
	toInt64,
	typeOf,
	typed,
	bytesOfGoString,
} from './goValues';
import { Decimal } from './decimal';
import { goInt64 } from '../template';
import { compileRe2, expandReplacement, quoteMeta } from './re2';
import { semverCompare, parseSemver } from './semver';
import { GoTime, formatGoDate, parseDuration, formatDuration, FIXED_NOW } from './goTime';
import { toGoJson, parseGoJson } from './goYaml';

export type FuncMap = Record<string, (...args: unknown[]) => unknown>;

/**
 * Stand-ins for functions whose result is random or time-dependent:
 * - `now` is 2024-01-01T00:00:00Z (UTC); `ago`/`dateModify`/`duration` compute from it.
 * - `randAlphaNum`/`randAlpha`/`randNumeric`/`randAscii` N: the first N characters of their alphabet, repeated.
 * - `randInt a b`: a. `shuffle s`: s unchanged. `uuidv4`: 00000000-0000-4000-8000-000000000000.
 * - `genPrivateKey`, `genCA`, `genSelfSignedCert`, `genSignedCert`, `buildCustomCert`: fixed PEM blocks
 *   whose body names the function; `htpasswd`, `bcrypt`, `derivePassword`, `encryptAES` fixed-format text.
 */
export const DETERMINISTIC = {
	now: FIXED_NOW,
	uuid: '00000000-0000-4000-8000-000000000000',
};

// ---------------------------------------------------------------------------------------------
// argument conversion as text/template does for typed parameters

export class ArgumentTypeError extends Error {}

function str(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === null || value === undefined) throw new ArgumentTypeError('invalid value; expected string');
	throw new ArgumentTypeError(`wrong type for value; expected string; got ${typeOf(value)}`);
}

function int(value: unknown): number {
	if (typeof value === 'bigint') return Number(value);
	if (value === null || value === undefined) throw new ArgumentTypeError('invalid value; expected int');
	throw new ArgumentTypeError(`wrong type for value; expected int; got ${typeOf(value)}`);
}

function map(value: unknown): GoMap {
	if (isGoMap(value)) return value;
	if (value === null || value === undefined) throw new ArgumentTypeError('invalid value; expected map[string]interface {}');
	throw new ArgumentTypeError(`wrong type for value; expected map[string]interface {}; got ${typeOf(value)}`);
}

/** Sprig's strslice: a list's non-nil items as strings; nil is empty; anything else one string. */
function strslice(value: unknown): string[] {
	if (Array.isArray(value)) return strings(value.filter((v) => v !== null && v !== undefined).map(toGoString));
	if (value === null || value === undefined) return strings([]);
	return strings([toGoString(value)]);
}

/** A Go []string. */
function strings(list: string[], nil = false): string[] {
	return typed(list, '[]string', nil);
}

/** The list a list function works on; a non-list panics in Sprig with this wording. */
function listArg(value: unknown, fn: string): unknown[] {
	if (Array.isArray(value)) return value;
	if (value instanceof Uint8Array) return Array.from(value, (b) => BigInt(b));
	throw new Error(`Cannot ${fn} on type ${typeOf(value)}`);
}

/** Go's strconv.Quote (used by `quote`): printable runes kept, the rest escaped. */
export function goQuote(s: string): string {
	let out = '"';
	for (const ch of s) {
		const cp = ch.codePointAt(0)!;
		if (ch === '"' || ch === '\\') out += '\\' + ch;
		else if (cp === 7) out += '\\a';
		else if (cp === 8) out += '\\b';
		else if (cp === 12) out += '\\f';
		else if (cp === 10) out += '\\n';
		else if (cp === 13) out += '\\r';
		else if (cp === 9) out += '\\t';
		else if (cp === 11) out += '\\v';
		else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
		else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
		else if (/[\p{L}\p{M}\p{N}\p{P}\p{S}]|\u0020/u.test(ch)) out += ch;
		else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
		else out += '\\U' + cp.toString(16).padStart(8, '0');
	}
	return out + '"';
}

/** strings.Title: the first letter of each word upper-cased. */
function title(s: string): string {
	let prev = ' ';
	let out = '';
	for (const ch of s) {
		const separator = /[A-Za-z0-9_]/.test(prev) ? false : /[\p{L}\p{N}]/u.test(prev) ? false : true;
		out += separator ? ch.toUpperCase() : ch;
		prev = ch;
	}
	return out;
}

function untitle(s: string): string {
	let prev = ' ';
	let out = '';
	for (const ch of s) {
		out += /\s/.test(prev) ? ch.toLowerCase() : ch;
		prev = ch;
	}
	return out;
}

/** goutils.WrapCustom(str, wrapLength, newLine, wrapLongWords). */
function wrapText(s: string, width: number, newline: string, wrapLongWords: boolean): string {
	if (width < 1) width = 1;
	let out = '';
	let offset = 0;
	const input = s;
	while (input.length - offset > width) {
		if (input[offset] === ' ') {
			offset++;
			continue;
		}
		const spaceToWrapAt = input.lastIndexOf(' ', width + offset);
		if (spaceToWrapAt >= offset) {
			out += input.slice(offset, spaceToWrapAt) + newline;
			offset = spaceToWrapAt + 1;
		} else if (wrapLongWords) {
			out += input.slice(offset, offset + width) + newline;
			offset += width;
		} else {
			const next = input.indexOf(' ', width + offset);
			if (next >= 0) {
				out += input.slice(offset, next) + newline;
				offset = next + 1;
			} else {
				out += input.slice(offset);
				offset = input.length;
			}
		}
	}
	return out + input.slice(offset);
}

/** goutils.AbbreviateFull on a byte string (Sprig's guard already applied). */
function abbreviateBoth(text: string, l: number, r: number): string {
	if (text === '' || text.length <= r) return text;
	let offset = Math.min(l, text.length);
	if (text.length - offset < r - 3) offset = text.length - (r - 3);
	if (offset <= 4) return text.slice(0, r - 3) + '...';
	const abbreviate = (t: string, w: number) => (t.length <= w ? t : t.slice(0, w - 3) + '...');
	if (offset + r - 3 < text.length) return '...' + abbreviate(text.slice(offset), r - 3);
	return '...' + text.slice(text.length - (r - 3));
}

/** goutils counts bytes: `fn` works on the UTF-8 bytes (one character each), its result is read back as UTF-8. */
function onBytes(s: string, fn: (bytes: string) => string): string {
	return Buffer.from(fn(Buffer.from(s).toString('latin1')), 'latin1').toString('utf8');
}

function wrapBytes(s: string, width: number, newline: string, wrapLongWords: boolean): string {
	return onBytes(s, (bytes) => wrapText(bytes, width, Buffer.from(newline).toString('latin1'), wrapLongWords));
}

/**
 * xstrings.ToSnakeCase / ToKebabCase, simplified: each space, `-` or `_` becomes the connector, a word
 * boundary inside camel case (`aB`, `ABc`) gets one, everything is lower-cased, other punctuation stays.
 */
function lowerWords(s: string, connector: string): string {
	const chars = Array.from(s);
	let out = '';
	for (let i = 0; i < chars.length; i++) {
		const ch = chars[i];
		if (ch === '-' || ch === '_' || /\s/u.test(ch)) {
			out += connector;
			continue;
		}
		const prev = chars[i - 1] ?? '';
		const next = chars[i + 1] ?? '';
		const isUpper = /\p{Lu}/u.test(ch);
		if (isUpper && i > 0 && (/[\p{Ll}\p{N}]/u.test(prev) || (/\p{Lu}/u.test(prev) && /\p{Ll}/u.test(next)))) out += connector;
		out += ch.toLowerCase();
	}
	return out;
}

function snakecase(s: string): string {
	return lowerWords(s, '_');
}

function isConnector(ch: string): boolean {
	return ch === '-' || ch === '_' || /\s/u.test(ch);
}

/** xstrings.ToCamelCase: connectors (`-`, `_`, spaces) dropped between words, the next letter upper-cased; leading and repeated connectors kept. */
function camelcase(s: string): string {
	const chars = Array.from(s);
	if (chars.length === 0) return '';
	let out = '';
	let i = 0;
	let r0 = '';
	while (i < chars.length) {
		r0 = chars[i++];
		if (!isConnector(r0)) {
			r0 = r0.toUpperCase();
			break;
		}
		out += r0;
	}
	if (i >= chars.length) return out + (isConnector(r0) ? '' : r0);
	while (i < chars.length) {
		const r1 = r0;
		r0 = chars[i++];
		if (isConnector(r0) && isConnector(r1)) {
			out += r1;
			continue;
		}
		if (isConnector(r1)) r0 = r0.toUpperCase();
		else out += r1;
	}
	return out + r0;
}

function swapcase(s: string): string {
	let out = '';
	for (const ch of s) out += ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase();
	return out;
}

function adler32(bytes: Buffer): number {
	let a = 1;
	let b = 0;
	for (const byte of bytes) {
		a = (a + byte) % 65521;
		b = (b + a) % 65521;
	}
	return ((b << 16) | a) >>> 0;
}

function base32Encode(bytes: Buffer): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += alphabet[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
	while (out.length % 8 !== 0) out += '=';
	return out;
}

function base32Decode(text: string): Buffer {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	const clean = text.replace(/=+$/, '');
	if (text.length % 8 !== 0) throw new Error(`illegal base32 data at input byte ${text.length - (text.length % 8)}`);
	let bits = 0;
	let value = 0;
	const out: number[] = [];
	for (let i = 0; i < clean.length; i++) {
		const idx = alphabet.indexOf(clean[i]);
		if (idx < 0) throw new Error(`illegal base32 data at input byte ${i}`);
		value = (value << 5) | idx;
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 255);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

/** encoding/base64 StdEncoding.DecodeString; on failure Go's CorruptInputError text (Sprig returns it). */
function base64Decode(text: string): string {
	const alphabet = /[A-Za-z0-9+/]/;
	for (let i = 0; i < text.length; i += 4) {
		for (let j = 0; j < 4; j++) {
			const c = text[i + j];
			if (c === undefined) return `illegal base64 data at input byte ${i}`;
			if (c === '=') {
				if (j < 2) return `illegal base64 data at input byte ${i + j}`;
				if (j === 2 && text[i + 3] !== '=') return `illegal base64 data at input byte ${text[i + 3] === undefined ? i + 3 : i + 2}`;
				if (i + 4 < text.length) return `illegal base64 data at input byte ${i + 4}`;
				return Buffer.from(text, 'base64').toString('utf8');
			}
			if (!alphabet.test(c)) return `illegal base64 data at input byte ${i + j}`;
		}
	}
	return Buffer.from(text, 'base64').toString('utf8');
}

/** Longest list until/untilStep/seq build: beyond it the render stops (a runaway template, not a chart). */
export const MAX_LIST = 1_000_000;

function untilStep(start: number, stop: number, step: number): bigint[] {
	const out: bigint[] = typed([], '[]int');
	if (step !== 0 && Math.abs((stop - start) / step) > MAX_LIST) throw new Error(`list of ${Math.floor(Math.abs((stop - start) / step))} items exceeds the render budget of ${MAX_LIST}`);
	if (stop < start) {
		if (step >= 0) return out;
		for (let i = start; i > stop; i += step) out.push(BigInt(i));
		return out;
	}
	if (step <= 0) return out;
	for (let i = start; i < stop; i += step) out.push(BigInt(i));
	return out;
}

/** Mergo's deep merge as Sprig's merge (fill what is empty) and mergeOverwrite (replace) use it. */
function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
	for (const key of Object.keys(src)) {
		const sv = src[key];
		if (!hasKey(dst, key)) {
			setKey(dst, key, sv);
			continue;
		}
		const dv = dst[key];
		if (isGoMap(dv) && isGoMap(sv)) mergeInto(dv, sv, overwrite);
		// with override mergo replaces with any source value, even an empty one
		else if (overwrite || isEmpty(dv)) setKey(dst, key, sv);
	}
}

function pemBlock(type: string, body: string): string {
	const b64 = Buffer.from(body).toString('base64');
	return `-----BEGIN ${type}-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${type}-----\n`;
}

/** The result of genCA and friends: a struct with Cert and Key. */
export class Certificate {
	constructor(
		public Cert: string,
		public Key: string,
	) {}
}

function certificate(kind: string, cn: string): Certificate {
	return new Certificate(pemBlock('CERTIFICATE', `bosun deterministic ${kind} certificate for ${cn}`), pemBlock('RSA PRIVATE KEY', `bosun deterministic ${kind} key for ${cn}`));
}

/** strings.Repeat(" ", n), which panics on a negative count. */
function padding(spaces: unknown): string {
	const n = int(spaces);
	if (n < 0) throw new Error('strings: negative Repeat count');
	return ' '.repeat(n);
}

function randomStandIn(alphabet: string, count: unknown): string {
	const n = Math.max(0, int(count));
	let out = '';
	for (let i = 0; i < n; i++) out += alphabet[i % alphabet.length];
	return out;
}

function urlParse(text: string): GoMap {
	const out = newMap();
	const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/(?:([^@/?#]*)@)?([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(text) ?? [];
	const host = m[3] ?? '';
	setKey(out, 'scheme', m[1] ?? '');
	setKey(out, 'host', host);
	setKey(out, 'hostname', host.replace(/:\d*$/, '').replace(/^\[(.*)\]$/, '$1'));
	// a scheme followed by something other than "/" is Go's opaque URL (mailto:a@b)
	const opaque = m[1] && m[3] === undefined && !(m[4] ?? '').startsWith('/') ? (m[4] ?? '') : '';
	setKey(out, 'path', opaque ? '' : safeDecode(m[4] ?? ''));
	setKey(out, 'query', m[5] ?? '');
	setKey(out, 'opaque', opaque);
	setKey(out, 'fragment', m[6] ? decodeURIComponent(m[6]) : '');
	setKey(out, 'userinfo', m[2] ?? '');
	return out;
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

function urlJoin(d: GoMap): string {
	const get = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
	let out = '';
	if (get('scheme')) out += get('scheme') + ':';
	if (get('host') || get('userinfo')) out += '//' + (get('userinfo') ? get('userinfo') + '@' : '') + get('host');
	out += get('opaque') || get('path');
	if (get('query')) out += '?' + get('query');
	if (get('fragment')) out += '#' + encodeURI(get('fragment'));
	return out;
}

function goTime(value: unknown): GoTime {
	if (value instanceof GoTime) return value;
	if (typeof value === 'bigint' || typeof value === 'number') return GoTime.fromUnix(Number(value));
	if (typeof value === 'string') {
		const parsed = Date.parse(value);
		return Number.isNaN(parsed) ? FIXED_NOW : new GoTime(parsed);
	}
	return FIXED_NOW;
}

function numberArgs(args: unknown[]): bigint[] {
	return args.map(toInt64);
}

function compact(list: unknown[]): unknown[] {
	return list.filter((v) => !isEmpty(v));
}

function uniq(list: unknown[]): unknown[] {
	const out: unknown[] = [];
	for (const v of list) if (!out.some((x) => deepEqual(x, v))) out.push(v);
	return out;
}

function sliceArgs(list: unknown[], indices: unknown[]): unknown[] {
	const l = list.length;
	let start = 0;
	let end = l;
	if (indices.length > 0) start = Number(toInt64(indices[0]));
	if (indices.length > 1) end = Number(toInt64(indices[1]));
	if (start < 0 || end > l || start > end) throw new Error(`runtime error: slice bounds out of range [${start}:${end}] with capacity ${l}`);
	return list.slice(start, end);
}

function pick(dict: GoMap, keys: unknown[]): GoMap {
	const out = newMap();
	for (const k of keys) {
		const key = str(k);
		if (hasKey(dict, key)) setKey(out, key, dict[key]);
	}
	return out;
}

function omit(dict: GoMap, keys: unknown[]): GoMap {
	const drop = new Set(keys.map(str));
	const out = newMap();
	for (const k of Object.keys(dict)) if (!drop.has(k)) setKey(out, k, dict[k]);
	return out;
}

function dig(args: unknown[]): unknown {
	if (args.length < 3) throw new Error('dig needs at least three arguments');
	const dict = map(args[args.length - 1]);
	const fallback = args[args.length - 2];
	const keys = args.slice(0, -2).map(str);
	let current: unknown = dict;
	for (const key of keys) {
		// Sprig asserts each step is a map: anything else panics
		if (!isGoMap(current)) throw new Error(`interface conversion: interface {} is ${current === null ? 'nil' : typeOf(current)}, not map[string]interface {}`);
		if (!hasKey(current, key)) return fallback;
		current = current[key];
	}
	return current;
}

function round(value: unknown, places: unknown, roundOn?: unknown): number {
	const val = toFloat64(value);
	const on = roundOn === undefined ? 0.5 : toFloat64(roundOn);
	const pow = Math.pow(10, int(places));
	const digit = pow * val;
	const fraction = digit - Math.trunc(digit);
	const rounded = fraction >= on ? Math.ceil(digit) : Math.floor(digit);
	return rounded / pow;
}

function goBase(p: string): string {
	if (p === '') return '.';
	const trimmed = p.replace(/\/+$/, '');
	if (trimmed === '') return '/';
	return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function goClean(p: string): string {
	if (p === '') return '.';
	const rooted = p.startsWith('/');
	const parts: string[] = [];
	for (const part of p.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') {
			if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
			else if (!rooted) parts.push('..');
		} else parts.push(part);
	}
	const out = (rooted ? '/' : '') + parts.join('/');
	return out === '' ? '.' : out;
}

function goDir(p: string): string {
	const i = p.lastIndexOf('/');
	return goClean(p.slice(0, i + 1));
}

function goExt(p: string): string {
	for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
	return '';
}

function splitMap(parts: string[]): GoMap {
	const out = typed(newMap(), 'map[string]string');
	parts.forEach((p, i) => setKey(out, `_${i}`, p));
	return out;
}

/** strings.SplitN. */
function splitN(s: string, sep: string, n: number): string[] {
	if (n === 0) return [];
	const all = sep === '' ? Array.from(s) : s.split(sep);
	if (n < 0 || all.length <= n) return all;
	if (sep === '') return [...all.slice(0, n - 1), all.slice(n - 1).join('')];
	return [...all.slice(0, n - 1), all.slice(n - 1).join(sep)];
}

function regexFindAll(re: RegExp, s: string, n: number): string[] {
	const out: string[] = [];
	if (n === 0) return strings(out, true);
	const global = new RegExp(re.source, re.flags + 'g');
	let m: RegExpExecArray | null;
	let lastEnd = -1;
	while ((m = global.exec(s)) !== null) {
		if (m[0] === '' && m.index === lastEnd) {
			global.lastIndex++;
			continue;
		}
		out.push(m[0]);
		lastEnd = m.index + m[0].length;
		if (m[0] === '') global.lastIndex++;
		if (n > 0 && out.length >= n) break;
	}
	return strings(out, out.length === 0);
}

function regexReplace(re: RegExp, s: string, replacement: string, literal: boolean): string {
	const global = new RegExp(re.source, re.flags + 'g');
	return s.replace(global, (...args) => {
		if (literal) return replacement;
		const groupsArg = args[args.length - 1];
		const hasGroups = typeof groupsArg === 'object' && groupsArg !== null;
		const captures = args.slice(0, hasGroups ? -3 : -2) as string[];
		const match = Object.assign([...captures], { index: 0, input: s, groups: hasGroups ? groupsArg : undefined }) as unknown as RegExpExecArray;
		return expandReplacement(replacement, match);
	});
}

function regexSplit(re: RegExp, s: string, n: number): string[] {
	if (n === 0) return strings([], true);
	if (re.source === '(?:)' && s.length > 0) return splitN(s, '', n);
	const out: string[] = [];
	const global = new RegExp(re.source, re.flags + 'g');
	let beg = 0;
	let m: RegExpExecArray | null;
	while ((m = global.exec(s)) !== null) {
		if (n > 0 && out.length === n - 1) break;
		const end = m.index;
		if (m[0] === '') {
			global.lastIndex++;
			if (end === 0 || end === s.length) continue;
		}
		out.push(s.slice(beg, end));
		beg = m.index + m[0].length;
	}
	out.push(s.slice(beg));
	return strings(out);
}

function regex(pattern: unknown, fn: string): RegExp {
	const text = str(pattern);
	try {
		return compileRe2(text);
	} catch (e) {
		throw new Error(`regexp: Compile(${goQuote(text).replace(/^"|"$/g, '`')}): ${(e as Error).message}`.replace(/`(.*)`\)/, (_m, p: string) => `\`${p}\`)`) + (fn ? '' : ''));
	}
}

function regexOrError(pattern: unknown): RegExp {
	return compileRe2(str(pattern));
}

// ---------------------------------------------------------------------------------------------

export function sprigFunctions(): FuncMap {
	const f: FuncMap = {
		// dates
		date: (fmt, date) => formatGoDate(goTime(date), str(fmt)),
		date_in_zone: (fmt, date, zone) => formatGoDate(goTime(date).inZone(str(zone)), str(fmt)),
		dateInZone: (fmt, date, zone) => formatGoDate(goTime(date).inZone(str(zone)), str(fmt)),
		date_modify: (fmt, date) => goTime(date).add(parseDuration(str(fmt)) ?? 0),
		dateModify: (fmt, date) => goTime(date).add(parseDuration(str(fmt)) ?? 0),
		mustDateModify: (fmt, date) => {
			const d = parseDuration(str(fmt));
			if (d === undefined) throw new Error(`time: invalid duration ${goQuote(str(fmt))}`);
			return goTime(date).add(d);
		},
		ago: (date) => formatDuration(Math.round((FIXED_NOW.ms - goTime(date).ms) / 1000) * 1e9),
		now: () => FIXED_NOW,
		htmlDate: (date) => formatGoDate(goTime(date), '2006-01-02'),
		htmlDateInZone: (date, zone) => formatGoDate(goTime(date).inZone(str(zone)), '2006-01-02'),
		unixEpoch: (date) => String(Math.floor(goTime(date).ms / 1000)),
		toDate: (fmt, text) => GoTime.parse(str(fmt), str(text)) ?? new GoTime(Date.UTC(1, 0, 1)),
		mustToDate: (fmt, text) => {
			const t = GoTime.parse(str(fmt), str(text));
			if (!t) throw new Error(`parsing time ${goQuote(str(text))} as ${goQuote(str(fmt))}: cannot parse`);
			return t;
		},
		duration: (sec) => formatDuration(Number(toInt64(sec)) * 1e9),
		durationRound: (value) => {
			let ns = 0;
			if (typeof value === 'string') ns = parseDuration(value) ?? 0;
			else if (value instanceof GoTime) ns = (FIXED_NOW.ms - value.ms) * 1e6;
			else ns = Number(toInt64(value));
			const abs = Math.abs(ns);
			const units: [number, string][] = [
				[365 * 24 * 3600e9, 'y'],
				[30 * 24 * 3600e9, 'mo'],
				[24 * 3600e9, 'd'],
				[3600e9, 'h'],
				[60e9, 'm'],
				[1e9, 's'],
			];
			for (const [size, unit] of units) if (abs >= size) return `${Math.floor(abs / size)}${unit}`;
			return '0s';
		},

		// strings
		abbrev: (width, s) => {
			const w = int(width);
			if (w < 4) return str(s);
			return onBytes(str(s), (text) => (text.length <= w ? text : text.slice(0, w - 3) + '...'));
		},
		abbrevboth: (left, right, s) => {
			// goutils.AbbreviateFull behind Sprig's guard (widths it cannot honour return the text)
			const l = int(left);
			const r = int(right);
			if (r < 4 || (l > 0 && r < 7)) return str(s);
			return onBytes(str(s), (text) => abbreviateBoth(text, l, r));
		},
		trunc: (count, s) => {
			// Go slices bytes: a cut through a UTF-8 sequence leaves an invalid byte (U+FFFD once printed)
			const c = int(count);
			const bytes = Buffer.from(str(s));
			if (c < 0 && bytes.length + c > 0) return bytes.subarray(bytes.length + c).toString('utf8');
			if (c >= 0 && bytes.length > c) return bytes.subarray(0, c).toString('utf8');
			return str(s);
		},
		upper: (s) => str(s).toUpperCase(),
		lower: (s) => str(s).toLowerCase(),
		title: (s) => title(str(s)),
		untitle: (s) => untitle(str(s)),
		substr: (start, end, s) => {
			// byte slicing with Go's bounds panics
			const a = int(start);
			const b = int(end);
			const bytes = Buffer.from(str(s));
			const n = bytes.length;
			if (a < 0) {
				if (b < 0) throw new Error(`runtime error: slice bounds out of range [:${b}]`);
				if (b > n) throw new Error(`runtime error: slice bounds out of range [:${b}] with length ${n}`);
				return bytes.subarray(0, b).toString('utf8');
			}
			if (b < 0 || b > n) {
				if (a > n) throw new Error(`runtime error: slice bounds out of range [${a}:${n}]`);
				return bytes.subarray(a).toString('utf8');
			}
			if (a > b) throw new Error(`runtime error: slice bounds out of range [${a}:${b}]`);
			return bytes.subarray(a, b).toString('utf8');
		},
		repeat: (count, s) => {
			const n = int(count);
			if (n < 0) throw new Error('strings: negative Repeat count');
			if (n * str(s).length > 10_000_000) throw new Error('strings: Repeat output length overflow');
			return str(s).repeat(n);
		},
		trimall: (cutset, s) => trimChars(str(s), str(cutset), true, true),
		trimAll: (cutset, s) => trimChars(str(s), str(cutset), true, true),
		trim: (s) => str(s).replace(/^[\s\u0085]+|[\s\u0085]+$/gu, ''),
		trimSuffix: (suffix, s) => (str(s).endsWith(str(suffix)) && str(suffix) !== '' ? str(s).slice(0, -str(suffix).length) : str(s)),
		trimPrefix: (prefix, s) => (str(s).startsWith(str(prefix)) ? str(s).slice(str(prefix).length) : str(s)),
		// goutils.DeleteWhiteSpace turns each byte into a rune: text beyond ASCII comes out as Latin-1 pairs
		nospace: (s) => Array.from(Buffer.from(str(s)), (b) => String.fromCharCode(b)).filter((ch) => !/[\s\u0085\u00a0]/.test(ch)).join(''),
		// goutils.Initials takes the first byte of each word as a rune (Latin-1 beyond ASCII)
		initials: (s) =>
			str(s)
				.split(/\s+/)
				.filter((w) => w !== '')
				.map((w) => String.fromCharCode(Buffer.from(w)[0]))
				.join(''),
		randAlphaNum: (n) => randomStandIn('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', n),
		randAlpha: (n) => randomStandIn('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', n),
		randAscii: (n) => randomStandIn('!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~', n),
		randNumeric: (n) => randomStandIn('0123456789', n),
		swapcase: (s) => swapcase(str(s)),
		shuffle: (s) => str(s),
		snakecase: (s) => snakecase(str(s)),
		camelcase: (s) => camelcase(str(s)),
		kebabcase: (s) => lowerWords(str(s), '-'),
		wrap: (width, s) => wrapBytes(str(s), int(width), '\n', false),
		wrapWith: (width, sep, s) => wrapBytes(str(s), int(width), str(sep), true),
		contains: (substr, s) => str(s).includes(str(substr)),
		hasPrefix: (prefix, s) => str(s).startsWith(str(prefix)),
		hasSuffix: (suffix, s) => str(s).endsWith(str(suffix)),
		quote: (...args) =>
			args
				.filter((a) => a !== null && a !== undefined)
				.map((a) => goQuote(toGoString(a)))
				.join(' '),
		squote: (...args) =>
			args
				.filter((a) => a !== null && a !== undefined)
				.map((a) => `'${toGoString(a)}'`)
				.join(' '),
		cat: (...args) =>
			args
				.filter((a) => a !== null && a !== undefined)
				.map(toGoString)
				.join(' '),
		indent: (spaces, s) => {
			const pad = padding(spaces);
			return pad + str(s).replace(/\n/g, '\n' + pad);
		},
		nindent: (spaces, s) => {
			const pad = padding(spaces);
			return '\n' + pad + str(s).replace(/\n/g, '\n' + pad);
		},
		replace: (old, replacement, s) => str(s).split(str(old)).join(str(replacement)),
		plural: (one, many, count) => (int(count) === 1 ? str(one) : str(many)),
		sha1sum: (s) => createHash('sha1').update(bytesOfGoString(str(s))).digest('hex'),
		sha256sum: (s) => createHash('sha256').update(bytesOfGoString(str(s))).digest('hex'),
		sha512sum: (s) => createHash('sha512').update(bytesOfGoString(str(s))).digest('hex'),
		adler32sum: (s) => String(adler32(bytesOfGoString(str(s)))),
		toString: (v: unknown) => toGoString(v),

		// conversions
		atoi: (s) => {
			const m = /^[+-]?\d+$/.exec(str(s));
			return m ? BigInt(m[0]) : 0n;
		},
		int64: (v) => goInt64(toInt64Lenient(v)),
		int: (v) => toInt64Lenient(v),
		float64: (v) => toFloat64(v),
		seq: (...params) => {
			const p = params.map(int);
			const join = (a: bigint[]) => a.join(' ');
			if (p.length === 1) return join(untilStep(1, p[0] + (p[0] < 1 ? -1 : 1), p[0] < 1 ? -1 : 1));
			if (p.length === 2) {
				const step = p[1] < p[0] ? -1 : 1;
				return join(untilStep(p[0], p[1] + step, step));
			}
			if (p.length === 3) {
				const increment = p[2] < p[0] ? -1 : 1;
				if (p[2] < p[0] && p[1] > 0) return '';
				return join(untilStep(p[0], p[2] + increment, p[1]));
			}
			return '';
		},
		toDecimal: (v) => {
			const text = formatValue(v);
			return goInt64(/^[+-]?[0-7]+$/.test(text) ? BigInt('0o' + text.replace(/^[+-]/, '')) * (text.startsWith('-') ? -1n : 1n) : 0n);
		},

		// split and join
		split: (sep, s) => splitMap(str(s).split(str(sep))),
		splitList: (sep, s) => strings(str(sep) === '' ? Array.from(str(s)) : str(s).split(str(sep))),
		splitn: (sep, n, s) => splitMap(splitN(str(s), str(sep), int(n))),
		toStrings: (v) => strslice(v),
		until: (count) => {
			const n = int(count);
			return untilStep(0, n, n < 0 ? -1 : 1);
		},
		untilStep: (start, stop, step) => untilStep(int(start), int(stop), int(step)),

		// math
		add1: (v) => goInt64(toInt64(v) + 1n),
		add: (...args) => goInt64(numberArgs(args).reduce((a, b) => a + b, 0n)),
		sub: (a, b) => goInt64(toInt64(a) - toInt64(b)),
		div: (a, b) => {
			const d = toInt64(b);
			if (d === 0n) throw new Error('runtime error: integer divide by zero');
			return goInt64(toInt64(a) / d);
		},
		mod: (a, b) => {
			const d = toInt64(b);
			if (d === 0n) throw new Error('runtime error: integer divide by zero');
			return goInt64(toInt64(a) % d);
		},
		mul: (a, ...rest) => goInt64(numberArgs(rest).reduce((x, y) => BigInt.asIntN(64, x * y), toInt64(a))),
		randInt: (min) => BigInt(int(min)),
		add1f: (v) => Decimal.fromFloat(toFloat64(v)).add(Decimal.fromFloat(1)).toFloat(),
		addf: (...args) => args.reduce<Decimal>((a, b) => a.add(Decimal.fromFloat(toFloat64(b))), Decimal.fromFloat(0)).toFloat(),
		subf: (a, ...rest) => rest.reduce<Decimal>((x, y) => x.sub(Decimal.fromFloat(toFloat64(y))), Decimal.fromFloat(toFloat64(a))).toFloat(),
		divf: (a, ...rest) => rest.reduce<Decimal>((x, y) => x.div(Decimal.fromFloat(toFloat64(y))), Decimal.fromFloat(toFloat64(a))).toFloat(),
		mulf: (a, ...rest) => rest.reduce<Decimal>((x, y) => x.mul(Decimal.fromFloat(toFloat64(y))), Decimal.fromFloat(toFloat64(a))).toFloat(),
		biggest: (a, ...rest) => goInt64(numberArgs(rest).reduce((x, y) => (y > x ? y : x), toInt64(a))),
		max: (a, ...rest) => goInt64(numberArgs(rest).reduce((x, y) => (y > x ? y : x), toInt64(a))),
		min: (a, ...rest) => goInt64(numberArgs(rest).reduce((x, y) => (y < x ? y : x), toInt64(a))),
		maxf: (a, ...rest) => rest.map(toFloat64).reduce((x, y) => Math.max(x, y), toFloat64(a)),
		minf: (a, ...rest) => rest.map(toFloat64).reduce((x, y) => Math.min(x, y), toFloat64(a)),
		ceil: (v) => Math.ceil(toFloat64(v)),
		floor: (v) => Math.floor(toFloat64(v)),
		round: (v, places, roundOn) => round(v, places, roundOn),

		// strings of lists
		join: (sep, v) => strslice(v).join(str(sep)),
		sortAlpha: (v) => (Array.isArray(v) ? strslice(v).sort(compareStrings) : strings([toGoString(v)])),

		// defaults
		default: (fallback, ...given) => (given.length === 0 || isEmpty(given[0]) ? fallback : given[0]),
		empty: (v) => isEmpty(v),
		coalesce: (...args) => args.find((a) => !isEmpty(a)) ?? null,
		all: (...args) => args.every((a) => !isEmpty(a)),
		any: (...args) => args.some((a) => !isEmpty(a)),
		compact: (list) => compact(listArg(list, 'compact')),
		mustCompact: (list) => compact(listArg(list, 'compact')),
		fromJson: (s) => {
			try {
				return parseGoJson(str(s));
			} catch {
				return null;
			}
		},
		toJson: (v) => {
			try {
				return toGoJson(v);
			} catch {
				return '';
			}
		},
		toPrettyJson: (v) => {
			try {
				return toGoJson(v, { indent: '  ' });
			} catch {
				return '';
			}
		},
		toRawJson: (v) => {
			try {
				return toGoJson(v, { escapeHtml: false });
			} catch {
				return '';
			}
		},
		mustFromJson: (s) => {
			try {
				return parseGoJson(str(s));
			} catch (e) {
				throw new Error((e as Error).message);
			}
		},
		mustToJson: (v) => toGoJson(v),
		mustToPrettyJson: (v) => toGoJson(v, { indent: '  ' }),
		mustToRawJson: (v) => toGoJson(v, { escapeHtml: false }),
		ternary: (whenTrue, whenFalse, condition) => (condition === true ? whenTrue : whenFalse),
		deepCopy: (v) => deepCopy(v),
		mustDeepCopy: (v) => {
			if (v === null || v === undefined) throw new Error('copy: cannot copy nil');
			return deepCopy(v);
		},

		// reflection
		typeOf: (v) => typeOf(v),
		typeIs: (target, v) => str(target) === typeOf(v),
		typeIsLike: (target, v) => str(target) === typeOf(v) || str(target) === '*' + typeOf(v),
		kindOf: (v) => kindOf(v),
		kindIs: (target, v) => str(target) === kindOf(v),
		deepEqual: (a, b) => deepEqual(a, b),

		// paths
		base: (p) => goBase(str(p)),
		dir: (p) => goDir(str(p)),
		clean: (p) => goClean(str(p)),
		ext: (p) => goExt(str(p)),
		isAbs: (p) => str(p).startsWith('/'),
		osBase: (p) => goBase(str(p)),
		osClean: (p) => goClean(str(p)),
		osDir: (p) => goDir(str(p)),
		osExt: (p) => goExt(str(p)),
		osIsAbs: (p) => posix.isAbsolute(str(p)),

		// encodings
		b64enc: (s) => bytesOfGoString(str(s)).toString('base64'),
		b64dec: (s) => base64Decode(str(s)),
		b32enc: (s) => base32Encode(bytesOfGoString(str(s))),
		b32dec: (s) => {
			try {
				return base32Decode(str(s)).toString('utf8');
			} catch (e) {
				return (e as Error).message;
			}
		},

		// lists and dicts
		tuple: (...args) => args,
		list: (...args) => args,
		dict: (...args) => {
			const out = newMap();
			for (let i = 0; i < args.length; i += 2) setKey(out, toGoString(args[i]), i + 1 < args.length ? args[i + 1] : '');
			return out;
		},
		get: (d, key) => {
			const m = map(d);
			return hasKey(m, str(key)) ? m[str(key)] : '';
		},
		set: (d, key, value) => {
			setKey(map(d), str(key), value);
			return d;
		},
		unset: (d, key) => {
			delete map(d)[str(key)];
			return d;
		},
		hasKey: (d, key) => hasKey(map(d), str(key)),
		pluck: (name, ...dicts) => dicts.map(map).filter((d) => hasKey(d, str(name))).map((d) => d[str(name)]),
		keys: (...dicts) => strings(dicts.flatMap((d) => Object.keys(map(d))).sort(compareStrings)),
		pick: (d, ...keys) => pick(map(d), keys),
		omit: (d, ...keys) => omit(map(d), keys),
		merge: (dst, ...srcs) => {
			const d = map(dst);
			for (const s of srcs) mergeInto(d, map(s), false);
			return d;
		},
		mergeOverwrite: (dst, ...srcs) => {
			const d = map(dst);
			for (const s of srcs) mergeInto(d, map(s), true);
			return d;
		},
		mustMerge: (dst, ...srcs) => {
			const d = map(dst);
			for (const s of srcs) mergeInto(d, map(s), false);
			return d;
		},
		mustMergeOverwrite: (dst, ...srcs) => {
			const d = map(dst);
			for (const s of srcs) mergeInto(d, map(s), true);
			return d;
		},
		values: (d) => {
			const m = map(d);
			return Object.keys(m)
				.sort(compareStrings)
				.map((k) => m[k]);
		},
		append: (list, v) => [...listArg(list, 'append'), v],
		push: (list, v) => [...listArg(list, 'push'), v],
		mustAppend: (list, v) => [...listArg(list, 'append'), v],
		mustPush: (list, v) => [...listArg(list, 'push'), v],
		prepend: (list, v) => [v, ...listArg(list, 'prepend')],
		mustPrepend: (list, v) => [v, ...listArg(list, 'prepend')],
		first: (list) => {
			const l = listArg(list, 'find first');
			return l.length === 0 ? null : l[0];
		},
		mustFirst: (list) => {
			const l = listArg(list, 'find first');
			return l.length === 0 ? null : l[0];
		},
		rest: (list) => {
			const l = listArg(list, 'find rest');
			return l.length === 0 ? typed([], '[]interface {}', true) : l.slice(1);
		},
		mustRest: (list) => {
			const l = listArg(list, 'find rest');
			return l.length === 0 ? typed([], '[]interface {}', true) : l.slice(1);
		},
		last: (list) => {
			const l = listArg(list, 'find last');
			return l.length === 0 ? null : l[l.length - 1];
		},
		mustLast: (list) => {
			const l = listArg(list, 'find last');
			return l.length === 0 ? null : l[l.length - 1];
		},
		initial: (list) => {
			const l = listArg(list, 'find initial');
			return l.length === 0 ? typed([], '[]interface {}', true) : l.slice(0, -1);
		},
		mustInitial: (list) => {
			const l = listArg(list, 'find initial');
			return l.length === 0 ? typed([], '[]interface {}', true) : l.slice(0, -1);
		},
		reverse: (list) => [...listArg(list, 'find reverse')].reverse(),
		mustReverse: (list) => [...listArg(list, 'find reverse')].reverse(),
		uniq: (list) => uniq(listArg(list, 'find uniq')),
		mustUniq: (list) => uniq(listArg(list, 'find uniq')),
		without: (list, ...omitted) => listArg(list, 'find without').filter((v) => !omitted.some((o) => deepEqual(o, v))),
		mustWithout: (list, ...omitted) => listArg(list, 'find without').filter((v) => !omitted.some((o) => deepEqual(o, v))),
		has: (needle, haystack) => {
			if (haystack === null || haystack === undefined) return false;
			return listArg(haystack, 'find has').some((v) => deepEqual(v, needle));
		},
		mustHas: (needle, haystack) => {
			if (haystack === null || haystack === undefined) return false;
			return listArg(haystack, 'find has').some((v) => deepEqual(v, needle));
		},
		slice: (list, ...indices) => sliceArgs(listArg(list, 'slice'), indices),
		mustSlice: (list, ...indices) => sliceArgs(listArg(list, 'slice'), indices),
		concat: (...lists) => {
			const out = lists.flatMap((l) => listArg(l, 'concat'));
			return out.length === 0 ? typed(out, '[]interface {}', true) : out;
		},
		dig: (...args) => dig(args),
		chunk: (size, list) => {
			const n = int(size);
			const l = listArg(list, 'chunk');
			const out: unknown[][] = typed([], '[][]interface {}');
			for (let i = 0; i < l.length; i += Math.max(1, n)) out.push(l.slice(i, i + Math.max(1, n)));
			return out;
		},
		mustChunk: (size, list) => {
			const n = int(size);
			const l = listArg(list, 'chunk');
			const out: unknown[][] = typed([], '[][]interface {}');
			for (let i = 0; i < l.length; i += Math.max(1, n)) out.push(l.slice(i, i + Math.max(1, n)));
			return out;
		},

		// crypto stand-ins
		bcrypt: (s) => `$2a$10$${createHash('sha256').update(str(s)).digest('base64').slice(0, 53)}`,
		htpasswd: (user, password) => {
			if (str(user).includes(':')) return 'invalid username: ' + str(user);
			return `${str(user)}:$2a$10$${createHash('sha256').update(str(password)).digest('base64').slice(0, 53)}`;
		},
		genPrivateKey: (type) => pemBlock(str(type) === 'ecdsa' ? 'EC PRIVATE KEY' : str(type) === 'ed25519' ? 'PRIVATE KEY' : 'RSA PRIVATE KEY', `bosun deterministic ${str(type)} key`),
		derivePassword: (counter, type, password, user, site) =>
			createHash('sha256')
				.update([String(counter), str(type), str(password), str(user), str(site)].join('\0'))
				.digest('base64')
				.slice(0, 20),
		buildCustomCert: (cert, key) => new Certificate(Buffer.from(str(cert), 'base64').toString(), Buffer.from(str(key), 'base64').toString()),
		genCA: (cn) => certificate('CA', str(cn)),
		genCAWithKey: (cn) => certificate('CA', str(cn)),
		genSelfSignedCert: (cn) => certificate('self-signed', str(cn)),
		genSelfSignedCertWithKey: (cn) => certificate('self-signed', str(cn)),
		genSignedCert: (cn) => certificate('signed', str(cn)),
		genSignedCertWithKey: (cn) => certificate('signed', str(cn)),
		encryptAES: (password, text) => Buffer.from(`bosun:${str(password).length}:${str(text)}`).toString('base64'),
		decryptAES: (_password, text) => {
			const decoded = Buffer.from(str(text), 'base64').toString();
			const m = /^bosun:\d+:([\s\S]*)$/.exec(decoded);
			return m ? m[1] : '';
		},

		// uuid, network
		uuidv4: () => DETERMINISTIC.uuid,
		getHostByName: () => '',

		// semver
		semver: (v) => parseSemver(str(v)),
		semverCompare: (constraint, version) => semverCompare(str(constraint), str(version)),

		// regular expressions
		regexMatch: (pattern, s) => {
			try {
				return regexOrError(pattern).test(str(s));
			} catch {
				return false;
			}
		},
		mustRegexMatch: (pattern, s) => regexOrError(pattern).test(str(s)),
		regexFindAll: (pattern, s, n) => regexFindAll(regex(pattern, 'regexFindAll'), str(s), int(n)),
		mustRegexFindAll: (pattern, s, n) => regexFindAll(regexOrError(pattern), str(s), int(n)),
		regexFind: (pattern, s) => regex(pattern, 'regexFind').exec(str(s))?.[0] ?? '',
		mustRegexFind: (pattern, s) => regexOrError(pattern).exec(str(s))?.[0] ?? '',
		regexReplaceAll: (pattern, s, repl) => regexReplace(regex(pattern, 'regexReplaceAll'), str(s), str(repl), false),
		mustRegexReplaceAll: (pattern, s, repl) => regexReplace(regexOrError(pattern), str(s), str(repl), false),
		regexReplaceAllLiteral: (pattern, s, repl) => regexReplace(regex(pattern, 'regexReplaceAllLiteral'), str(s), str(repl), true),
		mustRegexReplaceAllLiteral: (pattern, s, repl) => regexReplace(regexOrError(pattern), str(s), str(repl), true),
		regexSplit: (pattern, s, n) => regexSplit(regex(pattern, 'regexSplit'), str(s), int(n)),
		mustRegexSplit: (pattern, s, n) => regexSplit(regexOrError(pattern), str(s), int(n)),
		regexQuoteMeta: (s) => quoteMeta(str(s)),

		// urls
		urlParse: (s) => urlParse(str(s)),
		urlJoin: (d) => urlJoin(map(d)),
	};
	return f;
}

/** Go's sort.Strings order (byte order of UTF-8). */
export function compareStrings(a: string, b: string): number {
	if (a === b) return 0;
	return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function trimChars(s: string, cutset: string, left: boolean, right: boolean): string {
	const set = new Set(Array.from(cutset));
	const chars = Array.from(s);
	let start = 0;
	let end = chars.length;
	if (left) while (start < end && set.has(chars[start])) start++;
	if (right) while (end > start && set.has(chars[end - 1])) end--;
	return chars.slice(start, end).join('');
}

/** cast.ToInt64 with its string handling ("3.0" is 3, "3.5" is 0). */
function toInt64Lenient(v: unknown): bigint {
	if (typeof v === 'string') {
		const text = v.trim().replace(/^([+-]?\d+)\.0*$/, '$1');
		return toInt64(text);
	}
	return toInt64(v);
}

export { getKey };
