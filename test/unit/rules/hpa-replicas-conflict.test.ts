import assert from 'node:assert/strict';
import { fixedText } from '../../helpers/fixOutput';
import { findingsFor, ruleTester } from '../../helpers/ruleTester';
import { docs, hpa, lineOf, workload } from '../../helpers/workspaceManifests';

const conflict = docs(workload('web', { namespace: 'shop', replicas: 3 }), hpa('web', { name: 'web' }, { namespace: 'shop', spec: { minReplicas: 2 } }));
const statefulSet = docs(hpa('c', { kind: 'StatefulSet', name: 'c' }, { apiVersion: 'autoscaling/v1' }), workload('c', { kind: 'StatefulSet', replicas: 1 }));

ruleTester('hpa-replicas-conflict', {
	valid: [
		{ name: 'replicas without HPA', code: docs(workload('web', { replicas: 3 })) },
		{ name: 'HPA-managed workload without replicas', code: docs(workload('web'), hpa('web', { name: 'web' })) },
		{ name: 'replicas: null counts as unset', code: docs(workload('web', { replicas: null }), hpa('web', { name: 'web' })) },
		{ name: 'HPA of another namespace', code: docs(workload('web', { namespace: 'prod', replicas: 3 }), hpa('web', { name: 'web' }, { namespace: 'staging' })) },
		{ name: 'HPA targets another name', code: docs(workload('web', { replicas: 3 }), hpa('web', { name: 'web-canary' })) },
	],
	invalid: [
		{ name: 'Deployment with replicas and HPA', code: conflict, errors: [{ line: lineOf(conflict, 'replicas: 3'), column: 13, message: 'Deployment "web" sets replicas: 3 while HorizontalPodAutoscaler "web" scales it', severity: 'warning', fixable: true }] },
		{ name: 'StatefulSet with replicas: 1 and a v1 HPA', code: statefulSet, errors: [{ line: lineOf(statefulSet, 'replicas: 1') }] },
		{ name: 'HPA in another file', code: docs(workload('web', { replicas: 2 })), others: { 'hpa.yaml': docs(hpa('x', { name: 'web' })) }, errors: [{ line: lineOf(docs(workload('web', { replicas: 2 })), 'replicas: 2') }] },
	],
});

describe('hpa-replicas-conflict fix', () => {
	it('deletes spec.replicas', () => {
		const [finding] = findingsFor('hpa-replicas-conflict', { code: conflict });
		assert.deepEqual(finding.fix?.ops, [{ op: 'delete', path: ['spec', 'replicas'] }]);
	});
});

describe('hpa-replicas-conflict fix output', () => {
	it('removes the replicas line and nothing else', () => {
		const code = docs(workload('web', { replicas: 3 })).replace('replicas: 3', 'replicas: 3 # sized for launch') + '---\n' + docs(hpa('web', { name: 'web' }));
		assert.equal(fixedText('hpa-replicas-conflict', { code }), code.replace('  replicas: 3 # sized for launch\n', ''));
	});
});
