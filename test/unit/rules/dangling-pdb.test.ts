import assert from 'node:assert/strict';
import { findingsFor, ruleTester } from '../../helpers/ruleTester';
import { docs, lineOf, pdb, workload } from '../../helpers/workspaceManifests';

const web = workload('web', { namespace: 'shop', replicas: 3, labels: { app: 'web', role: 'primary' }, metadataLabels: { team: 'data' } });
const objectLabelsAndExpression = docs(web, pdb('team', { maxUnavailable: 1, selector: { matchLabels: { team: 'data' } } }, { namespace: 'shop' }), pdb('replicas', { minAvailable: 1, selector: { matchExpressions: [{ key: 'role', operator: 'In', values: ['replica'] }] } }, { namespace: 'shop' }));
const selectsApp = (namespace?: string) => pdb('web', { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } }, { namespace });
const elsewhere = docs(selectsApp('prod'), selectsApp(), web);

ruleTester('dangling-pdb', {
	valid: [
		{ name: 'selects a Deployment template', code: docs(selectsApp('shop'), web) },
		{ name: 'selector {} with pods in the namespace', code: docs(pdb('all', { maxUnavailable: 1, selector: {} }, { namespace: 'shop' }), web) },
		{ name: 'Exists and NotIn expressions, both without namespace', code: docs(workload('kafka', { kind: 'StatefulSet', replicas: 3, labels: { app: 'kafka', component: 'broker' } }), pdb('k', { maxUnavailable: 1, selector: { matchExpressions: [{ key: 'component', operator: 'Exists' }, { key: 'app', operator: 'NotIn', values: ['zk'] }] } })) },
		{ name: 'workload in another file', code: docs(selectsApp()), others: { 'web.yaml': docs(workload('web')) } },
		{ name: 'selector with a template placeholder', code: docs(pdb('p', { maxUnavailable: 1, selector: { matchLabels: { app: '${APP}' } } })) },
		{ name: 'Kustomize patch without selector', code: docs(pdb('web', { maxUnavailable: 2 })), others: { 'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n  - path: main.yaml\n' } },
	],
	invalid: [
		{ name: 'no template carries the label', code: docs(pdb('checkout', { maxUnavailable: 1, selector: { matchLabels: { app: 'checkout' } } }, { namespace: 'shop' }), web), errors: [{ line: 2, column: 1, message: 'PodDisruptionBudget "checkout" selects no pod template of the workspace in namespace "shop"', severity: 'info', fixable: false }] },
		{ name: 'object labels and an unsatisfied expression', code: objectLabelsAndExpression, errors: [{ line: lineOf(objectLabelsAndExpression, 'kind: PodDisruptionBudget') }, { line: lineOf(objectLabelsAndExpression, 'kind: PodDisruptionBudget', 2) }] },
		{ name: 'pods only in another namespace; unset does not see them', code: elsewhere, errors: [{ line: 2 }, { line: lineOf(elsewhere, 'kind: PodDisruptionBudget', 2), message: 'among objects without a namespace' }] },
		{ name: 'no selector at all', code: docs(pdb('p', { maxUnavailable: 1 }, { namespace: 'shop' }), web), errors: [{ line: 2, message: 'has no selector' }] },
		{ name: 'selector {} in a namespace without pods', code: docs(pdb('all', { maxUnavailable: 1, selector: {} }, { namespace: 'empty' }), web), errors: [{ line: 2 }] },
	],
});

describe('dangling-pdb: labels the controllers add to pods', () => {
	it('a PDB on a StatefulSet pod-index (In) and on controller-revision-hash (Exists) selects its pods', () => {
		const code = docs(
			workload('db', { kind: 'StatefulSet', replicas: 3 }),
			pdb('first', { maxUnavailable: 0, selector: { matchLabels: { app: 'db' }, matchExpressions: [{ key: 'apps.kubernetes.io/pod-index', operator: 'In', values: ['0'] }] } }),
			pdb('rev', { maxUnavailable: 1, selector: { matchExpressions: [{ key: 'controller-revision-hash', operator: 'Exists' }] } }),
			pdb('hash', { maxUnavailable: 1, selector: { matchExpressions: [{ key: 'pod-template-hash', operator: 'Exists' }] } }),
		);
		assert.deepEqual(findingsFor('dangling-pdb', { code }).map((f) => f.message.split(' selects')[0]), ['PodDisruptionBudget "hash"']);
	});
});
