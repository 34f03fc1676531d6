// missing-cpu-limit: containers (init containers included) without `limits.cpu`.
import type { Rule } from '../core/rule';
import { checkMissingLimit, RESOURCE_RULE_KINDS } from './resourceRules';

export const rule: Rule = {
	id: 'missing-cpu-limit',
	title: 'Container has no cpu limit',
	category: 'Resources',
	defaultSeverity: 'info',
	description: 'Flags a container (init containers and native sidecars included) without `resources.limits.cpu`, unless a LimitRange of its namespace in the workspace gives containers a default cpu limit.',
	rationale:
		'A cpu limit is a trade-off. Without one, a container may use every idle core of its node: a busy loop or a traffic spike slows its neighbours, and the container\'s own speed depends on how busy the node happens to be, which hides capacity problems until the node fills up. With one, the kernel throttles the container once it uses its quota in a scheduling period, which adds latency even when the node is idle; set it with headroom above the request (or equal to it for Guaranteed QoS) and watch throttling metrics. Hence information rather than a warning.',
	remediation: 'Set `resources.limits.cpu` with headroom above the cpu request, or equal to it when the workload needs Guaranteed QoS.',
	leavesAlone:
		'Namespaces where a LimitRange in the workspace gives containers a default cpu limit (`default.cpu`, else `max.cpu`); a LimitRange of another namespace does not count, and an unset namespace only matches an unset namespace. Pods with a pod-level `spec.resources.limits.cpu` (Kubernetes 1.32+) are covered as a whole, and files a kustomization in the workspace lists as patches (partial objects) are skipped. An empty `cpu:` value counts as unset. The quick fix leaves the headroom the remediation advises: it sets the limit to twice the cpu request (the container\'s own, else the request a LimitRange defaults, else the configured `resourceDefaults.cpu`, which it then also sets as the request, since Kubernetes would otherwise copy the new limit into it); it offers nothing when the request is not a valid quantity.',
	fixKind: 'Q',
	fixSafety: 'unsafe',
	kinds: RESOURCE_RULE_KINDS,
	crossResource: true,
	examples: {
		incorrect: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
          resources:
            requests:
              cpu: 250m
              memory: 256Mi
            limits:
              memory: 256Mi
`,
		correct: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
          resources:
            requests:
              cpu: 250m
              memory: 256Mi
            limits:
              cpu: "1"
              memory: 256Mi
`,
	},
	check(ctx) {
		checkMissingLimit(ctx, 'cpu', 'it can take every idle core of the node and slow its neighbours down.');
	},
};
