// Fix safety in the CLI (RULES.md "Fix safety"): per rule, `--fix` applies only a safe fix and
// `--unsafe-fixes` adds the unsafe ones; the JSON `fix` field and SARIF carry the safety; `--fix` over a
// whole workspace reaches a fixed point in one run (a second run changes no file), including the case
// where a first fix enables another; and a standalone MongoDB Deployment stays runnable under `--fix`.
// The CLI runs in-process (cli.ts `main`) on temporary copies.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { main } from '../../server/src/cli';
import { RULES } from '../../server/src/rules';

const root = join(__dirname, '..', '..');
const ACCEPTANCE = join(root, '..', 'shared', 'acceptance');

let dir: string;

async function bosun(args: string[], cwd = dir): Promise<{ code: number; stdout: string; stderr: string }> {
	let stdout = '';
	let stderr = '';
	const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), readStdin: () => '', cwd, isTTY: false });
	return { code, stdout, stderr };
}

function write(name: string, text: string): string {
	const path = join(dir, name);
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, text);
	return path;
}

/** Every file below `base` and its text, by relative path. */
function snapshot(base: string): Map<string, string> {
	const out = new Map<string, string>();
	const walk = (d: string) => {
		for (const entry of readdirSync(d, { withFileTypes: true })) {
			const path = join(d, entry.name);
			if (entry.isDirectory()) walk(path);
			else out.set(relative(base, path), readFileSync(path, 'utf8'));
		}
	};
	walk(base);
	return out;
}

function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
	return [...after].filter(([file, text]) => before.get(file) !== text).map(([file]) => file);
}

/** `.bosun.yaml` enabling only `ids` (their default severity, at least info). */
function only(ids: readonly string[]): string {
	return `rules:\n${RULES.map((r) => `  ${r.id}: ${ids.includes(r.id) ? (r.defaultSeverity === 'hint' || r.defaultSeverity === 'off' ? 'info' : r.defaultSeverity) : 'off'}`).join('\n')}\n`;
}

interface JsonOut {
	findings: { rule: string; fixable: boolean; fix: 'safe' | 'unsafe' | null }[];
	fixed?: { file: string; fixes: { rule: string }[] }[];
}

const json = async (args: string[]): Promise<JsonOut> => JSON.parse((await bosun([...args, '--format', 'json'])).stdout);

describe('cli: fix safety', function () {
	this.timeout(120000);
	beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bosun-fixsafety-'))));
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	describe('per rule: the declared safety decides between --fix and --fix --unsafe-fixes', () => {
		for (const rule of RULES.filter((r) => r.fixKind === 'Q')) {
			it(`${rule.id} (${rule.fixSafety})`, async function () {
				write('.bosun.yaml', only([rule.id]));
				write('example.yaml', rule.examples.incorrect);
				const plain = (await json(['lint', '--min-severity', 'hint', 'example.yaml'])).findings.filter((f) => f.rule === rule.id);
				assert.ok(plain.length > 0, 'the incorrect example is flagged');
				for (const f of plain) {
					if (!f.fixable) assert.equal(f.fix, null);
					else if (rule.fixSafety === 'per-fix') assert.ok(f.fix === 'safe' || f.fix === 'unsafe');
					else assert.equal(f.fix, rule.fixSafety);
				}
				const fixable = plain.filter((f) => f.fixable);
				if (fixable.length === 0) {
					console.log(`      (${rule.id}: the example's fix does not apply in place)`);
					this.skip();
				}
				const safeRun = await json(['lint', '--min-severity', 'hint', '--fix-dry-run', 'example.yaml']);
				const unsafeRun = await json(['lint', '--min-severity', 'hint', '--fix-dry-run', '--unsafe-fixes', 'example.yaml']);
				const fixedBy = (out: JsonOut) => (out.fixed ?? []).flatMap((f) => f.fixes.map((x) => x.rule)).filter((id) => id === rule.id).length;
				const safe = fixable.filter((f) => f.fix === 'safe').length;
				assert.equal(fixedBy(safeRun), safe, '--fix applies exactly the safe fixes');
				assert.equal(fixedBy(unsafeRun), fixable.length, '--unsafe-fixes applies them all');
				assert.deepEqual(unsafeRun.findings.filter((f) => f.rule === rule.id), [], 'no finding of the rule is left');
				assert.equal(readFileSync(join(dir, 'example.yaml'), 'utf8'), rule.examples.incorrect, 'a dry run writes nothing');
			});
		}
	});

	it('SARIF results carry the fix safety in their properties', async () => {
		write('.bosun.yaml', only(['missing-liveness-probe', 'missing-labels']));
		write('web.yaml', RULES.find((r) => r.id === 'missing-liveness-probe')!.examples.incorrect.replace(/\n {2}name: (\S+)\n/, '\n  name: $1\n  labels: {team: a}\n'));
		const sarif = JSON.parse((await bosun(['lint', '--format', 'sarif', 'web.yaml'])).stdout);
		const byRule = new Map(sarif.runs[0].results.map((r: { ruleId: string; properties?: { fix?: string } }) => [r.ruleId, r.properties?.fix]));
		assert.equal(byRule.get('missing-liveness-probe'), 'unsafe');
		assert.equal(byRule.get('missing-labels'), 'safe');
	});

	it('a fix the first pass enables (labels, then a spread) is applied in the same run; a second run changes nothing', async () => {
		// The pod template has no labels: missing-anti-affinity offers its spread only once the selector-mismatch
		// and missing-labels fixes have labelled it.
		write(
			'web.yaml',
			'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/acme/web:1.4.2\n',
		);
		write('svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n');
		const first = await bosun(['lint', '--fix', '.']);
		assert.equal(first.code === 2, false, first.stderr);
		const fixed = readFileSync(join(dir, 'web.yaml'), 'utf8');
		assert.match(fixed, /whenUnsatisfiable: ScheduleAnyway/, fixed);
		assert.match(fixed, /app\.kubernetes\.io\/name: web/);
		const before = snapshot(dir);
		const second = await bosun(['lint', '--fix', '.']);
		assert.deepEqual(changedFiles(before, snapshot(dir)), [], second.stdout);
		assert.doesNotMatch(second.stdout, /: fixed \d+ problem/);
	});

	it('--fix over the catalog fixtures (or the repository examples) as one workspace: a second run changes no file', async function () {
		const sources = existsSync(ACCEPTANCE) ? [ACCEPTANCE] : [join(root, 'examples'), join(root, 'test', 'fixtures')];
		if (!existsSync(ACCEPTANCE)) console.log(`      (${ACCEPTANCE} is missing: using the repository's examples/ and test/fixtures/)`);
		for (const source of sources) cpSync(source, join(dir, relative(dirname(source), source)), { recursive: true, filter: (p) => statSync(p).isDirectory() || /\.(ya?ml)$/i.test(p) || p.endsWith('Kustomization') });
		for (const flags of [['--fix'], ['--fix', '--unsafe-fixes']]) {
			const start = snapshot(dir);
			const first = await bosun(['lint', ...flags, '--min-severity', 'hint', '--fail-on', 'never', '.']);
			assert.equal(first.code, 0, first.stderr);
			const afterFirst = snapshot(dir);
			assert.ok(changedFiles(start, afterFirst).length > 0, `${flags.join(' ')}: the first run fixes something`);
			const second = await bosun(['lint', ...flags, '--min-severity', 'hint', '--fail-on', 'never', '.']);
			assert.deepEqual(changedFiles(afterFirst, snapshot(dir)), [], `${flags.join(' ')}: the second run changed files:\n${second.stdout.split('\n').filter((l) => /fixed \d+ problem|^ {2}\d+:/.test(l)).join('\n')}`);
		}
	});

	describe('a standalone MongoDB Deployment', () => {
		const MONGO = `# A standalone MongoDB: one pod with its own data volume.
apiVersion: v1
kind: Service
metadata:
  name: mongodb
  labels:
    app: mongodb
spec:
  ports:
    - port: 27017
      name: mongo
  selector:
    app: mongodb
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: mongodb
  labels:
    app: mongodb
spec:
  replicas: 1
  selector:
    matchLabels:
      app: mongodb
  strategy:
    type: Recreate
  template:
    metadata:
      labels:
        app: mongodb
    spec:
      containers:
        - name: mongodb
          image: docker.io/library/mongo:7.0.14
          ports:
            - name: mongo
              containerPort: 27017
          resources:
            requests:
              cpu: 250m
              memory: 512Mi
          volumeMounts:
            - name: data
              mountPath: /data/db
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: mongodb-data
`;

		it('--fix leaves it runnable: labels only, no replicas, runAsNonRoot, limits or probes', async () => {
			const path = write('mongo.yaml', MONGO);
			const r = await bosun(['lint', '--fix', 'mongo.yaml']);
			const fixed = readFileSync(path, 'utf8');
			// What --fix did is add label lines (metadata and pod template): without them the text is the original.
			const added = fixed.split('\n').filter((line) => !MONGO.split('\n').includes(line));
			assert.deepEqual([...new Set(added.map((l) => l.trim()))], ['app.kubernetes.io/name: mongodb'], fixed);
			assert.equal(added.length, 3, 'the Service, the Deployment and its pod template');
			assert.equal(fixed.split('\n').filter((l) => !l.includes('app.kubernetes.io/name')).join('\n'), MONGO);
			assert.match(r.stdout, /unsafe fixes not applied \(review them, then run with --fix --unsafe-fixes\)/);
			assert.equal((await bosun(['lint', '--fix', 'mongo.yaml'])).stdout.includes('fixed'), false, 'a second run is a no-op');
		});

		it('--unsafe-fixes applies the rest, reading what is there, and the result has no identical probes', async () => {
			const path = write('mongo.yaml', MONGO);
			await bosun(['lint', '--fix', '--unsafe-fixes', 'mongo.yaml']);
			const fixed = readFileSync(path, 'utf8');
			assert.match(fixed, /\nspec:\n {2}replicas: 2\n {2}selector:/, 'replicas stays above the selector');
			assert.match(fixed, /runAsNonRoot: true/);
			assert.match(fixed, /limits:\n {14}cpu: 500m\n {14}memory: 512Mi\n/, 'limits from the requests: memory equal, cpu with headroom');
			assert.match(fixed, /livenessProbe:\n {12}tcpSocket:\n {14}port: mongo\n {12}failureThreshold: 6\n/);
			assert.match(fixed, /readinessProbe:\n {12}tcpSocket:\n {14}port: mongo\n/);
			const after = await json(['lint', '--min-severity', 'hint', 'mongo.yaml']);
			assert.deepEqual(after.findings.filter((f) => f.rule === 'identical-probes' || f.rule === 'requests-exceed-limits' || f.rule === 'syntax-error'), []);
			assert.deepEqual(after.findings.filter((f) => f.fix !== null), [], 'nothing fixable is left');
		});
	});
});
