// missing-resource-requests: containers (init containers included) with neither a request nor a limit
// for cpu or for memory, unless a LimitRange of the namespace defaults the request.
import type { Rule } from '../core/rule';
import { containerLabel, isKustomizePatch, limitRangeProviding } from './helpers';
import { ComputeResource, podLevelResource, RESOURCE_RULE_KINDS, resourcesPath, resourceValue } from './resourceRules';

const RESOURCES: readonly ComputeResource[] = ['cpu', 'memory'];

export const rule: Rule = {
	id: 'missing-resource-requests',
	title: 'Container has no cpu or memory request',
	category: 'Resources',
	defaultSeverity: 'warning',
	description: 'Flags a container (init containers and native sidecars included) with neither a request nor a limit for cpu, or for memory (a limit alone implies the equal request).',
	rationale:
		'The scheduler places pods by their requests. A container without requests is scheduled as if it needed nothing, so nodes get overcommitted, the pod lands in the BestEffort or Burstable QoS class and is the first to be evicted under memory pressure, and autoscalers cannot compute utilization.',
	remediation: 'Set `resources.requests.cpu` and `resources.requests.memory` to what the container uses under normal load.',
	leavesAlone:
		'Containers whose missing request is implied: by a limit for the same resource (Kubernetes copies it into the request), or by a LimitRange of the namespace in the workspace (`defaultRequest`, else `default`, else `min`). A LimitRange of another namespace does not count, and an unset namespace only matches an unset namespace. Pods that set pod-level `spec.resources` for a resource (Kubernetes 1.32+) cover their containers for it. Files a kustomization in the workspace lists as patches (partial objects). Extended resources (GPUs, hugepages) are not checked. The quick fix inserts only the missing keys, with the configured `resourceDefaults`, merging into an existing `resources` map.',
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
`,
	},
	check(ctx) {
		const { object, workspace, config } = ctx;
		// a kustomize patch is a partial object: the base it patches has the rest of the resources
		if (isKustomizePatch(object, workspace)) return;
		const coveredForEveryContainer = RESOURCES.filter(
			(r) => podLevelResource(object, 'requests', r) || podLevelResource(object, 'limits', r) || limitRangeProviding(object, workspace, 'requests', r),
		);
		for (const container of object.containers()) {
			const missing = RESOURCES.filter(
				(r) => !coveredForEveryContainer.includes(r) && resourceValue(container, 'requests', r) === undefined && resourceValue(container, 'limits', r) === undefined,
			);
			if (missing.length === 0) continue;
			const inserted = missing.map((r) => `${r}: ${config.resourceDefaults[r]}`).join(', ');
			ctx.report({
				range: object.containerRange(container),
				message: `${containerLabel(container)} has no ${missing.join(' and ')} ${missing.length > 1 ? 'requests' : 'request'}: the scheduler places it as if it needed nothing, and it is evicted first under pressure.`,
				fix: {
					title: `Add requests ${inserted}`,
					ops: missing.map((r) => ({ op: 'set' as const, path: resourcesPath(container, 'requests', r), value: config.resourceDefaults[r] })),
					// The quantities are the user's to choose: snippet placeholders in the editor.
					placeholders: missing.map((r) => resourcesPath(container, 'requests', r)),
				},
			});
		}
	},
};
