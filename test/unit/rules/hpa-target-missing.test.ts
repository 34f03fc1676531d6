import assert from 'node:assert/strict';
import { findingsFor, ruleTester } from '../../helpers/ruleTester';
import { docs, hpa, lineOf, workload } from '../../helpers/workspaceManifests';

const typo = docs(workload('frontend', { namespace: 'shop' }), hpa('frontend', { name: 'web-frontend' }, { namespace: 'shop' }));
const kindMismatch = docs(workload('db', { namespace: 'shop' }), hpa('db', { kind: 'StatefulSet', name: 'db' }, { namespace: 'shop' }));
const otherNamespace = docs(workload('api', { namespace: 'staging' }), hpa('api', { name: 'api' }, { namespace: 'prod' }));
const nearMiss = docs(workload('carts', { namespace: 'shop' }), workload('cart-db', { kind: 'StatefulSet', namespace: 'shop' }), workload('cart', { namespace: 'other' }), hpa('cart', { name: 'cart' }, { namespace: 'shop' }));
const farOff = docs(workload('payments', { namespace: 'shop' }), hpa('cart', { name: 'cart' }, { namespace: 'shop' }));
const flow = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: cart}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: cart}\n  maxReplicas: 3\n';

ruleTester('hpa-target-missing', {
	valid: [
		{ name: 'target in the same namespace', code: docs(hpa('web', { name: 'web' }, { namespace: 'shop' }), workload('web', { namespace: 'shop' })) },
		{ name: 'both without namespace, ReplicaSet target', code: docs(workload('api', { kind: 'ReplicaSet' }), hpa('api', { kind: 'ReplicaSet', name: 'api' })) },
		{ name: 'target in another file', code: docs(hpa('web', { name: 'web' })), others: { 'web.yaml': docs(workload('web')) } },
		{ name: 'custom resource target', code: docs(hpa('web', { kind: 'Rollout', name: 'web' })), others: { 'rollout.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web}\nspec: {}\n' } },
		{ name: 'target name is a template placeholder', code: docs(hpa('web', { name: '{{ include "app.fullname" . }}' })) },
		{ name: 'no scaleTargetRef name (the API server rejects it)', code: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: x}\nspec:\n  scaleTargetRef: {kind: Deployment}\n  maxReplicas: 3\n' },
	],
	invalid: [
		{ name: 'name typo', code: typo, errors: [{ line: lineOf(typo, 'name: web-frontend'), column: 11, message: 'targets Deployment "web-frontend", which is not in the workspace in namespace "shop": it scales nothing. Did you mean Deployment "frontend"?', severity: 'info', fixable: false }] },
		{ name: 'kind mismatch: the same name under another kind', code: kindMismatch, errors: [{ line: lineOf(kindMismatch, 'kind: StatefulSet') + 1, message: 'Did you mean Deployment "db"?' }] },
		{ name: 'the closest name in the namespace, the named kind first', code: nearMiss, errors: [{ line: lineOf(nearMiss, '    name: cart'), message: 'targets Deployment "cart", which is not in the workspace in namespace "shop": it scales nothing. Did you mean Deployment "carts"?' }] },
		{ name: 'target only in another namespace', code: otherNamespace, errors: [{ line: lineOf(otherNamespace, 'name: api', 3) }] },
		{ name: 'flow-style ref: the name value', code: flow, errors: [{ line: 5, column: flow.split('\n')[4].indexOf('cart}') + 1 }] },
	],
});

describe('hpa-target-missing: suggestions', () => {
	it('suggests nothing when no workload of the namespace is a few edits away', () => {
		assert.deepEqual(
			findingsFor('hpa-target-missing', { code: farOff }).map((f) => f.message),
			['HorizontalPodAutoscaler "cart" targets Deployment "cart", which is not in the workspace in namespace "shop": it scales nothing.'],
		);
	});
});
