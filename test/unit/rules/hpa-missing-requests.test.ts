import { ExpectedFinding, InvalidCase, ruleTester } from '../../helpers/ruleTester';
import { docs, hpa, lineOf, workload } from '../../helpers/workspaceManifests';

const requests = (r: Record<string, string>) => ({ resources: { requests: r } });
const utilization = (name: string) => ({ type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization: 70 } } });
const averageValue = (name: string, averageValue: string) => ({ type: 'Resource', resource: { name, target: { type: 'AverageValue', averageValue } } });
const scaling = (metrics: unknown[] | undefined, apiVersion?: string) => hpa('web', { name: 'web' }, { apiVersion, spec: { minReplicas: 2, ...(metrics ? { metrics } : {}) } });

const twoContainers = workload('web', { container: requests({ cpu: '500m' }), podSpec: { initContainers: [{ name: 'migrate', image: 'm:1' }] } });
twoContainers.spec.template.spec.containers.push({ name: 'shipper', image: 'fluent/fluent-bit:3.1.4', ...requests({ memory: '64Mi' }) });
const sidecar = workload('web', { container: requests({ cpu: '500m' }), podSpec: { initContainers: [{ name: 'proxy', image: 'envoy:1', restartPolicy: 'Always' }] } });

/** The single finding sits on the HPA's kind. */
function onHpa(name: string, code: string, error: Omit<ExpectedFinding, 'line'>): InvalidCase {
	return { name, code, errors: [{ line: lineOf(code, 'kind: HorizontalPodAutoscaler'), ...error }] };
}

ruleTester('hpa-missing-requests', {
	valid: [
		{ name: 'cpu requests present', code: docs(workload('web', { container: requests({ cpu: '250m' }) }), scaling([utilization('cpu')])) },
		{ name: 'a cpu limit implies the request', code: docs(workload('web', { container: { resources: { limits: { cpu: '1' } } } }), scaling([utilization('cpu')])) },
		{ name: 'memory metric needs memory requests only', code: docs(workload('web', { container: requests({ memory: '1Gi' }) }), scaling([utilization('memory')])) },
		{ name: 'AverageValue metrics', code: docs(workload('web'), scaling([averageValue('cpu', '500m'), averageValue('memory', '1Gi')])) },
		{ name: 'target not in the workspace', code: docs(scaling([utilization('cpu')])) },
		{ name: 'plain init containers are not measured', code: docs(workload('web', { container: requests({ cpu: '1' }), podSpec: { initContainers: [{ name: 'init', image: 'i:1' }] } }), scaling(undefined)) },
		{ name: 'LimitRange default request in the namespace', code: docs(workload('web'), scaling([utilization('cpu')])), others: { 'lr.yaml': 'apiVersion: v1\nkind: LimitRange\nmetadata: {name: d}\nspec:\n  limits:\n    - type: Container\n      default: {cpu: 500m}\n' } },
		{ name: 'ContainerResource metric on a container that has the request', code: docs(twoContainers, scaling([{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 60 } } }])) },
		{ name: 'External metrics only', code: docs(workload('web'), scaling([{ type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } }])) },
	],
	invalid: [
		onHpa('cpu utilization, memory request only', docs(workload('web', { container: requests({ memory: '256Mi' }) }), scaling([utilization('cpu')])), { column: 1, message: 'scales on cpu utilization, but container "app" of Deployment "web" has no cpu request', severity: 'warning', fixable: false }),
		onHpa('one of two app containers lacks it', docs(twoContainers, scaling([averageValue('memory', '1Gi'), utilization('cpu')])), { message: 'container "shipper" of' }),
		onHpa('native sidecars are app containers', docs(sidecar, scaling([utilization('cpu')])), { message: 'container "proxy"' }),
		onHpa('v2 without metrics defaults to cpu', docs(workload('web'), scaling(undefined)), { message: 'cpu utilization' }),
		onHpa('autoscaling/v1 scales on cpu', docs(workload('web'), scaling(undefined, 'autoscaling/v1')), {}),
		onHpa('v2beta1 targetAverageUtilization on memory', docs(workload('web'), scaling([{ type: 'Resource', resource: { name: 'memory', targetAverageUtilization: 80 } }], 'autoscaling/v2beta1')), { message: 'memory utilization' }),
		onHpa('both resources missing: one finding naming both', docs(workload('web'), scaling([utilization('cpu'), utilization('memory')])), { message: 'cpu utilization, but container "app" of Deployment "web" has no cpu request; and on memory utilization' }),
	],
});
