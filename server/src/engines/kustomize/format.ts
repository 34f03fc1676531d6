// What `kustomize build` prints. kubectl kustomize round-trips each object through JSON and writes it
// with Go's yaml.v2 emitter, so this follows that emitter: sorted keys, two-space indentation with
// sequences flush with their key, plain strings where YAML 1.1 would read them back as strings,
// double quotes for strings that would read as something else (yes, 012, 1e3, dates) or hold control
// characters, single quotes where plain style is not allowed, literal blocks for multi-line strings,
// and long scalars folded at spaces past column 80. Documents are joined by `---`.
import type { KustomizeBuild } from './types';

const BEST_WIDTH = 80;

/** What yaml.v2 resolves a plain scalar to: strings stay strings, anything else must be quoted. */
function resolvesToNonString(s: string): boolean {
	if (s === '' || s === '~' || /^(?:null|Null|NULL)$/.test(s)) return true;
	if (/^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(s)) return true;
	if (/^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/.test(s)) return true;
	if (!/^[-+.0-9]/.test(s)) return false;
	const plain = s.replace(/_/g, '');
	if (/^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/.test(plain)) return true;
	if (/^[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)$/.test(plain)) return true;
	if (/^[-+]?(?:inf|infinity|nan)$/i.test(plain)) return true;
	if (/^[-+]?0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][-+]?\d+$/.test(plain)) return true;
	if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s)) return true;
	if (/^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/.test(s)) return true;
	return false;
}

/** yaml.v2's "printable" characters; others (tab, controls) force double quotes. */
function isPrintable(c: number): boolean {
	return c === 0x0a || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || (c >= 0x10000 && c <= 0x10ffff);
}

type Style = 'plain' | 'single' | 'double' | 'literal';

function styleOf(s: string, isKey: boolean): Style {
	const chars = [...s];
	const special = chars.some((ch) => !isPrintable(ch.codePointAt(0)!));
	if (s.includes('\n') && !isKey) {
		// yaml.v2 refuses a literal block for a space before a line break or at the very end
		if (!special && !/ \n/.test(s) && !s.endsWith(' ')) return 'literal';
		return 'double';
	}
	if (resolvesToNonString(s) || special) return 'double';
	if (!plainAllowed(s)) return s.includes('\n') ? 'double' : 'single';
	return 'plain';
}

function plainAllowed(s: string): boolean {
	if (s === '' || /^(?:---|\.\.\.)(?:[\s]|$)/.test(s)) return false;
	if (/^\s|\s$/.test(s)) return false;
	const first = s[0];
	if ('#,[]{}&*!|>\'"%@`'.includes(first)) return false;
	if ('?:-'.includes(first) && (s.length === 1 || /\s/.test(s[1]))) return false;
	if (/:(\s|$)/.test(s) || /\s#/.test(s)) return false;
	if (s.includes('\n')) return false;
	return true;
}

class Emitter {
	lines: string[] = [];
	line = '';
	column = 0;

	write(text: string): void {
		this.line += text;
		this.column += [...text].length;
	}
	newline(indent: number): void {
		this.lines.push(this.line);
		this.line = ' '.repeat(indent);
		this.column = indent;
	}
	finish(): string {
		if (this.line !== '') this.lines.push(this.line);
		return this.lines.join('\n') + '\n';
	}

	/** Writes a scalar at the current position; `indent` is where folded lines continue. */
	scalar(v: unknown, indent: number, isKey = false): void {
		if (v === null || v === undefined) return this.write('null');
		if (typeof v === 'boolean' || typeof v === 'number') return this.write(formatNumberOrBool(v));
		const s = String(v);
		const style = styleOf(s, isKey);
		const allowBreaks = !isKey;
		if (style === 'literal') return this.literal(s, indent);
		if (style === 'plain') return this.folded(s, indent, allowBreaks, 'plain');
		if (style === 'single') return this.folded(s, indent, allowBreaks, 'single');
		return this.folded(s, indent, allowBreaks, 'double');
	}

	private folded(s: string, indent: number, allowBreaks: boolean, style: 'plain' | 'single' | 'double'): void {
		const chars = [...s];
		if (style === 'single') this.write("'");
		if (style === 'double') this.write('"');
		let spaces = false;
		for (let i = 0; i < chars.length; i++) {
			const ch = chars[i];
			if (ch === ' ') {
				const nextIsSpace = chars[i + 1] === ' ';
				const canBreak = allowBreaks && !spaces && this.column > BEST_WIDTH
					&& (style === 'plain' ? !nextIsSpace : style === 'single' ? i > 0 && i < chars.length - 1 && !nextIsSpace : i !== 0 && i !== chars.length - 1);
				if (canBreak) {
					this.newline(indent);
					if (style === 'double' && nextIsSpace) this.write('\\');
				} else this.write(' ');
				spaces = true;
				continue;
			}
			spaces = false;
			if (style === 'single' && ch === "'") this.write("''");
			else if (style === 'double') this.write(escapeDouble(ch));
			else this.write(ch);
		}
		if (style === 'single') this.write("'");
		if (style === 'double') this.write('"');
	}

	private literal(s: string, indent: number): void {
		const chomp = s.endsWith('\n') ? (/\n\n$/.test(s) || s === '\n' ? '+' : '') : '-';
		const indicator = /^[ \n]/.test(s) ? '2' : '';
		this.write(`|${indicator}${chomp}`);
		let body = s;
		if (chomp === '' ) body = s.slice(0, -1);
		if (chomp === '+') body = s.slice(0, -1);
		for (const line of body.split('\n')) {
			this.lines.push(this.line);
			this.line = line === '' ? '' : ' '.repeat(indent) + line;
			this.column = [...this.line].length;
		}
	}
}

/**
 * Numbers as they come out of Go: integers that fit 64 bits as integers, everything else as a float64
 * in strconv's shortest 'g' form (exponent form below 1e-4 and from 1e6 on, with a two-digit exponent).
 */
function formatNumberOrBool(v: boolean | number): string {
	if (typeof v === 'boolean') return String(v);
	if (!Number.isFinite(v)) return v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN';
	if (Object.is(v, -0)) return '0';
	if (Number.isInteger(v) && Math.abs(v) < 18446744073709551616) return String(v);
	const [mantissa, exponent] = v.toExponential().split('e');
	const exp = Number(exponent);
	if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
	return String(v);
}

function escapeDouble(ch: string): string {
	const c = ch.codePointAt(0)!;
	switch (ch) {
		case '"': return '\\"';
		case '\\': return '\\\\';
		case '\0': return '\\0';
		case '\x07': return '\\a';
		case '\b': return '\\b';
		case '\t': return '\\t';
		case '\n': return '\\n';
		case '\v': return '\\v';
		case '\f': return '\\f';
		case '\r': return '\\r';
		case '\x1b': return '\\e';
		case '\u0085': return '\\N';
		case '\u00a0': return '\\_';
		case '\u2028': return '\\L';
		case '\u2029': return '\\P';
	}
	if (isPrintable(c)) return ch;
	if (c <= 0xff) return `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`;
	if (c <= 0xffff) return `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
	return `\\U${c.toString(16).toUpperCase().padStart(8, '0')}`;
}

function isEmptyContainer(v: unknown): string | undefined {
	if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
	if (v !== null && typeof v === 'object') return Object.keys(v).length === 0 ? '{}' : undefined;
	return undefined;
}

function isContainer(v: unknown): boolean {
	return v !== null && typeof v === 'object' && isEmptyContainer(v) === undefined;
}

/** A map whose first line continues the current line (after `- ` in a sequence, or at the document start). */
function emitMap(e: Emitter, obj: Record<string, unknown>, indent: number, continueLine: boolean): void {
	const keys = Object.keys(obj).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	keys.forEach((key, i) => {
		if (i > 0 || !continueLine) e.newline(indent);
		e.scalar(key, indent, true);
		e.write(':');
		const value = obj[key];
		if (Array.isArray(value) && value.length) emitSeq(e, value, indent, false);
		else if (isContainer(value)) emitMap(e, value as Record<string, unknown>, indent + 2, false);
		else {
			e.write(' ');
			const empty = isEmptyContainer(value);
			if (empty) e.write(empty);
			else e.scalar(value, indent + 2);
		}
	});
}

function emitSeq(e: Emitter, items: unknown[], indent: number, continueLine: boolean): void {
	items.forEach((item, i) => {
		if (i > 0 || !continueLine) e.newline(indent);
		e.write('- ');
		if (Array.isArray(item) && item.length) emitSeq(e, item, indent + 2, true);
		else if (isContainer(item)) emitMap(e, item as Record<string, unknown>, indent + 2, true);
		else {
			const empty = isEmptyContainer(item);
			if (empty) e.write(empty);
			else e.scalar(item, indent + 2);
		}
	});
}

export function formatObject(value: Record<string, unknown>): string {
	const e = new Emitter();
	emitMap(e, value, 0, true);
	return e.finish();
}

export function formatKustomizeBuildOutput(build: KustomizeBuild): string {
	return build.objects.map((o) => formatObject(o.value)).join('---\n');
}
