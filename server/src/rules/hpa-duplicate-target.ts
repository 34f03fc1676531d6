// hpa-duplicate-target: two HorizontalPodAutoscalers scaling the same workload.
import type { Rule } from '../core/rule';
import { hpasSharingTarget, hpaTarget, isKustomizePatch, objectLabel } from './helpers';

export const rule: Rule = {
	id: 'hpa-duplicate-target',
	title: 'Two HPAs scale the same workload',
	category: 'Autoscaling',
	defaultSeverity: 'warning',
	description: 'Flags a HorizontalPodAutoscaler whose target (`scaleTargetRef` kind and name, in its namespace) another HPA of the workspace also targets; each HPA is reported, naming the other.',
	rationale:
		'Each HPA sets the replica count from its own metrics, unaware of the other: one scales up on CPU, the next scales down on memory, and the workload flaps between sizes. To scale on several metrics, one HPA lists them all and uses the largest proposal.',
	remediation: 'Merge the HPAs into one that lists every metric under `spec.metrics` (autoscaling/v2), and delete the others.',
	leavesAlone:
		'An HPA alone on its target. Targets compare by kind, name and namespace whether or not the workload is in the workspace (a Deployment and a StatefulSet may share a name; an unset namespace only matches an unset namespace); `scaleTargetRef.apiVersion` is not compared. Two documents with the same HPA name and namespace are one object written twice, not two HPAs. HPAs a kustomization lists as patches, HPAs without `scaleTargetRef.name`, and targets holding a template placeholder.',
	fixKind: '-',
	kinds: ['HorizontalPodAutoscaler'],
	crossResource: true,
	examples: {
		incorrect: `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web-cpu
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web-memory
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: {name: memory, target: {type: Utilization, averageUtilization: 80}}
`,
		correct: `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
    - type: Resource
      resource: {name: memory, target: {type: Utilization, averageUtilization: 80}}
`,
	},
	check(ctx) {
		const { object, workspace } = ctx;
		const target = hpaTarget(object);
		if (!target || isKustomizePatch(object, workspace)) return;
		const others = new Map<string, string>();
		for (const hpa of hpasSharingTarget(object, workspace)) {
			// the same name in the same namespace is this HPA again (another copy of one object), not a rival
			if (hpa.name === object.name || isKustomizePatch(hpa, workspace)) continue;
			others.set(String(hpa.name), objectLabel(hpa));
		}
		if (others.size === 0) return;
		const named = [...others.values()];
		const shown = named.length > 3 ? `${named.slice(0, 3).join(', ')} and ${named.length - 3} more` : named.join(' and ');
		ctx.report({
			range: object.valueRange(['spec', 'scaleTargetRef', 'name']),
			message: `${objectLabel(object)} scales ${target.kind} "${target.name}", which ${shown} also ${named.length > 1 ? 'scale' : 'scales'}: the controllers fight over its replica count.`,
		});
	},
};
