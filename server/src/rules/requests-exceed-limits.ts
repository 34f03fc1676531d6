// requests-exceed-limits: a container request larger than the limit for the same resource.
import type { Rule } from '../core/rule';
import { compareQuantities } from '../core/quantity';
import { containerLabel } from './helpers';
import { RESOURCE_RULE_KINDS, resourceMap, resourcesPath, resourceValue } from './resourceRules';

export const rule: Rule = {
	id: 'requests-exceed-limits',
	title: 'Request larger than its limit',
	category: 'Resources',
	defaultSeverity: 'error',
	description: 'Flags a container request that is larger than the container\'s limit for the same resource, comparing quantities numerically (`500m` < `1`, `1Gi` > `1000Mi`).',
	rationale: 'The API server rejects a pod whose request exceeds its limit, so the workload never starts: the Deployment or Job is accepted but its pods are not, and the error only shows up in events.',
	remediation: 'Lower the request or raise the limit so that the request is at most the limit.',
	leavesAlone:
		'Quantities that do not parse (invalid-quantity reports them) and resources with only a request or only a limit. Every resource name is compared, extended resources included. A limit a LimitRange would default is not considered: the API server checks that case against the LimitRange itself.',
	fixKind: '-',
	kinds: RESOURCE_RULE_KINDS,
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
              memory: 1Gi
            limits:
              memory: 1000Mi
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
              memory: 1000Mi
            limits:
              memory: 1Gi
`,
	},
	check(ctx) {
		const { object } = ctx;
		for (const container of object.containers()) {
			for (const [resource, request] of Object.entries(resourceMap(container, 'requests'))) {
				const limit = resourceValue(container, 'limits', resource);
				if (request === null || limit === undefined || (compareQuantities(request, limit) ?? 0) <= 0) continue;
				ctx.report({
					range: object.valueRange(resourcesPath(container, 'requests', resource)),
					message: `${containerLabel(container)} requests ${resource} ${String(request)}, more than its limit ${String(limit)}: the API server rejects the pod.`,
				});
			}
		}
	},
};
