import { ruleTester } from '../../helpers/ruleTester';
import { docs, hpa, lineOf, workload } from '../../helpers/workspaceManifests';

const twoOnWeb = docs(workload('web', { namespace: 'shop' }), hpa('web-cpu', { name: 'web' }, { namespace: 'shop' }), hpa('web-memory', { name: 'web' }, { namespace: 'shop' }));
const threeOnApi = docs(hpa('a', { kind: 'StatefulSet', name: 'api' }), hpa('b', { kind: 'StatefulSet', name: 'api' }), hpa('c', { kind: 'StatefulSet', name: 'api' }));
const patchFolder = {
	'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [main.yaml]\npatches:\n  - path: patch.yaml\n',
	'patch.yaml': docs(hpa('web-patch', { name: 'web' })),
};

ruleTester('hpa-duplicate-target', {
	valid: [
		{ name: 'one HPA per target', code: docs(workload('web'), hpa('web', { name: 'web' })) },
		{ name: 'a Deployment and a StatefulSet may share a name', code: docs(hpa('cache-frontend', { name: 'cache' }), hpa('cache-store', { kind: 'StatefulSet', name: 'cache' })) },
		{ name: 'same target name in different namespaces', code: docs(hpa('web', { name: 'web' }, { namespace: 'staging' }), hpa('web', { name: 'web' }, { namespace: 'production' })) },
		{ name: 'unset and default namespaces differ', code: docs(hpa('a', { name: 'web' }), hpa('b', { name: 'web' }, { namespace: 'default' })) },
		{ name: 'the same HPA written in two files is one object', code: docs(hpa('web', { name: 'web' })), others: { 'copy.yaml': docs(hpa('web', { name: 'web' })) } },
		{ name: 'a kustomization patch of the HPA is not a second HPA', code: docs(hpa('web', { name: 'web' })), others: patchFolder },
		{ name: 'targets holding a placeholder', code: docs(hpa('a', { name: '${APP}' }), hpa('b', { name: '${APP}' })) },
	],
	invalid: [
		{
			name: 'two HPAs on one Deployment: each reported on its target name, naming the other',
			code: twoOnWeb,
			errors: [
				{ line: lineOf(twoOnWeb, '    name: web', 1), column: 11, message: 'HorizontalPodAutoscaler "web-cpu" scales Deployment "web", which HorizontalPodAutoscaler "web-memory" also scales: the controllers fight', severity: 'warning', fixable: false },
				{ line: lineOf(twoOnWeb, '    name: web', 2), message: '"web-memory" scales Deployment "web", which HorizontalPodAutoscaler "web-cpu" also scales' },
			],
		},
		{
			name: 'the target need not be in the workspace; the others are all named',
			code: threeOnApi,
			errors: [
				{ line: lineOf(threeOnApi, 'name: api', 1), message: 'which HorizontalPodAutoscaler "b" and HorizontalPodAutoscaler "c" also scale' },
				{ line: lineOf(threeOnApi, 'name: api', 2) },
				{ line: lineOf(threeOnApi, 'name: api', 3) },
			],
		},
		{ name: 'the rival in another file', code: docs(hpa('web-cpu', { name: 'web' })), others: { 'more.yaml': docs(hpa('web-requests', { name: 'web' })) }, errors: [{ line: 9, message: '"web-requests"' }] },
	],
});
