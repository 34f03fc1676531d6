// `bosun lint --fix` and `--fix-dry-run` on temporary copies: the exact fixed text, atomic writes that
// keep the file mode, CRLF and byte order mark, the diff of a dry run that writes nothing, stdin, JSON
// output, and what `fixable` means. Only the two probe rules are enabled (a .bosun.yaml turns the
// others off), so the expected texts do not move when other rules gain fixes. Their fixes are unsafe
// (RULES.md "Fix safety"): `--fix` alone leaves them and says so; `--unsafe-fixes` applies them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES } from '../../server/src/rules';

const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
const PROBES = ['missing-liveness-probe', 'missing-readiness-probe'];

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web # the web app
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
          ports:
            - name: http
              containerPort: 8080
`;

const fixedDeployment = `${deployment}          livenessProbe:
            tcpSocket:
              port: http
            failureThreshold: 6
          readinessProbe:
            httpGet:
              path: /
              port: http
`;

let dir: string;

function bosun(args: string[], input?: string) {
	const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, input, encoding: 'utf8' });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(name: string, text: string | Buffer): string {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
}

describe('cli --fix', () => {
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'bosun-fix-'));
		const rules = RULES.filter((r) => !PROBES.includes(r.id)).map((r) => `  ${r.id}: off`);
		write('.bosun.yaml', `rules:\n${rules.join('\n')}\n`);
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('fixes the file in place, keeps its mode, says what it changed, then reports what is left', () => {
		const path = write('web.yaml', deployment);
		chmodSync(path, 0o640);
		const r = bosun(['lint', '--fix', '--unsafe-fixes', 'web.yaml']);
		assert.equal(r.code, 0, r.stderr);
		assert.equal(readFileSync(path, 'utf8'), fixedDeployment);
		assert.equal(statSync(path).mode & 0o777, 0o640);
		assert.equal(
			r.stdout,
			'web.yaml: fixed 2 problems\n  10: Add livenessProbe (tcpSocket on port http, failureThreshold 6) [missing-liveness-probe]\n  10: Add readinessProbe (httpGet / on port http) [missing-readiness-probe]\n\n1 file linted: no findings.\n',
		);
		assert.deepEqual(readdirSync(dir).sort(), ['.bosun.yaml', 'web.yaml'], 'no temporary file is left behind');

		const again = bosun(['lint', '--fix', '--unsafe-fixes', 'web.yaml']);
		assert.equal(again.stdout, '1 file linted: no findings.\n');
		assert.equal(readFileSync(path, 'utf8'), fixedDeployment);
	});

	it('keeps CRLF line endings and a byte order mark', () => {
		const crlf = (s: string) => s.replace(/\n/g, '\r\n');
		const path = write('web.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf(deployment))]));
		assert.equal(bosun(['lint', '--fix', '--unsafe-fixes', 'web.yaml']).code, 0);
		const bytes = readFileSync(path);
		assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
		assert.equal(bytes.subarray(3).toString('utf8'), crlf(fixedDeployment));
	});

	it('--fix-dry-run prints a unified diff and writes nothing', () => {
		const path = write('web.yaml', deployment);
		const before = statSync(path).mtimeMs;
		const r = bosun(['lint', '--fix-dry-run', '--unsafe-fixes', 'web.yaml']);
		assert.equal(readFileSync(path, 'utf8'), deployment);
		assert.equal(statSync(path).mtimeMs, before);
		assert.ok(
			r.stdout.startsWith(
				'--- a/web.yaml\n+++ b/web.yaml\n@@ -12,3 +12,11 @@\n' +
					'           ports:\n             - name: http\n               containerPort: 8080\n' +
					'+          livenessProbe:\n+            tcpSocket:\n+              port: http\n+            failureThreshold: 6\n+          readinessProbe:\n+            httpGet:\n+              path: /\n+              port: http\n',
			),
			r.stdout,
		);
		// The report shows what fixing would leave.
		assert.match(r.stdout, /1 file linted: no findings\.\n$/);
	});

	it('with stdin, prints the fixed text on stdout and the report on stderr', () => {
		const r = bosun(['lint', '--fix', '--unsafe-fixes', '-'], deployment);
		assert.equal(r.code, 0, r.stderr);
		assert.equal(r.stdout, fixedDeployment);
		assert.match(r.stderr, /<stdin>: fixed 2 problems/);
		assert.match(r.stderr, /1 file linted: no findings\./);
	});

	it('JSON output stays JSON and lists the fixes; fixable is true only for a verified in-place fix', () => {
		write('web.yaml', deployment);
		const dry = JSON.parse(bosun(['lint', '--format', 'json', '--fix-dry-run', '--unsafe-fixes', 'web.yaml']).stdout);
		assert.deepEqual(dry.findings, []);
		assert.equal(dry.fixed.length, 1);
		assert.deepEqual(dry.fixed[0].fixes.map((f: { rule: string }) => f.rule), PROBES);
		assert.equal(dry.fixed[0].written, false);
		assert.match(dry.fixed[0].diff, /^\+ {10}livenessProbe:$/m);

		const plain = JSON.parse(bosun(['lint', '--format', 'json', 'web.yaml']).stdout);
		assert.deepEqual(plain.findings.map((f: { rule: string; fixable: boolean; fix: string | null }) => `${f.rule}:${f.fixable}:${f.fix}`), PROBES.map((id) => `${id}:true:unsafe`));
	});

	it('leaves a file alone when no fix can be made safely, and then reports it as not fixable', () => {
		// Both containers are one anchored map: a probe added to it would change the other one too.
		const aliased = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: a}
  spec:
    containers:
    - &web
      name: web
      image: web:1
      ports: [{name: http, containerPort: 80}]
- apiVersion: v1
  kind: Pod
  metadata: {name: b}
  spec:
    containers:
    - *web
`;
		const path = write('pods.yaml', aliased);
		const r = bosun(['lint', '--fix', '--unsafe-fixes', '--format', 'json', 'pods.yaml']);
		assert.equal(readFileSync(path, 'utf8'), aliased);
		const out = JSON.parse(r.stdout);
		assert.deepEqual(out.fixed, []);
		assert.equal(out.findings.length, 4);
		assert.ok(out.findings.every((f: { fixable: boolean; fix: string | null }) => f.fixable === false && f.fix === null));
	});

	it('--fix alone leaves unsafe fixes, says how many and how to apply them', () => {
		const path = write('web.yaml', deployment);
		const r = bosun(['lint', '--fix', 'web.yaml']);
		assert.equal(readFileSync(path, 'utf8'), deployment, 'probe fixes are unsafe: not written');
		assert.match(r.stdout, /; 2 unsafe fixes not applied \(review them, then run with --fix --unsafe-fixes\)\.\n$/);
		assert.match(r.stdout, /\[missing-liveness-probe\] \(unsafe fix\)/);
		const plain = bosun(['lint', 'web.yaml']);
		assert.match(plain.stdout, /; 2 more with --fix --unsafe-fixes \(review them: they can change how a workload runs\)\.\n$/);
		const dry = bosun(['lint', '--fix-dry-run', 'web.yaml']);
		assert.ok(!dry.stdout.includes('+++'), 'no diff without --unsafe-fixes');
	});

	it('refuses --unsafe-fixes without --fix or --fix-dry-run', () => {
		const r = bosun(['lint', '--unsafe-fixes', 'web.yaml']);
		assert.equal(r.code, 2);
		assert.match(r.stderr, /--unsafe-fixes goes with --fix or --fix-dry-run/);
	});

	it('refuses --fix together with --fix-dry-run', () => {
		const r = bosun(['lint', '--fix', '--fix-dry-run', 'web.yaml']);
		assert.equal(r.code, 2);
		assert.match(r.stderr, /exclude each other/);
	});
});
