import assert from 'node:assert/strict';
import { findingsFor, ruleTester } from '../../helpers/ruleTester';
import { docs, lineOf, service, workload } from '../../helpers/workspaceManifests';

const api = workload('api', { namespace: 'staging', replicas: 2 });
const otherNamespace = docs(service('api', { selector: { app: 'api' } }, { namespace: 'prod' }), service('internal', { selector: { app: 'api' } }), api);

const partial = docs(workload('web', { namespace: 'shop', metadataLabels: { tier: 'front' } }), service('web', { selector: { app: 'web', tier: 'front' } }, { namespace: 'shop' }));

const redisFailover = (namespace: string) => ({ apiVersion: 'databases.spotahome.com/v1', kind: 'RedisFailover', metadata: { name: 'my-cluster', namespace }, spec: {} });
const gateway = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'edge', namespace: 'redis' }, spec: {} };
const unrelatedResources = docs(redisFailover('cache'), gateway, service('web', { selector: { app: 'web' } }, { namespace: 'redis' }));
const operated = docs(redisFailover('redis'), service('redis-my-cluster', { selector: { app: 'redis' } }, { namespace: 'redis' }));

ruleTester('dangling-service', {
	valid: [
		{ name: 'selects a Deployment template (subset of its labels)', code: docs(service('web', { selector: { app: 'web' } }), workload('web', { labels: { app: 'web', tier: 'front' } })) },
		{ name: 'selects a bare Pod', code: docs(workload('redis', { kind: 'Pod', namespace: 'dev' }), service('redis', { selector: { app: 'redis' } }, { namespace: 'dev' })) },
		{ name: 'pods in another file', code: docs(service('web', { selector: { app: 'web' } })), others: { 'web.yaml': docs(workload('web')) } },
		{ name: 'no selector (manual endpoints)', code: docs(service('db', {})) },
		{ name: 'selector {}', code: docs(service('db', { selector: {} })) },
		{ name: 'ExternalName with a leftover selector', code: docs(service('gw', { type: 'ExternalName', externalName: 'gw.example.com', selector: { app: 'gw' } })) },
		{ name: 'selector with a template placeholder', code: docs(service('web', { selector: { app: '{{ .Values.app }}' } })) },
		{ name: 'numeric label values compare as strings', code: docs(service('v', { selector: { version: 2 } }), workload('v', { labels: { version: '2' } })) },
	],
	invalid: [
		{ name: 'selector typo', code: docs(service('web', { selector: { app: 'wbe' } }), workload('web')), errors: [{ line: 2, column: 1, message: 'Service "web" selects app=wbe, which no pod template of the workspace carries among objects without a namespace', severity: 'warning', fixable: false }] },
		{ name: 'every selector label must match; object labels do not count', code: partial, errors: [{ line: lineOf(partial, 'kind: Service'), message: 'app=web, tier=front' }] },
		{
			name: 'a custom resource in the namespace: a hint naming it (its operator may create the pods)',
			code: operated,
			errors: [{ line: lineOf(operated, 'kind: Service'), message: 'the namespace holds RedisFailover "my-cluster", whose operator may create these pods', severity: 'hint' }],
		},
		{
			name: 'custom resources elsewhere, or of Kubernetes\' own groups, change nothing',
			code: unrelatedResources,
			errors: [{ line: lineOf(unrelatedResources, 'kind: Service'), message: 'it has no endpoints', severity: 'warning' }],
		},
		{ name: 'pods in another namespace; unset does not see them', code: otherNamespace, errors: [{ line: 2, message: 'in namespace "prod"' }, { line: lineOf(otherNamespace, 'kind: Service', 2) }] },
	],
});

describe('dangling-service: labels the controllers add to pods', () => {
	const statefulSet = workload('redis', { kind: 'StatefulSet', replicas: 3 });
	const cases: [string, string, boolean][] = [
		['a StatefulSet pod by name', docs(statefulSet, service('redis-0', { selector: { app: 'redis', 'statefulset.kubernetes.io/pod-name': 'redis-0' } })), false],
		['a pod name of another StatefulSet', docs(statefulSet, service('x-0', { selector: { app: 'redis', 'statefulset.kubernetes.io/pod-name': 'cache-0' } })), true],
		['a Deployment pod-template-hash', docs(workload('web'), service('web', { selector: { app: 'web', 'pod-template-hash': '5d4f8c' } })), false],
		['a Job pod by job-name', docs(workload('migrate', { kind: 'Job' }), service('m', { selector: { 'job-name': 'migrate' } })), false],
		['a Deployment never gets a pod-name label', docs(workload('web'), service('web', { selector: { app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-0' } })), true],
	];
	for (const [name, code, fires] of cases) {
		it(`${name}: ${fires ? 'dangling' : 'selected'}`, () => assert.equal(findingsFor('dangling-service', { code }).length, fires ? 1 : 0));
	}
});
