import assert from 'node:assert/strict';
import { fixedText } from '../../helpers/fixOutput';
import { findingsFor, ruleTester } from '../../helpers/ruleTester';

const deployment = (selector: string, templateLabels: string, kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web
spec:
  selector:
${selector}
  template:
    metadata:
      labels: ${templateLabels}
    spec:
      containers:
        - name: web
          image: web:1
`;

const rc = (selector: string, templateLabels: string) => `apiVersion: v1
kind: ReplicationController
metadata:
  name: legacy
spec:
  selector: ${selector}
  template:
    metadata:
      labels: ${templateLabels}
    spec:
      containers: [{name: app, image: app:1}]
`;

const expressions = `    matchLabels: {app: db}
    matchExpressions:
      - {key: tier, operator: In, values: [db, storage]}
      - {key: track, operator: NotIn, values: [canary]}
      - {key: part-of, operator: Exists}
      - {key: legacy, operator: DoesNotExist}`;

ruleTester('selector-mismatch', {
	valid: [
		{ name: 'subset', code: deployment('    matchLabels: {app: web}', '{app: web, tier: frontend}') },
		{ name: 'every expression operator satisfied', code: deployment(expressions, '{app: db, tier: db, part-of: shop}', 'StatefulSet') },
		{ name: 'ReplicationController plain map', code: rc('{app: legacy}', '{app: legacy, version: v1}') },
		{ name: 'ReplicationController without selector (derived from the template)', code: rc('', '{app: legacy}').replace('  selector: \n', '') },
		{ name: 'Job without selector', code: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: j, image: j:1}]\n' },
		{ name: 'empty selector is another problem', code: deployment('    {}', '{app: web}').replace('  selector:\n    {}', '  selector: {}') },
		{ name: 'a kustomize patch is a partial object', code: deployment('    matchLabels: {app: web, tier: api}', '{version: v2}'), others: { 'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [base.yaml]\npatches:\n  - path: main.yaml\n' } },
		{ name: 'numbers in the selector compare as strings', code: deployment('    matchLabels: {version: 1}', '{version: "1"}') },
	],
	invalid: [
		{
			name: 'different matchLabels value: on the selector key',
			code: deployment('    matchLabels:\n      app.kubernetes.io/name: web', '{app.kubernetes.io/name: web-app}'),
			errors: [{ line: 6, column: 3, message: 'app.kubernetes.io/name is "web-app", the selector wants "web"', severity: 'error', fixable: true }],
		},
		{
			name: 'extra selector key',
			code: deployment('    matchLabels: {app: web, component: api}', '{app: web}', 'DaemonSet'),
			errors: [{ line: 6, message: 'The selector of DaemonSet "web" does not select its pod template labels (there is no label component, the selector wants "api")' }],
		},
		{
			name: 'every failing expression is explained; DoesNotExist on a present key cannot be fixed by adding labels',
			code: deployment(expressions, '{app: db, tier: cache, track: canary, legacy: "true"}', 'StatefulSet'),
			errors: [
				{
					line: 6,
					message: 'tier is "cache", the selector wants one of db, storage; track is "canary", the selector excludes canary; there is no label part-of, the selector requires it; legacy is "true", the selector requires it to be absent',
					fixable: false,
				},
			],
		},
		{
			name: 'ReplicationController plain map',
			code: rc('{app: legacy, version: v1}', '{app: legacy, version: v2}'),
			errors: [{ line: 6, column: 3, message: 'version is "v2", the selector wants "v1"', fixable: true }],
		},
		{
			name: 'template without labels',
			code: deployment('    matchLabels: {app: web}', '{}'),
			errors: [{ line: 6, message: 'there is no label app', fixable: true }],
		},
	],
});

describe('selector-mismatch fix', () => {
	const templateLabel = (key: string) => ['spec', 'template', 'metadata', 'labels', key];

	it('adds the missing matchLabels to the template labels, never touching the selector', () => {
		const [finding] = findingsFor('selector-mismatch', { code: deployment('    matchLabels: {app: web, component: api}', '{app: web}') });
		assert.deepEqual(finding.fix, { title: 'Add pod template label component: api', ops: [{ op: 'set', path: templateLabel('component'), value: 'api' }], safety: 'safe' });
	});

	it('says Set when it replaces a different value', () => {
		const [finding] = findingsFor('selector-mismatch', { code: rc('{app: legacy, version: v1}', '{app: legacy, version: v2}') });
		assert.deepEqual(finding.fix, { title: 'Set pod template label version: v1', ops: [{ op: 'set', path: templateLabel('version'), value: 'v1' }], safety: 'safe' });
	});

	it('is offered with matchExpressions that the added labels satisfy', () => {
		const code = deployment('    matchLabels: {app: web}\n    matchExpressions: [{key: app, operator: In, values: [web, api]}]', '{tier: x}');
		const [finding] = findingsFor('selector-mismatch', { code });
		assert.deepEqual(finding.fix?.ops, [{ op: 'set', path: templateLabel('app'), value: 'web' }]);
	});

	it('is not offered when only matchExpressions fail', () => {
		const [finding] = findingsFor('selector-mismatch', { code: deployment('    matchExpressions: [{key: tier, operator: In, values: [db]}]', '{tier: cache}') });
		assert.equal(finding.fix, undefined);
	});
});

describe('selector-mismatch fix output', () => {
	it('rewrites the template label value, leaving the selector as written', () => {
		const code = rc('{app: legacy, version: v1}', '{app: legacy, version: v2}');
		assert.equal(fixedText('selector-mismatch', { code }), code.replace('labels: {app: legacy, version: v2}', 'labels: {app: legacy, version: v1}'));
	});
});
