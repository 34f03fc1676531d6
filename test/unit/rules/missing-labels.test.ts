import assert from 'node:assert/strict';
import { fixedText } from '../../helpers/fixOutput';
import { findingsFor, ruleTester } from '../../helpers/ruleTester';

const deployment = (labels: string, templateLabels: string, name = 'web') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}${labels ? `\n  labels: ${labels}` : ''}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: ${templateLabels}
    spec:
      containers:
        - name: web
          image: web:1
`;

const NAME = 'app.kubernetes.io/name';

ruleTester('missing-labels', {
	valid: [
		{ name: 'labelled on metadata and template', code: deployment(`{${NAME}: web}`, `{app: web, ${NAME}: web}`) },
		{ name: 'bare Pod: metadata labels are the pod labels', code: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {${NAME}: p}\nspec:\n  containers: [{name: p, image: p:1}]\n` },
		{ name: 'ConfigMap is not checked', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' },
		{ name: 'a Service with the label', code: `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {${NAME}: web}\nspec:\n  selector: {app: web}\n` },
		{ name: 'custom required labels', code: deployment('{team: a}', '{app: web, team: a}'), config: { requiredLabels: ['team'] } },
		{ name: 'a kustomize patch is a partial object', code: deployment('', '{app: web}'), others: { 'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [base.yaml]\npatches:\n  - path: main.yaml\n' } },
		{ name: 'no required labels configured', code: deployment('', '{app: web}'), config: { requiredLabels: [] } },
	],
	invalid: [
		{
			name: 'missing on both maps: one finding on kind',
			code: deployment('', '{app: web}'),
			errors: [{ line: 2, column: 1, message: `Deployment "web" is missing required label ${NAME} (metadata and pod template)`, severity: 'warning', fixable: true }],
		},
		{
			name: 'template only',
			code: deployment(`{${NAME}: web}`, '{app: web}'),
			errors: [{ line: 2, message: `${NAME} (pod template)` }],
		},
		{
			name: 'Service: the selector does not count',
			code: `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {${NAME}: web}\n`,
			errors: [{ line: 2, message: `Service "web" is missing required label ${NAME} (metadata)` }],
		},
		{
			name: 'CronJob: the job template\'s pod template counts',
			code: `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\n  labels: {${NAME}: nightly}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: r, image: r:1}]\n`,
			errors: [{ line: 2, message: '(pod template)' }],
		},
		{
			name: 'several labels, name too long for a label value: no fix',
			code: deployment('{team: a}', '{app: web}', 'w'.repeat(64)),
			config: { requiredLabels: [NAME, 'team'] },
			errors: [{ line: 2, message: `required labels ${NAME} (metadata and pod template), team (pod template)`, fixable: false }],
		},
		{
			name: 'List item',
			code: `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: s}\n    spec: {selector: {a: b}}\n`,
			errors: [{ line: 5, column: 5 }],
		},
	],
});

describe('missing-labels fix', () => {
	it('adds <label>: <metadata.name> to both maps, never to the selector', () => {
		const [finding] = findingsFor('missing-labels', { code: deployment('', '{app: web}') });
		assert.deepEqual(finding.fix, {
			title: `Add label ${NAME}: web (metadata and pod template)`,
			ops: [
				{ op: 'set', path: ['metadata', 'labels', NAME], value: 'web' },
				{ op: 'set', path: ['spec', 'template', 'metadata', 'labels', NAME], value: 'web' },
			],
			safety: 'safe',
		});
	});

	it('reuses the value the other map already has', () => {
		const [finding] = findingsFor('missing-labels', { code: deployment('{team: storefront}', '{app: web}'), config: { requiredLabels: ['team'] } });
		assert.deepEqual(finding.fix, {
			title: 'Add label team: storefront (pod template)',
			ops: [{ op: 'set', path: ['spec', 'template', 'metadata', 'labels', 'team'], value: 'storefront' }],
			safety: 'safe',
		});
	});

	it('CronJob: the pod template under the job template', () => {
		const code = `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: r, image: r:1}]\n`;
		const [finding] = findingsFor('missing-labels', { code });
		assert.deepEqual(finding.fix?.ops.map((o) => (o.op === 'set' ? o.path : [])), [
			['metadata', 'labels', NAME],
			['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels', NAME],
		]);
	});
});

describe('missing-labels fix output', () => {
	it('creates metadata.labels and extends a flow template map', () => {
		const code = deployment('', '{app: web}');
		assert.equal(
			fixedText('missing-labels', { code }),
			code.replace('  name: web\n', `  name: web\n  labels:\n    ${NAME}: web\n`).replace('labels: {app: web}\n    spec:', `labels: {app: web, ${NAME}: web}\n    spec:`),
		);
	});
});
