// hpa-min-replicas: HPAs whose minReplicas is unset or below 2.
import type { Rule } from '../core/rule';
import type { FixPlan } from '../core/types';
import { isKustomizePatch, objectLabel } from './helpers';

export const rule: Rule = {
	id: 'hpa-min-replicas',
	title: 'HPA may scale down to a single replica',
	category: 'Autoscaling',
	defaultSeverity: 'warning',
	description: 'Flags a HorizontalPodAutoscaler with `minReplicas` unset (it defaults to 1) or below 2.',
	rationale:
		'At night or on a quiet weekend the HPA scales to its minimum. With one replica left, a node drain, an eviction or a crash takes the whole service down, and a PodDisruptionBudget cannot protect it without blocking the drain.',
	remediation: 'Set `minReplicas: 2` (or more) so a disruption always leaves a serving pod.',
	leavesAlone:
		'HPAs with `minReplicas` of 2 or more. The quick fix sets `minReplicas: 2`; it is not offered when `maxReplicas` is below 2, since the API server rejects a minimum above the maximum. An unset `minReplicas` in a file listed as a Kustomize patch (the base sets it).',
	fixKind: 'Q',
	fixSafety: 'unsafe',
	kinds: ['HorizontalPodAutoscaler'],
	crossResource: true,
	examples: {
		incorrect: `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 10
`,
		correct: `apiVersion: autoscaling/v2
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
		const min = object.get(['spec', 'minReplicas']);
		const unset = min === undefined || min === null;
		if (!unset && !(Number(min) < 2)) return;
		if (unset && isKustomizePatch(object, workspace)) return;
		const max = Number(object.get(['spec', 'maxReplicas']));
		const fix: FixPlan | undefined =
			Number.isFinite(max) && max < 2
				? undefined
				: { title: 'Set minReplicas: 2', ops: [{ op: 'set', path: ['spec', 'minReplicas'], value: 2, before: ['maxReplicas'] }], placeholders: [['spec', 'minReplicas']] };
		ctx.report({
			range: unset ? object.kindRange() : object.valueRange(['spec', 'minReplicas']),
			message: unset
				? `${objectLabel(object)} has no minReplicas (default 1): it may scale down to a single pod.`
				: `${objectLabel(object)} has minReplicas: ${min}: it may scale down to ${Number(min) < 1 ? 'no pod' : 'a single pod'}.`,
			fix,
		});
	},
};
