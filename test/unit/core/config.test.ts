import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, mergeConfig, parseConfigText, validateConfig } from '../../../server/src/core/config';

const known = new Set(['missing-liveness-probe', 'missing-pdb']);

describe('core: configuration', () => {
	it('later sources win, rules and resourceDefaults merge key by key', () => {
		const merged = mergeConfig(
			DEFAULT_CONFIG,
			{ rules: { 'missing-pdb': 'error' }, requiredLabels: ['team'], resourceDefaults: { cpu: '250m' } },
			{ rules: { 'missing-liveness-probe': 'off' } },
		);
		assert.deepEqual(merged.rules, { 'missing-pdb': 'error', 'missing-liveness-probe': 'off' });
		assert.deepEqual(merged.requiredLabels, ['team']);
		assert.deepEqual(merged.resourceDefaults, { cpu: '250m', memory: '128Mi' });
	});

	it('a wrong key or value is a problem with a range, and the rest still applies', () => {
		const text = 'rules:\n  missing-pdb: error\n  no-such-rule: warning\n  missing-liveness-probe: loud\nrequiredLabels: team\ntrustedRegistries: [ghcr.io/acme]\ncolour: blue\n';
		const { config, problems } = parseConfigText(text, known);
		assert.deepEqual(config.rules, { 'missing-pdb': 'error' });
		assert.deepEqual(config.trustedRegistries, ['ghcr.io/acme']);
		assert.equal(config.requiredLabels, undefined);
		assert.equal(problems.length, 4);
		const at = (p: { range?: { start: number; end: number } }) => text.slice(p.range!.start, p.range!.end);
		assert.deepEqual(problems.map(at), ['no-such-rule', 'missing-liveness-probe', 'requiredLabels', 'colour']);
	});

	it('normalises kubernetesVersion and rejects nonsense', () => {
		assert.equal(validateConfig({ kubernetesVersion: 'v1.29.3' }, known).config.kubernetesVersion, '1.29');
		assert.equal(validateConfig({ kubernetesVersion: 1.3 }, known).config.kubernetesVersion, '1.3');
		assert.equal(validateConfig({ kubernetesVersion: 'latest' }, known).problems.length, 1);
	});

	it('syntax errors in the file are problems, never exceptions', () => {
		const { config, problems } = parseConfigText('rules: [unclosed\n', known);
		assert.deepEqual(config, {});
		assert.ok(problems.length >= 1);
	});
});
