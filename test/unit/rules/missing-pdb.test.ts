import assert from 'node:assert/strict';
import { findingsFor, ruleTester } from '../../helpers/ruleTester';
import { docs, hpa, lineOf, pdb, workload } from '../../helpers/workspaceManifests';

const web = workload('web', { namespace: 'shop', replicas: 3, labels: { app: 'web', tier: 'front' } });
const byLabels = (matchLabels: Record<string, string>, namespace = 'shop') => pdb('p', { maxUnavailable: 1, selector: { matchLabels } }, { namespace });
const twoKinds = docs(workload('web', { replicas: 3 }), workload('db', { kind: 'StatefulSet', replicas: 3 }));

ruleTester('missing-pdb', {
	valid: [
		{ name: 'PDB selects a subset of the template labels', code: docs(web, byLabels({ tier: 'front' })) },
		{ name: 'PDB by matchExpressions', code: docs(web, pdb('p', { minAvailable: 2, selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'web-canary'] }] } }, { namespace: 'shop' })) },
		{ name: 'policy/v1 selector {} selects all', code: docs(web, pdb('all', { maxUnavailable: 1, selector: {} }, { namespace: 'shop' })) },
		{ name: 'PDB in another file', code: docs(web), others: { 'pdb.yaml': docs(byLabels({ app: 'web' })) } },
		{ name: 'single replicas and DaemonSets', code: docs(workload('a'), workload('b', { kind: 'StatefulSet', replicas: 1 }), workload('c', { kind: 'DaemonSet' })) },
		{ name: 'HPA without minReplicas: count 1', code: docs(workload('r', { replicas: 3 }), hpa('r', { name: 'r' })) },
		{ name: 'Kustomize patch', code: docs(web), others: { 'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n  - path: main.yaml\n' } },
	],
	invalid: [
		{ name: 'Deployment and StatefulSet without PDB', code: twoKinds, errors: [{ line: 2, column: 1, message: 'No PodDisruptionBudget selects the 3 replicas of Deployment "web"', severity: 'warning', fixable: true }, { line: lineOf(twoKinds, 'kind: StatefulSet') }] },
		{ name: 'HPA minReplicas 3', code: docs(workload('api'), hpa('api', { name: 'api' }, { spec: { minReplicas: 3 } })), errors: [{ line: 2, message: 'the 3 replicas' }] },
		{ name: 'PDB matches the object labels only', code: docs(workload('ledger', { replicas: 2, metadataLabels: { team: 'pay' } }), byLabels({ team: 'pay' })), errors: [{ line: 2 }] },
		{ name: 'PDB in another namespace', code: docs(web, byLabels({ app: 'web' }, 'staging')), errors: [{ line: 2 }] },
		{ name: 'policy/v1 PDB without selector selects nothing', code: docs(web, pdb('p', { maxUnavailable: 1 }, { namespace: 'shop' })), errors: [{ line: 2 }] },
		{ name: 'policy/v1beta1 empty selector selects nothing', code: docs(web, pdb('p', { maxUnavailable: 1, selector: {} }, { namespace: 'shop', apiVersion: 'policy/v1beta1' })), errors: [{ line: 2 }] },
		{ name: 'ReplicationController', code: docs(workload('rc', { kind: 'ReplicationController', replicas: 2 })), errors: [{ line: 2, fixable: true }] },
	],
});

describe('missing-pdb companion', () => {
	it('copies the workload selector, matchExpressions included, into a policy/v1 PDB', () => {
		const deployment = workload('web', { namespace: 'shop', replicas: 3, labels: { app: 'web', tier: 'front' }, metadataLabels: { 'app.kubernetes.io/instance': 'web-prod' } });
		deployment.spec.selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] };
		const [finding] = findingsFor('missing-pdb', { code: docs(deployment) });
		assert.equal(finding.fix?.title, 'Add PodDisruptionBudget for web');
		assert.deepEqual(finding.fix?.ops, [
			{
				op: 'appendDocument',
				value: {
					apiVersion: 'policy/v1',
					kind: 'PodDisruptionBudget',
					metadata: { name: 'web', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web-prod' } },
					spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] } },
				},
			},
		]);
	});

	it('turns a ReplicationController plain selector into matchLabels', () => {
		const [finding] = findingsFor('missing-pdb', { code: docs(workload('rc', { kind: 'ReplicationController', replicas: 2 })) });
		const op = finding.fix?.ops[0];
		assert.ok(op && op.op === 'appendDocument');
		assert.deepEqual((op.value as any).spec.selector, { matchLabels: { app: 'rc' } });
	});
});
