// dangling-service: Services whose selector selects no pod template of the workspace.
import { isPlainObject, K8sObject } from '../core/k8s';
import type { Rule } from '../core/rule';
import type { WorkspaceIndex } from '../core/workspace';
import { hasPlaceholder, namespacePhrase, objectLabel, objectsInNamespaceOf, serviceSelects, workloadsMaybeSelectedByService } from './helpers';

/**
 * A kind outside the built-in API groups: its group has a dot and is not one of Kubernetes' own
 * (`*.k8s.io`). The core group and `apps`, `batch`, `policy`... have no dot; so have tool configurations
 * such as `skaffold/v4`, which no operator reconciles.
 */
function isCustomResource(object: K8sObject): boolean {
	const group = object.group;
	return group.includes('.') && !group.endsWith('.k8s.io');
}

/** The workspace's custom resources in the namespace of `service` (unset apart), for the operator hint. */
function customResourcesInNamespaceOf(service: K8sObject, workspace: WorkspaceIndex): K8sObject[] {
	return objectsInNamespaceOf(service, workspace).filter(isCustomResource);
}

/** `RedisFailover "my-cluster"`, the first few of them, for the hint. */
function describeResources(resources: K8sObject[]): string {
	const shown = resources.slice(0, 3).map(objectLabel).join(', ');
	return resources.length > 3 ? `${shown} and ${resources.length - 3} more` : shown;
}

export const rule: Rule = {
	id: 'dangling-service',
	title: 'Service selects no pods',
	category: 'Zero downtime',
	defaultSeverity: 'warning',
	description: 'Flags a Service with a selector that selects no pod template of its namespace in the workspace.',
	rationale:
		'A Service whose selector matches no pod has no endpoints: clients get connection refused or time out, and nothing in the Service itself says why. It is almost always a renamed or misspelled label.',
	remediation: 'Make `spec.selector` match the pod template labels (`spec.template.metadata.labels`) of the workload that serves it.',
	leavesAlone:
		'Services without a selector or with `selector: {}` (endpoints managed by hand or by a controller), ExternalName Services. Selectors holding a template placeholder (`{{ .Values.app }}`, `${APP}`), known only once rendered. Every selector label must match; the workload\'s own `metadata.labels` do not count, pods carry the template labels. Pod templates count wherever they are (Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Jobs, CronJobs, bare Pods) in the same namespace; an unset namespace only matches an unset namespace (namespaces compare as written: one a kustomization assigns at build time is not applied). Labels the controllers add to every pod count as pod labels (`pod-template-hash`, `controller-revision-hash`, a StatefulSet pod\'s `statefulset.kubernetes.io/pod-name`, `apps.kubernetes.io/pod-index`, a Job pod\'s `job-name`), so a per-pod selector such as `statefulset.kubernetes.io/pod-name: redis-0` selects that pod. Pods the workspace cannot show are unknown: when the Service\'s namespace holds custom resources (kinds outside the built-in API groups: an Elasticsearch, a RedisFailover, a Prometheus resource), their operator may create the pods, so the finding becomes a hint naming those resources. Labels an operator adds at run time and templates that are not plain YAML (Helm, `{{ }}` placeholders) are not known either: a Service for them is flagged; lint their manifests together or suppress it there.',
	fixKind: '-',
	kinds: ['Service'],
	crossResource: true,
	examples: {
		incorrect: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: wbe}
  ports:
    - port: 80
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
		correct: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
    - port: 80
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
		const selector = object.get(['spec', 'selector']);
		if (object.get(['spec', 'type']) === 'ExternalName' || !isPlainObject(selector) || !Object.keys(selector).length || hasPlaceholder(selector)) return;
		if (workloadsMaybeSelectedByService(object, workspace).some((w) => serviceSelects(object, w))) return;
		const labels = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ');
		const unmatched = `${objectLabel(object)} selects ${labels}, which no pod template of the workspace carries ${namespacePhrase(object)}`;
		const operated = customResourcesInNamespaceOf(object, workspace);
		if (operated.length) {
			// an operator reconciling these resources may create the pods the Service selects
			ctx.report({
				range: object.kindRange(),
				severity: 'hint',
				message: `${unmatched}; the namespace holds ${describeResources(operated)}, whose operator may create these pods. If not, the Service has no endpoints.`,
			});
			return;
		}
		ctx.report({ range: object.kindRange(), message: `${unmatched}: it has no endpoints.` });
	},
};
