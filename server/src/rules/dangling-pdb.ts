// dangling-pdb: PodDisruptionBudgets that select no pod template of the workspace.
import { isPlainObject } from '../core/k8s';
import type { Rule } from '../core/rule';
import { hasPlaceholder, isKustomizePatch, namespacePhrase, objectLabel, pdbSelects, workloadsMaybeSelectedBy } from './helpers';

export const rule: Rule = {
	id: 'dangling-pdb',
	title: 'PodDisruptionBudget selects no pods',
	category: 'Zero downtime',
	defaultSeverity: 'info',
	description: 'Flags a PodDisruptionBudget that selects no pod template of its namespace in the workspace.',
	rationale:
		'A budget that selects nothing protects nothing. It usually means a label was renamed or the budget selects the workload\'s own labels instead of its pod labels, so drains evict the pods it was written for without restraint.',
	remediation: 'Make the `selector` match the pod template labels of the workload it protects, or delete the budget.',
	leavesAlone:
		'Budgets selecting any pod template (Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Jobs, CronJob job templates, bare Pods) of the same namespace; an unset namespace only matches an unset namespace (namespaces compare as written: one a kustomization assigns at build time is not applied). A policy/v1 `selector: {}` selects every pod of its namespace and is flagged only when the namespace has no pod template in the workspace; a missing selector (policy/v1) or an empty one (policy/v1beta1) selects none. Files listed as Kustomize patches, and selectors holding a template placeholder (`{{ .Values.app }}`, `${APP}`). Labels the controllers add to every pod count as pod labels (`pod-template-hash`, `controller-revision-hash`, a StatefulSet pod\'s `statefulset.kubernetes.io/pod-name`, `apps.kubernetes.io/pod-index`, a Job pod\'s `job-name`), so a per-pod selector such as `statefulset.kubernetes.io/pod-name: redis-0` selects that pod. Pods the workspace cannot show are unknown: those of operator-managed resources (a Prometheus or Alertmanager resource, Argo Rollouts), labels an operator adds at run time, and templates that are not plain YAML (Helm, `{{ }}` placeholders): a budget for them is flagged; lint their manifests together or suppress it there.',
	fixKind: '-',
	kinds: ['PodDisruptionBudget'],
	crossResource: true,
	examples: {
		incorrect: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: checkout
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: checkout}
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
    - name: web
      image: ghcr.io/acme/web:1.4.2
`,
		correct: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: web}
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
    - name: web
      image: ghcr.io/acme/web:1.4.2
`,
	},
	check(ctx) {
		const { object, workspace } = ctx;
		if (isKustomizePatch(object, workspace) || hasPlaceholder(object.get(['spec', 'selector']))) return;
		if (workloadsMaybeSelectedBy(object, object.get(['spec', 'selector']), workspace).some((w) => pdbSelects(object, w))) return;
		ctx.report({
			range: object.kindRange(),
			message: isPlainObject(object.get(['spec', 'selector']))
				? `${objectLabel(object)} selects no pod template of the workspace ${namespacePhrase(object)}: it protects nothing.`
				: `${objectLabel(object)} has no selector, so it selects no pod: it protects nothing.`,
		});
	},
};
