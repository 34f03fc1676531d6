// The CLI as someone outside this repository gets it: `npm pack`, then `npm install -g` of the tarball
// into a temporary prefix, which must install the runtime dependencies only and give a `bosun` that
// works from any folder. Then the two CI entry points built on it, run as their hosts run them: the
// pre-commit hook's `entry` with staged file names appended, and the GitHub Action's script with the
// environment action.yml gives it.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';
import { RULES } from '../../server/src/rules';

const root = join(__dirname, '..', '..');
const fixtures = join(root, 'test/fixtures/cli');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('cli: installed from the packed tarball', function () {
	this.timeout(120_000);
	let tmp: string;
	let tarball: string;
	let packedFiles: string[];
	let prefix: string;
	let work: string;
	let env: NodeJS.ProcessEnv;

	/** Run a command in the work folder, the installed `bosun` first on PATH. */
	function inWork(cmd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}, cwd = work) {
		const r = spawnSync(cmd, args, { cwd, env: { ...env, ...extraEnv }, encoding: 'utf8' });
		return { code: r.status, stdout: r.stdout, stderr: r.stderr };
	}

	before(() => {
		tmp = mkdtempSync(join(tmpdir(), 'bosun-install-'));
		// `npm pack` builds the CLI first (the prepack script), as it does for a release or pre-commit.
		const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
		tarball = join(tmp, packed[0].filename);
		packedFiles = packed[0].files.map((f: { path: string }) => f.path);
		prefix = join(tmp, 'prefix');
		execFileSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', tarball], { stdio: ['ignore', 'ignore', 'pipe'] });
		work = join(tmp, 'work');
		mkdirSync(join(work, 'ci'), { recursive: true });
		copyFileSync(join(fixtures, 'dirty/pod.yaml'), join(work, 'pod.yaml'));
		copyFileSync(join(fixtures, 'broken/notes.yaml'), join(work, 'ci/notes.yaml'));
		env = { ...process.env, PATH: `${join(prefix, 'bin')}${delimiter}${process.env.PATH}` };
	});

	after(() => {
		if (tmp) rmSync(tmp, { recursive: true, force: true });
	});

	it('packs the CLI bundle and the rule pages, nothing else of the repository', () => {
		const files = packedFiles;
		assert.ok(files.includes('dist/cli.js'));
		for (const rule of RULES) assert.ok(files.includes(`docs/rules/${rule.id}.md`), rule.id);
		const unexpected = files.filter((f) => !/^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/cli\.js|dist\/worker\.js|docs\/suppression\.md|docs\/rules\/[^/]+\.md)$/.test(f));
		assert.deepEqual(unexpected, []);
	});

	it('installs the runtime dependencies only', () => {
		const installed = readdirSync(join(prefix, 'lib/node_modules/bosun/node_modules'));
		for (const dep of Object.keys(pkg.dependencies)) assert.ok(installed.includes(dep) || installed.includes(dep.split('/')[0]), dep);
		const devOnly = Object.keys(pkg.devDependencies).filter((dep) => installed.includes(dep.split('/')[0]));
		assert.deepEqual(devOnly, []);
	});

	it('gives a bosun command that works from any folder', () => {
		assert.equal(inWork('bosun', ['--version']).stdout.trim(), pkg.version);
		const lint = inWork('bosun', ['lint']);
		assert.equal(lint.code, 1, lint.stderr);
		assert.match(lint.stdout, /^pod\.yaml:\d+:\d+: error /m);
		assert.match(lint.stdout, /in 1 file \(1 file skipped: not Kubernetes\)/);
		const rules = JSON.parse(inWork('bosun', ['rules', '--format', 'json']).stdout) as { id: string; docs: string }[];
		assert.equal(rules.length, RULES.length);
		for (const rule of rules) assert.ok(existsSync(rule.docs), `${rule.id}: ${rule.docs} is installed`);
	});

	it('runs the pre-commit hook entry on staged files: findings fail it, a commit without manifests passes', () => {
		const [hook] = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string }[];
		assert.equal(hook.language, 'node');
		const files = new RegExp(hook.files);
		assert.ok(files.test('deploy/web.yaml') && files.test('web.yml') && !files.test('README.md'));
		const [command, ...args] = hook.entry.split(' ');
		assert.equal(command, 'bosun', 'the package installs this command');
		assert.equal(inWork(command, [...args, 'pod.yaml', 'ci/notes.yaml']).code, 1);
		const onlyCi = inWork(command, [...args, 'ci/notes.yaml']);
		assert.equal(onlyCi.code, 0, onlyCi.stderr);
	});

	describe('the GitHub Action', () => {
		const action = parse(readFileSync(join(root, 'action.yml'), 'utf8'));
		const lintStep = action.runs.steps.find((s: { id?: string }) => s.id === 'lint');

		/** Run the action's script as its step runs it: action.yml's env with these inputs, the runner's variables. */
		function runAction(inputs: Record<string, string>, cwd = work) {
			const outputFile = join(tmp, `output-${Math.random().toString(36).slice(2)}`);
			const stepEnv: NodeJS.ProcessEnv = { GITHUB_OUTPUT: outputFile, GITHUB_ACTION_PATH: root, RUNNER_TEMP: join(tmp, 'runner') };
			mkdirSync(stepEnv.RUNNER_TEMP!, { recursive: true });
			for (const [name, expression] of Object.entries(lintStep.env as Record<string, string>)) {
				const input = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(expression)![1];
				stepEnv[name] = inputs[input] ?? action.inputs[input].default;
			}
			const script = /"\$GITHUB_ACTION_PATH\/(.+)"$/.exec(lintStep.run)![1];
			const r = inWork('bash', [join(root, script)], stepEnv, cwd);
			const outputs = Object.fromEntries(
				(existsSync(outputFile) ? readFileSync(outputFile, 'utf8') : '')
					.split('\n')
					.filter(Boolean)
					.map((line) => line.split(/=(.*)/s).slice(0, 2)),
			);
			return { ...r, outputs };
		}

		it('maps every input to the script, and the script reads only what it is given', () => {
			const script = readFileSync(join(root, 'scripts/github-action.sh'), 'utf8');
			const read = new Set([...script.matchAll(/\$\{?(BOSUN_[A-Z_]+)/g)].map((m) => m[1]));
			assert.deepEqual([...read].sort(), Object.keys(lintStep.env).sort());
			const used = new Set([...JSON.stringify(action.runs).matchAll(/inputs\.([a-z-]+)/g)].map((m) => m[1]));
			assert.deepEqual([...used].sort(), Object.keys(action.inputs).sort());
		});

		it('installs the CLI from a package, writes SARIF for code scanning and records the exit code without failing', () => {
			const r = runAction({ package: tarball });
			assert.equal(r.code, 0, r.stderr);
			assert.equal(r.outputs['exit-code'], '1');
			assert.equal(r.outputs['sarif-file'], 'bosun.sarif');
			const sarif = JSON.parse(readFileSync(join(work, 'bosun.sarif'), 'utf8'));
			assert.equal(sarif.version, '2.1.0');
			assert.ok(sarif.runs[0].results.some((x: { ruleId: string }) => x.ruleId === 'requests-exceed-limits'));
			assert.match(r.stdout, /^pod\.yaml:\d+:\d+: error /m, 'the findings are in the log');
		});

		it('uses its own build without a package, honours fail-on, and reports no manifest as exit code 2', () => {
			assert.equal(runAction({ 'fail-on': 'never' }).outputs['exit-code'], '0');
			const empty = join(tmp, 'empty');
			mkdirSync(empty, { recursive: true });
			const none = runAction({}, empty);
			assert.equal(none.outputs['exit-code'], '2');
			assert.match(none.stderr, /no Kubernetes manifests found/);
			assert.equal(runAction({ 'error-on-empty': 'false' }, empty).outputs['exit-code'], '0');
		});
	});
});
