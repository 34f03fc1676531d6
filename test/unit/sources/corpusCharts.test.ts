// Real charts (../shared/corpus/charts, 10 charts of well-known projects) linted through what they
// render: every finding lands inside the chart, on a template or a values file, and the podinfo chart's
// findings sit on the lines a reader expects.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_CONFIG } from '../../../server/src/core/config';
import { LineIndex } from '../../../server/src/core/lines';
import { nodeFileSystem } from '../../../server/src/nodeFileSystem';
import { RULES } from '../../../server/src/rules';
import type { MappedFinding } from '../../../server/src/sources/sourceMap';
import { lintSources, planSources } from '../../../server/src/sources/workspaces';
import { helmBinary } from '../../helpers/oracle';
import { skipBecause } from '../../helpers/skip';

const CHARTS = join(__dirname, '../../../../shared/corpus/charts');

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

function lintChart(root: string): MappedFinding[] {
	return lintSources(planSources(filesUnder(root), nodeFileSystem), nodeFileSystem, { rules: RULES, configFor: () => DEFAULT_CONFIG });
}

describe('sources: the corpus charts, rendered and linted', function () {
	before(function () {
		if (!existsSync(CHARTS)) skipBecause(this, 'the Helm corpus (../shared/corpus/charts) is not present');
	});

	it('fails to render only where helm does, and places every finding inside the chart, on a template or values file', function () {
		this.timeout(180_000);
		const helm = helmBinary().path;
		for (const name of readdirSync(CHARTS)) {
			const root = join(CHARTS, name);
			const findings = lintChart(root);
			const errors = findings.filter((f) => f.finding.ruleId === 'render-error').map((f) => f.finding.message);
			// without the oracle (not linux x64) a failing render cannot be checked against helm's
			if (errors.length && !helm) console.log(`      ${name}: render error not compared with helm (oracle unavailable): ${errors[0]}`);
			else if (errors.length && helm) {
				// e.g. external-dns: its values.yaml does not meet its own values.schema.json, for helm too
				const real = spawnSync(helm, ['template', root], { encoding: 'utf8' });
				assert.notEqual(real.status, 0, `${name}: helm renders it, Bosun says: ${errors.join('; ')}`);
				assert.ok(real.stderr.includes(errors[0].split('\n')[0]), `${name}: helm's message ${real.stderr}, Bosun's ${errors[0]}`);
			} else assert.deepEqual(errors, [], name);
			assert.ok(findings.length > 0, `${name}: a real chart has findings`);
			for (const { file, finding } of findings) {
				const rel = relative(root, file);
				assert.ok(!rel.startsWith('..'), `${name}: ${finding.ruleId} placed outside the chart: ${file}`);
				assert.match(rel, /(^|\/)(templates\/.+|values[^/]*\.yaml)$/, `${name}: ${finding.ruleId} placed on ${rel}`);
				const text = nodeFileSystem.readFile(file)!;
				assert.ok(finding.range.start < finding.range.end && finding.range.end <= text.length, `${name}: ${finding.ruleId} range within ${rel}`);
			}
		}
	});

	it('podinfo: values on values.yaml, missing things on the template lines that define them', function () {
		const root = join(CHARTS, 'stefanprodan__podinfo__podinfo');
		if (!existsSync(root)) skipBecause(this, 'the podinfo chart is not in the corpus');
		const at = (rule: string) =>
			lintChart(root)
				.filter((f) => f.finding.ruleId === rule)
				.map(({ file, finding }) => {
					const position = new LineIndex(nodeFileSystem.readFile(file)!).position(finding.range.start);
					return `${relative(root, file)}:${position.line + 1}:${position.character + 1}`;
				});
		assert.deepEqual(at('single-replica'), ['values.yaml:3:15']);
		assert.deepEqual(at('missing-network-policy'), ['templates/deployment.yaml:2:1']);
		assert.ok(at('missing-memory-limit').includes('templates/deployment.yaml:38:11'));
		// the release namespace is chosen at deploy time (`helm install -n`), not written by the chart
		assert.deepEqual(at('default-namespace'), []);
	});
});
