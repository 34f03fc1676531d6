import assert from 'node:assert/strict';
import { fixedText } from '../../helpers/fixOutput';
import { findingsFor, ruleTester } from '../../helpers/ruleTester';
import { docs, hpa, lineOf } from '../../helpers/workspaceManifests';

const withMin = (minReplicas: unknown, extra: Record<string, unknown> = {}) => docs(hpa('web', { name: 'web' }, { spec: { minReplicas, ...extra } }));
const explicitOne = withMin(1);
const unset = docs(hpa('web', { name: 'web' }));

ruleTester('hpa-min-replicas', {
	valid: [
		{ name: 'minReplicas 2', code: withMin(2) },
		{ name: 'autoscaling/v1 minReplicas 3', code: docs(hpa('web', { name: 'web' }, { apiVersion: 'autoscaling/v1', spec: { minReplicas: 3 } })) },
		{ name: 'not an HPA', code: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec:\n  minAvailable: 1\n' },
		{ name: 'unset in a Kustomize patch', code: unset, others: { 'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n  - path: main.yaml\n' } },
	],
	invalid: [
		{ name: 'explicit 1: on the value', code: explicitOne, errors: [{ line: lineOf(explicitOne, 'minReplicas'), column: 16, message: 'HorizontalPodAutoscaler "web" has minReplicas: 1', severity: 'warning', fixable: true }] },
		{ name: 'unset: on the kind', code: unset, errors: [{ line: 2, column: 1, message: 'has no minReplicas (default 1)', fixable: true }] },
		{ name: 'zero (scale to zero)', code: withMin(0), errors: [{ line: lineOf(withMin(0), 'minReplicas'), message: 'no pod' }] },
		{ name: 'maxReplicas 1: no fix (min would exceed max)', code: withMin(1, { maxReplicas: 1 }), errors: [{ line: lineOf(withMin(1), 'minReplicas'), fixable: false }] },
		{ name: 'one finding per HPA', code: `${explicitOne}---\n${unset}`, errors: [{ line: lineOf(explicitOne, 'minReplicas') }, { line: lineOf(`${explicitOne}---\n${unset}`, 'kind: HorizontalPodAutoscaler', 2) }] },
	],
});

describe('hpa-min-replicas fix', () => {
	it('sets minReplicas: 2', () => {
		for (const code of [explicitOne, unset]) {
			const [finding] = findingsFor('hpa-min-replicas', { code });
			assert.deepEqual(finding.fix, {
				title: 'Set minReplicas: 2',
				ops: [{ op: 'set', path: ['spec', 'minReplicas'], value: 2, before: ['maxReplicas'] }],
				placeholders: [['spec', 'minReplicas']],
				safety: 'unsafe',
			});
		}
	});
});

describe('hpa-min-replicas fix output', () => {
	it('replaces an explicit value and inserts a missing one', () => {
		assert.equal(fixedText('hpa-min-replicas', { code: explicitOne }), explicitOne.replace('minReplicas: 1', 'minReplicas: 2'));
		const flow = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec: {scaleTargetRef: {kind: Deployment, name: web}, maxReplicas: 4}\n';
		assert.equal(fixedText('hpa-min-replicas', { code: flow }), flow.replace('maxReplicas: 4}', 'maxReplicas: 4, minReplicas: 2}'));
	});
});
