// Lexer and parser for Go's text/template language (Go 1.24 grammar: trim markers, comments, break/
// continue, else with, range over integers), with Go's parse error messages. The parser follows the
// structure of Go's text/template/parse so that the same input fails with the same words; positions
// are kept for the source map. A define or block body becomes its own Tree sharing the file's text.
import { nodeString, type ActionNode, type ArgNode, type BranchNode, type CommandNode, type ListNode, type Node, type NumberNode, type PipeNode, type TemplateNode, type Tree, type VariableNode } from './ast';

type TokenType =
	| 'error'
	| 'bool'
	| 'char'
	| 'charConstant'
	| 'complex'
	| 'assign'
	| 'declare'
	| 'eof'
	| 'field'
	| 'identifier'
	| 'leftDelim'
	| 'leftParen'
	| 'number'
	| 'pipe'
	| 'rawString'
	| 'rightDelim'
	| 'rightParen'
	| 'space'
	| 'string'
	| 'text'
	| 'variable'
	// keywords (printed as <word> in messages)
	| 'dot'
	| 'block'
	| 'break'
	| 'continue'
	| 'define'
	| 'else'
	| 'end'
	| 'if'
	| 'nil'
	| 'range'
	| 'template'
	| 'with';

const KEYWORDS = new Set<TokenType>(['dot', 'block', 'break', 'continue', 'define', 'else', 'end', 'if', 'nil', 'range', 'template', 'with']);
const KEYWORD_BY_WORD: Record<string, TokenType> = {
	'.': 'dot',
	block: 'block',
	break: 'break',
	continue: 'continue',
	define: 'define',
	else: 'else',
	end: 'end',
	if: 'if',
	nil: 'nil',
	range: 'range',
	template: 'template',
	with: 'with',
};

interface Token {
	type: TokenType;
	pos: number;
	end: number;
	val: string;
}

/** A parse failure before it is worded with the template name (see TemplateSet). */
export class ParseFailure extends Error {
	constructor(
		message: string,
		readonly pos: number,
		readonly line: number,
		readonly end: number,
	) {
		super(message);
	}
}

const LETTER_OR_DIGIT = /[\p{L}\p{Nd}_]/u;

function isAlphaNumeric(ch: string | undefined): boolean {
	if (ch === undefined) return false;
	const c = ch.charCodeAt(0);
	if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
	return LETTER_OR_DIGIT.test(ch);
}

function isSpace(ch: string | undefined): boolean {
	return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

/** Go's %#U: U+0023 '#'. */
export function unicodeForm(ch: string): string {
	const cp = ch.codePointAt(0) ?? 0;
	const hex = cp.toString(16).toUpperCase().padStart(4, '0');
	return /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(ch) ? `U+${hex} '${ch}'` : `U+${hex}`;
}

function charAt(s: string, i: number): string | undefined {
	if (i >= s.length) return undefined;
	const cp = s.codePointAt(i)!;
	return String.fromCodePoint(cp);
}

/** Tokenizes the whole text; stops at the first error token. */
function lex(input: string, isFunction: (name: string) => boolean): Token[] {
	const tokens: Token[] = [];
	let pos = 0;
	let start = 0;
	const emit = (type: TokenType, from = start, to = pos) => {
		tokens.push({ type, pos: from, end: to, val: input.slice(from, to) });
		start = pos;
	};
	const fail = (message: string) => {
		tokens.push({ type: 'error', pos: start, end: Math.max(pos, start), val: message });
	};
	const hasLeftTrimMarker = (at: number) => input[at] === '-' && isSpace(input[at + 1]);
	const hasRightTrimMarker = (at: number) => isSpace(input[at]) && input[at + 1] === '-';
	const atRightDelim = (at: number): [boolean, boolean] => {
		if (input.startsWith('}}', at)) return [true, false];
		if (hasRightTrimMarker(at) && input.startsWith('}}', at + 2)) return [true, true];
		return [false, false];
	};
	const skipSpaces = (at: number) => {
		while (isSpace(input[at])) at++;
		return at;
	};
	const atTerminator = (): boolean => {
		const r = input[pos];
		if (r === undefined || isSpace(r)) return true;
		return r === '.' || r === ',' || r === '|' || r === ':' || r === ')' || r === '(' || input.startsWith('}}', pos);
	};

	for (;;) {
		// text
		const x = input.indexOf('{{', pos);
		if (x < 0) {
			pos = input.length;
			if (pos > start) emit('text');
			emit('eof');
			return tokens;
		}
		let textEnd = x;
		if (hasLeftTrimMarker(x + 2)) {
			while (textEnd > start && isSpace(input[textEnd - 1])) textEnd--;
		}
		if (textEnd > start) {
			pos = textEnd;
			emit('text');
		}
		start = pos = x;
		// left delimiter, or a comment
		pos = x + 2;
		const trimLeft = hasLeftTrimMarker(pos);
		const afterMarker = trimLeft ? 2 : 0;
		if (input.startsWith('/*', pos + afterMarker)) {
			const close = input.indexOf('*/', pos + afterMarker + 2);
			if (close < 0) {
				fail('unclosed comment');
				return tokens;
			}
			pos = close + 2;
			const [delim, trim] = atRightDelim(pos);
			if (!delim) {
				fail('comment ends before closing delimiter');
				return tokens;
			}
			pos += (trim ? 2 : 0) + 2;
			if (trim) pos = skipSpaces(pos);
			start = pos;
			continue;
		}
		emit('leftDelim', x, x + 2);
		pos = x + 2 + afterMarker;
		start = pos;
		let parenDepth = 0;
		// inside the action
		for (;;) {
			const [delim, trim] = atRightDelim(pos);
			if (delim) {
				if (parenDepth !== 0) {
					fail('unclosed left paren');
					return tokens;
				}
				if (trim) pos += 2;
				start = pos;
				pos += 2;
				emit('rightDelim');
				if (trim) pos = skipSpaces(pos);
				start = pos;
				break;
			}
			const r = charAt(input, pos);
			if (r === undefined) {
				fail('unclosed action');
				return tokens;
			}
			pos += r.length;
			if (isSpace(r)) {
				// a run of spaces, except the one that belongs to a " -}}"
				pos -= r.length;
				while (isSpace(input[pos])) pos++;
				if (hasRightTrimMarker(pos - 1) && input.startsWith('}}', pos + 1)) pos--;
				if (pos > start) emit('space');
				continue;
			}
			if (r === '=') {
				emit('assign');
				continue;
			}
			if (r === ':') {
				if (input[pos] !== '=') {
					fail('expected :=');
					return tokens;
				}
				pos++;
				emit('declare');
				continue;
			}
			if (r === '|') {
				emit('pipe');
				continue;
			}
			if (r === '"' || r === "'") {
				for (;;) {
					const c = input[pos];
					if (c === '\\' && input[pos + 1] !== undefined && input[pos + 1] !== '\n') {
						pos += 2;
						continue;
					}
					if (c === undefined || c === '\n' || c === '\\') {
						fail(r === '"' ? 'unterminated quoted string' : 'unterminated character constant');
						return tokens;
					}
					pos++;
					if (c === r) break;
				}
				emit(r === '"' ? 'string' : 'charConstant');
				continue;
			}
			if (r === '`') {
				const close = input.indexOf('`', pos);
				if (close < 0) {
					fail('unterminated raw quoted string');
					return tokens;
				}
				pos = close + 1;
				emit('rawString');
				continue;
			}
			if (r === '$' || (r === '.' && !(input[pos] >= '0' && input[pos] <= '9'))) {
				if (atTerminator()) {
					emit(r === '$' ? 'variable' : 'dot');
					continue;
				}
				let c: string | undefined;
				while (isAlphaNumeric((c = charAt(input, pos)))) pos += c!.length;
				if (!atTerminator()) {
					const bad = charAt(input, pos)!;
					pos += bad.length;
					fail(`bad character ${unicodeForm(bad)}`);
					return tokens;
				}
				emit(r === '$' ? 'variable' : 'field');
				continue;
			}
			if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
				pos -= r.length;
				const ok = scanNumber();
				if (!ok) {
					fail(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
					return tokens;
				}
				if (input[pos] === '+' || input[pos] === '-') {
					if (!scanNumber() || input[pos - 1] !== 'i') {
						fail(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
						return tokens;
					}
					emit('complex');
				} else emit('number');
				continue;
			}
			if (isAlphaNumeric(r)) {
				let c: string | undefined;
				while (isAlphaNumeric((c = charAt(input, pos)))) pos += c!.length;
				if (!atTerminator()) {
					const bad = charAt(input, pos)!;
					fail(`bad character ${unicodeForm(bad)}`);
					return tokens;
				}
				const word = input.slice(start, pos);
				const keyword = Object.prototype.hasOwnProperty.call(KEYWORD_BY_WORD, word) ? KEYWORD_BY_WORD[word] : undefined;
				if (keyword && !((keyword === 'break' || keyword === 'continue') && isFunction(word))) emit(keyword);
				else if (word === 'true' || word === 'false') emit('bool');
				else emit('identifier');
				continue;
			}
			if (r === '(') {
				emit('leftParen');
				parenDepth++;
				continue;
			}
			if (r === ')') {
				if (--parenDepth < 0) {
					fail('unexpected right paren');
					return tokens;
				}
				emit('rightParen');
				continue;
			}
			if (r.codePointAt(0)! < 0x7f && r >= ' ') {
				emit('char');
				continue;
			}
			fail(`unrecognized character in action: ${unicodeForm(r)}`);
			return tokens;
		}
	}

	function accept(valid: string): boolean {
		if (pos < input.length && valid.includes(input[pos])) {
			pos++;
			return true;
		}
		return false;
	}
	function acceptRun(valid: string): void {
		while (pos < input.length && valid.includes(input[pos])) pos++;
	}
	function scanNumber(): boolean {
		accept('+-');
		let digits = '0123456789_';
		let exponent = 'eE';
		if (accept('0')) {
			if (accept('xX')) {
				digits = '0123456789abcdefABCDEF_';
				exponent = 'pP';
			} else if (accept('oO')) digits = '01234567_';
			else if (accept('bB')) digits = '01_';
		}
		acceptRun(digits);
		if (accept('.')) acceptRun(digits);
		if (digits.length === 11 || exponent === 'pP') {
			if (accept(exponent)) {
				accept('+-');
				acceptRun('0123456789_');
			}
		}
		accept('i');
		if (isAlphaNumeric(charAt(input, pos))) {
			pos += charAt(input, pos)!.length;
			return false;
		}
		return true;
	}
}

// ---- literal values ------------------------------------------------------------------------------

/** strconv.Unquote for "..." and `...`; undefined on bad syntax. */
export function unquote(quoted: string): string | undefined {
	if (quoted.startsWith('`')) {
		if (quoted.length < 2 || !quoted.endsWith('`')) return undefined;
		return quoted.slice(1, -1).replace(/\r/g, '');
	}
	if (quoted.length < 2 || !quoted.endsWith(quoted[0])) return undefined;
	const quote = quoted[0];
	const body = quoted.slice(1, -1);
	let out = '';
	for (let i = 0; i < body.length; ) {
		const c = body[i];
		if (c === quote) return undefined;
		if (c !== '\\') {
			out += c;
			i++;
			continue;
		}
		const e = body[i + 1];
		i += 2;
		switch (e) {
			case 'a':
				out += '\x07';
				break;
			case 'b':
				out += '\b';
				break;
			case 'f':
				out += '\f';
				break;
			case 'n':
				out += '\n';
				break;
			case 'r':
				out += '\r';
				break;
			case 't':
				out += '\t';
				break;
			case 'v':
				out += '\v';
				break;
			case '\\':
				out += '\\';
				break;
			case "'":
			case '"':
				if (e !== quote) return undefined;
				out += e;
				break;
			case 'x':
			case 'u':
			case 'U': {
				const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
				const digits = body.slice(i, i + n);
				if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) return undefined;
				const cp = parseInt(digits, 16);
				if (e !== 'x' && (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) return undefined;
				out += String.fromCodePoint(cp);
				i += n;
				break;
			}
			default: {
				if (e >= '0' && e <= '7') {
					const digits = body.slice(i - 1, i + 2);
					if (!/^[0-7]{3}$/.test(digits)) return undefined;
					const v = parseInt(digits, 8);
					if (v > 255) return undefined;
					out += String.fromCharCode(v);
					i += 2;
					break;
				}
				return undefined;
			}
		}
	}
	if (quote === "'" && [...out].length !== 1) return undefined;
	return out;
}

/** strconv.ParseInt(text, 0, 64) without the range check; undefined on bad syntax. */
function parseGoInteger(text: string): bigint | undefined {
	let s = text;
	let neg = false;
	if (s[0] === '+' || s[0] === '-') {
		neg = s[0] === '-';
		s = s.slice(1);
	}
	let base = 10;
	let prefixed = false;
	if (/^0[xX]/.test(s)) [base, s, prefixed] = [16, s.slice(2), true];
	else if (/^0[oO]/.test(s)) [base, s, prefixed] = [8, s.slice(2), true];
	else if (/^0[bB]/.test(s)) [base, s, prefixed] = [2, s.slice(2), true];
	else if (/^0\d/.test(s) || s === '0_') [base, s, prefixed] = [8, s.slice(1), true];
	if (s.includes('_')) {
		// underscores only between digits, or after a base prefix
		if (!prefixed && !/^\d/.test(text.replace(/^[+-]/, ''))) return undefined;
		if (!/^_?[^_]+(_[^_]+)*$/.test(s) || (!prefixed && s.startsWith('_'))) return undefined;
		s = s.replace(/_/g, '');
	}
	const alphabet = '0123456789abcdef'.slice(0, base);
	if (s.length === 0 || ![...s.toLowerCase()].every((c) => alphabet.includes(c))) return undefined;
	const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
	const value = BigInt(prefix + s);
	return neg ? -value : value;
}

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);
const MAX_UINT64 = (1n << 64n) - 1n;

function parseGoFloat(text: string): number | undefined {
	const s = text.replace(/_/g, '');
	if (/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)$/.test(s)) return Number(s);
	const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(s);
	if (hex && (hex[2] || hex[3])) {
		const mantissa = parseInt(hex[2] + hex[3] || '0', 16) / 16 ** hex[3].length;
		const value = mantissa * 2 ** Number(hex[4]);
		return hex[1] === '-' ? -value : value;
	}
	return undefined;
}

// ---- parser -------------------------------------------------------------------------------------

export interface ParseContext {
	isFunction(name: string): boolean;
}

/** Parses one text into trees: the top-level one under `name` and one per define/block. */
export function parseTemplates(name: string, text: string, file: string, context: ParseContext): Map<string, Tree> {
	const tokens = lex(text, context.isFunction);
	const lineStarts = [0];
	for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
	const lineAt = (pos: number) => {
		let lo = 0;
		let hi = lineStarts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (lineStarts[mid] <= pos) lo = mid;
			else hi = mid - 1;
		}
		return lo + 1;
	};
	const parser = new Parser(tokens, text, name, file, context, lineAt);
	return parser.parseAll();
}

const MAX_PAREN_DEPTH = 1000;
const MAX_PIPELINE_COMMANDS = 100000;

class Parser {
	private index = 0;
	private furthest = 0;
	private vars: string[] = ['$'];
	private rangeDepth = 0;
	private parenDepth = 0;
	/** Where the action being parsed starts (-1: none), for "in action started at". */
	private actionPos = -1;
	private readonly treeSet = new Map<string, Tree>();
	private tree!: Tree;

	constructor(
		private readonly tokens: Token[],
		private readonly text: string,
		private readonly name: string,
		private readonly file: string,
		private readonly context: ParseContext,
		private readonly lineAt: (pos: number) => number,
	) {}

	private newTree(name: string): Tree {
		return { name, parseName: this.name, file: this.file, text: this.text, root: undefined as unknown as ListNode };
	}

	parseAll(): Map<string, Tree> {
		const top = this.newTree(this.name);
		this.tree = top;
		top.root = this.list(this.peek().pos);
		while (this.peek().type !== 'eof') {
			if (this.peek().type === 'leftDelim') {
				const at = this.index;
				const delim = this.next();
				if (this.nextNonSpace().type === 'define') {
					this.parseDefinition(delim);
					continue;
				}
				this.index = at;
			}
			const n = this.textOrAction();
			if (isEndOrElse(n)) this.fail(`unexpected {{${n.type}}}`);
			this.append(top.root, n);
		}
		top.root.end = this.text.length;
		this.add(top);
		return this.treeSet;
	}

	// ---- tokens ----
	private next(): Token {
		const token = this.tokens[Math.min(this.index, this.tokens.length - 1)];
		this.index++;
		this.furthest = Math.max(this.furthest, this.index);
		// an error token fails only where the parser meets it (unexpected), as with Go's lazy lexer
		return token;
	}
	private backup(): void {
		this.index--;
	}
	private peek(): Token {
		const token = this.next();
		this.backup();
		return token;
	}
	private nextNonSpace(): Token {
		let token: Token;
		do token = this.next();
		while (token.type === 'space');
		return token;
	}
	private peekNonSpace(): Token {
		const at = this.index;
		const token = this.nextNonSpace();
		this.index = at;
		this.furthest = Math.max(this.furthest, at);
		// Go leaves the non-space token pending; the spaces before it are skipped on the next read
		return token;
	}

	private currentLine(): number {
		const token = this.tokens[Math.min(Math.max(this.furthest - 1, 0), this.tokens.length - 1)];
		return this.lineAt(token.pos);
	}

	private fail(message: string, token?: Token): never {
		const at = token ?? this.tokens[Math.min(Math.max(this.furthest - 1, 0), this.tokens.length - 1)];
		// Go reports the line of the last token read from the lexer, which may be past the bad one
		throw new ParseFailure(message, at.pos, this.currentLine(), Math.max(at.end, at.pos));
	}

	private static tokenString(token: Token): string {
		if (token.type === 'eof') return 'EOF';
		if (token.type === 'error') return token.val;
		if (KEYWORDS.has(token.type)) return `<${token.val}>`;
		const runes = [...token.val];
		if (runes.length > 10) return JSON.stringify(runes.slice(0, 10).join('')) + '...';
		return JSON.stringify(token.val);
	}

	private unexpected(token: Token, context: string): never {
		if (token.type === 'error') {
			let extra = '';
			const line = this.lineAt(token.pos);
			const actionLine = this.actionPos >= 0 ? this.lineAt(this.actionPos) : 0;
			if (actionLine !== 0 && actionLine !== line) {
				extra = ` in action started at ${this.name}:${actionLine}`;
				if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
			}
			throw new ParseFailure(token.val + extra, token.pos, line, token.end);
		}
		this.fail(`unexpected ${Parser.tokenString(token)} in ${context}`, token);
	}

	private expect(type: TokenType, context: string): Token {
		const token = this.nextNonSpace();
		if (token.type !== type) this.unexpected(token, context);
		return token;
	}

	// ---- structure ----
	private list(pos: number): ListNode {
		return { type: 'list', pos, end: pos, tree: this.tree, nodes: [] };
	}

	private append(list: ListNode, node: Node): void {
		list.nodes.push(node);
		list.end = node.end;
	}

	private add(tree: Tree): void {
		const existing = this.treeSet.get(tree.name);
		if (!existing || isEmptyTree(existing.root)) {
			this.treeSet.set(tree.name, tree);
			return;
		}
		if (!isEmptyTree(tree.root)) this.fail(`template: multiple definition of template ${JSON.stringify(tree.name)}`);
	}

	private withTree<T>(tree: Tree, body: () => T): T {
		const saved = { tree: this.tree, vars: this.vars, rangeDepth: this.rangeDepth };
		this.tree = tree;
		this.vars = ['$'];
		this.rangeDepth = 0;
		try {
			return body();
		} finally {
			this.tree = saved.tree;
			this.vars = saved.vars;
			this.rangeDepth = saved.rangeDepth;
		}
	}

	private parseDefinition(_delim: Token): void {
		const context = 'define clause';
		const nameToken = this.nextNonSpace();
		if (nameToken.type !== 'string' && nameToken.type !== 'rawString') this.unexpected(nameToken, context);
		const name = unquote(nameToken.val);
		if (name === undefined) this.fail('invalid syntax');
		this.expect('rightDelim', context);
		const tree = this.newTree(name);
		this.withTree(tree, () => {
			const [list, end] = this.itemList();
			tree.root = list;
			if (end.type !== 'end') this.fail(`unexpected ${nodeKeyword(end)} in ${context}`);
			this.add(tree);
		});
	}

	private itemList(): [ListNode, Node | EndOrElse] {
		const list = this.list(this.peekNonSpace().pos);
		while (this.peekNonSpace().type !== 'eof') {
			const n = this.textOrAction();
			if (isEndOrElse(n)) return [list, n];
			this.append(list, n);
		}
		this.fail('unexpected EOF');
	}

	private textOrAction(): Node | EndOrElse {
		const token = this.nextNonSpace();
		switch (token.type) {
			case 'text':
				return { type: 'text', pos: token.pos, end: token.end, tree: this.tree, text: token.val };
			case 'leftDelim':
				this.actionPos = token.pos;
				try {
					return this.action(token);
				} finally {
					this.actionPos = -1;
				}
		}
		this.unexpected(token, 'input');
	}

	private lastEnd(): number {
		const token = this.tokens[Math.max(this.index - 1, 0)];
		return token.end;
	}

	private action(open: Token): Node | EndOrElse {
		const token = this.nextNonSpace();
		switch (token.type) {
			case 'block':
				return this.blockControl(open);
			case 'break':
			case 'continue': {
				const next = this.nextNonSpace();
				if (next.type !== 'rightDelim') this.unexpected(next, `{{${token.type}}}`);
				if (this.rangeDepth === 0) this.fail(`{{${token.type}}} outside {{range}}`);
				return { type: token.type, pos: open.pos, end: next.end, tree: this.tree };
			}
			case 'else':
				return this.elseControl(open);
			case 'end': {
				const close = this.expect('rightDelim', 'end');
				return { type: 'end', pos: open.pos, end: close.end };
			}
			case 'if':
			case 'range':
			case 'with':
				return this.control(token.type, open);
			case 'template':
				return this.templateControl(open);
		}
		this.backup();
		const pipe = this.pipeline('command', 'rightDelim');
		const node: ActionNode = { type: 'action', pos: open.pos, end: this.lastEnd(), tree: this.tree, pipe };
		return node;
	}

	private elseControl(open: Token): EndOrElse {
		const peek = this.peekNonSpace();
		if (peek.type === 'if' || peek.type === 'with') return { type: 'else', pos: open.pos, end: peek.pos, chained: true };
		const close = this.expect('rightDelim', 'else');
		return { type: 'else', pos: open.pos, end: close.end, chained: false };
	}

	private control(kind: 'if' | 'range' | 'with', open: Token): BranchNode {
		const mark = this.vars.length;
		try {
			const pipe = this.pipeline(kind, 'rightDelim');
			if (kind === 'range') this.rangeDepth++;
			let list: ListNode;
			let next: Node | EndOrElse;
			try {
				[list, next] = this.itemList();
			} finally {
				if (kind === 'range') this.rangeDepth--;
			}
			let elseList: ListNode | undefined;
			let end = next.end;
			if (isEndOrElse(next) && next.type === 'else') {
				const chained = next.chained;
				if (chained && kind === 'if' && this.peekNonSpace().type === 'if') {
					const ifOpen = this.nextNonSpace();
					elseList = this.list(next.pos);
					const inner = this.control('if', { ...ifOpen, pos: next.pos });
					this.append(elseList, inner);
					end = inner.end;
				} else if (chained && kind === 'with' && this.peekNonSpace().type === 'with') {
					const withOpen = this.nextNonSpace();
					elseList = this.list(next.pos);
					const inner = this.control('with', { ...withOpen, pos: next.pos });
					this.append(elseList, inner);
					end = inner.end;
				} else {
					let after: Node | EndOrElse;
					[elseList, after] = this.itemList();
					if (after.type !== 'end') this.fail(`expected end; found ${nodeKeyword(after)}`);
					end = after.end;
				}
			}
			return { type: kind, pos: open.pos, end, tree: this.tree, pipe, list, elseList };
		} finally {
			this.vars.length = mark;
		}
	}

	private templateName(token: Token, context: string): string {
		if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
		const name = unquote(token.val);
		if (name === undefined) this.fail('invalid syntax');
		return name;
	}

	private templateControl(open: Token): TemplateNode {
		const context = 'template clause';
		const token = this.nextNonSpace();
		const name = this.templateName(token, context);
		let pipe: PipeNode | undefined;
		if (this.nextNonSpace().type !== 'rightDelim') {
			this.backup();
			pipe = this.pipeline(context, 'rightDelim');
		}
		return { type: 'template', pos: open.pos, end: this.lastEnd(), tree: this.tree, name, namePos: token.pos, pipe };
	}

	private blockControl(open: Token): TemplateNode {
		const context = 'block clause';
		const token = this.nextNonSpace();
		const name = this.templateName(token, context);
		const pipe = this.pipeline(context, 'rightDelim');
		const callEnd = this.lastEnd();
		const tree = this.newTree(name);
		let blockEnd = callEnd;
		this.withTree(tree, () => {
			const [list, end] = this.itemList();
			tree.root = list;
			if (end.type !== 'end') this.fail(`unexpected ${nodeKeyword(end)} in ${context}`);
			blockEnd = end.end;
			this.add(tree);
		});
		return { type: 'template', pos: open.pos, end: blockEnd, tree: this.tree, name, namePos: token.pos, pipe };
	}

	private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
		const first = this.peekNonSpace();
		const pipe: PipeNode = { type: 'pipe', pos: first.pos, end: first.pos, tree: this.tree, isAssign: false, decl: [], cmds: [] };
		decls: for (;;) {
			const v = this.peekNonSpace();
			if (v.type !== 'variable') break;
			const at = this.index;
			this.nextNonSpace();
			const next = this.peekNonSpace();
			if (next.type === 'assign' || next.type === 'declare') {
				pipe.isAssign = next.type === 'assign';
				this.nextNonSpace();
				pipe.decl.push(this.variable(v));
				this.vars.push(v.val);
			} else if (next.type === 'char' && next.val === ',') {
				this.nextNonSpace();
				pipe.decl.push(this.variable(v));
				this.vars.push(v.val);
				if (context === 'range' && pipe.decl.length < 2) {
					const after = this.peekNonSpace().type;
					if (after === 'variable' || after === 'rightDelim' || after === 'rightParen') continue decls;
					this.fail('range can only initialize variables');
				}
				this.fail(`too many declarations in ${context}`);
			} else {
				this.index = at;
			}
			break;
		}
		for (;;) {
			const token = this.nextNonSpace();
			if (token.type === end) {
				this.checkPipeline(pipe, context);
				pipe.end = pipe.cmds.length > 0 ? pipe.cmds[pipe.cmds.length - 1].end : token.pos;
				return pipe;
			}
			switch (token.type) {
				case 'bool':
				case 'charConstant':
				case 'complex':
				case 'dot':
				case 'field':
				case 'identifier':
				case 'number':
				case 'nil':
				case 'rawString':
				case 'string':
				case 'variable':
				case 'leftParen':
					this.backup();
					pipe.cmds.push(this.command());
					if (pipe.cmds.length > MAX_PIPELINE_COMMANDS) this.fail('pipeline too long');
					continue;
			}
			this.unexpected(token, context);
		}
	}

	private checkPipeline(pipe: PipeNode, context: string): void {
		if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`);
		for (let i = 1; i < pipe.cmds.length; i++) {
			switch (pipe.cmds[i].args[0].type) {
				case 'bool':
				case 'dot':
				case 'nil':
				case 'number':
				case 'string':
					this.fail(`non executable command in pipeline stage ${i + 1}`);
			}
		}
	}

	private command(): CommandNode {
		const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, end: 0, tree: this.tree, args: [] } as unknown as CommandNode;
		for (;;) {
			this.peekNonSpace();
			const operand = this.operand();
			if (operand) cmd.args.push(operand);
			const token = this.next();
			if (token.type === 'space') continue;
			if (token.type === 'rightDelim' || token.type === 'rightParen') this.backup();
			else if (token.type !== 'pipe') this.unexpected(token, 'operand');
			break;
		}
		if (cmd.args.length === 0) this.fail('empty command');
		cmd.end = cmd.args[cmd.args.length - 1].end;
		return cmd;
	}

	private operand(): ArgNode | undefined {
		const node = this.term();
		if (!node) return undefined;
		if (this.peek().type === 'field') {
			const fields: string[] = [];
			let end = node.end;
			const errPos = this.peek().pos;
			while (this.peek().type === 'field') {
				const f = this.next();
				fields.push(...f.val.slice(1).split('.'));
				end = f.end;
			}
			switch (node.type) {
				case 'field':
					return { type: 'field', pos: node.pos, end, tree: this.tree, ident: [...node.ident, ...fields], errPos };
				case 'variable':
					return { type: 'variable', pos: node.pos, end, tree: this.tree, ident: [...node.ident, ...fields], errPos };
				case 'bool':
				case 'string':
				case 'number':
				case 'nil':
				case 'dot':
					this.fail(`unexpected . after term ${JSON.stringify(nodeString(node))}`);
			}
			return { type: 'chain', pos: node.pos, end, tree: this.tree, node, field: fields, errPos };
		}
		return node;
	}

	private variable(token: Token): VariableNode {
		return { type: 'variable', pos: token.pos, end: token.end, tree: this.tree, ident: token.val.split('.') };
	}

	private term(): ArgNode | undefined {
		const token = this.nextNonSpace();
		const base = { pos: token.pos, end: token.end, tree: this.tree };
		switch (token.type) {
			case 'identifier':
				if (!this.context.isFunction(token.val)) this.fail(`function ${JSON.stringify(token.val)} not defined`, token);
				return { ...base, type: 'identifier', name: token.val };
			case 'dot':
				return { ...base, type: 'dot' };
			case 'nil':
				return { ...base, type: 'nil' };
			case 'variable': {
				const v = this.variable(token);
				if (!this.vars.includes(v.ident[0])) this.fail(`undefined variable ${JSON.stringify(v.ident[0])}`, token);
				return v;
			}
			case 'field':
				return { ...base, type: 'field', ident: token.val.slice(1).split('.') };
			case 'bool':
				return { ...base, type: 'bool', value: token.val === 'true' };
			case 'charConstant':
			case 'complex':
			case 'number':
				return this.number(token);
			case 'leftParen': {
				if (this.parenDepth >= MAX_PAREN_DEPTH) this.fail('max expression depth exceeded');
				this.parenDepth++;
				try {
					const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
					pipe.pos = token.pos;
					pipe.end = this.lastEnd();
					return pipe;
				} finally {
					this.parenDepth--;
				}
			}
			case 'string':
			case 'rawString': {
				const text = unquote(token.val);
				if (text === undefined) this.fail('invalid syntax', token);
				return { ...base, type: 'string', quoted: token.val, text };
			}
		}
		this.backup();
		return undefined;
	}

	private number(token: Token): NumberNode {
		const node: NumberNode = { type: 'number', pos: token.pos, end: token.end, tree: this.tree, text: token.val };
		if (token.type === 'complex' || token.val.endsWith('i')) this.fail(`complex constants are not supported: ${JSON.stringify(token.val)}`, token);
		if (token.type === 'charConstant') {
			// strconv.UnquoteChar reads one character; anything after it is malformed
			const body = token.val.slice(1, -1);
			let first = body.length > 0 ? String.fromCodePoint(body.codePointAt(0)!) : '';
			if (first === '\\') {
				const e = body[1] ?? '';
				first = body.slice(0, e === 'x' ? 4 : e === 'u' ? 6 : e === 'U' ? 10 : e >= '0' && e <= '7' ? 4 : 2);
			}
			const ch = first === '' ? undefined : unquote(`'${first}'`);
			if (ch === undefined) this.fail('invalid syntax', token);
			if (first.length !== body.length) this.fail(`malformed character constant: ${token.val}`, token);
			node.value = BigInt(ch.codePointAt(0)!);
			return node;
		}
		const int = parseGoInteger(token.val);
		if (int !== undefined) {
			if (int >= MIN_INT64 && int <= MAX_INT64) node.value = int;
			else if (int > 0n && int <= MAX_UINT64) node.overflows = true;
			else this.fail(`integer overflow: ${JSON.stringify(token.val)}`, token);
			return node;
		}
		const float = parseGoFloat(token.val);
		if (float === undefined) this.fail(`illegal number syntax: ${JSON.stringify(token.val)}`, token);
		// a literal that parses only as a float but has no float syntax is an int too large for int64
		if (!/[.eEpP]/.test(token.val)) this.fail(`integer overflow: ${JSON.stringify(token.val)}`, token);
		node.value = float;
		return node;
	}
}

interface EndOrElse {
	type: 'end' | 'else';
	pos: number;
	end: number;
	chained?: boolean;
}

function isEndOrElse(node: Node | EndOrElse): node is EndOrElse {
	return node.type === 'end' || node.type === 'else';
}

function nodeKeyword(node: Node | EndOrElse): string {
	if (node.type === 'end' || node.type === 'else') return `{{${node.type}}}`;
	return node.type;
}

/** Go's IsEmptyTree: nothing but space (and comments). */
export function isEmptyTree(list: ListNode | undefined): boolean {
	if (!list) return true;
	return list.nodes.every((n) => n.type === 'text' && n.text.trim() === '');
}
