import assert from 'node:assert/strict';
import { fixedText } from '../../helpers/fixOutput';
import { findingsFor, ruleTester } from '../../helpers/ruleTester';
import { docs, hpa, lineOf, workload } from '../../helpers/workspaceManifests';

const podAffinity = { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] }, nodeAffinity: {} } };
const twoKinds = docs(workload('cache', { kind: 'StatefulSet', replicas: 3, podSpec: podAffinity }), workload('web', { replicas: 2 }));

ruleTester('missing-anti-affinity', {
	valid: [
		{ name: 'podAntiAffinity', code: docs(workload('web', { replicas: 3, podSpec: { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } } } })) },
		{ name: 'topologySpreadConstraints on a zone', code: docs(workload('db', { kind: 'StatefulSet', replicas: 3, podSpec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' }] } })) },
		{ name: 'one replica, explicit or default', code: docs(workload('a', { replicas: 1 }), workload('b')) },
		{ name: 'HPA minReplicas defaults to 1 and counts instead of replicas', code: docs(workload('web', { replicas: 3 }), hpa('web', { name: 'web' })) },
		{ name: 'DaemonSet', code: docs(workload('agent', { kind: 'DaemonSet' })) },
		{ name: 'Kustomize patch', code: docs(workload('web', { replicas: 3 })), others: { 'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n  - path: main.yaml\n' } },
	],
	invalid: [
		{ name: '3 replicas, nothing spreads them', code: docs(workload('web', { replicas: 3 })), errors: [{ line: 2, column: 1, message: 'Deployment "web" runs 3 replicas with neither podAntiAffinity nor topologySpreadConstraints', severity: 'info', fixable: true }] },
		{ name: 'podAffinity and nodeAffinity do not spread', code: twoKinds, errors: [{ line: 2, message: 'StatefulSet' }, { line: lineOf(twoKinds, 'kind: Deployment') }] },
		{ name: 'HPA minReplicas 2 makes it replicated', code: docs(workload('api'), hpa('api', { name: 'api' }, { spec: { minReplicas: 2 } })), errors: [{ line: 2, message: 'runs 2 replicas' }] },
		{ name: 'empty topologySpreadConstraints', code: docs(workload('web', { replicas: 2, podSpec: { topologySpreadConstraints: [] } })), errors: [{ line: 2 }] },
		{ name: 'template without labels: no fix', code: docs(workload('web', { replicas: 2, labels: {} })), errors: [{ line: 2, fixable: false }] },
	],
});

describe('missing-anti-affinity fix', () => {
	it('inserts a soft hostname spread selecting the template labels', () => {
		const [finding] = findingsFor('missing-anti-affinity', { code: docs(workload('web', { replicas: 3, labels: { app: 'web', tier: 'front' } })) });
		assert.deepEqual(finding.fix?.ops, [
			{
				op: 'set',
				path: ['spec', 'template', 'spec', 'topologySpreadConstraints'],
				value: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web', tier: 'front' } } }],
			},
		]);
	});
});

describe('missing-anti-affinity fix output', () => {
	it('appends the constraint to the pod spec in the file style', () => {
		const code = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: web:1\n';
		assert.equal(
			fixedText('missing-anti-affinity', { code }),
			`${code}      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: kubernetes.io/hostname\n          whenUnsatisfiable: ScheduleAnyway\n          labelSelector:\n            matchLabels:\n              app: web\n`,
		);
	});
});
