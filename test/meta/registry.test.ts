// The registry is complete and every generated artefact is current: each rule has tests, docs, an
// acceptance folder and examples that behave as they claim; RULES.md's catalog is fully implemented.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { lintText } from '../../server/src/core/linter';
import { RULES } from '../../server/src/rules';
import { skipBecause } from '../helpers/skip';

const root = join(__dirname, '..', '..');
const shared = join(root, '..', 'shared');

describe('meta: registry and generated files', () => {
	it('rules/index.ts is generated from the rule modules and current', () => {
		execFileSync(process.execPath, [join(root, 'scripts/gen-registry.mjs'), '--check'], { cwd: root });
	});

	it('docs/rules, docs/suppression.md and the README table are current', () => {
		execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/gen-docs.ts'), '--check'], { cwd: root });
	});

	it('the registry is sorted and ids are unique', () => {
		const ids = RULES.map((r) => r.id);
		assert.deepEqual(ids, [...ids].sort());
		assert.equal(new Set(ids).size, ids.length);
	});

	it('every rule id of RULES.md is implemented', function () {
		const catalog = join(shared, 'RULES.md');
		if (!existsSync(catalog)) skipBecause(this, `the rule catalog (${catalog}) is not present`);
		const ids = [...readFileSync(catalog, 'utf8').matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
		assert.ok(ids.length >= 40, `expected the catalog's rule rows, found ${ids.length}`);
		const have = new Set(RULES.map((r) => r.id));
		assert.deepEqual(ids.filter((id) => !have.has(id)), []);
	});

	it('the safe fixes are exactly those RULES.md lists as safe', () => {
		const safe = RULES.filter((r) => r.fixSafety === 'safe').map((r) => r.id);
		assert.deepEqual(safe, ['missing-anti-affinity', 'missing-labels', 'selector-mismatch']);
		assert.deepEqual(RULES.filter((r) => r.fixSafety === 'per-fix').map((r) => r.id), ['deprecated-api-version']);
	});

	for (const rule of RULES) {
		describe(rule.id, () => {
			it('declares its texts completely', () => {
				for (const key of ['title', 'description', 'rationale', 'remediation'] as const) assert.ok(rule[key].trim().length > 10, `${key} is empty`);
				assert.match(rule.remediation.trim(), /\.$/, 'remediation ends with a period');
				assert.ok(!/TODO|TBD/.test(JSON.stringify(rule)), 'no placeholder text');
			});

			it('declares the safety of its fix (RULES.md "Fix safety"), and only when it has one', () => {
				if (rule.fixKind === '-') assert.equal(rule.fixSafety, undefined, 'a rule without a fix declares no safety');
				else assert.ok(rule.fixSafety !== undefined, 'a rule with a fix declares fixSafety');
				if (rule.fixKind === 'G') assert.equal(rule.fixSafety, 'unsafe', 'companion documents are unsafe');
			});

			it('has a test file and a docs page', () => {
				assert.ok(existsSync(join(root, 'test/unit/rules', `${rule.id}.test.ts`)), 'test/unit/rules/<id>.test.ts');
				assert.ok(existsSync(join(root, 'docs/rules', `${rule.id}.md`)), 'docs/rules/<id>.md');
			});

			it('has an acceptance fixture folder', function () {
				if (!existsSync(shared)) skipBecause(this, `the acceptance fixtures (${join(shared, 'acceptance')}) are not present`);
				assert.ok(existsSync(join(shared, 'acceptance', rule.id)));
			});

			it('its incorrect example triggers it and its correct example does not', () => {
				const config = { ...DEFAULT_CONFIG, rules: { [rule.id]: rule.defaultSeverity === 'off' ? 'warning' : rule.defaultSeverity } } as typeof DEFAULT_CONFIG;
				if (rule.id === 'untrusted-registry') config.trustedRegistries = ['ghcr.io/acme'];
				const fired = (text: string) => lintText(text, { rules: RULES, config }).filter((f) => f.ruleId === rule.id);
				assert.ok(fired(rule.examples.incorrect).length > 0, 'incorrect example is not flagged');
				assert.deepEqual(fired(rule.examples.correct).map((f) => f.message), []);
			});
		});
	}
});
