// dangling-network-policy: NetworkPolicies whose non-empty podSelector selects no pod template.
import type { Rule } from '../core/rule';
import { describeLabelSelector, isEmptySelector } from '../core/selectors';
import { hasPlaceholder, namespacePhrase, networkPolicySelects, objectLabel, workloadsMaybeSelectedBy } from './helpers';

export const rule: Rule = {
	id: 'dangling-network-policy',
	title: 'NetworkPolicy selects no pods',
	category: 'Network policies',
	defaultSeverity: 'info',
	description: 'Flags a NetworkPolicy with a non-empty `podSelector` that selects no pod template of its namespace in the workspace.',
	rationale:
		'A policy that selects nothing protects nothing. It usually means a label was renamed or misspelled, so the pods it was written for now run without the isolation everyone believes they have.',
	remediation: 'Fix the `podSelector` so it matches the pod template labels of the workload it protects, or delete the policy.',
	leavesAlone:
		'Empty selectors (`podSelector: {}` selects every pod of the namespace, e.g. default-deny policies), and selectors holding a template placeholder (`{{ .Values.app }}`, `${APP}`). Pod templates count wherever they are: Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Jobs, CronJob job templates and bare Pods. An unset namespace only matches an unset namespace (namespaces compare as written: one a kustomization assigns at build time is not applied). Labels the controllers add to every pod count as pod labels (`pod-template-hash`, `controller-revision-hash`, a StatefulSet pod\'s `statefulset.kubernetes.io/pod-name`, `apps.kubernetes.io/pod-index`, a Job pod\'s `job-name`), so a per-pod selector such as `statefulset.kubernetes.io/pod-name: redis-0` selects that pod. Pods the workspace cannot show are unknown: those of operator-managed resources (a Prometheus or Alertmanager resource, Argo Rollouts), labels an operator adds at run time, and templates that are not plain YAML (Helm, `{{ }}` placeholders): a policy meant for them is flagged; lint their manifests together or suppress it there.',
	fixKind: '-',
	kinds: ['NetworkPolicy'],
	crossResource: true,
	examples: {
		incorrect: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-ingress
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: legacy}
  policyTypes: [Ingress]
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  containers:
    - name: web
      image: ghcr.io/acme/web:1.4.2
`,
		correct: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-ingress
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: web}
  policyTypes: [Ingress]
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  containers:
    - name: web
      image: ghcr.io/acme/web:1.4.2
`,
	},
	check(ctx) {
		const { object, workspace } = ctx;
		const selector = object.get(['spec', 'podSelector']);
		if (isEmptySelector(selector) || hasPlaceholder(selector)) return;
		if (workloadsMaybeSelectedBy(object, selector, workspace).some((w) => networkPolicySelects(object, w))) return;
		ctx.report({
			range: object.kindRange(),
			message: `${objectLabel(object)} selects pods with ${describeLabelSelector(selector)}, which no pod template of the workspace carries ${namespacePhrase(object)}: it protects nothing.`,
		});
	},
};
