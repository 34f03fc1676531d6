// missing-hpa: Deployments and StatefulSets that no HorizontalPodAutoscaler of the workspace targets.
import type { Rule } from '../core/rule';
import { hpaCompanion } from './companions';
import { hpasTargeting, isKustomizePatch, objectLabel } from './helpers';

export const rule: Rule = {
	id: 'missing-hpa',
	title: 'Workload has no HorizontalPodAutoscaler',
	category: 'Autoscaling',
	defaultSeverity: 'hint',
	description: 'Flags a Deployment or StatefulSet that no HorizontalPodAutoscaler in the workspace targets.',
	rationale:
		'A fixed replica count is sized for one load. Without an autoscaler a traffic spike saturates the pods while quiet hours pay for idle ones; an HPA adds and removes replicas as the load changes.',
	remediation: 'Add a HorizontalPodAutoscaler (autoscaling/v2) whose `scaleTargetRef` names the workload, with `minReplicas` of at least 2, and give its containers cpu requests.',
	leavesAlone:
		'Workloads an HPA targets (same kind, name and namespace; an unset namespace only matches an unset namespace). DaemonSets, ReplicaSets, Jobs and bare Pods. Files listed as Kustomize patches. Other autoscalers (KEDA ScaledObjects, VPA) are not read: suppress the rule for workloads they scale. The generated HPA scales on 80% cpu utilization between 2 and 5 replicas; it is offered only when every app container has a cpu request (or a limit, or a LimitRange default), since utilization is measured against requests. Adding it to a workload that sets `spec.replicas` leads to `hpa-replicas-conflict`.',
	fixKind: 'G',
	fixSafety: 'unsafe',
	kinds: ['Deployment', 'StatefulSet'],
	crossResource: true,
	examples: {
		incorrect: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
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
            requests: {cpu: 250m, memory: 256Mi}
`,
		correct: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
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
            requests: {cpu: 250m, memory: 256Mi}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: shop
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 5
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: {type: Utilization, averageUtilization: 80}
`,
	},
	check(ctx) {
		const { object, workspace } = ctx;
		if (!object.isWorkload || isKustomizePatch(object, workspace) || hpasTargeting(object, workspace).length) return;
		const fix = hpaCompanion(object, workspace);
		ctx.report({
			range: object.kindRange(),
			message: `No HorizontalPodAutoscaler targets ${objectLabel(object)}: its replica count stays fixed whatever the load${fix ? '' : ' (give every container a cpu request to autoscale on cpu)'}.`,
			fix,
		});
	},
};
