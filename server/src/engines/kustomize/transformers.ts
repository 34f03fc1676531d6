// The built-in transformers a kustomization configures by its fields: namespace, namePrefix/nameSuffix,
// labels/commonLabels, commonAnnotations, images, replicas. Each changed node takes the kustomization
// entry that set it as its origin.
import { FieldSpec, specMatches, walkFieldSpec } from './fieldSpecs';
import { getPath, KMapNode, KNode, mapNode, scalar } from './node';
import { KustomizeError, Resource } from './resource';
import type { SourceRef } from './types';

function applySpecs(r: Resource, specs: FieldSpec[], src: SourceRef | undefined, apply: (current: KNode | undefined, spec: FieldSpec) => KNode | undefined): void {
	const id = r.id;
	for (const spec of specs) {
		if (!specMatches(spec, id)) continue;
		walkFieldSpec(r.node, spec.path, !!spec.create, src, (cur) => apply(cur, spec));
	}
}

export function setNamespace(resources: Resource[], namespace: string, specs: FieldSpec[], src: SourceRef | undefined): void {
	for (const r of resources) {
		r.rememberId();
		const clusterScoped = r.clusterScoped;
		const id = r.id;
		for (const spec of specs) {
			if (!specMatches(spec, id)) continue;
			if (spec.path === 'metadata/namespace' && clusterScoped) continue;
			if (/^subjects(\[\])?\/namespace$/.test(spec.path)) {
				setSubjectNamespaces(r, namespace, src);
				continue;
			}
			walkFieldSpec(r.node, spec.path, !!spec.create, src, (cur) => (cur?.t === 'a' || cur?.t === 'm' ? undefined : scalar(namespace, src)));
		}
	}
}

/** RoleBinding subjects: only the ServiceAccount named `default` moves along (kustomize's default). */
function setSubjectNamespaces(r: Resource, namespace: string, src: SourceRef | undefined): void {
	const subjects = getPath(r.node, ['subjects']);
	if (subjects?.t !== 'a') return;
	for (const s of subjects.a) {
		if (s.t !== 'm') continue;
		const kind = s.m.get('kind');
		const name = s.m.get('name');
		if (kind?.t !== 's' || kind.v !== 'ServiceAccount') continue;
		if (name?.t === 's' && name.v === 'default') s.m.set('namespace', scalar(namespace, src));
	}
}

const NO_AFFIX = (r: Resource) => r.kind === 'CustomResourceDefinition' || r.kind === 'Namespace' || (r.kind === 'APIService' && r.id.group === 'apiregistration.k8s.io');

export function addNameAffixes(resources: Resource[], prefix: string, suffix: string, prefixSpecs: FieldSpec[], suffixSpecs: FieldSpec[], prefixSrc: SourceRef | undefined, suffixSrc: SourceRef | undefined): void {
	for (const r of resources) {
		if (NO_AFFIX(r)) continue;
		r.rememberId();
		if (prefix) applySpecs(r, prefixSpecs, prefixSrc, (cur) => (cur?.t === 's' ? scalar(prefix + (cur.v ?? ''), prefixSrc) : undefined));
		if (suffix) applySpecs(r, suffixSpecs, suffixSrc, (cur) => (cur?.t === 's' ? scalar((cur.v ?? '') + suffix, suffixSrc) : undefined));
	}
}

/** Adds `entries` to the maps the specs reach (labels or annotations). */
export function addToMaps(resources: Resource[], entries: [string, string, SourceRef | undefined][], specs: FieldSpec[]): void {
	if (!entries.length) return;
	for (const r of resources) {
		applySpecs(r, specs, entries[0][2], (cur) => {
			const target: KMapNode | undefined = cur === undefined || (cur.t === 's' && cur.v === null) ? mapNode(entries[0][2]) : cur.t === 'm' ? cur : undefined;
			if (!target) return undefined;
			for (const [k, v, src] of entries) target.m.set(k, scalar(v, src));
			return target;
		});
	}
}

export interface ImageEntry { name: string; newName?: string; newTag?: string; digest?: string; src?: SourceRef }

/** name, tag, digest of an image reference, split as kustomize does (a registry port is not a tag). */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
	let slash = image.indexOf('/');
	const search = slash > 0 ? image.slice(slash) : image;
	if (slash <= 0) slash = 0;
	let at = search.indexOf('@');
	let colon = search.indexOf(':');
	if (colon < 0 && at < 0) return { name: image, tag: '', digest: '' };
	if (at >= 0 && (at < colon || colon < 0)) {
		at += slash;
		return { name: image.slice(0, at), tag: '', digest: image.slice(at + 1) };
	}
	if (at >= 0 && colon >= 0) {
		at += slash;
		colon += slash;
		return { name: image.slice(0, colon), tag: image.slice(colon + 1, at), digest: image.slice(at + 1) };
	}
	colon += slash;
	return { name: image.slice(0, colon), tag: image.slice(colon + 1), digest: '' };
}

function imageMatches(image: string, name: string): boolean {
	return splitImage(image).name === name;
}

export function updateImage(image: string, entry: ImageEntry): string | undefined {
	if (!imageMatches(image, entry.name)) return undefined;
	let { name, tag, digest } = splitImage(image);
	if (entry.newName) name = entry.newName;
	if (entry.newTag && entry.digest) { tag = entry.newTag; digest = entry.digest; }
	else if (entry.newTag) { tag = entry.newTag; digest = ''; }
	else if (entry.digest) { digest = entry.digest; tag = ''; }
	return name + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
}

export function setImages(resources: Resource[], entries: ImageEntry[], specs: FieldSpec[]): void {
	for (const entry of entries) {
		const update = (cur: KNode | undefined): KNode | undefined => {
			if (cur?.t !== 's' || typeof cur.v !== 'string') return undefined;
			const next = updateImage(cur.v, entry);
			return next === undefined ? undefined : scalar(next, entry.src);
		};
		for (const r of resources) {
			walkContainers(r.node, (c) => {
				const next = update(c.m.get('image'));
				if (next) c.m.set('image', next);
			});
			applySpecs(r, specs, entry.src, (cur) => update(cur));
		}
	}
}

/** Every item of a `containers` or `initContainers` list anywhere in the object. */
function walkContainers(n: KNode, visit: (container: KMapNode) => void, depth = 0): void {
	if (depth > 100) return;
	if (n.t === 'a') for (const i of n.a) walkContainers(i, visit, depth + 1);
	if (n.t !== 'm') return;
	for (const [k, v] of n.m) {
		if ((k === 'containers' || k === 'initContainers') && v.t === 'a') {
			for (const c of v.a) if (c.t === 'm') visit(c);
		}
		walkContainers(v, visit, depth + 1);
	}
}

export interface ReplicaEntry { name: string; count: number; src?: SourceRef }

export function setReplicas(resources: Resource[], entry: ReplicaEntry, specs: FieldSpec[]): void {
	let found = false;
	for (const spec of specs) {
		for (const r of resources) {
			if (!specMatches(spec, r.id)) continue;
			if (r.name !== entry.name && !r.prevIds.some((p) => p.name === entry.name)) continue;
			found = true;
			walkFieldSpec(r.node, spec.path, !!spec.create, entry.src, () => scalar(entry.count, entry.src));
		}
	}
	if (!found) {
		const gvks = specs.map((s) => `${s.kind || '[noKind]'}.${s.version || '[noVer]'}.${s.group || '[noGrp]'}`);
		throw new KustomizeError(`resource with name ${entry.name} does not match a config with the following GVK [${gvks.join(' ')}]`, entry.src);
	}
}
