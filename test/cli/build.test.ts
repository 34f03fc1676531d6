// `bosun build <dir>` through the built CLI (dist/cli.js): what kustomize build prints, exit 2 with
// kustomize's message on a build error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const fixtures = join(root, 'test/fixtures/kustomize');
const cli = join(root, 'dist/cli.js');

function bosun(args: string[], cwd = fixtures) {
	const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: bosun build', () => {
	it('prints the built overlay with generated names and rewritten references', () => {
		const r = bosun(['build', 'name-references/overlay']);
		assert.equal(r.code, 0, r.stderr);
		assert.equal(r.stderr, '');
		const docs = r.stdout.split('---\n');
		assert.equal(docs.length, 9);
		assert.match(docs[0], /^apiVersion: v1\nkind: ServiceAccount\nmetadata:\n {2}name: prod-app-v2\n {2}namespace: production\n$/);
		assert.match(r.stdout, /claimName: prod-data-v2\n/);
		assert.match(r.stdout, /name: prod-app-config-v2-[a-z0-9]{10}\n/);
	});

	it('builds the current folder when no folder is given', () => {
		const r = bosun(['build'], join(fixtures, 'delete-object'));
		assert.equal(r.code, 0, r.stderr);
		assert.equal(r.stdout, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept\n');
	});

	it('exits 2 with kustomize\'s message and the place of the error', () => {
		const dir = mkdtempSync(join(tmpdir(), 'bosun-build-'));
		try {
			mkdirSync(join(dir, 'app'));
			writeFileSync(join(dir, 'app', 'kustomization.yaml'), 'resources:\n- missing.yaml\n');
			const r = bosun(['build', 'app'], dir);
			assert.equal(r.code, 2);
			assert.equal(r.stdout, '');
			assert.match(r.stderr, /^Error: accumulating resources: accumulation err='accumulating resources from 'missing\.yaml'/);
			assert.match(r.stderr, /\n {2}at app\/kustomization\.yaml:2\n$/);
			const notDir = bosun(['build', 'nowhere'], dir);
			assert.equal(notDir.code, 2);
			assert.match(notDir.stderr, /not a valid directory: nowhere/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('refuses more than one folder', () => {
		const r = bosun(['build', 'a', 'b']);
		assert.equal(r.code, 2);
		assert.match(r.stderr, /build takes one kustomization directory/);
	});
});
