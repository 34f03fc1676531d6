// `bosun lint` spread over threads (cliWorkers.ts, indexing/lintShare.ts) reports exactly what the main
// thread alone reports. In-process, a shared lint with workers of the built dist/worker.js must give
// every file the findings (with `fixable`) and Kubernetes verdict of engine.ts lintInputs, with files
// actually linted in workers. The built CLI must print byte for byte the same text, JSON and SARIF, the
// same errors and exit codes, whatever BOSUN_THREADS says (1: the main thread only), over fixtures with
// charts, overlays, configuration files and unreadable files, stdin, and the corpus when it is present.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cliFindingsOf } from '../../server/src/cliFindings';
import { lintThreads, startSharedLint } from '../../server/src/cliWorkers';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { isKubernetesFile, lintInputs } from '../../server/src/engine';
import { lintInputsUnder } from '../helpers/lintInputs';
import { skipBecause } from '../helpers/skip';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const WORKER = join(ROOT, 'dist', 'worker.js');
const SHARED = join(ROOT, '..', 'shared');

/** Let the main thread wait, as it does while it lints charts and overlays, until the workers have taken files. */
function waitUntil(ready: () => boolean, timeoutMs: number): void {
	const pause = new Int32Array(new SharedArrayBuffer(4));
	const deadline = Date.now() + timeoutMs;
	while (!ready() && Date.now() < deadline) Atomics.wait(pause, 0, 0, 5);
}

function bosun(args: string[], threads: string | undefined, input?: string) {
	const env = { ...process.env };
	delete env.BOSUN_THREADS;
	if (threads !== undefined) env.BOSUN_THREADS = threads;
	const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: lint on every core', function () {
	this.timeout(600000);

	before(function () {
		if (!existsSync(CLI) || !existsSync(WORKER)) skipBecause(this, 'dist/cli.js or dist/worker.js is missing: run `node esbuild.mjs` first');
	});

	it('workers of dist/worker.js and the main thread lint their shares, with the main thread’s findings', async () => {
		const dirs = [join(ROOT, 'examples'), join(ROOT, 'test', 'fixtures'), ...[join(SHARED, 'corpus', 'real')].filter(existsSync)];
		const inputs = lintInputsUnder(dirs, ROOT);
		const lint = startSharedLint(inputs, 3, 'hint', WORKER);
		assert.ok(lint, 'the workers start');
		waitUntil(() => lint.taken() > 0, 60000);
		const results = await lint.finish(() => DEFAULT_CONFIG);
		assert.ok(results, 'the shared lint finishes');
		assert.equal(lint.taken(), inputs.length);
		const expected = lintInputs(inputs);
		expected.forEach((result, i) => {
			assert.equal(results[i]?.kubernetes, isKubernetesFile(result.analysis), `${result.file}: Kubernetes or not`);
			assert.deepEqual(results[i]?.findings, cliFindingsOf(result.file, result.analysis, result.findings, 'hint'), result.file);
		});
		const byShare = new Map<number, number>();
		for (const r of results) byShare.set(r!.share, (byShare.get(r!.share) ?? 0) + 1);
		console.log(`      ${inputs.length} files; by share (0: main thread): ${[...byShare].sort(([a], [b]) => a - b).map(([share, n]) => `${share}: ${n}`).join(', ')}`);
		assert.ok([...byShare.keys()].some((share) => share > 0), 'files were linted in workers');
	});

	it('a file no share owns (a chart template, an overlay file) is in no workspace and gets no result', async () => {
		const inputs = lintInputsUnder([join(ROOT, 'examples')], ROOT);
		const lint = startSharedLint(inputs, 2, 'info', WORKER)!;
		const skipped = inputs.findIndex((input) => /production-ready/.test(input.file));
		const results = (await lint.finish((index) => (index === skipped ? undefined : DEFAULT_CONFIG)))!;
		const expected = lintInputs(inputs.filter((_, i) => i !== skipped));
		assert.deepEqual(
			results.filter((_, i) => i !== skipped).map((r) => r!.findings),
			expected.map((r) => cliFindingsOf(r.file, r.analysis, r.findings, 'info')),
		);
		assert.deepEqual(results[skipped]?.findings, []);
	});

	it('shares a lint only when it is large enough to repay the other threads, unless BOSUN_THREADS says', () => {
		const ofSize = (bytes: number) => [{ file: 'a.yaml', text: 'x'.repeat(bytes / 2) }, { file: 'b.yaml', text: 'y'.repeat(bytes / 2) }];
		assert.equal(lintThreads(ofSize(3_000_000), {}, 2), 1, '3 MB on 2 cores');
		assert.equal(lintThreads(ofSize(30_000_000), {}, 2), 2, '30 MB on 2 cores');
		assert.equal(lintThreads(ofSize(30_000_000), {}, 8), 8, '30 MB on 8 cores');
		assert.equal(lintThreads(ofSize(30_000_000), {}, 1), 1, 'one core');
		// more cores repay their start sooner
		const smallestShared = (cores: number) => [1, 2, 4, 6, 8, 10, 12, 16, 20].find((mb) => lintThreads(ofSize(mb * 1_000_000), {}, cores) > 1);
		assert.ok(smallestShared(4)! <= smallestShared(2)!, `${smallestShared(4)} MB on 4 cores, ${smallestShared(2)} MB on 2`);
		assert.equal(lintThreads(ofSize(1000), { BOSUN_THREADS: '3' }, 2), 3, 'asked for');
		assert.equal(lintThreads(ofSize(30_000_000), { BOSUN_THREADS: '1' }, 8), 1, 'one thread asked for');
		assert.equal(lintThreads(ofSize(1000), { BOSUN_THREADS: 'many' }, 8), 1, 'not a number: the default');
	});

	describe('the built CLI prints the same with any number of threads', () => {
		const cases: [string, string[], string?][] = [
			['examples', ['examples']],
			['test fixtures: charts, overlays, broken and unreadable files', ['test/fixtures']],
			['stdin with files', ['-', 'examples', '--stdin-filename', 'piped.yaml'], readFileSync(join(ROOT, 'examples', 'shop', readdirSync(join(ROOT, 'examples', 'shop'))[0]), 'utf8')],
		];
		for (const [name, paths, stdin] of cases) {
			it(name, () => {
				for (const format of ['text', 'json', 'sarif']) {
					const args = ['lint', ...paths, '--format', format, '--min-severity', 'hint'];
					const alone = bosun(args, '1', stdin);
					for (const threads of ['2', '3']) {
						const shared = bosun(args, threads, stdin);
						assert.equal(shared.stdout, alone.stdout, `${format}, ${threads} threads: stdout`);
						assert.equal(shared.stderr, alone.stderr, `${format}, ${threads} threads: stderr`);
						assert.equal(shared.code, alone.code, `${format}, ${threads} threads: exit code`);
					}
				}
			});
		}

		// the corpus is large enough to be shared by default; the acceptance fixtures are not
		for (const [part, threads] of [['corpus/real', undefined], ['acceptance', '2']] as const) {
			it(`../shared/${part}, ${threads ?? 'the default number of'} threads`, function () {
				const dir = join(SHARED, part);
				if (!existsSync(dir)) skipBecause(this, `${dir} is not present`);
				for (const format of ['text', 'json', 'sarif']) {
					const args = ['lint', relative(ROOT, dir), '--format', format];
					const alone = bosun(args, '1');
					const shared = bosun(args, threads);
					assert.equal(shared.stdout, alone.stdout, `${format}: stdout`);
					assert.equal(shared.stderr, alone.stderr, `${format}: stderr`);
					assert.equal(shared.code, alone.code, `${format}: exit code`);
					assert.ok(alone.stdout.length > 1000, 'something was reported');
				}
			});
		}
	});
});
