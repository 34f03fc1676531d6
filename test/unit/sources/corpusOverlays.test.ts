// Real Kustomize trees (../shared/corpus/overlays, 6 repositories) linted through what their top overlays
// build: components and bases are never built alone, every finding lands in a file a build read (a base,
// a patch or a kustomization entry), never in a generator input, and no overlay fails to build.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_CONFIG } from '../../../server/src/core/config';
import { nodeFileSystem } from '../../../server/src/nodeFileSystem';
import { RULES } from '../../../server/src/rules';
import { lintSources, planSources } from '../../../server/src/sources/workspaces';
import { skipBecause } from '../../helpers/skip';

const OVERLAYS = join(__dirname, '../../../../shared/corpus/overlays');

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

describe('sources: the corpus Kustomize trees, built and linted', function () {
	before(function () {
		if (!existsSync(OVERLAYS)) skipBecause(this, 'the Kustomize corpus (../shared/corpus/overlays) is not present');
	});

	it('builds every top overlay and places every finding in a file the build read, never in a generator input', function () {
		this.timeout(120_000);
		for (const name of readdirSync(OVERLAYS)) {
			const root = join(OVERLAYS, name);
			const plan = planSources(filesUnder(root), nodeFileSystem);
			assert.ok(plan.overlays.length > 0, `${name}: has overlays`);
			const roles = new Map<string, string>();
			for (const dir of plan.overlays) for (const [file, role] of plan.builds.get(dir)!.files) roles.set(file, role);
			const findings = lintSources(plan, nodeFileSystem, { rules: RULES, configFor: () => DEFAULT_CONFIG });
			assert.deepEqual(findings.filter((f) => f.finding.ruleId === 'render-error' && f.finding.severity === 'error').map((f) => `${relative(root, f.file)}: ${f.finding.message}`), [], name);
			for (const { file, finding } of findings) {
				const role = roles.get(file);
				assert.ok(role && role !== 'generator-input', `${name}: ${finding.ruleId} on ${relative(root, file)} (${role ?? 'not read by any top overlay'})`);
			}
		}
	});
});
