// The built CLI on a Helm chart and Kustomize overlays: findings on templates, values files, bases and
// kustomization entries; a chart's fix applies where the value is written (values.yaml), only with
// --unsafe-fixes when it is unsafe, and a second run changes nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const cli = join(root, 'dist/cli.js');
const FIXTURES = join(root, 'test/fixtures/sources');

interface Finding {
	rule: string;
	file: string;
	line: number;
	column: number;
	fixable: boolean;
	fix: string | null;
	related?: { file: string; line: number; column: number }[];
}

function bosun(cwd: string, args: string[]) {
	const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function findings(cwd: string): Finding[] {
	return (JSON.parse(bosun(cwd, ['lint', '.', '--format', 'json', '--min-severity', 'hint', '--fail-on', 'never']).stdout) as { findings: Finding[] }).findings;
}

describe('cli: charts and overlays', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'bosun-sources-'));
		cpSync(FIXTURES, dir, { recursive: true });
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('reports on template lines, values-file values, bases and kustomization entries', () => {
		const all = findings(dir);
		const at = (rule: string) => all.filter((f) => f.rule === rule).map((f) => `${f.file}:${f.line}:${f.column}`).sort();
		assert.deepEqual(at('single-replica'), [join('chart-web', 'values.yaml') + ':1:15', join('kustomize-shop', 'overlays', 'staging', 'kustomization.yaml') + ':5:5']);
		assert.deepEqual(at('latest-image-tag'), [join('chart-web', 'templates', 'deployment.yaml') + ':19:18', join('kustomize-shop', 'base', 'deployment.yaml') + ':15:18']);
		// the composed image names the values it used
		const image = all.find((f) => f.rule === 'latest-image-tag' && f.file.startsWith('chart-web'))!;
		assert.deepEqual(image.related, [
			{ file: join('chart-web', 'values.yaml'), line: 3, column: 15 },
			{ file: join('chart-web', 'values.yaml'), line: 4, column: 8 },
		]);
		// the replica count written in values.yaml can be fixed there; the kustomization entry holds more than the value
		const replicas = all.filter((f) => f.rule === 'single-replica').map((f) => [f.file.split('/')[0], f.fixable, f.fix]);
		assert.deepEqual(replicas.sort(), [['chart-web', true, 'unsafe'], ['kustomize-shop', false, null]]);
	});

	it('SARIF carries the values a composed value used as related locations', () => {
		const sarif = JSON.parse(bosun(dir, ['lint', '.', '--format', 'sarif', '--fail-on', 'never']).stdout);
		const image = sarif.runs[0].results.find((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.ruleId === 'latest-image-tag' && r.locations[0].physicalLocation.artifactLocation.uri.startsWith('chart-web'));
		assert.deepEqual(image.relatedLocations.map((l: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine]), [['chart-web/values.yaml', 3], ['chart-web/values.yaml', 4]]);
	});

	it('--fix leaves an unsafe chart fix alone; --unsafe-fixes writes it in values.yaml; a second run changes nothing', () => {
		const values = join(dir, 'chart-web', 'values.yaml');
		const original = readFileSync(values, 'utf8');
		bosun(dir, ['lint', '.', '--fix', '--fail-on', 'never']);
		assert.equal(readFileSync(values, 'utf8'), original);
		const first = bosun(dir, ['lint', '.', '--fix', '--unsafe-fixes', '--fail-on', 'never']);
		assert.equal(first.code, 0, first.stderr);
		assert.equal(readFileSync(values, 'utf8'), original.replace('replicaCount: 1', 'replicaCount: 2'));
		assert.ok(!findings(dir).some((f) => f.rule === 'single-replica' && f.file.startsWith('chart-web')));
		const snapshot = (file: string) => readFileSync(join(dir, file), 'utf8');
		const files = ['chart-web/values.yaml', 'chart-web/templates/deployment.yaml', 'kustomize-shop/base/deployment.yaml', 'kustomize-shop/overlays/staging/kustomization.yaml'];
		const before = files.map(snapshot);
		bosun(dir, ['lint', '.', '--fix', '--unsafe-fixes', '--fail-on', 'never']);
		assert.deepEqual(files.map(snapshot), before);
	});

	it('--fix-dry-run prints the chart fix as a diff and writes nothing', () => {
		const values = join(dir, 'chart-web', 'values.yaml');
		const original = readFileSync(values, 'utf8');
		const r = bosun(dir, ['lint', '.', '--fix-dry-run', '--unsafe-fixes', '--fail-on', 'never']);
		assert.match(r.stdout, /-replicaCount: 1\n\+replicaCount: 2/);
		assert.equal(readFileSync(values, 'utf8'), original);
	});
});
