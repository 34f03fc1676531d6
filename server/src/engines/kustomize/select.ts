// Selecting resources as kustomize does for patch targets and replacements: group/version/kind exact,
// name and namespace as anchored regular expressions (original or current), label and annotation
// selectors in the Kubernetes selector syntax (`a=b,c!=d,e in (x,y),!f`).
import { getPath, KNode, scalarText } from './node';
import { KustomizeError, Resource } from './resource';

export interface Selector { group?: string; version?: string; kind?: string; name?: string; namespace?: string; labelSelector?: string; annotationSelector?: string }

export function readSelector(n: KNode | undefined): Selector | undefined {
	if (n?.t !== 'm') return undefined;
	const out: Selector = {};
	for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
		const v = scalarText(n.m.get(key));
		if (v !== undefined) out[key] = v;
	}
	return out;
}

function regexMatch(pattern: string | undefined, value: string): boolean {
	if (!pattern) return true;
	try {
		return new RegExp(`^(?:${pattern})$`).test(value);
	} catch {
		throw new KustomizeError(`error parsing regexp: ${pattern}`);
	}
}

type Requirement = (labels: Map<string, string>) => boolean;

/** Parses a Kubernetes label selector string into requirements (all must hold). */
export function parseLabelSelector(text: string): Requirement[] {
	const out: Requirement[] = [];
	const parts: string[] = [];
	let depth = 0;
	let cur = '';
	for (const ch of text) {
		if (ch === '(') depth++;
		if (ch === ')') depth--;
		if (ch === ',' && depth === 0) { parts.push(cur); cur = ''; } else cur += ch;
	}
	parts.push(cur);
	for (const raw of parts.map((p) => p.trim()).filter(Boolean)) {
		let m: RegExpMatchArray | null;
		if ((m = raw.match(/^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/))) {
			const [, key, op, list] = m;
			const values = new Set(list.split(',').map((v) => v.trim()));
			out.push(op === 'in' ? (l) => l.has(key) && values.has(l.get(key)!) : (l) => !l.has(key) || !values.has(l.get(key)!));
		} else if ((m = raw.match(/^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/))) {
			const [, key, op, value] = m;
			out.push(op === '!=' ? (l) => l.get(key) !== value : (l) => l.get(key) === value);
		} else if ((m = raw.match(/^!\s*(\S+)$/))) {
			const key = m[1];
			out.push((l) => !l.has(key));
		} else if (/^\S+$/.test(raw)) {
			out.push((l) => l.has(raw));
		} else throw new KustomizeError(`unable to parse requirement: ${raw}`);
	}
	return out;
}

function stringMap(n: KNode | undefined): Map<string, string> {
	const out = new Map<string, string>();
	if (n?.t === 'm') for (const [k, v] of n.m) out.set(k, scalarText(v) ?? '');
	return out;
}

export function selects(sel: Selector, r: Resource): boolean {
	const cur = r.id;
	const org = r.orgId;
	if (sel.group && sel.group !== cur.group) return false;
	if (sel.version && sel.version !== cur.version) return false;
	if (sel.kind && sel.kind !== cur.kind) return false;
	if (sel.namespace && !regexMatch(sel.namespace, org.namespace || 'default') && !regexMatch(sel.namespace, cur.namespace || 'default')) return false;
	if (sel.name && !regexMatch(sel.name, org.name) && !regexMatch(sel.name, cur.name)) return false;
	if (sel.labelSelector) {
		const labels = stringMap(getPath(r.node, ['metadata', 'labels']));
		if (!parseLabelSelector(sel.labelSelector).every((req) => req(labels))) return false;
	}
	if (sel.annotationSelector) {
		const annotations = stringMap(getPath(r.node, ['metadata', 'annotations']));
		if (!parseLabelSelector(sel.annotationSelector).every((req) => req(annotations))) return false;
	}
	return true;
}
