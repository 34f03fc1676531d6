// configMapGenerator and secretGenerator: data from literals, files and env files, the options
// (labels, annotations, disableNameSuffixHash, immutable), and the name hash kustomize appends
// (sha256 of the object's kind, type and data as Go's JSON encoder writes them; 10 characters).
import { createHash } from 'node:crypto';
import { KMapNode, KNode, mapNode, scalar } from './node';
import type { SourceRef } from './types';

/** Go's encoding/json string escaping (it escapes <, > and & and U+2028/9, unlike JSON.stringify). */
function goJsonString(s: string): string {
	return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function goJson(v: unknown): string {
	if (typeof v === 'string') return goJsonString(v);
	if (v === null || typeof v !== 'object') return JSON.stringify(v);
	if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
	const keys = Object.keys(v).sort();
	return `{${keys.map((k) => `${goJsonString(k)}:${goJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
}

function encodeHash(text: string): string {
	const hex = createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 10);
	return hex.replace(/[013ae]/g, (c) => ({ '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' })[c]!);
}

function stringMap(n: KNode | undefined): Record<string, string> | undefined {
	if (n?.t !== 'm') return undefined;
	const out: Record<string, string> = {};
	for (const [k, v] of n.m) out[k] = v.t === 's' && v.v !== null ? String(v.v) : '';
	return out;
}

/** The suffix kustomize appends to a generated ConfigMap or Secret name (`immutable` does not count). */
export function nameHash(node: KMapNode): string {
	const kind = node.m.get('kind');
	const isSecret = kind?.t === 's' && kind.v === 'Secret';
	const m: Record<string, unknown> = { kind: isSecret ? 'Secret' : 'ConfigMap', name: '' };
	const data = stringMap(node.m.get('data'));
	m.data = data ?? null;
	if (isSecret) {
		const type = node.m.get('type');
		m.type = type?.t === 's' && type.v !== null ? String(type.v) : '';
	} else {
		const binary = stringMap(node.m.get('binaryData'));
		if (binary && Object.keys(binary).length) m.binaryData = binary;
	}
	return encodeHash(goJson(m));
}

/** `key=value` of a literal source, surrounding quotes removed. */
export function parseLiteral(source: string): [string, string] | string {
	const eq = source.indexOf('=');
	if (eq === 0) return `invalid literal source ${source}, expected key=value`;
	if (eq < 0) return `invalid literal source ${source}, expected key=value`;
	let value = source.slice(eq + 1);
	if (value.length >= 2 && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'")) value = value.slice(1, -1);
	return [source.slice(0, eq), value];
}

/**
 * Lines of an env file as kubectl kustomize 1.31 reads them: `KEY=value` (leading blanks dropped, the
 * rest of the line kept), `KEY` alone for an empty value; blank lines, `#` comments and lines without a
 * key skipped.
 */
export function parseEnvFile(text: string): [string, string][] {
	const out: [string, string][] = [];
	const lines = text.replace(/^\uFEFF/, '').split('\n');
	for (const rawLine of lines) {
		const line = rawLine.replace(/\r$/, '').replace(/^\s+/, '');
		if (!line || line.startsWith('#')) continue;
		const eq = line.indexOf('=');
		const key = eq < 0 ? line : line.slice(0, eq);
		if (key) out.push([key, eq < 0 ? '' : line.slice(eq + 1)]);
	}
	return out;
}

export function isUtf8Text(bytes: string): boolean {
	return !bytes.includes('\uFFFD');
}

export interface GeneratorEntry {
	kind: 'ConfigMap' | 'Secret';
	name: string;
	namespace?: string;
	type?: string;
	data: [string, string, SourceRef | undefined][];
	binaryData?: [string, string, SourceRef | undefined][];
	labels?: Record<string, string>;
	annotations?: Record<string, string>;
	immutable?: boolean;
	src?: SourceRef;
}

export function generatedObject(e: GeneratorEntry): KMapNode {
	const root = mapNode(e.src);
	root.m.set('apiVersion', scalar('v1', e.src));
	root.m.set('kind', scalar(e.kind, e.src));
	const meta = mapNode(e.src);
	meta.m.set('name', scalar(e.name, e.src));
	if (e.namespace) meta.m.set('namespace', scalar(e.namespace, e.src));
	if (e.labels && Object.keys(e.labels).length) meta.m.set('labels', mapNode(e.src, Object.entries(e.labels).map(([k, v]) => [k, scalar(v, e.src)])));
	if (e.annotations && Object.keys(e.annotations).length) meta.m.set('annotations', mapNode(e.src, Object.entries(e.annotations).map(([k, v]) => [k, scalar(v, e.src)])));
	root.m.set('metadata', meta);
	if (e.kind === 'Secret') root.m.set('type', scalar(e.type || 'Opaque', e.src));
	if (e.data.length) root.m.set('data', mapNode(e.src, e.data.map(([k, v, src]) => [k, scalar(e.kind === 'Secret' ? Buffer.from(v, 'utf8').toString('base64') : v, src ?? e.src)])));
	if (e.binaryData?.length) root.m.set('binaryData', mapNode(e.src, e.binaryData.map(([k, v, src]) => [k, scalar(v, src ?? e.src)])));
	if (e.immutable) root.m.set('immutable', scalar(true, e.src));
	return root;
}
