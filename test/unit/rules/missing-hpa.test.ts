import assert from 'node:assert/strict';
import { findingsFor, ruleTester } from '../../helpers/ruleTester';
import { docs, hpa, lineOf, workload } from '../../helpers/workspaceManifests';

const withCpu = { resources: { requests: { cpu: '250m' } } };
const web = workload('web', { namespace: 'shop', container: withCpu });
const statefulAndOther = docs(workload('db', { kind: 'StatefulSet', namespace: 'shop' }), workload('worker', { namespace: 'shop' }), hpa('api', { name: 'api' }, { namespace: 'shop' }));

ruleTester('missing-hpa', {
	valid: [
		{ name: 'targeted by an autoscaling/v2 HPA', code: docs(web, hpa('web', { name: 'web' }, { namespace: 'shop' })) },
		{ name: 'targeted by an autoscaling/v1 HPA with another name, in another file', code: docs(workload('c', { kind: 'StatefulSet' })), others: { 'hpa.yaml': docs(hpa('c-autoscaler', { kind: 'StatefulSet', name: 'c' }, { apiVersion: 'autoscaling/v1' })) } },
		{ name: 'DaemonSet, ReplicaSet, Job, Pod', code: docs(workload('d', { kind: 'DaemonSet' }), workload('r', { kind: 'ReplicaSet' }), workload('j', { kind: 'Job' }), workload('p', { kind: 'Pod' })) },
		{ name: 'Kustomize patch', code: docs(web), others: { 'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatchesStrategicMerge: [main.yaml]\n' } },
	],
	invalid: [
		{ name: 'untargeted Deployment', code: docs(web), errors: [{ line: 2, column: 1, message: 'No HorizontalPodAutoscaler targets Deployment "web"', severity: 'hint', fixable: true }] },
		{ name: 'HPA names a StatefulSet of the same name', code: docs(web, hpa('web', { kind: 'StatefulSet', name: 'web' }, { namespace: 'shop' })), errors: [{ line: 2 }] },
		{ name: 'HPA in another namespace', code: docs(web, hpa('web', { name: 'web' }, { namespace: 'staging' })), errors: [{ line: 2 }] },
		{ name: 'StatefulSet and an untargeted Deployment', code: statefulAndOther, errors: [{ line: 2, message: 'StatefulSet "db"' }, { line: lineOf(statefulAndOther, 'kind: Deployment'), message: 'Deployment "worker"' }] },
		{ name: 'no cpu request: no companion, the message says why', code: docs(workload('web')), errors: [{ line: 2, fixable: false, message: 'give every container a cpu request' }] },
		{ name: 'a LimitRange default request makes the companion possible', code: docs(workload('web')), others: { 'lr.yaml': 'apiVersion: v1\nkind: LimitRange\nmetadata: {name: d}\nspec:\n  limits:\n    - type: Container\n      defaultRequest: {cpu: 100m}\n' }, errors: [{ line: 2, fixable: true }] },
	],
});

describe('missing-hpa companion', () => {
	it('is an autoscaling/v2 HPA on 80% cpu, 2 to 5 replicas, in the workload namespace', () => {
		const [finding] = findingsFor('missing-hpa', { code: docs(workload('web', { namespace: 'shop', container: withCpu, metadataLabels: { 'app.kubernetes.io/name': 'shop-web', 'app.kubernetes.io/part-of': 'shop', team: 'a' } })) });
		assert.equal(finding.fix?.title, 'Add HorizontalPodAutoscaler for web');
		assert.deepEqual(finding.fix?.ops, [
			{
				op: 'appendDocument',
				value: {
					apiVersion: 'autoscaling/v2',
					kind: 'HorizontalPodAutoscaler',
					metadata: { name: 'web', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'shop-web', 'app.kubernetes.io/part-of': 'shop' } },
					spec: {
						scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
						minReplicas: 2,
						maxReplicas: 5,
						metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
					},
				},
			},
		]);
	});
});
