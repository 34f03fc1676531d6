// `bosun lint --fix` killed (SIGKILL, which nothing can catch) as soon as it starts writing: every
// manifest is then either untouched or completely fixed, never half written. A kill between creating a
// temporary file and renaming it over the manifest can leave that hidden `.name.bosun-<pid>-<time>.tmp`
// behind: nothing else may be left, it is not linted, and running --fix again finishes the job.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
const FILES = 60;

/** A manifest with several safe fixes (probes, security context, service account token...). */
function manifest(i: number): string {
	return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  labels: {app.kubernetes.io/name: web-${i}}
spec:
  replicas: 3
  selector:
    matchLabels: {app: web-${i}}
  template:
    metadata:
      labels: {app: web-${i}, app.kubernetes.io/name: web-${i}}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.${i}
          ports:
            - name: http
              containerPort: 8080
`;
}

function fileName(i: number): string {
	return `web-${String(i).padStart(3, '0')}.yaml`;
}

function lintFix(dir: string) {
	return spawnSync(process.execPath, [cli, 'lint', '--fix', '--fail-on', 'never', '.'], { cwd: dir, encoding: 'utf8' });
}

/** Start --fix and SIGKILL it as soon as it creates its first file (the write phase has begun). */
function killWhileWriting(dir: string): Promise<{ signal: NodeJS.Signals | null; sawWrite: boolean }> {
	return new Promise((resolve) => {
		let sawWrite = false;
		const child = spawn(process.execPath, [cli, 'lint', '--fix', '--fail-on', 'never', '.'], { cwd: dir, stdio: 'ignore' });
		const watcher = watch(dir, () => {
			if (sawWrite) return;
			sawWrite = true;
			child.kill('SIGKILL');
		});
		child.on('exit', (_code, signal) => {
			watcher.close();
			resolve({ signal, sawWrite });
		});
	});
}

describe('robustness: --fix killed while writing', function () {
	this.timeout(120000);
	let original: string;
	let fixed: Map<string, string>;

	before(() => {
		original = mkdtempSync(join(tmpdir(), 'bosun-kill-'));
		for (let i = 0; i < FILES; i++) writeFileSync(join(original, fileName(i)), manifest(i));
		// What a run that is left alone writes.
		const reference = mkdtempSync(join(tmpdir(), 'bosun-kill-ref-'));
		cpSync(original, reference, { recursive: true });
		const r = lintFix(reference);
		assert.equal(r.status, 0, r.stderr);
		fixed = new Map(readdirSync(reference).map((name) => [name, readFileSync(join(reference, name), 'utf8')]));
		rmSync(reference, { recursive: true, force: true });
		for (let i = 0; i < FILES; i++) assert.notEqual(fixed.get(fileName(i)), manifest(i), 'every file has fixes to write');
	});

	after(() => rmSync(original, { recursive: true, force: true }));

	for (let trial = 1; trial <= 3; trial++) {
		it(`leaves every file untouched or completely fixed (trial ${trial})`, async () => {
			const dir = mkdtempSync(join(tmpdir(), 'bosun-kill-run-'));
			try {
				cpSync(original, dir, { recursive: true });
				const { signal, sawWrite } = await killWhileWriting(dir);
				assert.ok(sawWrite, 'the run reached its write phase');
				const names = readdirSync(dir);
				let untouched = 0;
				let done = 0;
				for (let i = 0; i < FILES; i++) {
					const text = readFileSync(join(dir, fileName(i)), 'utf8');
					if (text === manifest(i)) untouched++;
					else if (text === fixed.get(fileName(i))) done++;
					else assert.fail(`${fileName(i)} is neither the original nor the fixed text:\n${text}`);
				}
				assert.equal(untouched + done, FILES);
				if (signal === 'SIGKILL') assert.ok(untouched > 0, 'killed before the last file was written');
				const others = names.filter((n) => !/^web-\d{3}\.yaml$/.test(n));
				assert.deepEqual(others.filter((n) => !/^\..*\.bosun-\d+-\d+\.tmp$/.test(n)), [], 'only Bosun temporary files besides the manifests');

				// Temporary files are not manifests to lint, and a second run completes the fixes.
				const again = lintFix(dir);
				assert.equal(again.status, 0, again.stderr);
				assert.doesNotMatch(again.stdout, /\.tmp/);
				for (let i = 0; i < FILES; i++) assert.equal(readFileSync(join(dir, fileName(i)), 'utf8'), fixed.get(fileName(i)));
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		});
	}
});
