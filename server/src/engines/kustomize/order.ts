// kustomize's output order: "legacy" by default (by kind, Namespace first ... webhooks last, then by
// group/version/kind, then namespace and name), with the top kustomization's `sortOptions` (`fifo`
// keeps the order resources were read in; `legacySortOptions` replaces the kind lists).
import { getPath, KNode, scalarText } from './node';
import { gvkString, Resource } from './resource';

const ORDER_FIRST = ['Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget'];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];
function ranks(first: string[], last: string[]): Map<string, number> {
	return new Map<string, number>([...first.map((k, i): [string, number] => [k, i - first.length]), ...last.map((k, i): [string, number] => [k, i + 1])]);
}
const RANK = ranks(ORDER_FIRST, ORDER_LAST);

function compare(a: Resource, b: Resource, rank: Map<string, number>): number {
	const ia = a.id;
	const ib = b.id;
	const ga = gvkString(ia);
	const gb = gvkString(ib);
	if (ga !== gb) {
		const ra = rank.get(ia.kind) ?? 0;
		const rb = rank.get(ib.kind) ?? 0;
		if (ra !== rb) return ra - rb;
		return ga < gb ? -1 : 1;
	}
	const sa = `${ia.namespace}|${ia.name}`;
	const sb = `${ib.namespace}|${ib.name}`;
	return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function legacySort(resources: Resource[], rank = RANK): Resource[] {
	return [...resources].sort((a, b) => compare(a, b, rank));
}

function kinds(n: KNode | undefined): string[] | undefined {
	return n?.t === 'a' ? n.a.map((k) => scalarText(k) ?? '') : undefined;
}

export function sortResources(resources: Resource[], options: KNode | undefined): Resource[] {
	if (scalarText(getPath(options, ['order'])) === 'fifo') return resources;
	const first = kinds(getPath(options, ['legacySortOptions', 'orderFirst']));
	const last = kinds(getPath(options, ['legacySortOptions', 'orderLast']));
	return legacySort(resources, first || last ? ranks(first ?? [], last ?? []) : RANK);
}
