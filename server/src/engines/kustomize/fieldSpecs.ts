// Field specs: where a transformer writes (kind + path), kustomize's built-in defaults, and the walk that
// applies a setter at each matching place. Custom `configurations` files add to these lists.
import { KMapNode, KNode, mapNode } from './node';
import type { Gvk } from './resource';
import type { SourceRef } from './types';

export interface FieldSpec { group?: string; version?: string; kind?: string; path: string; create?: boolean }
export interface NameReference { group?: string; version?: string; kind: string; fieldSpecs: FieldSpec[] }

export interface TransformerConfig {
	namePrefix: FieldSpec[];
	nameSuffix: FieldSpec[];
	namespace: FieldSpec[];
	commonLabels: FieldSpec[];
	templateLabels: FieldSpec[];
	commonAnnotations: FieldSpec[];
	images: FieldSpec[];
	replicas: FieldSpec[];
	nameReference: NameReference[];
	varReference: FieldSpec[];
}

const TEMPLATED: [string, string][] = [['ReplicationController', ''], ['Deployment', ''], ['ReplicaSet', ''], ['DaemonSet', ''], ['StatefulSet', 'apps'], ['Job', 'batch']];

function templateSpecs(field: 'labels' | 'annotations'): FieldSpec[] {
	return [
		...TEMPLATED.map(([kind, group]) => ({ kind, ...(group ? { group } : {}), path: `spec/template/metadata/${field}`, create: true })),
		{ kind: 'CronJob', group: 'batch', path: `spec/jobTemplate/metadata/${field}`, create: true },
		{ kind: 'CronJob', group: 'batch', path: `spec/jobTemplate/spec/template/metadata/${field}`, create: true },
	];
}

function affinitySpecs(kind: string): FieldSpec[] {
	const base = 'spec/template/spec/affinity';
	return [
		`${base}/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels`,
		`${base}/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels`,
		`${base}/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels`,
		`${base}/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels`,
		'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
	].map((path) => ({ group: 'apps', kind, path, create: false }));
}

const metadataLabels: FieldSpec[] = [{ path: 'metadata/labels', create: true }, ...templateSpecs('labels')];

const commonLabels: FieldSpec[] = [
	{ path: 'spec/selector', create: true, version: 'v1', kind: 'Service' },
	{ path: 'spec/selector', create: true, version: 'v1', kind: 'ReplicationController' },
	{ path: 'spec/selector/matchLabels', create: true, kind: 'Deployment' },
	...affinitySpecs('Deployment'),
	{ path: 'spec/selector/matchLabels', create: true, kind: 'ReplicaSet' },
	{ path: 'spec/selector/matchLabels', create: true, kind: 'DaemonSet' },
	{ path: 'spec/selector/matchLabels', create: true, group: 'apps', kind: 'StatefulSet' },
	{ path: 'spec/volumeClaimTemplates[]/metadata/labels', create: true, group: 'apps', kind: 'StatefulSet' },
	...affinitySpecs('StatefulSet'),
	{ path: 'spec/selector/matchLabels', create: false, group: 'batch', kind: 'Job' },
	{ path: 'spec/jobTemplate/spec/selector/matchLabels', create: false, group: 'batch', kind: 'CronJob' },
	{ path: 'spec/selector/matchLabels', create: false, group: 'policy', kind: 'PodDisruptionBudget' },
	{ path: 'spec/podSelector/matchLabels', create: false, group: 'networking.k8s.io', kind: 'NetworkPolicy' },
	{ path: 'spec/ingress/from/podSelector/matchLabels', create: false, group: 'networking.k8s.io', kind: 'NetworkPolicy' },
	{ path: 'spec/egress/to/podSelector/matchLabels', create: false, group: 'networking.k8s.io', kind: 'NetworkPolicy' },
	...metadataLabels,
];

const POD_TEMPLATE_PATHS: [string, string][] = [
	['Pod', 'spec'], ['PodTemplate', 'template/spec'], ['Deployment', 'spec/template/spec'], ['ReplicaSet', 'spec/template/spec'],
	['DaemonSet', 'spec/template/spec'], ['StatefulSet', 'spec/template/spec'], ['Job', 'spec/template/spec'],
	['CronJob', 'spec/jobTemplate/spec/template/spec'], ['ReplicationController', 'spec/template/spec'],
];

function podRefs(kinds: string[], suffixes: string[]): FieldSpec[] {
	return POD_TEMPLATE_PATHS.filter(([k]) => kinds.includes(k)).flatMap(([kind, prefix]) => suffixes.map((s) => ({ kind, path: `${prefix}/${s}` })));
}

const CM_KINDS = ['Pod', 'PodTemplate', 'Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob'];
const SA_KINDS = ['Pod', 'StatefulSet', 'Deployment', 'ReplicationController', 'CronJob', 'Job', 'DaemonSet'];

const nameReference: NameReference[] = [
	...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({ kind, fieldSpecs: [{ path: 'spec/scaleTargetRef/name', kind: 'HorizontalPodAutoscaler' }] })),
	{ kind: 'ConfigMap', version: 'v1', fieldSpecs: [
		...podRefs(CM_KINDS, ['volumes/configMap/name', 'containers/env/valueFrom/configMapKeyRef/name', 'initContainers/env/valueFrom/configMapKeyRef/name', 'containers/envFrom/configMapRef/name', 'initContainers/envFrom/configMapRef/name', 'volumes/projected/sources/configMap/name']),
		{ path: 'spec/configSource/configMap', kind: 'Node' },
		{ path: 'rules/resourceNames', kind: 'Role' },
		{ path: 'rules/resourceNames', kind: 'ClusterRole' },
		{ path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap', kind: 'Ingress' },
	] },
	{ kind: 'Secret', version: 'v1', fieldSpecs: [
		...podRefs(CM_KINDS, ['volumes/secret/secretName', 'containers/env/valueFrom/secretKeyRef/name', 'initContainers/env/valueFrom/secretKeyRef/name', 'containers/envFrom/secretRef/name', 'initContainers/envFrom/secretRef/name', 'imagePullSecrets/name', 'volumes/projected/sources/secret/name']),
		{ path: 'spec/tls/secretName', kind: 'Ingress' },
		{ path: 'metadata/annotations/ingress.kubernetes.io\\/auth-secret', kind: 'Ingress' },
		{ path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret', kind: 'Ingress' },
		{ path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret', kind: 'Ingress' },
		{ path: 'imagePullSecrets/name', kind: 'ServiceAccount' },
		...['secretName', 'adminSecretName', 'userSecretName', 'secretRef'].map((p) => ({ path: `parameters/${p}`, kind: 'StorageClass' })),
		{ path: 'rules/resourceNames', kind: 'Role' },
		{ path: 'rules/resourceNames', kind: 'ClusterRole' },
		{ path: 'spec/template/spec/containers/env/valueFrom/secretKeyRef/name', kind: 'Service', group: 'serving.knative.dev', version: 'v1' },
		{ path: 'spec/azureFile/secretName', kind: 'PersistentVolume' },
	] },
	{ kind: 'Service', version: 'v1', fieldSpecs: [
		{ path: 'spec/serviceName', kind: 'StatefulSet', group: 'apps' },
		{ path: 'spec/rules/http/paths/backend/serviceName', kind: 'Ingress' },
		{ path: 'spec/backend/serviceName', kind: 'Ingress' },
		{ path: 'spec/rules/http/paths/backend/service/name', kind: 'Ingress' },
		{ path: 'spec/defaultBackend/service/name', kind: 'Ingress' },
		{ path: 'spec/service/name', kind: 'APIService', group: 'apiregistration.k8s.io' },
		{ path: 'webhooks/clientConfig/service', kind: 'ValidatingWebhookConfiguration', group: 'admissionregistration.k8s.io' },
		{ path: 'webhooks/clientConfig/service', kind: 'MutatingWebhookConfiguration', group: 'admissionregistration.k8s.io' },
		{ path: 'spec/rules/backendRefs/name', kind: 'HTTPRoute' },
	] },
	{ kind: 'Role', group: 'rbac.authorization.k8s.io', fieldSpecs: [{ path: 'roleRef/name', kind: 'RoleBinding', group: 'rbac.authorization.k8s.io' }] },
	{ kind: 'ClusterRole', group: 'rbac.authorization.k8s.io', fieldSpecs: [
		{ path: 'roleRef/name', kind: 'RoleBinding', group: 'rbac.authorization.k8s.io' },
		{ path: 'roleRef/name', kind: 'ClusterRoleBinding', group: 'rbac.authorization.k8s.io' },
	] },
	{ kind: 'ServiceAccount', version: 'v1', fieldSpecs: [
		{ path: 'subjects', kind: 'RoleBinding', group: 'rbac.authorization.k8s.io' },
		{ path: 'subjects', kind: 'ClusterRoleBinding', group: 'rbac.authorization.k8s.io' },
		...podRefs(SA_KINDS, ['serviceAccountName']),
	] },
	{ kind: 'PersistentVolumeClaim', version: 'v1', fieldSpecs: podRefs(SA_KINDS, ['volumes/persistentVolumeClaim/claimName']) },
	{ kind: 'PersistentVolume', version: 'v1', fieldSpecs: [{ path: 'spec/volumeName', kind: 'PersistentVolumeClaim' }, { path: 'rules/resourceNames', kind: 'ClusterRole' }] },
	{ kind: 'StorageClass', version: 'v1', group: 'storage.k8s.io', fieldSpecs: [
		{ path: 'spec/storageClassName', kind: 'PersistentVolume' },
		{ path: 'spec/storageClassName', kind: 'PersistentVolumeClaim' },
		{ path: 'spec/volumeClaimTemplates/spec/storageClassName', kind: 'StatefulSet' },
	] },
	{ kind: 'PriorityClass', version: 'v1', group: 'scheduling.k8s.io', fieldSpecs: podRefs(SA_KINDS, ['priorityClassName']) },
	{ kind: 'IngressClass', version: 'v1', group: 'networking.k8s.io/v1', fieldSpecs: [{ path: 'spec/ingressClassName', kind: 'Ingress' }] },
];

const VAR_KINDS = ['CronJob', 'DaemonSet', 'Deployment', 'Job', 'Pod', 'ReplicaSet', 'StatefulSet'];
const varReference: FieldSpec[] = [
	...podRefs(VAR_KINDS, ['containers/args', 'containers/command', 'containers/env/value', 'containers/volumeMounts/mountPath', 'initContainers/args', 'initContainers/command', 'initContainers/env/value', 'initContainers/volumeMounts/mountPath']),
	...podRefs(VAR_KINDS.filter((k) => k !== 'StatefulSet'), ['volumes/nfs/server']),
	{ path: 'spec/rules/host', kind: 'Ingress' }, { path: 'spec/tls/hosts', kind: 'Ingress' }, { path: 'spec/tls/secretName', kind: 'Ingress' },
	{ path: 'spec/ports/port', kind: 'Service' }, { path: 'spec/ports/targetPort', kind: 'Service' },
	{ path: 'spec/volumeClaimTemplates/spec/nfs/server', kind: 'StatefulSet' },
	{ path: 'spec/nfs/server', kind: 'PersistentVolume' },
	{ path: 'metadata/labels' }, { path: 'metadata/annotations' },
];

export function defaultConfig(): TransformerConfig {
	return {
		namePrefix: [{ path: 'metadata/name' }],
		nameSuffix: [{ path: 'metadata/name' }],
		namespace: [
			{ path: 'metadata/namespace', create: true },
			{ path: 'metadata/name', kind: 'Namespace', create: true },
			{ path: 'subjects[]/namespace', kind: 'RoleBinding' },
			{ path: 'subjects[]/namespace', kind: 'ClusterRoleBinding' },
			{ path: 'spec/service/namespace', group: 'apiregistration.k8s.io', kind: 'APIService', create: true },
			{ path: 'spec/conversion/webhook/clientConfig/service/namespace', group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
		],
		commonLabels,
		templateLabels: [...metadataLabels, { path: 'spec/volumeClaimTemplates[]/metadata/labels', create: true, group: 'apps', kind: 'StatefulSet' }],
		commonAnnotations: [{ path: 'metadata/annotations', create: true }, ...templateSpecs('annotations')],
		images: [
			{ path: 'spec/containers[]/image', create: true },
			{ path: 'spec/initContainers[]/image', create: true },
			{ path: 'spec/template/spec/containers[]/image', create: true },
			{ path: 'spec/template/spec/initContainers[]/image', create: true },
		],
		replicas: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'].map((kind) => ({ path: 'spec/replicas', create: true, kind })),
		nameReference,
		varReference,
	};
}

function sameSpec(a: FieldSpec, b: FieldSpec): boolean {
	return a.path === b.path && (a.kind ?? '') === (b.kind ?? '') && (a.group ?? '') === (b.group ?? '') && (a.version ?? '') === (b.version ?? '');
}

/** Adds specs not yet present (kustomize merges configurations as sets). */
export function mergeSpecs(into: FieldSpec[], more: FieldSpec[]): FieldSpec[] {
	const out = [...into];
	for (const s of more) if (!out.some((o) => sameSpec(o, s))) out.push(s);
	return out;
}

export function mergeConfig(a: TransformerConfig, b: Partial<TransformerConfig>): TransformerConfig {
	const out = { ...a };
	for (const key of ['namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'templateLabels', 'commonAnnotations', 'images', 'replicas', 'varReference'] as const) {
		if (b[key]) out[key] = mergeSpecs(a[key], b[key]!);
	}
	if (b.nameReference) {
		const refs = a.nameReference.map((r) => ({ ...r, fieldSpecs: [...r.fieldSpecs] }));
		for (const r of b.nameReference) {
			const existing = refs.find((x) => x.kind === r.kind && (x.group ?? '') === (r.group ?? '') && (x.version ?? '') === (r.version ?? ''));
			if (existing) existing.fieldSpecs = mergeSpecs(existing.fieldSpecs, r.fieldSpecs);
			else refs.push({ ...r, fieldSpecs: [...r.fieldSpecs] });
		}
		out.nameReference = refs;
	}
	return out;
}

/** Whether a spec's group/version/kind (empty = any) selects `gvk`. */
export function specMatches(spec: { group?: string; version?: string; kind?: string }, gvk: Gvk): boolean {
	return (!spec.kind || spec.kind === gvk.kind) && (!spec.group || spec.group === gvk.group) && (!spec.version || spec.version === gvk.version);
}

/** Splits `a/b\/c/d[]` into segments, honouring `\/` escapes. */
export function splitPath(path: string): string[] {
	const out: string[] = [];
	let cur = '';
	for (let i = 0; i < path.length; i++) {
		if (path[i] === '\\' && path[i + 1] === '/') { cur += '/'; i++; }
		else if (path[i] === '/') { out.push(cur); cur = ''; }
		else cur += path[i];
	}
	out.push(cur);
	return out.filter((s) => s !== '');
}

/**
 * Calls `apply(parent, key, current)` at every place `path` reaches below `root` (sequences on the way
 * are entered item by item); with `create`, missing maps and the last field are created.
 * `apply` returns the new node for that field, or undefined to leave it.
 */
export function walkFieldSpec(root: KMapNode, path: string, create: boolean, src: SourceRef | undefined, apply: (current: KNode | undefined) => KNode | undefined): void {
	const segments = splitPath(path);
	const visit = (node: KNode, index: number): void => {
		if (node.t === 'a') {
			for (const item of node.a) visit(item, index);
			return;
		}
		if (node.t !== 'm') return;
		let seg = segments[index];
		const seqMarker = seg.endsWith('[]');
		if (seqMarker) seg = seg.slice(0, -2);
		const last = index === segments.length - 1;
		const cur = node.m.get(seg);
		if (last) {
			if (cur === undefined && !create) return;
			if (cur?.t === 'a' && seqMarker) return;
			const next = apply(cur);
			if (next !== undefined) node.m.set(seg, next);
			return;
		}
		if (cur === undefined || (cur.t === 's' && cur.v === null)) {
			// a list on the way (`containers[]`) is never created, nor the maps leading to it
			if (!create || segments.slice(index).some((sg) => sg.endsWith('[]'))) return;
			const made = mapNode(src);
			node.m.set(seg, made);
			visit(made, index + 1);
			return;
		}
		visit(cur, index + 1);
	};
	visit(root, 0);
}

