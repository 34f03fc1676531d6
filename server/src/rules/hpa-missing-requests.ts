// hpa-missing-requests: HPAs scaling on cpu or memory utilization of a target whose app containers lack
// the matching request.
import { isPlainObject, K8sObject } from '../core/k8s';
import type { Rule } from '../core/rule';
import { hasRequestFor, objectLabel, objectsNamed } from './helpers';

interface UtilizationMetric {
	resource: string;
	/** ContainerResource metrics measure one container only. */
	container?: string;
}

/**
 * The resources an HPA measures as a percentage of requests: autoscaling/v1 always scales on cpu (80%
 * when `targetCPUUtilizationPercentage` is unset); v2 reads Resource and ContainerResource metrics of
 * type Utilization (v2beta1: `targetAverageUtilization`), and no metrics at all means 80% cpu.
 */
export function utilizationMetrics(hpa: K8sObject): UtilizationMetric[] {
	if (hpa.apiVersion === 'autoscaling/v1') return [{ resource: 'cpu' }];
	const metrics = hpa.get(['spec', 'metrics']);
	if (!Array.isArray(metrics) || metrics.length === 0) return [{ resource: 'cpu' }];
	const out: UtilizationMetric[] = [];
	for (const metric of metrics) {
		if (!isPlainObject(metric)) continue;
		const source = metric.type === 'Resource' ? metric.resource : metric.type === 'ContainerResource' ? metric.containerResource : undefined;
		if (!isPlainObject(source) || typeof source.name !== 'string') continue;
		const utilization = (isPlainObject(source.target) && source.target.type === 'Utilization') || source.targetAverageUtilization !== undefined;
		if (!utilization) continue;
		out.push({ resource: source.name, container: metric.type === 'ContainerResource' && typeof source.container === 'string' ? source.container : undefined });
	}
	return out;
}

export const rule: Rule = {
	id: 'hpa-missing-requests',
	title: 'HPA scales on utilization the target cannot report',
	category: 'Autoscaling',
	defaultSeverity: 'warning',
	description: 'Flags a HorizontalPodAutoscaler scaling on cpu or memory utilization whose target workload in the workspace has an app container with neither a request nor a limit for that resource.',
	rationale:
		'Utilization is usage divided by the request. When a container of the pod has no request for the measured resource, the HPA cannot compute it: it reports `FailedGetResourceMetric` and never scales, so the workload stays at its minimum under load.',
	remediation: 'Give every app container of the target a request for the resource the HPA measures, or scale on an `AverageValue` target instead.',
	leavesAlone:
		'AverageValue metrics (absolute usage needs no request); targets not in the workspace (see `hpa-target-missing`); plain init containers, which have finished before the HPA measures. A limit alone implies the request, and so does a LimitRange default of the target\'s namespace in the workspace. A ContainerResource metric checks only the container it names. autoscaling/v1 HPAs and v2 HPAs without metrics scale on cpu utilization (80% by default), so they are checked for cpu.',
	fixKind: '-',
	kinds: ['HorizontalPodAutoscaler'],
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
            requests: {memory: 256Mi}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: {type: Utilization, averageUtilization: 70}
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
            requests: {cpu: 250m, memory: 256Mi}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: {type: Utilization, averageUtilization: 70}
`,
	},
	check(ctx) {
		const { object, workspace } = ctx;
		const kind = object.get(['spec', 'scaleTargetRef', 'kind']);
		const name = object.get(['spec', 'scaleTargetRef', 'name']);
		if (typeof kind !== 'string' || (typeof name !== 'string' && typeof name !== 'number')) return;
		const target = objectsNamed(workspace, kind, String(name), object).find((o) => o.isWorkload);
		if (!target) return;
		const problems: string[] = [];
		const seen = new Set<string>();
		for (const metric of utilizationMetrics(object)) {
			const key = `${metric.resource}/${metric.container ?? ''}`;
			if (seen.has(key)) continue;
			seen.add(key);
			const lacking = target
				.appContainers()
				.filter((c) => (metric.container === undefined || c.name === metric.container) && !hasRequestFor(c, metric.resource, target, workspace));
			if (lacking.length) problems.push(`${metric.resource} utilization, but ${lacking.map((c) => (c.name !== undefined ? `container "${c.name}"` : 'a container without a name')).join(' and ')} of ${objectLabel(target)} ${lacking.length > 1 ? 'have' : 'has'} no ${metric.resource} request`);
		}
		if (!problems.length) return;
		ctx.report({
			range: object.kindRange(),
			message: `${objectLabel(object)} scales on ${problems.join('; and on ')}: the HPA cannot compute utilization and will not scale.`,
		});
	},
};
