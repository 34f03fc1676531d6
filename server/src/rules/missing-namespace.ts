// missing-namespace: namespaced built-in objects without `metadata.namespace`, unless a kustomization of
// the workspace assigns the namespace to their file.
import { NAMESPACED_KINDS } from '../core/k8s';
import type { Rule } from '../core/rule';
import { isKustomizePatch, kustomizeAssignsNamespace, objectLabel } from './helpers';

export const rule: Rule = {
	id: 'missing-namespace',
	title: 'Object has no namespace',
	category: 'Namespaces',
	defaultSeverity: 'hint',
	description: 'Flags a namespaced built-in object (workload, Service, ConfigMap, Role...) with no `metadata.namespace`.',
	rationale:
		'An object without a namespace lands in whatever namespace the current kubectl context points at: applied from a laptop it may end up in `default`, next to unrelated workloads, outside the quotas, network policies and RBAC meant for it. Helm (`--namespace`) and Kustomize (`namespace:`) often set it at deploy time, hence only a hint.',
	remediation: 'Set `metadata.namespace` to the namespace the object belongs to, or assign it with the `namespace:` field of the kustomization that lists the file.',
	leavesAlone:
		'Cluster-scoped kinds (Namespace, ClusterRole, PriorityClass, StorageClass, CRDs...) and custom resources (their scope is unknown). Files that a Kustomization of the workspace (`apiVersion: kustomize.config.k8s.io/*`) with a `namespace:` lists in `resources`, `bases`, `components` or its patches, directly or through the folder of an included kustomization; paths resolve relative to the kustomization file. Files listed as Kustomize patches (partial objects). A kustomization.yaml without `apiVersion` and `kind` is not a Kubernetes document, so Bosun does not see it: set both to let it count.',
	fixKind: '-',
	kinds: [...NAMESPACED_KINDS],
	crossResource: true,
	examples: {
		incorrect: `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  LOG_LEVEL: info
`,
		correct: `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: shop
data:
  LOG_LEVEL: info
`,
	},
	check(ctx) {
		const { object, workspace } = ctx;
		if (object.namespace || !object.isNamespacedBuiltin) return;
		if (kustomizeAssignsNamespace(object, workspace) || isKustomizePatch(object, workspace)) return;
		ctx.report({
			range: object.kindRange(),
			message: `${objectLabel(object)} has no metadata.namespace: it is created in whatever namespace the current context uses.`,
		});
	},
};
