// YAML and JSON exactly as Helm's functions produce and read them. Helm's `toYaml` is sigs.k8s.io/yaml:
// encoding/json first, then go-yaml v2's emitter (sorted keys with its natural order, 2-space indent,
// sequences under a key not indented, strings quoted only when needed, plain scalars folded past column
// 80, multi-line strings as literal blocks). Its `fromYaml` and values files are go-yaml v2 (YAML 1.1
// scalars: yes/no/on/off, 0755 octal) converted through JSON, so every number becomes a float64.
// The emitter is written here because no JavaScript YAML library reproduces go-yaml's output byte for byte.
import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, Node, parseAllDocuments, Scalar, visit, YAMLError } from 'yaml';
import { GoNumber } from '../template';
import { formatFloatG, formatFloatJson, GoMap, isGoMap, isNilCollection, newMap, parseGoIntBase0, setKey } from './goValues';

// ---------------------------------------------------------------------------------------------
// Reading YAML as go-yaml v2 + sigs.k8s.io/yaml do

export class GoYamlError extends Error {}

/** Where each map and list of a parsed document sits (its key path), for values-file origins. */
export type ContainerVisitor = (container: object, path: (string | number)[]) => void;

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSES = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** go-yaml v2's resolution of an untagged plain scalar (before the JSON round trip). */
export function resolvePlainScalar(text: string): string | boolean | null | bigint | number {
	if (NULLS.has(text)) return null;
	if (TRUES.has(text)) return true;
	if (FALSES.has(text)) return false;
	if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
	if (/^\.(nan|NaN|NAN)$/.test(text)) return NaN;
	if (/^[-+0-9.]/.test(text)) {
		const plain = text.replace(/_/g, '');
		const asInt = parseGoIntBase0(plain);
		if (asInt !== undefined) return asInt;
		if (/^0[bB][01]+$/.test(plain)) return BigInt(plain);
		if (/^-0[bB][01]+$/.test(plain)) return -BigInt(plain.slice(1));
		if (/^\+?[0-9]+$/.test(plain) && BigInt(plain) < 2n ** 64n) return BigInt(plain);
		if (YAML_FLOAT.test(plain)) return Number(plain);
	}
	return text;
}

/** The text being read, for the one rule that depends on it (a block scalar at the very end). */
let readingText = '';

function scalarToGo(node: Scalar): unknown {
	let source = String(node.source ?? node.value ?? '');
	if ((node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') && source.endsWith('\n') && !readingText.endsWith('\n') && node.range && node.range[1] >= readingText.length) {
		// go-yaml keeps no final line break that the text does not have (clip or keep chomping at the end of input)
		const header = /^[|>][^\n]*/.exec(readingText.slice(node.range[0]))?.[0] ?? '';
		if (!header.includes('-')) source = source.slice(0, -1);
	}
	const tag = node.tag?.replace(/^tag:yaml\.org,2002:/, '!!');
	if (tag === '!!str') return source;
	if (tag === '!!binary') return Buffer.from(source.replace(/\s+/g, ''), 'base64').toString('latin1');
	const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' || node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
	if (quoted && !tag) return source;
	const resolved = resolvePlainScalar(source);
	// through JSON: every number is a float64
	if (typeof resolved === 'bigint') return Number(resolved);
	if (typeof resolved === 'number' && !Number.isFinite(resolved)) throw new GoYamlError(`json: unsupported value: ${formatFloatG(resolved)}`);
	return resolved;
}

/** sigs.k8s.io/yaml's key text for a non-string key. */
function keyText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === null) return 'null';
	if (typeof value === 'number') return formatFloatG(value);
	return String(value);
}

function nodeToGo(node: unknown, doc: Parameters<Alias['resolve']>[0], path: (string | number)[], visit: ContainerVisitor | undefined, depth: number): unknown {
	if (depth > 1000) throw new GoYamlError('yaml: exceeded max depth of 1000');
	if (node === null || node === undefined) return null;
	if (isAlias(node)) {
		const target = node.resolve(doc);
		return target ? nodeToGo(target, doc, path, visit, depth + 1) : null;
	}
	if (isScalar(node)) return scalarToGo(node);
	if (isSeq(node)) {
		const out: unknown[] = [];
		visit?.(out, path);
		node.items.forEach((item, i) => out.push(nodeToGo(item, doc, [...path, i], visit, depth + 1)));
		return out;
	}
	if (isMap(node)) {
		const out: GoMap = newMap();
		visit?.(out, path);
		const merged: GoMap[] = [];
		for (const pair of node.items) {
			if (!isPair(pair)) continue;
			const keyNode = pair.key as Node | null;
			if (isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.source === '<<' && !keyNode.tag) {
				const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
				for (const source of sources) {
					const value = nodeToGo(source, doc, path, undefined, depth + 1);
					if (!isGoMap(value)) throw new GoYamlError('yaml: map merge requires map or sequence of maps as the value');
					merged.push(value);
				}
				continue;
			}
			const key = keyText(keyNode === null ? null : isScalar(keyNode) ? scalarToGo(keyNode) : nodeToGo(keyNode, doc, path, undefined, depth + 1));
			setKey(out, key, nodeToGo(pair.value, doc, [...path, key], visit, depth + 1));
		}
		for (const source of merged) for (const k of Object.keys(source)) if (!Object.prototype.hasOwnProperty.call(out, k)) setKey(out, k, source[k]);
		return out;
	}
	return null;
}

/**
 * go-yaml's wording of a syntax error the `yaml` parser found (the common cases; others keep the parser's
 * text): "yaml: line N: message", or without a line where go-yaml gives none.
 */
export function goYamlSyntaxError(error: YAMLError, text: string): string {
	const at = error.pos[0];
	const line = text.slice(0, at).split('\n').length;
	const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
	const flowStart = (open: string) => text.slice(0, at).lastIndexOf(open);
	if (/^Implicit map keys need to be followed by map values/.test(message)) return `yaml: line ${line + 1}: could not find expected ':'`;
	if (/^Nested mappings are not allowed in compact mappings/.test(message)) return 'yaml: mapping values are not allowed in this context';
	if (/^All mapping items must start at the same column/.test(message)) return `yaml: line ${Math.max(1, line - 1)}: did not find expected key`;
	if (error.code === 'TAB_AS_INDENT') return `yaml: line ${line}: found character that cannot start any token`;
	if (/^Flow sequence .* end with a \]/.test(message)) return `yaml: line ${text.slice(0, flowStart('[')).split('\n').length}: did not find expected ',' or ']'`;
	if (/^Flow map .* end with a \}/.test(message)) return `yaml: line ${text.slice(0, flowStart('{')).split('\n').length}: did not find expected ',' or '}'`;
	if (/^Missing closing .?quote/.test(message)) return 'yaml: found unexpected end of stream';
	return `yaml: line ${line}: ${message}`;
}

/** go-yaml's error for an alias to an anchor the document never defines, if any. */
export function unknownAnchor(doc: Document): string | undefined {
	let missing: string | undefined;
	visit(doc, {
		Alias(_key, node) {
			if (!node.resolve(doc)) {
				missing = `yaml: unknown anchor '${node.source}' referenced`;
				return visit.BREAK;
			}
			return undefined;
		},
	});
	return missing;
}

export interface GoYamlParse {
	value: unknown;
	/** First syntax error, formatted like go-yaml's ("yaml: line N: ..."). */
	error?: string;
}

/** Parses the first document of YAML text into Go values as sigs.k8s.io/yaml.Unmarshal into interface{}. */
export function parseGoYaml(text: string, visit?: ContainerVisitor): GoYamlParse {
	let doc;
	try {
		// go-yaml's Unmarshal reads the first document and ignores the rest
		const docs = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false, keepSourceTokens: false, strict: false, prettyErrors: false });
		doc = Array.isArray(docs) ? docs[0] : undefined;
	} catch (e) {
		return { value: null, error: `yaml: ${(e as Error).message}` };
	}
	if (!doc) return { value: null };
	if (doc.errors.length > 0) return { value: null, error: goYamlSyntaxError(doc.errors[0], text) };
	const anchor = unknownAnchor(doc);
	if (anchor) return { value: null, error: anchor };
	try {
		readingText = text;
		return { value: nodeToGo(doc.contents, doc, [], visit, 0) };
	} catch (e) {
		return { value: null, error: (e as Error).message };
	} finally {
		readingText = '';
	}
}

/** How encoding/json names a JSON value in "cannot unmarshal X into Go value" errors. */
export function jsonKindName(value: unknown): string {
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'string') return 'string';
	if (typeof value === 'number' || typeof value === 'bigint') return 'number';
	if (typeof value === 'boolean') return 'bool';
	return 'object';
}

// ---------------------------------------------------------------------------------------------
// encoding/json

function jsonString(s: string, escapeHtml: boolean): string {
	let out = '"';
	for (const ch of s) {
		const c = ch.codePointAt(0)!;
		if (ch === '"') out += '\\"';
		else if (ch === '\\') out += '\\\\';
		else if (c < 0x20) {
			if (ch === '\n') out += '\\n';
			else if (ch === '\r') out += '\\r';
			else if (ch === '\t') out += '\\t';
			else out += '\\u' + c.toString(16).padStart(4, '0');
		} else if (escapeHtml && (ch === '<' || ch === '>' || ch === '&')) out += '\\u' + c.toString(16).padStart(4, '0');
		else if (c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16);
		// U+FFFD stands for an invalid byte (a cut UTF-8 sequence), which encoding/json escapes
		else if ((c >= 0xd800 && c <= 0xdfff) || c === 0xfffd) out += '\\ufffd';
		else out += ch;
	}
	return out + '"';
}

function structFields(value: object): GoMap {
	const out = newMap();
	for (const k of Object.keys(value)) setKey(out, k, (value as GoMap)[k]);
	return out;
}

/** json.Marshal (escapeHtml) or an Encoder with SetEscapeHTML(false); indent as json.MarshalIndent. */
export function toGoJson(value: unknown, options: { escapeHtml?: boolean; indent?: string } = {}): string {
	const escapeHtml = options.escapeHtml ?? true;
	const indent = options.indent ?? '';
	const write = (v: unknown, level: number): string => {
		if (v === null || v === undefined || isNilCollection(v)) return 'null';
		switch (typeof v) {
			case 'string':
				return jsonString(v, escapeHtml);
			case 'boolean':
				return v ? 'true' : 'false';
			case 'bigint':
				return v.toString();
			case 'number':
				if (!Number.isFinite(v)) throw new GoYamlError(`json: unsupported value: ${formatFloatG(v)}`);
				return formatFloatJson(v);
			case 'function':
				throw new GoYamlError('json: unsupported type: func()');
		}
		if (v instanceof GoNumber) return typeof v.value === 'bigint' ? v.value.toString() : write(v.value, level);
		if (v instanceof Uint8Array) return `"${Buffer.from(v).toString('base64')}"`;
		const inner = indent ? '\n' + indent.repeat(level + 1) : '';
		const close = indent ? '\n' + indent.repeat(level) : '';
		const colon = indent ? ': ' : ':';
		if (Array.isArray(v)) {
			if (v.length === 0) return '[]';
			return '[' + v.map((x) => inner + write(x, level + 1)).join(',') + close + ']';
		}
		const map = isGoMap(v) ? v : structFields(v as object);
		const keys = Object.keys(map).sort(compareUtf8);
		if (keys.length === 0) return '{}';
		return '{' + keys.map((k) => inner + jsonString(k, escapeHtml) + colon + write(map[k], level + 1)).join(',') + close + '}';
	};
	return write(value, 0);
}

/** Byte order of UTF-8 strings (Go's string comparison). */
export function compareUtf8(a: string, b: string): number {
	if (a === b) return 0;
	const ba = Buffer.from(a, 'utf8');
	const bb = Buffer.from(b, 'utf8');
	return Buffer.compare(ba, bb);
}

/** json.Unmarshal into interface{}: numbers are float64. */
export function parseGoJson(text: string): unknown {
	const parsed: unknown = JSON.parse(text);
	const convert = (v: unknown): unknown => {
		if (Array.isArray(v)) return v.map(convert);
		if (v !== null && typeof v === 'object') {
			const out = newMap();
			for (const [k, x] of Object.entries(v)) setKey(out, k, convert(x));
			return out;
		}
		return v;
	};
	return convert(parsed);
}

// ---------------------------------------------------------------------------------------------
// Writing YAML as sigs.k8s.io/yaml.Marshal does

/**
 * The value after the JSON round trip, as go-yaml v2 decodes the JSON text (integers become ints).
 * Without the round trip (`direct`, yaml.v3 encoding Go values) a float64 stays a float64.
 */
function viaJson(value: unknown, depth = 0, direct = false): unknown {
	if (depth > 10000) throw new GoYamlError('json: exceeded max depth');
	if (value === null || value === undefined || isNilCollection(value)) return null;
	switch (typeof value) {
		case 'string':
		case 'boolean':
		case 'bigint':
			return value;
		case 'number': {
			if (direct) return value;
			const text = toGoJson(value);
			return resolvePlainScalar(text);
		}
		case 'function':
			throw new GoYamlError('json: unsupported type: func()');
	}
	if (value instanceof GoNumber) return typeof value.value === 'bigint' ? value.value : viaJson(value.value, depth, direct);
	if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
	if (Array.isArray(value)) return value.map((v) => viaJson(v, depth + 1, direct));
	const map = isGoMap(value) ? value : structFields(value as object);
	const out = newMap();
	for (const k of Object.keys(map)) setKey(out, k, viaJson(map[k], depth + 1, direct));
	return out;
}

function isLetter(ch: string): boolean {
	return /\p{L}/u.test(ch);
}
function isDigit(ch: string): boolean {
	return /\p{Nd}/u.test(ch);
}

/** go-yaml v2's map key order: letters after other characters, digit runs compared as numbers. */
export function compareYamlKeys(a: string, b: string): number {
	const ar = Array.from(a);
	const br = Array.from(b);
	for (let i = 0; i < ar.length && i < br.length; i++) {
		if (ar[i] === br[i]) continue;
		const al = isLetter(ar[i]);
		const bl = isLetter(br[i]);
		if (al && bl) return ar[i].codePointAt(0)! - br[i].codePointAt(0)!;
		if (al || bl) return bl ? -1 : 1;
		let an = 0n;
		let bn = 0n;
		if (ar[i] === '0' || br[i] === '0') {
			for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
				if (ar[j] !== '0') {
					an = 1n;
					bn = 1n;
					break;
				}
			}
		}
		let ai = i;
		for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai].codePointAt(0)! - 48);
		let bi = i;
		for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi].codePointAt(0)! - 48);
		if (an !== bn) return an < bn ? -1 : 1;
		if (ai !== bi) return ai - bi;
		return ar[i].codePointAt(0)! - br[i].codePointAt(0)!;
	}
	return ar.length - br.length;
}

const BEST_WIDTH = 80;

function isPrintable(cp: number): boolean {
	return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}
function isBreakChar(ch: string | undefined): boolean {
	return ch === '\r' || ch === '\n' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029';
}
function isBlankz(ch: string | undefined): boolean {
	return ch === undefined || ch === ' ' || ch === '\t' || isBreakChar(ch);
}

interface ScalarAnalysis {
	multiline: boolean;
	blockPlainAllowed: boolean;
	singleQuotedAllowed: boolean;
	blockAllowed: boolean;
}

/** yaml_emitter_analyze_scalar for block context. */
function analyzeScalar(value: string): ScalarAnalysis {
	const chars = Array.from(value);
	if (chars.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
	let blockIndicators = false;
	let flowIndicators = false;
	if (value.startsWith('---') || value.startsWith('...')) {
		blockIndicators = true;
		flowIndicators = true;
	}
	let precededByWhitespace = true;
	let followedByWhitespace = isBlankz(chars[1]);
	let lineBreaks = false;
	let specialCharacters = false;
	let leadingSpace = false;
	let leadingBreak = false;
	let trailingSpace = false;
	let trailingBreak = false;
	let breakSpace = false;
	let spaceBreak = false;
	let previousSpace = false;
	let previousBreak = false;
	for (let i = 0; i < chars.length; i++) {
		const ch = chars[i];
		if (i === 0) {
			if ('#,[]{}&*!|>\'"%@`'.includes(ch)) {
				flowIndicators = true;
				blockIndicators = true;
			} else if (ch === '?' || ch === ':') {
				flowIndicators = true;
				if (followedByWhitespace) blockIndicators = true;
			} else if (ch === '-' && followedByWhitespace) {
				flowIndicators = true;
				blockIndicators = true;
			}
		} else if (',?[]{}'.includes(ch)) {
			flowIndicators = true;
		} else if (ch === ':') {
			flowIndicators = true;
			if (followedByWhitespace) blockIndicators = true;
		} else if (ch === '#' && precededByWhitespace) {
			flowIndicators = true;
			blockIndicators = true;
		}
		const cp = ch.codePointAt(0)!;
		if (!isPrintable(cp)) specialCharacters = true;
		if (isBreakChar(ch)) lineBreaks = true;
		if (ch === ' ') {
			if (i === 0) leadingSpace = true;
			if (i === chars.length - 1) trailingSpace = true;
			if (previousBreak) breakSpace = true;
			previousSpace = true;
			previousBreak = false;
		} else if (isBreakChar(ch)) {
			if (i === 0) leadingBreak = true;
			if (i === chars.length - 1) trailingBreak = true;
			if (previousSpace) spaceBreak = true;
			previousBreak = true;
			previousSpace = false;
		} else {
			previousSpace = false;
			previousBreak = false;
		}
		precededByWhitespace = isBlankz(ch);
		followedByWhitespace = isBlankz(chars[i + 2]);
	}
	let blockPlainAllowed = true;
	let singleQuotedAllowed = true;
	let blockAllowed = true;
	if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
	if (trailingSpace) blockAllowed = false;
	if (breakSpace) {
		blockPlainAllowed = false;
		singleQuotedAllowed = false;
	}
	if (spaceBreak || specialCharacters) {
		blockPlainAllowed = false;
		singleQuotedAllowed = false;
		blockAllowed = false;
	}
	if (lineBreaks) blockPlainAllowed = false;
	if (blockIndicators) blockPlainAllowed = false;
	void flowIndicators;
	return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

/** go-yaml's isBase60Float: strings like 1:20 that YAML 1.1 readers take as numbers. */
function isBase60Float(s: string): boolean {
	return s !== '' && /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s);
}

/** Whether a string would read back as something other than a string when written plain. */
function resolvesToNonString(s: string): boolean {
	if (typeof resolvePlainScalar(s) !== 'string') return true;
	// go-yaml resolves timestamps too (and then quotes them)
	return /^\d{4}-\d\d?-\d\d?([Tt ]|$)/.test(s) && isTimestamp(s);
}

function isTimestamp(s: string): boolean {
	return (
		/^\d{4}-\d{2}-\d{2}$/.test(s) ||
		/^\d{4}-\d\d?-\d\d?(?:[Tt]|[ \t]+)\d\d?:\d{2}:\d{2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d{2})?))?$/.test(s)
	);
}

type Style = 'plain' | 'single' | 'double' | 'literal';

class GoYamlEmitter {
	constructor(
		private readonly indentSequences = false,
		/** Column past which plain and quoted scalars fold (go-yaml v2: 80; Helm's toYamlPretty: never). */
		private readonly bestWidth = BEST_WIDTH,
	) {}
	private out = '';
	private column = 0;
	private indent = 0;
	private whitespace = true;
	private indention = true;

	text(): string {
		return this.out;
	}

	private put(s: string): void {
		this.out += s;
		this.column += Array.from(s).length;
	}

	private newline(): void {
		this.out += '\n';
		this.column = 0;
	}

	private writeIndent(): void {
		const indent = Math.max(this.indent, 0);
		if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.newline();
		while (this.column < indent) this.put(' ');
		this.whitespace = true;
		this.indention = true;
	}

	private indicator(s: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
		if (needWhitespace && !this.whitespace) this.put(' ');
		this.put(s);
		this.whitespace = isWhitespace;
		this.indention = this.indention && isIndention;
	}

	private styleOf(s: string, simpleKey: boolean): Style {
		const canUsePlain = !resolvesToNonString(s) && !isBase60Float(s);
		let style: Style = s.includes('\n') ? 'literal' : canUsePlain ? 'plain' : 'double';
		const analysis = analyzeScalar(s);
		if (style === 'plain') {
			if (!analysis.blockPlainAllowed || (s.length === 0 && simpleKey)) style = 'single';
		}
		if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
		if (style === 'literal' && (!analysis.blockAllowed || simpleKey)) style = 'double';
		return style;
	}

	/** A string scalar at the current position; continuation lines use `indent`. */
	private stringScalar(s: string, indent: number, simpleKey: boolean): void {
		const saved = this.indent;
		this.indent = indent;
		const style = this.styleOf(s, simpleKey);
		const allowBreaks = !simpleKey;
		if (style === 'plain') this.writePlain(s, allowBreaks);
		else if (style === 'single') this.writeSingle(s, allowBreaks);
		else if (style === 'double') this.writeDouble(s, allowBreaks);
		else this.writeLiteral(s);
		this.indent = saved;
	}

	private writePlain(value: string, allowBreaks: boolean): void {
		if (!this.whitespace) this.put(' ');
		const chars = Array.from(value);
		let spaces = false;
		for (let i = 0; i < chars.length; i++) {
			const ch = chars[i];
			if (ch === ' ') {
				if (allowBreaks && !spaces && this.column > this.bestWidth && chars[i + 1] !== ' ') this.writeIndent();
				else this.put(ch);
				spaces = true;
			} else {
				this.put(ch);
				this.indention = false;
				spaces = false;
			}
		}
		this.whitespace = false;
		this.indention = false;
	}

	private writeSingle(value: string, allowBreaks: boolean): void {
		this.indicator("'", true, false, false);
		const chars = Array.from(value);
		let spaces = false;
		for (let i = 0; i < chars.length; i++) {
			const ch = chars[i];
			if (ch === ' ') {
				if (allowBreaks && !spaces && this.column > this.bestWidth && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== ' ') this.writeIndent();
				else this.put(ch);
				spaces = true;
			} else {
				if (ch === "'") this.put("'");
				this.put(ch);
				this.indention = false;
				spaces = false;
			}
		}
		this.indicator("'", false, false, false);
	}

	private writeDouble(value: string, allowBreaks: boolean): void {
		this.indicator('"', true, false, false);
		const chars = Array.from(value);
		let spaces = false;
		const escapes: Record<number, string> = { 0: '0', 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 27: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P' };
		for (let i = 0; i < chars.length; i++) {
			const ch = chars[i];
			const cp = ch.codePointAt(0)!;
			if (!isPrintable(cp) || cp === 0xfeff || isBreakChar(ch) || ch === '"' || ch === '\\') {
				this.put('\\');
				const short = escapes[cp];
				if (short !== undefined) this.put(short);
				else if (cp <= 0xff) this.put('x' + cp.toString(16).toUpperCase().padStart(2, '0'));
				else if (cp <= 0xffff) this.put('u' + cp.toString(16).toUpperCase().padStart(4, '0'));
				else this.put('U' + cp.toString(16).toUpperCase().padStart(8, '0'));
				spaces = false;
			} else if (ch === ' ') {
				if (allowBreaks && !spaces && this.column > this.bestWidth && i !== 0 && i !== chars.length - 1) {
					this.writeIndent();
					if (chars[i + 1] === ' ') this.put('\\');
				} else this.put(ch);
				spaces = true;
			} else {
				this.put(ch);
				spaces = false;
			}
		}
		this.indicator('"', false, false, false);
	}

	private writeLiteral(value: string): void {
		this.indicator('|', true, false, false);
		const chars = Array.from(value);
		if (chars[0] === ' ' || isBreakChar(chars[0])) this.indicator('2', false, false, false);
		let chomp = '';
		const last = chars.length - 1;
		if (!isBreakChar(chars[last])) chomp = '-';
		else if (last === 0 || isBreakChar(chars[last - 1])) chomp = '+';
		if (chomp) this.indicator(chomp, false, false, false);
		this.newline();
		this.indention = true;
		this.whitespace = true;
		let breaks = true;
		for (let i = 0; i < chars.length; i++) {
			const ch = chars[i];
			if (isBreakChar(ch)) {
				this.newline();
				this.indention = true;
				breaks = true;
			} else {
				if (breaks) {
					this.writeIndent();
					breaks = false;
				}
				this.put(ch);
				this.indention = false;
			}
		}
		// the next token starts on a fresh line
		if (this.column !== 0) this.newline();
		this.whitespace = true;
		this.indention = true;
	}

	private scalar(value: unknown, indent: number, simpleKey: boolean): void {
		if (typeof value === 'string') return this.stringScalar(value, indent, simpleKey);
		let text: string;
		if (value === null || value === undefined) text = 'null';
		else if (typeof value === 'boolean') text = value ? 'true' : 'false';
		else if (typeof value === 'bigint') text = value.toString();
		else if (typeof value === 'number') {
			if (Number.isNaN(value)) text = '.nan';
			else if (value === Infinity) text = '.inf';
			else if (value === -Infinity) text = '-.inf';
			else text = formatFloatG(value);
		} else text = String(value);
		if (!this.whitespace) this.put(' ');
		this.put(text);
		this.whitespace = false;
		this.indention = false;
	}

	private isEmptyCollection(value: unknown): string | undefined {
		if (Array.isArray(value) && value.length === 0) return '[]';
		if (isGoMap(value) && Object.keys(value).length === 0) return '{}';
		return undefined;
	}

	/** A node in block context; `indent` is the parent's indentation (-1 at the top). */
	node(value: unknown, parentIndent: number, inMapping: boolean): void {
		const empty = this.isEmptyCollection(value);
		if (empty) {
			this.indicator(empty, true, false, false);
			return;
		}
		if (Array.isArray(value)) {
			// a sequence inside a mapping is not indented
			const indent = parentIndent < 0 ? 0 : inMapping && !this.indentSequences ? parentIndent : parentIndent + 2;
			for (const item of value) {
				const saved = this.indent;
				this.indent = indent;
				this.writeIndent();
				this.indicator('-', true, false, true);
				this.indent = saved;
				this.node(item, indent, false);
			}
			return;
		}
		if (isGoMap(value)) {
			const indent = parentIndent < 0 ? 0 : parentIndent + 2;
			for (const key of Object.keys(value).sort(compareYamlKeys)) {
				const saved = this.indent;
				this.indent = indent;
				this.writeIndent();
				this.stringScalar(key, indent + 2, true);
				this.indicator(':', false, false, false);
				this.indent = saved;
				this.node(value[key], indent, true);
			}
			return;
		}
		this.scalar(value, parentIndent < 0 ? 2 : parentIndent + 2, false);
	}

	finish(): string {
		if (this.column !== 0) this.newline();
		return this.out;
	}
}

/** yaml.Marshal of sigs.k8s.io/yaml: the text with its final newline. */
/**
 * yaml.Marshal of sigs.k8s.io/yaml (through JSON), or with `pretty` Helm's toYamlPretty (yaml.v3 on the
 * Go values: sequences indented, no folding, float64 printed as Go's %g).
 */
export function marshalGoYaml(value: unknown, options: { pretty?: boolean } = {}): string {
	const emitter = new GoYamlEmitter(options.pretty, options.pretty ? Infinity : BEST_WIDTH);
	emitter.node(viaJson(value, 0, options.pretty), -1, false);
	return emitter.finish();
}
