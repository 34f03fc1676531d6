// hpa-replicas-conflict: workloads that set spec.replicas while an HPA scales them.
import type { Rule } from '../core/rule';
import { hpasTargeting, objectLabel } from './helpers';

export const rule: Rule = {
	id: 'hpa-replicas-conflict',
	title: 'Workload sets replicas while an HPA scales it',
	category: 'Autoscaling',
	defaultSeverity: 'warning',
	description: 'Flags a workload that sets `spec.replicas` while a HorizontalPodAutoscaler in the workspace targets it.',
	rationale:
		'The HPA owns the replica count. Every `kubectl apply` or GitOps sync of a manifest with `replicas` resets the scale to that number, so a workload scaled out under load drops back to it mid-spike, until the HPA scales it up again.',
	remediation: 'Remove `spec.replicas` from the workload and let the HPA\'s `minReplicas` and `maxReplicas` bound the count.',
	leavesAlone:
		'Workloads without `replicas` (an explicit `replicas: null` counts as unset). HPAs in another namespace or naming another kind or name (an unset namespace only matches an unset namespace). Removing the field from a live object with client-side `kubectl apply` scales it to 1 once; the Kubernetes guide to migrating workloads to horizontal autoscaling explains how to drop it from the last-applied configuration first.',
	fixKind: 'Q',
	fixSafety: 'unsafe',
	kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'],
	crossResource: true,
	examples: {
		incorrect: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
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
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
`,
	},
	check(ctx) {
		const { object, workspace } = ctx;
		const replicas = object.get(['spec', 'replicas']);
		if (replicas === undefined || replicas === null) return;
		const hpa = hpasTargeting(object, workspace)[0];
		if (!hpa) return;
		ctx.report({
			range: object.valueRange(['spec', 'replicas']),
			message: `${objectLabel(object)} sets replicas: ${replicas} while ${objectLabel(hpa)} scales it: every apply resets the scale to ${replicas}.`,
			fix: { title: 'Remove spec.replicas (the HPA owns the count)', ops: [{ op: 'delete', path: ['spec', 'replicas'] }] },
		});
	},
};
