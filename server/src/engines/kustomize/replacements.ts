// `replacements` (copy a field of one object into fields of others, with delimiter/index and create
// options; field paths like `spec.containers.[name=web].image`, `metadata.annotations.[a.b/c]`, `0`, `*`)
// and the older `vars` (`$(NAME)` in the fields kustomize's varReference config lists).
import { FieldSpec, specMatches, walkFieldSpec } from './fieldSpecs';
import { clone, getPath, KNode, mapNode, resolvePlain, scalar, scalarText, seqNode, withSource } from './node';
import { KustomizeError, parseApiVersion, Resource } from './resource';
import type { SourceRef } from './types';

interface Options { delimiter?: string; index: number; create: boolean }
interface IdSelector { group?: string; version?: string; kind?: string; name?: string; namespace?: string }
interface Target { select: IdSelector; reject: IdSelector[]; fieldPaths: string[]; options: Options }
export interface Replacement { source: IdSelector & { fieldPath: string; options: Options }; targets: Target[]; src?: SourceRef }

function readId(n: KNode | undefined): IdSelector {
	const s = (k: string) => scalarText(getPath(n, [k]));
	const { group, version } = parseApiVersion(s('apiVersion'));
	return { group: s('group') ?? (group || undefined), version: s('version') ?? (version || undefined), kind: s('kind'), name: s('name'), namespace: s('namespace') };
}

function readOptions(n: KNode | undefined): Options {
	const create = getPath(n, ['create']);
	const index = Number(scalarText(getPath(n, ['index'])) ?? 0);
	return { delimiter: scalarText(getPath(n, ['delimiter'])), index: Number.isFinite(index) ? index : 0, create: create?.t === 's' && create.v === true };
}

export function readReplacements(n: KNode): Replacement[] {
	if (n.t === 'a') return n.a.flatMap(readReplacements);
	const source = getPath(n, ['source']);
	const targets = getPath(n, ['targets']);
	if (!source || targets?.t !== 'a') throw new KustomizeError('replacements must specify a source and at least one target', n.src);
	return [{
		source: { ...readId(source), fieldPath: scalarText(getPath(source, ['fieldPath'])) ?? 'metadata.name', options: readOptions(getPath(source, ['options'])) },
		targets: targets.a.map((t) => {
			const reject = getPath(t, ['reject']);
			const paths = getPath(t, ['fieldPaths']);
			if (!getPath(t, ['select'])) throw new KustomizeError('target must specify resources to select', t.src);
			return {
				select: readId(getPath(t, ['select'])),
				reject: reject?.t === 'a' ? reject.a.map(readId) : [],
				fieldPaths: paths?.t === 'a' ? paths.a.map((p) => scalarText(p) ?? '') : ['metadata.name'],
				options: readOptions(getPath(t, ['options'])),
			};
		}),
		src: n.src,
	}];
}

/** Matches the current id or any id the resource had before a rename (kustomize keeps them). */
function idMatches(sel: IdSelector, r: Resource): boolean {
	return [r.id, ...r.prevIds].some((id) => (!sel.group || sel.group === id.group) && (!sel.version || sel.version === id.version) && (!sel.kind || sel.kind === id.kind)
		&& (!sel.name || sel.name === id.name) && (!sel.namespace || sel.namespace === id.namespace));
}

function selectorText(sel: IdSelector): string {
	const parts = [sel.group, sel.version, sel.kind, sel.name, sel.namespace].map((p) => p ?? '');
	return `${parts[2] ? `${parts[2]}.` : ''}${parts[1] ? `${parts[1]}.` : ''}${parts[0]}/${parts[3]}.${parts[4]}`;
}

/** Splits a field path at dots outside brackets; a leading dot is ignored. */
export function splitFieldPath(path: string): string[] {
	// vars write list indexes as `ports[0]`
	path = path.replace(/([^.\[\]])\[(\d+)\]/g, '$1.$2');
	const out: string[] = [];
	let cur = '';
	let depth = 0;
	for (const ch of path) {
		if (ch === '[') depth++;
		if (ch === ']') depth--;
		if (ch === '.' && depth === 0) { out.push(cur); cur = ''; } else cur += ch;
	}
	out.push(cur);
	return out.filter((s) => s !== '');
}

/** The nodes a field path reaches; with `create`, missing map fields are made (the last one as `leaf`). */
function lookup(root: KNode, segments: string[], create: boolean, leaf: () => KNode): { parent: KNode; key: string | number }[] {
	let frontier: { node: KNode; parent?: KNode; key?: string | number }[] = [{ node: root }];
	for (let i = 0; i < segments.length; i++) {
		const seg = segments[i];
		const last = i === segments.length - 1;
		const next: typeof frontier = [];
		for (const { node } of frontier) {
			const bracket = seg.match(/^\[(.*)\]$/);
			if (bracket && bracket[1].includes('=') && node.t === 'a') {
				const eq = bracket[1].indexOf('=');
				const key = bracket[1].slice(0, eq);
				const value = bracket[1].slice(eq + 1);
				node.a.forEach((item, index) => {
					const matches = key === '' ? scalarText(item) === value : scalarText(getPath(item, [key])) === value;
					if (matches) next.push({ node: item, parent: node, key: index });
				});
				continue;
			}
			const field = bracket ? bracket[1] : seg;
			if (node.t === 'a') {
				if (field === '*' || field === '-') node.a.forEach((item, index) => next.push({ node: item, parent: node, key: index }));
				else if (/^\d+$/.test(field) && node.a[Number(field)]) next.push({ node: node.a[Number(field)], parent: node, key: Number(field) });
				continue;
			}
			if (node.t !== 'm') continue;
			if (field === '*') {
				for (const [k, v] of node.m) next.push({ node: v, parent: node, key: k });
				continue;
			}
			let child = node.m.get(field);
			if (child === undefined && create) {
				child = last ? leaf() : /^\d+$/.test(segments[i + 1] ?? '') ? seqNode() : mapNode();
				node.m.set(field, child);
			}
			if (child !== undefined) next.push({ node: child, parent: node, key: field });
		}
		frontier = next;
	}
	return frontier.filter((f) => f.parent !== undefined).map((f) => ({ parent: f.parent!, key: f.key! }));
}

function setAt(parent: KNode, key: string | number, value: KNode): void {
	if (parent.t === 'm') parent.m.set(String(key), value);
	else if (parent.t === 'a') parent.a[Number(key)] = value;
}

function getAt(parent: KNode, key: string | number): KNode | undefined {
	return parent.t === 'm' ? parent.m.get(String(key)) : parent.t === 'a' ? parent.a[Number(key)] : undefined;
}

export function applyReplacements(resources: Resource[], replacements: Replacement[]): void {
	for (const rep of replacements) {
		const sources = resources.filter((r) => idMatches(rep.source, r));
		if (sources.length > 1) throw new KustomizeError(`multiple matches for selector ${selectorText(rep.source)}`, rep.src);
		if (sources.length === 0) throw new KustomizeError(`nothing selected by ${selectorText(rep.source)}`, rep.src);
		const found = lookup(sources[0].node, splitFieldPath(rep.source.fieldPath), false, () => scalar(null));
		if (found.length === 0) throw new KustomizeError(`fieldPath \`${rep.source.fieldPath}\` is missing for replacement source ${selectorText(rep.source)}`, rep.src);
		let value = clone(getAt(found[0].parent, found[0].key)!);
		const sourceOptions = rep.source.options;
		if (sourceOptions.delimiter) {
			if (value.t !== 's') throw new KustomizeError('delimiter option can only be used with scalar nodes', rep.src);
			const parts = String(value.v ?? '').split(sourceOptions.delimiter);
			if (sourceOptions.index >= parts.length || sourceOptions.index < 0) throw new KustomizeError(`options.index ${sourceOptions.index} is out of bounds for value ${value.v}`, rep.src);
			// the piece is read again as YAML when the source was a plain scalar (`app:1.0` gives 1.0, a number)
			value = scalar(value.plain ? resolvePlain(parts[sourceOptions.index]) : parts[sourceOptions.index]);
		}
		for (const target of rep.targets) {
			for (const r of resources) {
				if (!idMatches(target.select, r) || target.reject.some((rej) => idMatches(rej, r))) continue;
				for (const fp of target.fieldPaths) {
					const places = lookup(r.node, splitFieldPath(fp), target.options.create, () => scalar(null));
					if (places.length === 0 && !target.options.create) throw new KustomizeError(`unable to find field "${fp}" in replacement target`, rep.src);
					for (const { parent, key } of places) {
						let next: KNode = withSource(value, rep.src);
						if (target.options.delimiter) {
							const cur = getAt(parent, key);
							if (cur && cur.t !== 's') throw new KustomizeError('delimiter option can only be used with scalar nodes', rep.src);
							const parts = cur?.t === 's' && cur.v !== null ? String(cur.v).split(target.options.delimiter) : [''];
							const v = scalarText(value) ?? '';
							if (target.options.index < 0) parts.unshift(v);
							else if (target.options.index >= parts.length) parts.push(v);
							else parts[target.options.index] = v;
							const joined = parts.join(target.options.delimiter);
							next = scalar(value.t === 's' && value.plain ? resolvePlain(joined) : joined, rep.src);
						}
						setAt(parent, key, next);
					}
				}
			}
		}
	}
}


export interface Var { name: string; kind: string; group: string; version: string; objName: string; namespace?: string; fieldPath: string; src?: SourceRef }

/** Replaces `$(NAME)` in the varReference fields with each var's value (`$$` escapes). */
export function resolveVars(resources: Resource[], vars: Var[], specs: FieldSpec[]): void {
	if (!vars.length) return;
	const values = new Map<string, { value: string; src?: SourceRef }>();
	for (const v of vars) {
		if (values.has(v.name)) throw new KustomizeError(`var '${v.name}' already encountered`, v.src);
		const matches = resources.filter((r) => r.kind === v.kind && (!v.group || r.id.group === v.group) && (!v.version || r.id.version === v.version)
			&& (r.orgId.name === v.objName || r.name === v.objName || r.prevIds.some((p) => p.name === v.objName)) && (!v.namespace || r.namespace === v.namespace));
		if (matches.length !== 1) throw new KustomizeError(`var '${v.name}' cannot be mapped to a field in the set of known resources`, v.src);
		const found = lookup(matches[0].node, splitFieldPath(v.fieldPath), false, () => scalar(null));
		const node = found.length ? getAt(found[0].parent, found[0].key) : undefined;
		values.set(v.name, { value: scalarText(node) ?? '', src: v.src });
	}
	const expand = (s: string): string => s.replace(/\$\$|\$\(([^)]*)\)/g, (all, name: string | undefined) => (all === '$$' ? '$' : values.get(name!)?.value ?? all));
	const visit = (n: KNode | undefined): KNode | undefined => {
		if (!n) return undefined;
		if (n.t === 's') return typeof n.v === 'string' && n.v.includes('$') ? scalar(expand(n.v), n.src) : undefined;
		if (n.t === 'a') n.a.forEach((item, i) => { const next = visit(item); if (next) n.a[i] = next; });
		if (n.t === 'm') for (const [k, v] of n.m) { const next = visit(v); if (next) n.m.set(k, next); }
		return undefined;
	};
	for (const r of resources) {
		for (const spec of specs) {
			if (!specMatches(spec, r.id)) continue;
			walkFieldSpec(r.node, spec.path, false, undefined, visit);
		}
	}
}
