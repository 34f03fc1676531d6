// The extension manifest the client and server share: package.json `contributes` is generated from
// the registry (scripts/gen-manifest.mjs) and must be current, with one `bosun.rules` property per
// rule carrying its default severity and docs link, and the commands the client registers.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { ruleDocsLink, SHOW_RULE_DOCUMENTATION_COMMAND } from '../../server/src/core/rule';
import { RULES } from '../../server/src/rules';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('extension manifest (package.json contributes)', () => {
	it('is current with the registry', () => {
		execFileSync(process.execPath, ['scripts/gen-manifest.mjs', '--check'], { cwd: ROOT, stdio: 'pipe' });
	});

	it('has one bosun.rules property per rule with its default severity and docs link', () => {
		const rules = pkg.contributes.configuration.properties['bosun.rules'];
		assert.equal(rules.scope, 'resource');
		assert.deepEqual(rules.default, {}, 'rules the user did not set keep their default, including per-finding severities');
		assert.deepEqual(Object.keys(rules.properties).sort(), RULES.map((r) => r.id).sort());
		for (const rule of RULES) {
			const property = rules.properties[rule.id];
			assert.deepEqual(property.enum, ['off', 'hint', 'info', 'warning', 'error']);
			assert.equal(property.default, rule.defaultSeverity, rule.id);
			assert.ok(property.markdownDescription.includes(rule.title) && property.markdownDescription.includes(ruleDocsLink(rule.id)), rule.id);
		}
	});

	it('describes every other setting, with the core defaults', () => {
		const properties = pkg.contributes.configuration.properties;
		for (const key of ['requiredLabels', 'trustedRegistries', 'kubernetesVersion', 'resourceDefaults', 'exclude'] as const) {
			const property = properties[`bosun.${key}`];
			assert.deepEqual(property.default, DEFAULT_CONFIG[key], key);
			assert.equal(property.scope, 'resource', key);
			assert.ok(property.markdownDescription, key);
		}
		assert.equal(properties['bosun.maxFileSize'].default, 5 * 1024 * 1024);
		assert.deepEqual(properties['bosun.trace.server'].enum, ['off', 'messages', 'verbose']);
	});

	it('contributes the client commands', () => {
		const titles = Object.fromEntries(pkg.contributes.commands.map((c: { command: string; category: string; title: string }) => [c.command, `${c.category}: ${c.title}`]));
		assert.deepEqual(titles, {
			'bosun.restartServer': 'Bosun: Restart Server',
			'bosun.showRuleDocumentation': 'Bosun: Show Rule Documentation',
			'bosun.lintWorkspace': 'Bosun: Lint Workspace',
			'bosun.showRenderedManifests': 'Bosun: Show Rendered Manifests',
			'bosun.showBuiltManifests': 'Bosun: Show Built Manifests',
		});
		const client = readFileSync(join(ROOT, 'client', 'src', 'commands.ts'), 'utf8');
		// The documentation command's name is shared with the server's links (core/rule.ts).
		const registered = (command: string) => client.includes(`register('${command}'`) || (command === SHOW_RULE_DOCUMENTATION_COMMAND && client.includes('register(SHOW_RULE_DOCUMENTATION_COMMAND'));
		for (const command of Object.keys(titles)) assert.ok(registered(command), `${command} is registered by the client`);
	});
});
