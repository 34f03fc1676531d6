// What `kustomize build` prints: each object as YAML with sorted keys (kustomize round-trips objects
// through JSON), two-space indentation, sequences flush with their key, strings quoted where YAML 1.1
// would read them as something else, multi-line strings as literal blocks; documents joined by `---`.
import type { KustomizeBuild } from './types';

const YAML11_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|\.inf|\.Inf|\.INF|-\.inf|-\.Inf|-\.INF|\.nan|\.NaN|\.NAN)$/;
const NUMBER_LIKE = /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|0b[01_]+|[-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?)$/;

function needsQuotes(s: string): boolean {
	if (s === '') return true;
	if (YAML11_SPECIAL.test(s) || NUMBER_LIKE.test(s)) return true;
	if (/^[\s]|[\s]$/.test(s)) return true;
	if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/^-[^\s-]/.test(s) && !/^[?:][^\s]/.test(s)) return true;
	if (/^-\s|^---|^\.\.\./.test(s) || s === '-') return true;
	if (/: |:$| #|\t/.test(s)) return true;
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u0008\u000b-\u001f\u007f\u0080-\u009f\ufeff]/.test(s)) return true;
	return false;
}

function quote(s: string): string {
	let out = '"';
	for (const ch of s) {
		const c = ch.codePointAt(0)!;
		if (ch === '"') out += '\\"';
		else if (ch === '\\') out += '\\\\';
		else if (ch === '\n') out += '\\n';
		else if (ch === '\t') out += '\\t';
		else if (ch === '\r') out += '\\r';
		else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f) || c === 0xfeff) out += `\\u${c.toString(16).padStart(4, '0')}`;
		else out += ch;
	}
	return out + '"';
}

function scalarText(v: unknown, indent: string): string {
	if (v === null || v === undefined) return 'null';
	if (typeof v === 'boolean') return String(v);
	if (typeof v === 'number') return Number.isInteger(v) || !Number.isFinite(v) ? String(v) : String(v);
	const s = String(v);
	if (s.includes('\n') && !/[\u0000-\u0008\u000b-\u001f]/.test(s.replace(/\n/g, '')) && !/^\s/.test(s) && !/[ \t]\n|[ \t]$/.test(s)) {
		const trailing = s.endsWith('\n') ? (s.endsWith('\n\n') ? '+' : '') : '-';
		const body = (trailing === '-' ? s : s.replace(/\n+$/, (m) => (trailing === '+' ? m.slice(0, -1) : ''))).split('\n');
		return `|${trailing}\n` + body.map((line) => (line === '' ? '' : indent + line)).join('\n');
	}
	return needsQuotes(s) ? quote(s) : s;
}

function emit(v: unknown, indent: string, out: string[], inSeq: boolean): void {
	if (Array.isArray(v)) {
		v.forEach((item) => {
			if (isNonEmptyContainer(item)) {
				const lines: string[] = [];
				emit(item, indent + '  ', lines, true);
				out.push(indent + '- ' + lines[0].slice(indent.length + 2), ...lines.slice(1));
			} else out.push(`${indent}- ${inline(item, indent + '  ')}`);
		});
		return;
	}
	const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	for (const [key, value] of entries) {
		const k = needsQuotes(key) ? quote(key) : key;
		if (isNonEmptyContainer(value)) {
			out.push(`${indent}${k}:`);
			emit(value, Array.isArray(value) ? indent : indent + '  ', out, false);
		} else out.push(`${indent}${k}: ${inline(value, indent + '  ')}`);
	}
	void inSeq;
}

function isNonEmptyContainer(v: unknown): boolean {
	if (Array.isArray(v)) return v.length > 0;
	return v !== null && typeof v === 'object' && Object.keys(v).length > 0;
}

function inline(v: unknown, indent: string): string {
	if (Array.isArray(v)) return '[]';
	if (v !== null && typeof v === 'object') return '{}';
	return scalarText(v, indent);
}

export function formatObject(value: Record<string, unknown>): string {
	const lines: string[] = [];
	emit(value, '', lines, false);
	return lines.join('\n') + '\n';
}

export function formatKustomizeBuildOutput(build: KustomizeBuild): string {
	return build.objects.map((o) => formatObject(o.value)).join('---\n');
}
