// Charts and overlays linted through what they produce, with each finding placed on the text the user
// wrote: template lines, values-file values, base files, patches and kustomization entries.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_CONFIG } from '../../../server/src/core/config';
import { LineIndex } from '../../../server/src/core/lines';
import { nodeFileSystem } from '../../../server/src/nodeFileSystem';
import { RULES } from '../../../server/src/rules';
import { lintSources, planSources } from '../../../server/src/sources/workspaces';

const FIXTURES = join(__dirname, '../../fixtures/sources');

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

/** `rule file:line:column message` for every finding under a fixture folder. */
function placedFindings(folder: string): { rule: string; at: string; message: string }[] {
	const root = join(FIXTURES, folder);
	const plan = planSources(filesUnder(root), nodeFileSystem);
	return lintSources(plan, nodeFileSystem, { rules: RULES, configFor: () => DEFAULT_CONFIG }).map(({ file, finding }) => {
		const position = new LineIndex(nodeFileSystem.readFile(file)!).position(finding.range.start);
		return { rule: finding.ruleId, at: `${relative(root, file)}:${position.line + 1}:${position.character + 1}`, message: finding.message };
	});
}

function at(findings: ReturnType<typeof placedFindings>, rule: string): string[] {
	return findings.filter((f) => f.rule === rule).map((f) => f.at).sort();
}

describe('sources: findings placed on what the user wrote', () => {
	describe('a Helm chart', () => {
		const findings = () => placedFindings('chart-web');

		it('puts a value taken whole from values.yaml on that value', () => {
			const all = findings();
			assert.deepEqual(at(all, 'single-replica'), ['values.yaml:1:15']);
			// through toYaml: the node inside the block the action printed
			assert.deepEqual(at(all, 'invalid-quantity'), ['values.yaml:10:13']);
		});

		it('a fix of a value written whole in values.yaml edits that value; none reaches into a template action', () => {
			const root = join(FIXTURES, 'chart-web');
			const plan = planSources(filesUnder(root), nodeFileSystem);
			const placed = lintSources(plan, nodeFileSystem, { rules: RULES, configFor: () => DEFAULT_CONFIG });
			const replicas = placed.find((f) => f.finding.ruleId === 'single-replica')!;
			const values = nodeFileSystem.readFile(join(root, 'values.yaml'))!;
			assert.deepEqual(replicas.finding.fix?.sourceEdits, [{ start: values.indexOf('1'), end: values.indexOf('1') + 1, newText: '2' }]);
			// the memory limit is missing in the template's container (a toYaml block of values.yaml): no source edit
			const memory = placed.filter((f) => f.file.endsWith('deployment.yaml') && f.finding.fix);
			assert.deepEqual(memory.map((f) => f.finding.ruleId), [], 'no fix is placed on template text composed with actions');
		});

		it('puts a composed value on the template text that composes it', () => {
			assert.deepEqual(at(findings(), 'latest-image-tag'), ['templates/deployment.yaml:19:18']);
		});

		it('puts something missing in a container on its name line in the template', () => {
			const all = findings();
			assert.deepEqual(at(all, 'missing-liveness-probe'), ['templates/deployment.yaml:18:11']);
			assert.deepEqual(at(all, 'missing-pdb'), []);
		});

		it('never reports on the chart files as plain manifests', () => {
			const plan = planSources(filesUnder(join(FIXTURES, 'chart-web')), nodeFileSystem);
			assert.deepEqual(plan.charts, [join(FIXTURES, 'chart-web')]);
			assert.ok(plan.owned.has(join(FIXTURES, 'chart-web/templates/deployment.yaml')));
			assert.ok(!plan.owned.has(join(FIXTURES, 'chart-web/Chart.yaml')), 'only templates and subcharts render with the chart');
		});
	});

	describe('Kustomize overlays', () => {
		const findings = () => placedFindings('kustomize-shop');

		it('applies the transformers before the rules run', () => {
			const all = findings();
			// the prod overlay tags the image; staging does not
			assert.deepEqual(at(all, 'latest-image-tag'), ['base/deployment.yaml:15:18']);
			assert.match(all.find((f) => f.rule === 'latest-image-tag')!.message, /\(in overlay staging\)$/);
			assert.deepEqual(at(all, 'missing-namespace'), []);
		});

		it('a patch that adds probes silences them in that overlay only', () => {
			const all = findings();
			assert.deepEqual(at(all, 'missing-liveness-probe'), ['base/deployment.yaml:14:11']);
			assert.match(all.find((f) => f.rule === 'missing-liveness-probe')!.message, /\(in overlay staging\)$/);
		});

		it('a finding of both overlays is reported once at the base, naming both', () => {
			const memory = findings().filter((f) => f.rule === 'missing-memory-limit');
			assert.deepEqual(memory.map((f) => f.at), ['base/deployment.yaml:14:11']);
			assert.match(memory[0].message, /\(in overlays prod, staging\)$/);
		});

		it('a value a transformer set sits on that kustomization entry', () => {
			assert.deepEqual(at(findings(), 'single-replica'), ['overlays/staging/kustomization.yaml:5:5']);
		});

		it('only the top overlays are built; patches and bases are owned', () => {
			const plan = planSources(filesUnder(join(FIXTURES, 'kustomize-shop')), nodeFileSystem);
			assert.deepEqual(plan.overlays.map((d) => relative(FIXTURES, d)), ['kustomize-shop/overlays/prod', 'kustomize-shop/overlays/staging']);
			assert.ok(plan.owned.has(join(FIXTURES, 'kustomize-shop/overlays/prod/probes.yaml')));
			assert.ok(plan.owned.has(join(FIXTURES, 'kustomize-shop/base/deployment.yaml')));
		});
	});
});
