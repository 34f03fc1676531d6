import assert from 'node:assert/strict';
import { fixedText } from '../../helpers/fixOutput';
import { deployment, limitRange } from '../../helpers/manifests';
import { findingsFor, ruleTester } from '../../helpers/ruleTester';

const bare = '        - name: web\n          image: web:1\n';
const withResources = (resources: string) => `${bare}          resources:\n${resources}`;

ruleTester('missing-resource-requests', {
	valid: [
		{ name: 'both requests', code: deployment(withResources('            requests: {cpu: 100m, memory: 128Mi}\n')) },
		{ name: 'limits alone imply the requests', code: deployment(withResources('            limits: {cpu: "1", memory: 1Gi}\n')) },
		{ name: 'cpu by request, memory by limit', code: deployment(withResources('            requests: {cpu: 250m}\n            limits: {memory: 512Mi}\n')) },
		{ name: 'LimitRange defaultRequest in the same namespace', code: deployment(bare, { namespace: 'shop' }), others: { 'lr.yaml': limitRange('shop', '      defaultRequest: {cpu: 100m, memory: 128Mi}\n') } },
		{ name: 'LimitRange default limit implies the request', code: deployment(bare, { namespace: 'shop' }), others: { 'lr.yaml': limitRange('shop', '      default: {cpu: 500m, memory: 256Mi}\n') } },
		{ name: 'LimitRange and workload both without namespace', code: `${limitRange(undefined, '      defaultRequest: {cpu: 100m, memory: 128Mi}\n')}---\n${deployment(bare)}` },
		{ name: 'pod-level resources cover the containers', code: deployment(bare, { podSpec: '\n      resources:\n        requests: {cpu: 500m}\n        limits: {memory: 1Gi}' }) },
		{ name: 'a kustomize patch is a partial object', code: deployment(withResources('            limits: {memory: 1Gi}\n')), others: { 'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [base.yaml]\npatches:\n  - path: main.yaml\n' } },
		{ name: 'not a workload', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n' },
	],
	invalid: [
		{
			name: 'no resources at all',
			code: deployment(bare),
			errors: [{ line: 13, column: 11, message: 'Container "web" has no cpu and memory requests', severity: 'warning', fixable: true }],
		},
		{
			name: 'memory missing: message names it alone, and does not say the container asks for nothing',
			code: deployment(withResources('            requests: {cpu: 100m}\n')),
			errors: [{ line: 13, message: 'has no memory request (its cpu is requested): the scheduler reserves no memory for it, so its node can be overcommitted and it is among the first evicted under memory pressure.' }],
		},
		{
			name: 'cpu missing while a memory limit implies the memory request',
			code: deployment(withResources('            limits: {memory: 256Mi}\n')),
			errors: [{ line: 13, message: 'has no cpu request (its memory is requested): the scheduler reserves no cpu for it, so on a busy node it gets only the cpu the other pods leave over.' }],
		},
		{
			name: 'init containers are included',
			code: deployment(withResources('            requests: {cpu: 100m, memory: 128Mi}\n'), { podSpec: '\n      initContainers:\n        - name: migrate\n          image: migrate:1' }),
			errors: [{ line: 13, column: 11, message: '"migrate"' }],
		},
		{
			name: 'a LimitRange of another namespace does not count',
			code: deployment(bare, { namespace: 'shop' }),
			others: { 'lr.yaml': limitRange('tools', '      defaultRequest: {cpu: 100m, memory: 128Mi}\n') },
			errors: [{ line: 14, message: 'cpu and memory' }],
		},
		{
			name: 'an unset namespace is not the default namespace',
			code: deployment(bare),
			others: { 'lr.yaml': limitRange('default', '      defaultRequest: {cpu: 100m, memory: 128Mi}\n') },
			errors: [{ line: 13 }],
		},
		{
			name: 'a LimitRange defaulting only cpu leaves memory missing',
			code: deployment(bare, { namespace: 'shop' }),
			others: { 'lr.yaml': limitRange('shop', '      defaultRequest: {cpu: 100m}\n') },
			errors: [{ line: 14, message: 'has no memory request' }],
		},
	],
});

describe('missing-resource-requests fix', () => {
	it('sets each missing request key with the configured defaults', () => {
		const [finding] = findingsFor('missing-resource-requests', { code: deployment(bare), config: { resourceDefaults: { cpu: '250m' } } });
		assert.equal(finding.fix?.title, 'Add requests cpu: 250m, memory: 128Mi');
		assert.deepEqual(finding.fix?.ops, [
			{ op: 'set', path: ['spec', 'template', 'spec', 'containers', 0, 'resources', 'requests', 'cpu'], value: '250m' },
			{ op: 'set', path: ['spec', 'template', 'spec', 'containers', 0, 'resources', 'requests', 'memory'], value: '128Mi' },
		]);
	});

	it('merges into an existing resources map: only the missing key', () => {
		const [finding] = findingsFor('missing-resource-requests', { code: deployment(withResources('            requests: {cpu: 100m}\n            limits: {cpu: 200m}\n')) });
		assert.equal(finding.fix?.title, 'Add requests memory: 128Mi');
		assert.deepEqual(finding.fix?.ops, [{ op: 'set', path: ['spec', 'template', 'spec', 'containers', 0, 'resources', 'requests', 'memory'], value: '128Mi' }]);
	});
});

describe('missing-resource-requests fix output', () => {
	it('adds the missing key under the existing requests map', () => {
		const code = deployment(withResources('            requests:\n              cpu: 100m\n'));
		assert.equal(fixedText('missing-resource-requests', { code }), code.replace('              cpu: 100m\n', '              cpu: 100m\n              memory: 128Mi\n'));
	});

	it('adds a requests map next to existing limits', () => {
		const code = deployment(withResources('            limits: {cpu: 200m}\n'));
		assert.equal(fixedText('missing-resource-requests', { code }), `${code}            requests:\n              memory: 128Mi\n`);
	});
});
