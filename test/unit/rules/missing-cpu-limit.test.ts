import assert from 'node:assert/strict';
import { deployment, limitRange } from '../../helpers/manifests';
import { findingsFor, ruleTester } from '../../helpers/ruleTester';

const statefulSet = (containers: string, namespace?: string) => deployment(containers, { kind: 'StatefulSet', namespace });

const bare = '        - name: web\n          image: postgres:16\n';
const withResources = (resources: string) => `${bare}          resources:\n${resources}`;
const limitsPath = ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'cpu'];

ruleTester('missing-cpu-limit', {
	valid: [
		{ name: 'cpu limit set', code: statefulSet(withResources('            limits: {cpu: 500m}\n')) },
		{ name: 'LimitRange default cpu limit in the namespace', code: statefulSet(bare, 'shop'), others: { 'lr.yaml': limitRange('shop', '      default: {cpu: 500m}\n') } },
	],
	invalid: [
		{
			name: 'memory limit only',
			code: statefulSet(withResources('            limits: {memory: 1Gi}\n')),
			errors: [{ line: 13, column: 11, message: 'Container "web" has no cpu limit', severity: 'info', fixable: true }],
		},
		{
			name: 'LimitRange with default memory and a cpu request default only',
			code: statefulSet(bare, 'shop'),
			others: { 'lr.yaml': limitRange('shop', '      default: {memory: 256Mi}\n      defaultRequest: {cpu: 100m}\n') },
			errors: [{ line: 14 }],
		},
		{
			name: 'a Pod-type LimitRange item gives containers no default',
			code: statefulSet(bare),
			others: { 'lr.yaml': limitRange(undefined, '      max: {cpu: "2"}\n', 'Pod') },
			errors: [{ line: 13 }],
		},
	],
});

describe('missing-cpu-limit fix', () => {
	it('leaves headroom as the remediation advises: twice the cpu request (here a YAML number)', () => {
		const [finding] = findingsFor('missing-cpu-limit', { code: statefulSet(withResources('            requests: {cpu: 0.5}\n')) });
		assert.deepEqual(finding.fix, { title: 'Add limits cpu: 1', ops: [{ op: 'set', path: limitsPath, value: '1' }], placeholders: [limitsPath], safety: 'unsafe' });
		assert.match(findingsFor('missing-cpu-limit', { code: statefulSet(withResources('            requests: {cpu: 250m}\n')) })[0].fix!.title, /limits cpu: 500m$/);
		assert.match(findingsFor('missing-cpu-limit', { code: statefulSet(withResources('            requests: {cpu: "1.5"}\n')) })[0].fix!.title, /limits cpu: 3$/);
	});

	it('without a request, sets the configured default as the request too (else Kubernetes copies the limit into it)', () => {
		const [finding] = findingsFor('missing-cpu-limit', { code: statefulSet(bare), config: { resourceDefaults: { cpu: '300m' } } });
		const requestPath = limitsPath.map((step) => (step === 'limits' ? 'requests' : step));
		assert.deepEqual(finding.fix, {
			title: 'Add requests cpu: 300m and limits cpu: 600m',
			ops: [
				{ op: 'set', path: requestPath, value: '300m' },
				{ op: 'set', path: limitsPath, value: '600m' },
			],
			placeholders: [requestPath, limitsPath],
			safety: 'unsafe',
		});
	});
});
