// kustomize's default output order ("legacy"): by kind (Namespace first ... webhooks last), then by
// group/version/kind, then namespace and name.
import { gvkString, Resource } from './resource';

const ORDER_FIRST = ['Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget'];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];
const RANK = new Map<string, number>([...ORDER_FIRST.map((k, i): [string, number] => [k, i - ORDER_FIRST.length]), ...ORDER_LAST.map((k, i): [string, number] => [k, i + 1])]);

function compare(a: Resource, b: Resource): number {
	const ia = a.id;
	const ib = b.id;
	const ga = gvkString(ia);
	const gb = gvkString(ib);
	if (ga !== gb) {
		const ra = RANK.get(ia.kind) ?? 0;
		const rb = RANK.get(ib.kind) ?? 0;
		if (ra !== rb) return ra - rb;
		return ga < gb ? -1 : 1;
	}
	const sa = `${ia.namespace}|${ia.name}`;
	const sb = `${ib.namespace}|${ib.name}`;
	return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function legacySort(resources: Resource[]): Resource[] {
	return [...resources].sort(compare);
}
