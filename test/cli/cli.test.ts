// The built CLI (dist/cli.js) on fixture files: text, JSON and SARIF output, exit codes, stdin, and
// files that cannot be read or parsed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const fixtures = join(root, 'test/fixtures/cli');
const cli = join(root, 'dist/cli.js');

function bosun(args: string[], input?: string) {
	const r = spawnSync(process.execPath, [cli, ...args], { cwd: fixtures, input, encoding: 'utf8' });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli', () => {
	it('prints findings as JSON with the documented shape and exits 1 on errors', () => {
		const r = bosun(['lint', '--format', 'json', 'dirty/pod.yaml']);
		assert.equal(r.code, 1, r.stderr);
		const { findings } = JSON.parse(r.stdout);
		const byRule = new Map(findings.map((f: { rule: string }) => [f.rule, f]));
		const probe = byRule.get('missing-liveness-probe') as Record<string, unknown>;
		assert.deepEqual(probe, {
			rule: 'missing-liveness-probe',
			severity: 'warning',
			message: probe.message,
			file: 'dirty/pod.yaml',
			line: 10,
			column: 7,
			endLine: 10,
			endColumn: 18,
			fixable: true,
			fix: 'unsafe',
		});
		const exceed = byRule.get('requests-exceed-limits') as Record<string, unknown>;
		assert.equal(exceed.severity, 'error');
		assert.equal(exceed.line, 16);
	});

	it('--min-severity filters and --fail-on decides the exit code', () => {
		const warnings = bosun(['lint', '--format', 'json', '--min-severity', 'error', 'dirty/pod.yaml']);
		assert.deepEqual([...new Set(JSON.parse(warnings.stdout).findings.map((f: { severity: string }) => f.severity))], ['error']);
		assert.equal(bosun(['lint', '--fail-on', 'never', 'dirty/pod.yaml']).code, 0);
		assert.equal(bosun(['lint', 'clean/api.yaml']).code, 0);
		assert.equal(bosun(['lint', '--fail-on', 'warning', 'dirty/pod.yaml']).code, 1);
	});

	it('text output names file, position, severity, message and rule, then a summary', () => {
		const r = bosun(['lint', 'dirty/pod.yaml']);
		assert.match(r.stdout, /^dirty\/pod\.yaml:10:7: warning Container "redis" has no livenessProbe.*\[missing-liveness-probe\]/m);
		assert.match(r.stdout, /\d+ findings \(1 errors, \d+ warnings/);
		assert.match(bosun(['lint', 'clean']).stdout, /1 file linted: no findings\./);
	});

	it('writes SARIF 2.1.0 with rules and help URIs', () => {
		const r = bosun(['lint', '--format', 'sarif', 'dirty/pod.yaml']);
		const sarif = JSON.parse(r.stdout);
		assert.equal(sarif.version, '2.1.0');
		assert.equal(sarif.runs.length, 1);
		const driver = sarif.runs[0].tool.driver;
		assert.equal(driver.name, 'bosun');
		const rule = driver.rules.find((x: { id: string }) => x.id === 'missing-liveness-probe');
		assert.equal(rule.helpUri, 'https://bosun.dev/rules/missing-liveness-probe');
		const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'missing-liveness-probe');
		assert.equal(driver.rules[result.ruleIndex].id, 'missing-liveness-probe');
		assert.equal(result.level, 'warning');
		assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 10, startColumn: 7, endLine: 10, endColumn: 18 });
		assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'dirty/pod.yaml');
	});

	it('reads stdin with -', () => {
		const r = bosun(['lint', '--format', 'json', '-'], 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: a:1\n');
		const rules = JSON.parse(r.stdout).findings.map((f: { rule: string; file: string }) => `${f.file} ${f.rule}`);
		assert.ok(rules.includes('<stdin> missing-liveness-probe'), rules.join('\n'));
	});

	it('reports a broken Kubernetes file once, stays silent on broken non-Kubernetes YAML, and lints the rest', () => {
		const r = bosun(['lint', '--format', 'json', 'broken', 'dirty/pod.yaml']);
		const findings = JSON.parse(r.stdout).findings as { file: string; rule: string; line: number }[];
		const broken = findings.filter((f) => f.file.startsWith('broken/'));
		assert.deepEqual(broken.map((f) => `${f.file} ${f.rule}`), ['broken/half-typed.yaml syntax-error']);
		assert.ok(findings.some((f) => f.file === 'dirty/pod.yaml'));
	});

	it('a missing path is an I/O error (exit 2, one line) and the other paths are still linted', () => {
		const r = bosun(['lint', '--format', 'json', 'no-such.yaml', 'dirty/pod.yaml']);
		assert.equal(r.code, 2);
		assert.equal(r.stderr.trim().split('\n').length, 1);
		assert.match(r.stderr, /cannot read no-such\.yaml: no such file or directory/);
		assert.ok(JSON.parse(r.stdout).findings.length > 0);
	});

	it('usage errors exit 2 with a one-line message', () => {
		for (const args of [['lint', '--format', 'xml', '.'], ['frobnicate'], ['lint', '--min-severity', 'loud'], ['lint', '--no-such-flag']]) {
			const r = bosun(args);
			assert.equal(r.code, 2, args.join(' '));
			assert.match(r.stderr.split('\n')[0], /^bosun: /);
		}
	});

	it('bosun rules lists the registry as text and JSON', () => {
		const json = JSON.parse(bosun(['rules', '--format', 'json']).stdout);
		const ids = json.map((r: { id: string }) => r.id);
		assert.ok(ids.includes('missing-liveness-probe'));
		assert.deepEqual(Object.keys(json[0]).sort(), ['category', 'description', 'docs', 'fix', 'fixSafety', 'id', 'severity', 'title']);
		const safety = (id: string) => json.find((r: { id: string }) => r.id === id).fixSafety;
		assert.deepEqual(['missing-labels', 'missing-liveness-probe', 'missing-pdb', 'deprecated-api-version', 'latest-image-tag'].map(safety), ['safe', 'unsafe', 'unsafe', 'per-fix', null]);
		const text = bosun(['rules']).stdout;
		assert.match(text, /^missing-liveness-probe\s+warning\s+Q unsafe\s+Container has no liveness probe$/m);
		assert.match(text, /^missing-labels\s+\w+\s+Q safe\s+\S/m);
		assert.match(text, /^latest-image-tag\s+\w+\s+-\s+\S/m);
	});
});
