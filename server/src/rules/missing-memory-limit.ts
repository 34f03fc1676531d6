// missing-memory-limit: containers (init containers included) without `limits.memory`.
import type { Rule } from '../core/rule';
import { checkMissingLimit, RESOURCE_RULE_KINDS } from './resourceRules';

export const rule: Rule = {
	id: 'missing-memory-limit',
	title: 'Container has no memory limit',
	category: 'Resources',
	defaultSeverity: 'warning',
	description: 'Flags a container (init containers and native sidecars included) without `resources.limits.memory`, unless a LimitRange of its namespace in the workspace gives containers a default memory limit.',
	rationale:
		'Memory is not compressible: a container without a memory limit can grow until the node runs short, and then the kubelet evicts pods (often other teams\' pods) and the kernel OOM killer picks victims. A limit turns a leak into a restart of the one container that leaks, which its probes and restarts already handle.',
	remediation: 'Set `resources.limits.memory`, usually equal to the memory request so the pod gets predictable memory (Guaranteed QoS when cpu matches too).',
	leavesAlone:
		'Namespaces where a LimitRange in the workspace gives containers a default memory limit (`default.memory`, else `max.memory`); a LimitRange of another namespace does not count, and an unset namespace only matches an unset namespace. Pods with a pod-level `spec.resources.limits.memory` (Kubernetes 1.32+) are covered as a whole, and files a kustomization in the workspace lists as patches (partial objects) are skipped. An empty `memory:` value counts as unset. The quick fix copies the memory request when the container has one, else the request a LimitRange defaults, else the configured `resourceDefaults.memory`, which it then also sets as the request (Kubernetes would otherwise copy the new limit into it), so the limit is never below the request; it offers nothing when the request is not a valid quantity.',
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
              memory: 256Mi
`,
	},
	check(ctx) {
		checkMissingLimit(ctx, 'memory', 'a leak or a spike can exhaust the node\'s memory and get other pods evicted.');
	},
};
