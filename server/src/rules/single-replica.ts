// single-replica: Deployments that run one replica and that no HPA scales.
import type { Rule } from '../core/rule';
import { hpasTargeting, isKustomizePatch, objectLabel } from './helpers';

export const rule: Rule = {
	id: 'single-replica',
	title: 'Deployment runs a single replica',
	category: 'Zero downtime',
	defaultSeverity: 'warning',
	description: 'Flags a Deployment whose replica count is 1 (explicit, or unset and so defaulted) and that no HorizontalPodAutoscaler targets.',
	rationale:
		'A single pod is a single point of failure: a node drain, an eviction, a crash or an OOM kill leaves the service with nothing to answer until a replacement is scheduled and ready.',
	remediation: 'Run at least two replicas (`replicas: 2`), spread across nodes, or let an HPA with `minReplicas: 2` manage the count.',
	leavesAlone:
		'StatefulSets (often single-writer by design), DaemonSets, ReplicaSets and bare Pods; Deployments an HPA targets, whatever `replicas` says (`hpa-replicas-conflict` covers that); `replicas: 0` (scaled down on purpose). An unset `replicas` in a file listed as a Kustomize patch (the base sets it).',
	fixKind: 'Q',
	fixSafety: 'unsafe',
	kinds: ['Deployment'],
	crossResource: true,
	examples: {
		incorrect: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
`,
		correct: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
`,
	},
	check(ctx) {
		const { object, workspace } = ctx;
		if (!object.isWorkload || object.replicas !== 1 || hpasTargeting(object, workspace).length) return;
		const explicit = object.get(['spec', 'replicas']) !== undefined && object.get(['spec', 'replicas']) !== null;
		if (!explicit && isKustomizePatch(object, workspace)) return;
		ctx.report({
			range: explicit ? object.valueRange(['spec', 'replicas']) : object.kindRange(),
			message: `${objectLabel(object)} runs a single replica${explicit ? '' : ' (replicas unset defaults to 1)'}: any disruption takes it down.`,
			fix: {
				title: 'Set replicas: 2',
				// A new `replicas` goes where people write it, above the selector and the pod template.
				ops: [{ op: 'set', path: ['spec', 'replicas'], value: 2, before: ['selector', 'template'] }],
				placeholders: [['spec', 'replicas']],
			},
		});
	},
};
