import assert from 'node:assert/strict';
import { fixedText } from '../../helpers/fixOutput';
import { findingsFor, ruleTester } from '../../helpers/ruleTester';
import { docs, hpa, lineOf, workload } from '../../helpers/workspaceManifests';

const explicit = docs(workload('web', { namespace: 'shop', replicas: 1 }));
const hpaElsewhere = docs(workload('web', { namespace: 'prod' }), workload('worker', { namespace: 'prod', replicas: 1 }), hpa('web', { name: 'web' }, { namespace: 'staging' }), hpa('api', { name: 'api' }, { namespace: 'prod' }));

ruleTester('single-replica', {
	valid: [
		{ name: 'two replicas', code: docs(workload('web', { replicas: 2 })) },
		{ name: 'HPA-managed, replicas unset or 1', code: docs(workload('web'), workload('api', { replicas: 1 }), hpa('web', { name: 'web' }), hpa('api', { name: 'api' }, { apiVersion: 'autoscaling/v1' })) },
		{ name: 'StatefulSet, DaemonSet, ReplicaSet', code: docs(workload('db', { kind: 'StatefulSet', replicas: 1 }), workload('agent', { kind: 'DaemonSet' }), workload('rs', { kind: 'ReplicaSet', replicas: 1 })) },
		{ name: 'scaled to zero on purpose', code: docs(workload('web', { replicas: 0 })) },
		{ name: 'unset replicas in a Kustomize patch', code: docs(workload('web')), others: { 'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n  - path: main.yaml\n' } },
	],
	invalid: [
		{ name: 'explicit 1: on the value', code: explicit, errors: [{ line: lineOf(explicit, 'replicas: 1'), column: 13, message: 'Deployment "web" runs a single replica', severity: 'warning', fixable: true }] },
		{ name: 'unset: on the kind', code: docs(workload('web')), errors: [{ line: 2, column: 1, message: 'replicas unset defaults to 1' }] },
		{ name: 'HPAs target other Deployments', code: hpaElsewhere, errors: [{ line: 2, message: '"web"' }, { line: lineOf(hpaElsewhere, 'replicas: 1'), message: '"worker"' }] },
		{ name: 'explicit 1 in a Kustomize patch is still a single replica', code: explicit, others: { 'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n  - path: main.yaml\n' }, errors: [{ line: lineOf(explicit, 'replicas: 1') }] },
	],
});

describe('single-replica fix', () => {
	it('sets replicas: 2', () => {
		const [finding] = findingsFor('single-replica', { code: docs(workload('web')) });
		assert.deepEqual(finding.fix, {
			title: 'Set replicas: 2',
			ops: [{ op: 'set', path: ['spec', 'replicas'], value: 2, before: ['selector', 'template'] }],
			placeholders: [['spec', 'replicas']],
			safety: 'unsafe',
		});
	});
});

describe('single-replica fix output', () => {
	it('sets an explicit value and inserts replicas where unset', () => {
		assert.equal(fixedText('single-replica', { code: explicit }), explicit.replace('replicas: 1', 'replicas: 2'));
		const unset = docs(workload('web'));
		const fixed = fixedText('single-replica', { code: unset });
		assert.ok(fixed !== null && /\nspec:\n(  .*\n)*  replicas: 2\n/.test(fixed), `replicas not inserted under spec:\n${fixed}`);
		assert.equal(fixed!.replace('  replicas: 2\n', ''), unset);
	});

	it('inserts replicas above the selector and the pod template, above the comment that introduces them', () => {
		const code = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  strategy: {type: RollingUpdate}\n  # pods of this Deployment\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: web:1\n';
		assert.equal(fixedText('single-replica', { code }), code.replace('  # pods of this Deployment\n', '  replicas: 2\n  # pods of this Deployment\n'));
		const templateFirst = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: web:1}]\n  selector: {matchLabels: {app: web}}\n';
		assert.equal(fixedText('single-replica', { code: templateFirst }), templateFirst.replace('spec:\n  template:', 'spec:\n  replicas: 2\n  template:'));
	});
});
