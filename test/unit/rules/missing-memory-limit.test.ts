import assert from 'node:assert/strict';
import { fixedText } from '../../helpers/fixOutput';
import { deployment, limitRange } from '../../helpers/manifests';
import { findingsFor, ruleTester } from '../../helpers/ruleTester';

const bare = '        - name: web\n          image: web:1\n';
const withResources = (resources: string) => `${bare}          resources:\n${resources}`;
const limitsPath = ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'memory'];

ruleTester('missing-memory-limit', {
	valid: [
		{ name: 'memory limit set', code: deployment(withResources('            limits: {memory: 256Mi}\n')) },
		{ name: 'LimitRange default memory limit in the namespace', code: deployment(bare, { namespace: 'shop' }), others: { 'lr.yaml': limitRange('shop', '      default: {memory: 512Mi}\n') } },
		{ name: 'LimitRange max memory is the default limit', code: deployment(bare, { namespace: 'shop' }), others: { 'lr.yaml': limitRange('shop', '      max: {memory: 1Gi}\n') } },
		{ name: 'a pod-level memory limit covers the pod', code: deployment(bare, { podSpec: '\n      resources:\n        limits: {memory: 1Gi}' }) },
		{ name: 'a kustomize patch is a partial object', code: deployment(bare), others: { 'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [base.yaml]\npatches:\n  - path: main.yaml\n' } },
		{ name: 'same file, both without namespace', code: `${limitRange(undefined, '      default: {memory: 256Mi}\n')}---\n${deployment(bare)}` },
	],
	invalid: [
		{
			name: 'requests only',
			code: deployment(withResources('            requests: {cpu: 250m, memory: 256Mi}\n')),
			errors: [{ line: 13, column: 11, message: 'Container "web" has no memory limit', severity: 'warning', fixable: true }],
		},
		{
			name: 'a pod-level request is not a limit',
			code: deployment(bare, { podSpec: '\n      resources:\n        requests: {memory: 1Gi}' }),
			errors: [{ line: 15 }],
		},
		{
			name: 'init container included',
			code: deployment(withResources('            limits: {memory: 256Mi}\n'), { podSpec: '\n      initContainers:\n        - name: migrate\n          image: migrate:1' }),
			errors: [{ line: 13, message: '"migrate"' }],
		},
		{
			name: 'a LimitRange defaulting only the memory request does not give a limit',
			code: deployment(bare, { namespace: 'shop' }),
			others: { 'lr.yaml': limitRange('shop', '      defaultRequest: {memory: 128Mi}\n      default: {cpu: 500m}\n') },
			errors: [{ line: 14 }],
		},
		{
			name: 'a LimitRange of another namespace does not count',
			code: deployment(bare, { namespace: 'monitoring' }),
			others: { 'lr.yaml': limitRange('staging', '      default: {memory: 512Mi}\n') },
			errors: [{ line: 14 }],
		},
	],
});

describe('missing-memory-limit fix', () => {
	const fixOf = (code: string, others?: Record<string, string>) => findingsFor('missing-memory-limit', { code, others })[0].fix;

	it('uses the memory request when there is one', () => {
		assert.deepEqual(fixOf(deployment(withResources('            requests: {memory: 300Mi}\n'))), { title: 'Add limits memory: 300Mi', ops: [{ op: 'set', path: limitsPath, value: '300Mi' }], placeholders: [limitsPath], safety: 'unsafe' });
	});

	const requestPath = limitsPath.map((step) => (step === 'limits' ? 'requests' : step));

	it('uses the configured default without a request, and sets it as the request too (else Kubernetes copies the limit into it)', () => {
		const [finding] = findingsFor('missing-memory-limit', { code: deployment(bare), config: { resourceDefaults: { memory: '64Mi' } } });
		assert.deepEqual(finding.fix?.ops, [
			{ op: 'set', path: requestPath, value: '64Mi' },
			{ op: 'set', path: limitsPath, value: '64Mi' },
		]);
	});

	it('uses the request a LimitRange defaults, so the limit cannot fall below it', () => {
		const fix = fixOf(deployment(bare, { namespace: 'shop' }), { 'lr.yaml': limitRange('shop', '      defaultRequest: {memory: 1Gi}\n') });
		assert.deepEqual(fix?.ops, [
			{ op: 'set', path: requestPath, value: '1Gi' },
			{ op: 'set', path: limitsPath, value: '1Gi' },
		]);
	});

	it('offers nothing when the request is not a valid quantity', () => {
		assert.equal(fixOf(deployment(withResources('            requests: {memory: 512MB}\n'))), undefined);
	});
});

describe('missing-memory-limit fix output', () => {
	it('adds limits beside the requests', () => {
		const code = deployment(withResources('            requests:\n              memory: 300Mi\n'));
		assert.equal(fixedText('missing-memory-limit', { code }), `${code}            limits:\n              memory: 300Mi\n`);
	});
});
