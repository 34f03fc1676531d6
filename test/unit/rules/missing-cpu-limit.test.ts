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
	it('uses the cpu request, written as a YAML number', () => {
		const [finding] = findingsFor('missing-cpu-limit', { code: statefulSet(withResources('            requests: {cpu: 0.5}\n')) });
		assert.deepEqual(finding.fix, { title: 'Add limits cpu: 0.5', ops: [{ op: 'set', path: limitsPath, value: 0.5 }] });
	});

	it('uses the configured default without a request', () => {
		const [finding] = findingsFor('missing-cpu-limit', { code: statefulSet(bare), config: { resourceDefaults: { cpu: '300m' } } });
		assert.deepEqual(finding.fix, { title: 'Add limits cpu: 300m', ops: [{ op: 'set', path: limitsPath, value: '300m' }] });
	});
});
