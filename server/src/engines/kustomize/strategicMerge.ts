// Strategic merge patches as kustomize applies them: maps merge key by key (null deletes), lists of the
// Kubernetes API merge by their patch merge key (containers by name, ports by containerPort, env by name,
// volumeMounts by mountPath...) or replace when the API declares none; custom resources' lists replace
// unless an `openapi` schema names a merge key. Merged lists put the patch's items first, in the patch's
// order, then the base items the patch did not name (what kubectl kustomize 1.31 prints).
// `$patch: replace|delete|merge` is understood; like kustomize's merge, `$retainKeys`,
// `$setElementOrder/<field>` and `$deleteFromPrimitiveList/<field>` are not directives but plain fields.
// Written by hand because the merge has to carry each node's origin.
import { deepEqual, isKMap, KMapNode, KNode, KSeqNode, seqNode } from './node';

/** How a list field merges: by a key of its items, as a set of scalars, or (undefined) replaced whole. */
export interface ListStrategy { key?: string; primitive?: boolean; items?: string }
/** A schema context: field name → its context (maps) or list strategy. */
export interface SchemaType { fields: Record<string, { type?: string; list?: ListStrategy }> }
export type Schema = Record<string, SchemaType>;

const container: SchemaType = { fields: {
	env: { list: { key: 'name' } },
	ports: { list: { key: 'containerPort' } },
	volumeMounts: { list: { key: 'mountPath' } },
	volumeDevices: { list: { key: 'devicePath' } },
	resources: { type: 'other' },
} };
const containers = { list: { key: 'name', items: 'container' } };

/** The part of the Kubernetes API schema whose lists merge (everything else replaces). */
export const BUILTIN_SCHEMA: Schema = {
	meta: { fields: { finalizers: { list: { primitive: true } }, ownerReferences: { list: { key: 'uid' } } } },
	podSpec: { fields: {
		containers, initContainers: containers, ephemeralContainers: containers,
		volumes: { list: { key: 'name' } },
		imagePullSecrets: { list: { key: 'name' } },
		hostAliases: { list: { key: 'ip' } },
		topologySpreadConstraints: { list: { key: 'topologyKey' } },
		schedulingGates: { list: { key: 'name' } },
		resourceClaims: { list: { key: 'name' } },
	} },
	container,
	podTemplate: { fields: { metadata: { type: 'meta' }, spec: { type: 'podSpec' } } },
	workloadSpec: { fields: { template: { type: 'podTemplate' } } },
	jobTemplate: { fields: { metadata: { type: 'meta' }, spec: { type: 'workloadSpec' } } },
	cronSpec: { fields: { jobTemplate: { type: 'jobTemplate' } } },
	serviceSpec: { fields: { ports: { list: { key: 'port' } } } },
	pod: { fields: { metadata: { type: 'meta' }, spec: { type: 'podSpec' } } },
	workload: { fields: { metadata: { type: 'meta' }, spec: { type: 'workloadSpec' } } },
	cronJob: { fields: { metadata: { type: 'meta' }, spec: { type: 'cronSpec' } } },
	service: { fields: { metadata: { type: 'meta' }, spec: { type: 'serviceSpec' } } },
	podTemplateObject: { fields: { metadata: { type: 'meta' }, template: { type: 'podTemplate' } } },
	builtinObject: { fields: { metadata: { type: 'meta' } } },
	webhookConfiguration: { fields: { metadata: { type: 'meta' }, webhooks: { list: { key: 'name' } } } },
};

const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']);
const BUILTIN_GROUPS = new Set(['', 'apps', 'batch', 'policy', 'rbac.authorization.k8s.io', 'networking.k8s.io', 'autoscaling', 'storage.k8s.io', 'scheduling.k8s.io', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io', 'node.k8s.io', 'certificates.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io', 'extensions']);

/** The schema context of a whole object; custom resources have none unless `openapi` gave one. */
export function rootType(group: string, kind: string, schema?: Schema): string | undefined {
	if (schema?.[`${group}/${kind}`]) return `${group}/${kind}`;
	if (!BUILTIN_GROUPS.has(group)) return undefined;
	if (kind === 'Pod') return 'pod';
	if (WORKLOADS.has(kind)) return 'workload';
	if (kind === 'CronJob') return 'cronJob';
	if (kind === 'Service') return 'service';
	if (kind === 'PodTemplate') return 'podTemplateObject';
	if (kind === 'ValidatingWebhookConfiguration' || kind === 'MutatingWebhookConfiguration') return 'webhookConfiguration';
	return 'builtinObject';
}

const DIRECTIVE = '$patch';

export interface MergeContext { schema: Schema }

/**
 * Merges `patch` into `base` (both maps), returning the result (base nodes are reused, not copied) or
 * null when the patch deletes the whole object.
 */
export function strategicMerge(base: KMapNode, patch: KMapNode, type: string | undefined, ctx: MergeContext): KMapNode | null {
	const directive = scalarValue(patch.m.get(DIRECTIVE));
	if (directive === 'delete') return null;
	if (directive === 'replace') return stripDirectives(patch) as KMapNode;
	const out: KMapNode = { t: 'm', m: new Map(base.m), src: base.src };
	const fields = type ? ctx.schema[type]?.fields : undefined;
	for (const [key, pv] of patch.m) {
		if (key === DIRECTIVE) continue;
		const spec = fields?.[key];
		const bv = out.m.get(key);
		if (pv.t === 's' && pv.v === null) {
			out.m.delete(key);
		} else if (pv.t === 's' && bv?.t === 's' && bv.v === pv.v) {
			// a patch restating a value (a merge key, kind, name) changes nothing: the value keeps its origin
		} else if (bv === undefined || bv.t !== pv.t || pv.t === 's') {
			if (pv.t === 'm' && scalarValue(pv.m.get(DIRECTIVE)) === 'delete') out.m.delete(key);
			else if (bv === undefined && pv.t === 'a' && pv.a.some(isReplaceDirective)) {
				// kubectl kustomize 1.31 keeps only the directive when the list to replace is absent
				out.m.set(key, { t: 'a', a: pv.a.filter(isReplaceDirective), src: pv.src });
			} else out.m.set(key, stripDirectives(pv));
		} else if (bv.t === 'm' && pv.t === 'm') {
			const merged = strategicMerge(bv, pv, spec?.type ?? 'other', ctx);
			if (merged) out.m.set(key, merged);
			else out.m.delete(key);
		} else if (bv.t === 'a' && pv.t === 'a') {
			out.m.set(key, mergeList(bv, pv, spec?.list, ctx));
		}
	}
	return out;
}

const onlyDirectives = (i: KNode) => isKMap(i) && [...i.m.keys()].every((k) => k === DIRECTIVE);
/** `- $patch: replace`: an item holding only the directive, which replaces the whole list. */
const isReplaceDirective = (i: KNode) => onlyDirectives(i) && scalarValue((i as KMapNode).m.get(DIRECTIVE)) === 'replace';

function mergeList(base: KSeqNode, patch: KSeqNode, strategy: ListStrategy | undefined, ctx: MergeContext): KSeqNode {
	const replaceAll = patch.a.some(isReplaceDirective);
	if (replaceAll) return seqNode(patch.a.filter((i) => !(isKMap(i) && i.m.has(DIRECTIVE))).map(stripDirectives), patch.src);
	// a list left holding a literal replace directive (see above) stays as it is
	if (base.a.some(isReplaceDirective)) return base;
	if (strategy?.primitive) {
		const items = patch.a.map(stripDirectives);
		for (const b of base.a) if (!items.some((i) => deepEqual(i, b))) items.push(b);
		return { t: 'a', a: items, src: base.src };
	}
	const key = strategy?.key;
	if (!key || !patch.a.every((i) => isKMap(i)) || !base.a.every((i) => isKMap(i))) return stripDirectives(patch) as KSeqNode;
	const keyOf = (n: KNode) => (n.t === 'm' ? n.m.get(key) : undefined);
	const remaining = [...base.a] as KMapNode[];
	const result: KNode[] = [];
	// where the patch names a key twice, its first item counts (as kubectl kustomize 1.31 has it)
	const seen: KNode[] = [];
	for (const p of patch.a as KMapNode[]) {
		if (onlyDirectives(p)) continue;
		const pk = keyOf(p);
		if (pk !== undefined) {
			if (seen.some((s) => deepEqual(s, pk))) continue;
			seen.push(pk);
		}
		const index = pk === undefined ? -1 : remaining.findIndex((b) => { const bk = keyOf(b); return bk !== undefined && deepEqual(bk, pk); });
		const matched = index >= 0 ? remaining.splice(index, 1)[0] : undefined;
		if (matched && scalarValue(p.m.get(DIRECTIVE)) === 'replace') {
			// what kubectl kustomize 1.31 does with an item that asks to replace itself: the base item stays
			result.push(matched);
		} else if (matched) {
			const merged = strategicMerge(matched, p, strategy?.items ?? 'other', ctx);
			if (merged) result.push(merged);
		} else if (scalarValue(p.m.get(DIRECTIVE)) !== 'delete') result.push(stripDirectives(p));
	}
	return { t: 'a', a: collapseDuplicates([...result, ...remaining], key), src: base.src };
}

/** Items that repeat a merge key collapse into one at the first place, the last one winning. */
function collapseDuplicates(items: KNode[], key: string): KNode[] {
	const keyOf = (n: KNode) => (n.t === 'm' ? n.m.get(key) : undefined);
	const unique: KNode[] = [];
	for (const item of items) {
		const k = keyOf(item);
		const seen = k === undefined ? -1 : unique.findIndex((u) => { const uk = keyOf(u); return uk !== undefined && deepEqual(uk, k); });
		if (seen >= 0) unique[seen] = item;
		else unique.push(item);
	}
	return unique;
}

/**
 * kustomize's merge reads the whole patched object by its schema, so every keyed list in it (not only
 * those the patch touched) loses repeated keys the same way.
 */
export function normalizeKeyedLists(n: KMapNode, type: string | undefined, ctx: MergeContext): KMapNode {
	const fields = type ? ctx.schema[type]?.fields : undefined;
	if (!fields) return n;
	const out: KMapNode = { t: 'm', m: new Map(n.m), src: n.src };
	for (const [k, v] of n.m) {
		const spec = fields[k];
		if (!spec) continue;
		if (v.t === 'm' && spec.type) out.m.set(k, normalizeKeyedLists(v, spec.type, ctx));
		else if (v.t === 'a' && spec.list?.key && v.a.every(isKMap)) {
			const items = collapseDuplicates(v.a, spec.list.key).map((i) => (spec.list?.items ? normalizeKeyedLists(i as KMapNode, spec.list.items, ctx) : i));
			out.m.set(k, { t: 'a', a: items, src: v.src });
		}
	}
	return out;
}

function scalarValue(n: KNode | undefined): unknown {
	return n?.t === 's' ? n.v : undefined;
}

/** A patch value as it lands in the object where the base had nothing: `$patch`, deleted maps and null map values removed. */
export function stripDirectives(n: KNode): KNode {
	if (n.t === 's') return n;
	if (n.t === 'a') return { t: 'a', a: n.a.filter((i) => !(isKMap(i) && scalarValue(i.m.get(DIRECTIVE)) === 'delete')).map(stripDirectives), src: n.src };
	const out: KMapNode = { t: 'm', m: new Map(), src: n.src };
	for (const [k, v] of n.m) {
		if (k === DIRECTIVE || (v.t === 's' && v.v === null) || (v.t === 'm' && scalarValue(v.m.get(DIRECTIVE)) === 'delete')) continue;
		out.m.set(k, stripDirectives(v));
	}
	return out;
}

