// The built CLI (dist/cli.js) on fixture files: text, JSON and SARIF output, exit codes, stdin, and
// files that cannot be read or parsed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
		// Every fix of this Pod is unsafe (probes, security settings): the summary says how to apply them.
		assert.match(r.stdout, /^\d+ findings \(1 error, \d+ warnings, \d+ info\) in 1 file; \d+ more with --fix --unsafe-fixes \(review them: they can change how a workload runs\)\.$/m);
		assert.equal(bosun(['lint', 'clean']).stdout, '1 file linted: no findings.\n');
		const one = bosun(['lint', '--min-severity', 'error', 'dirty/pod.yaml']);
		assert.match(one.stdout, /^1 finding \(1 error\) in 1 file\.$/m);
	});

	it('counts YAML files that are not Kubernetes as skipped in the summary', () => {
		const r = bosun(['lint', 'broken']);
		assert.match(r.stdout, /^1 finding \(1 error\) in 1 file \(1 file skipped: not Kubernetes\)\.$/m);
	});

	it('no Kubernetes manifest under the paths exits 2 with a message, unless --no-error-on-empty', () => {
		const empty = mkdtempSync(join(tmpdir(), 'bosun-empty-'));
		try {
			const none = bosun(['lint', empty]);
			assert.equal(none.code, 2);
			assert.equal(none.stdout, '', 'no summary that reads as success');
			assert.match(none.stderr, /^bosun: no Kubernetes manifests found in .*\(no \*\.yaml or \*\.yml files\); pass --no-error-on-empty/);
			const allowed = bosun(['lint', '--no-error-on-empty', empty]);
			assert.equal(allowed.code, 0, allowed.stderr);
			assert.equal(allowed.stdout, '0 files linted: no findings.\n');
		} finally {
			rmSync(empty, { recursive: true, force: true });
		}
		const notes = bosun(['lint', 'broken/notes.yaml']);
		assert.equal(notes.code, 2);
		assert.match(notes.stderr, /1 file read, none with a Kubernetes apiVersion and kind/);
		assert.equal(bosun(['lint', '--no-error-on-empty', 'broken/notes.yaml']).stdout, '0 files linted (1 file skipped: not Kubernetes): no findings.\n');
	});

	it('a configuration error exits 2 and names the file and line', () => {
		const dir = mkdtempSync(join(tmpdir(), 'bosun-config-'));
		try {
			writeFileSync(join(dir, 'api.yaml'), readFileSync(join(fixtures, 'clean/api.yaml')));
			for (const config of ['rules:\n  missing-liveness-prob: warning\n', 'rules:\n  missing-liveness-probe: warn\n']) {
				writeFileSync(join(dir, '.bosun.yaml'), config);
				const r = bosun(['lint', dir]);
				assert.equal(r.code, 2, config);
				assert.match(r.stderr, /\.bosun\.yaml:2: /, config);
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('writes SARIF 2.1.0 with each rule\'s full documentation as help, and no link to a website', () => {
		const r = bosun(['lint', '--format', 'sarif', 'dirty/pod.yaml']);
		const sarif = JSON.parse(r.stdout);
		assert.equal(sarif.version, '2.1.0');
		assert.equal(sarif.runs.length, 1);
		const driver = sarif.runs[0].tool.driver;
		assert.equal(driver.name, 'bosun');
		const rule = driver.rules.find((x: { id: string }) => x.id === 'missing-liveness-probe');
		assert.equal(rule.helpUri, undefined);
		assert.equal(driver.informationUri, undefined);
		// The page docs/rules/<id>.md, but for its link to a sibling page, which SARIF cannot follow.
		const page = readFileSync(join(root, 'docs/rules/missing-liveness-probe.md'), 'utf8');
		assert.equal(rule.help.markdown, page.replace(/\nSee \[suppression\][^\n]*\n$/, ''));
		assert.match(rule.help.text, /^Container has no liveness probe|Why it matters: /m);
		assert.ok(!r.stdout.includes('bosun.dev/rules'), 'no link to a site Bosun does not have');
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
		const alone = bosun(['lint', 'no-such-dir']);
		assert.equal(alone.code, 2);
		assert.equal(alone.stdout, '', 'no "0 files linted" beside the error');
		assert.equal(alone.stderr, 'bosun: cannot read no-such-dir: no such file or directory\n');
	});

	it('usage errors exit 2 with a one-line message and a hint where the usage is', () => {
		for (const args of [['lint', '--format', 'xml', '.'], ['frobnicate'], ['lint', '--min-severity', 'loud'], ['lint', '--no-such-flag']]) {
			const r = bosun(args);
			assert.equal(r.code, 2, args.join(' '));
			assert.match(r.stderr.split('\n')[0], /^bosun: /);
			assert.equal(r.stderr.split('\n')[1], 'Run "bosun help" for usage.', args.join(' '));
		}
		assert.equal(bosun(['lint', '--no-such-flag']).stderr.split('\n')[0], 'bosun: unknown option --no-such-flag');
		assert.equal(bosun(['lint', '--format']).stderr.split('\n')[0], 'bosun: --format needs a value');
		assert.equal(bosun(['lint', '--fix=yes', '.']).stderr.split('\n')[0], 'bosun: --fix takes no value');
	});

	it('bosun help and bosun --help print the usage on stdout and exit 0', () => {
		for (const args of [['help'], ['--help'], ['lint', '-h']]) {
			const r = bosun(args);
			assert.equal(r.code, 0, args.join(' '));
			assert.match(r.stdout, /^Usage:\n {2}bosun lint /);
			assert.match(r.stdout, /--no-error-on-empty/);
		}
	});

	it('bosun rules lists the registry as text and JSON', () => {
		const json = JSON.parse(bosun(['rules', '--format', 'json']).stdout);
		const ids = json.map((r: { id: string }) => r.id);
		assert.ok(ids.includes('missing-liveness-probe'));
		assert.deepEqual(Object.keys(json[0]).sort(), ['category', 'description', 'docs', 'fix', 'fixSafety', 'id', 'severity', 'title']);
		assert.ok(json.every((r: { id: string; docs: string }) => r.docs.endsWith(`docs/rules/${r.id}.md`)));
		const safety = (id: string) => json.find((r: { id: string }) => r.id === id).fixSafety;
		assert.deepEqual(['missing-labels', 'missing-liveness-probe', 'missing-pdb', 'deprecated-api-version', 'latest-image-tag'].map(safety), ['safe', 'unsafe', 'unsafe', 'per-fix', null]);
		const text = bosun(['rules']).stdout;
		assert.match(text, /^RULE\s+DEFAULT\s+FIX\s+WHAT IT FLAGS\n/);
		assert.match(text, /^missing-liveness-probe\s+warning\s+Q unsafe\s+Container has no liveness probe$/m);
		assert.match(text, /^missing-labels\s+\w+\s+Q safe\s+\S/m);
		assert.match(text, /^latest-image-tag\s+\w+\s+-\s+\S/m);
		assert.match(text, /^FIX: Q = quick fix in place/m);
	});
});
