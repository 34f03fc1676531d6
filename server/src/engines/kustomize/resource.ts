// A resource in a build: its node tree, its identity (group, version, kind, name, namespace) as kustomize
// computes it, and the names it had before prefixes, suffixes and hashes (name references follow them).
import { getString, KMapNode, KNode } from './node';
import type { SourceRef } from './types';

/** A build failure with kustomize's message, located where the user can fix it. */
export class KustomizeError extends Error {
	constructor(message: string, readonly at?: SourceRef) {
		super(message);
	}
}

export interface Gvk { group: string; version: string; kind: string }
export interface ResId extends Gvk { name: string; namespace: string }

export function parseApiVersion(apiVersion: string | undefined): { group: string; version: string } {
	if (!apiVersion) return { group: '', version: '' };
	const slash = apiVersion.lastIndexOf('/');
	return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * Cluster-scoped kinds in the API schema kustomize embeds (Kubernetes 1.21): it never sets their
 * namespace. Kinds that schema lacks count as namespaced, even cluster-scoped ones added later
 * (flowcontrol v1, ValidatingAdmissionPolicy), as kustomize has it.
 */
const CLUSTER_SCOPED = new Set([
	'APIService', 'CSIDriver', 'CSINode', 'CertificateSigningRequest', 'ClusterRole', 'ClusterRoleBinding', 'ComponentStatus',
	'CustomResourceDefinition', 'IngressClass', 'MutatingWebhookConfiguration', 'Namespace', 'Node',
	'PersistentVolume', 'PodSecurityPolicy', 'PriorityClass', 'RuntimeClass',
	'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'StorageClass', 'SubjectAccessReview', 'TokenReview',
	'ValidatingWebhookConfiguration', 'VolumeAttachment',
]);
const CLUSTER_SCOPED_IN_VERSION: Record<string, string[]> = {
	FlowSchema: ['flowcontrol.apiserver.k8s.io/v1alpha1', 'flowcontrol.apiserver.k8s.io/v1beta1'],
	PriorityLevelConfiguration: ['flowcontrol.apiserver.k8s.io/v1alpha1', 'flowcontrol.apiserver.k8s.io/v1beta1'],
};

export function isClusterScoped(kind: string, apiVersion?: string): boolean {
	if (CLUSTER_SCOPED.has(kind)) return true;
	return apiVersion !== undefined && (CLUSTER_SCOPED_IN_VERSION[kind]?.includes(apiVersion) ?? false);
}

export interface GeneratedInfo {
	behavior: 'create' | 'merge' | 'replace';
	hash: boolean;
	/** The generator entry, for origins of what a merge adds. */
	src?: SourceRef;
}

export class Resource {
	/** Ids this resource had before renames, oldest first (the original id included). */
	prevIds: ResId[] = [];
	generated?: GeneratedInfo;
	constructor(public node: KMapNode, readonly file: string) {}

	get id(): ResId {
		const { group, version } = parseApiVersion(getString(this.node, ['apiVersion']));
		return { group, version, kind: getString(this.node, ['kind']) ?? '', name: getString(this.node, ['metadata', 'name']) ?? '', namespace: getString(this.node, ['metadata', 'namespace']) ?? '' };
	}
	get kind(): string { return getString(this.node, ['kind']) ?? ''; }
	get clusterScoped(): boolean { return isClusterScoped(this.kind, getString(this.node, ['apiVersion'])); }
	get name(): string { return getString(this.node, ['metadata', 'name']) ?? ''; }
	get namespace(): string { return getString(this.node, ['metadata', 'namespace']) ?? ''; }
	/** The id it was loaded or generated with. */
	get orgId(): ResId { return this.prevIds[0] ?? this.id; }

	/** Remember the current id before a transformer renames or moves the resource. */
	rememberId(): void {
		const id = this.id;
		const last = this.prevIds[this.prevIds.length - 1];
		if (!last || !sameId(last, id)) this.prevIds.push(id);
	}

	clone(node: KMapNode): Resource {
		const r = new Resource(node, this.file);
		r.prevIds = [...this.prevIds];
		r.generated = this.generated && { ...this.generated };
		return r;
	}
}

export function sameId(a: ResId, b: ResId): boolean {
	return a.group === b.group && a.version === b.version && a.kind === b.kind && a.name === b.name && nsEqual(a.namespace, b.namespace);
}

/** kustomize treats an unset namespace and `default` as the same. */
export function nsEqual(a: string, b: string): boolean {
	return (a || 'default') === (b || 'default');
}

/** kustomize's id string, e.g. `Deployment.v1.apps/web.prod` (used in its messages). */
export function idString(id: ResId): string {
	const gvk = `${id.kind || '[noKind]'}.${id.version || '[noVer]'}.${id.group || '[noGrp]'}`;
	return `${gvk}/${id.name || '[noName]'}.${id.namespace || '[noNs]'}`;
}

export function gvkString(g: Gvk): string {
	return `${g.group || '~G'}_${g.version || '~V'}_${g.kind || '~K'}`;
}

export function asMap(n: KNode | undefined): KMapNode | undefined {
	return n?.t === 'm' ? n : undefined;
}
