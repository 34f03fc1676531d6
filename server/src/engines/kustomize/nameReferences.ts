// Name references: after prefixes, suffixes and hashes renamed objects, every field that refers to one by
// name (HPA scaleTargetRef, volumes' ConfigMaps and Secrets, envFrom, serviceAccountName, RoleBinding
// roleRef and subjects, webhook services...) follows the rename, as kustomize's nameReference config says.
import { FieldSpec, NameReference, specMatches, walkFieldSpec } from './fieldSpecs';
import { getPath, KMapNode, KNode, scalar } from './node';
import { KustomizeError, nsEqual, Resource } from './resource';

function referralMatches(ref: NameReference, r: Resource): boolean {
	return specMatches(ref, r.id) || r.prevIds.some((p) => specMatches(ref, p));
}

function namesOf(r: Resource): Set<string> {
	return new Set([r.name, ...r.prevIds.map((p) => p.name)]);
}

/** Candidates that `oldName` in `referrer` may mean, following kustomize's sieve. */
function choose(candidates: Resource[], oldName: string, referrer: Resource, namespace: string | undefined): Resource | undefined {
	let found = candidates.filter((c) => namesOf(c).has(oldName));
	if (namespace !== undefined) found = found.filter((c) => [c.namespace, ...c.prevIds.map((p) => p.namespace)].some((ns) => nsEqual(ns, namespace)));
	else if (!referrer.clusterScoped) {
		found = found.filter((c) => c.clusterScoped || c.kind === 'ServiceAccount' || nsEqual(c.namespace, referrer.namespace));
	}
	if (found.length === 0) return undefined;
	if (found.length > 1 && new Set(found.map((c) => c.name)).size > 1) {
		const exact = found.filter((c) => nsEqual(c.namespace, referrer.namespace));
		if (exact.length === 1) return exact[0];
		throw new KustomizeError(`found multiple possible referrals: ${found.map((c) => `${c.kind}/${c.name}`).join(', ')}`);
	}
	return found[0];
}

function renamed(cur: KNode, target: Resource): KNode {
	const nameNode = getPath(target.node, ['metadata', 'name']);
	return scalar(target.name, nameNode?.src ?? cur.src);
}

export function fixNameReferences(resources: Resource[], refs: NameReference[]): void {
	for (const ref of refs) {
		const candidates = resources.filter((r) => referralMatches(ref, r));
		if (!candidates.length) continue;
		for (const referrer of resources) {
			for (const spec of ref.fieldSpecs) {
				if (!specMatches(spec, referrer.id)) continue;
				walkFieldSpec(referrer.node, spec.path, false, undefined, (cur) => update(cur, ref, spec, candidates, referrer));
			}
		}
	}
}

function update(cur: KNode | undefined, ref: NameReference, spec: FieldSpec, candidates: Resource[], referrer: Resource): KNode | undefined {
	if (!cur) return undefined;
	if (cur.t === 's') {
		if (typeof cur.v !== 'string') return undefined;
		if (spec.path.endsWith('roleRef/name')) {
			const kind = getPath(referrer.node, ['roleRef', 'kind']);
			if (kind?.t === 's' && kind.v !== ref.kind) return undefined;
		}
		const target = choose(candidates, cur.v, referrer, undefined);
		return target && target.name !== cur.v ? renamed(cur, target) : undefined;
	}
	if (cur.t === 'a') {
		for (let i = 0; i < cur.a.length; i++) {
			const item = cur.a[i];
			if (item.t === 's') {
				const next = update(item, ref, spec, candidates, referrer);
				if (next) cur.a[i] = next;
			} else if (item.t === 'm') updateMap(item, ref, candidates, referrer);
		}
		return undefined;
	}
	updateMap(cur, ref, candidates, referrer);
	return undefined;
}

/**
 * `{name, namespace}` references (RoleBinding subjects, webhook services). Like kustomize, a subject's
 * kind is not compared, and the namespace is set even where the subject had none.
 */
function updateMap(m: KMapNode, _ref: NameReference, candidates: Resource[], referrer: Resource): void {
	const name = m.m.get('name');
	if (name?.t !== 's' || typeof name.v !== 'string') return;
	const nsNode = m.m.get('namespace');
	const ns = nsNode?.t === 's' && typeof nsNode.v === 'string' ? nsNode.v : undefined;
	const target = choose(candidates, name.v, referrer, ns);
	if (!target) return;
	if (target.name !== name.v) m.m.set('name', renamed(name, target));
	if (target.namespace && target.namespace !== ns) m.m.set('namespace', scalar(target.namespace, getPath(target.node, ['metadata', 'namespace'])?.src));
}
