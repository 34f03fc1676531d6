// The built server over stdio: the workspace index's warm-start cache in the storage folder the client
// gives it. A second start over an unchanged workspace parses nothing; a file whose content changed
// behind an unchanged size and modification time is read again (its hash differs); a cache that does
// not read is ignored, reported and rewritten.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INDEX_CACHE_FILE } from '../../server/src/indexing/indexCache';
import { codes, createWorkspace, fileUri, LspTestClient, removeWorkspace } from '../helpers/lspClient';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
`;
const PDB = 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: web}\n';
/** The same length as PDB, selecting other pods. */
const PDB_ELSEWHERE = PDB.replace('{app: web}', '{app: wxb}');

describe('protocol: the workspace index cache', function () {
	this.timeout(30000);
	let root: string;
	let storage: string;

	before(() => {
		root = createWorkspace({ 'deployment.yaml': DEPLOYMENT, 'pdb.yaml': PDB, 'more/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n' });
		storage = mkdtempSync(join(tmpdir(), 'bosun-storage-'));
	});
	after(() => {
		removeWorkspace(root);
		rmSync(storage, { recursive: true, force: true });
	});

	/** Start a server, wait until the index is read, open the Deployment; returns the index log line and whether missing-pdb fired. */
	async function session(): Promise<{ log: string; missingPdb: boolean }> {
		const client = await LspTestClient.start({ folders: [root], initializationOptions: { storagePath: storage } });
		try {
			const begin = await client.waitForNotification('$/progress', (p) => p.value.kind === 'begin');
			await client.waitForNotification('$/progress', (p) => p.token === begin.token && p.value.kind === 'end');
			const uri = fileUri(join(root, 'deployment.yaml'));
			await client.open(uri, DEPLOYMENT);
			const published = await client.waitForDiagnostics(uri, () => true);
			const log = client.logMessages().find((m) => m.includes('indexed')) ?? '';
			return { log, missingPdb: codes(published.diagnostics).includes('missing-pdb') };
		} finally {
			await client.stop();
		}
	}

	it('is written at shutdown and makes the next start reuse every unchanged file', async () => {
		const first = await session();
		assert.match(first.log, /indexed 3 YAML files in/);
		assert.equal(first.missingPdb, false);
		assert.ok(existsSync(join(storage, INDEX_CACHE_FILE)), 'the cache was written');
		const second = await session();
		assert.match(second.log, /indexed 3 YAML files \(3 unchanged since the cache was written\)/);
		assert.equal(second.missingPdb, false);
	});

	it('reads a file again when its content changed behind the same size and modification time', async () => {
		const pdb = join(root, 'pdb.yaml');
		const { atime, mtime } = statSync(pdb);
		writeFileSync(pdb, PDB_ELSEWHERE);
		utimesSync(pdb, atime, mtime);
		assert.equal(statSync(pdb).size, Buffer.byteLength(PDB));
		const third = await session();
		assert.match(third.log, /\(2 unchanged since the cache was written\)/);
		assert.equal(third.missingPdb, true, 'the PDB as it is now selects other pods');
		writeFileSync(pdb, PDB);
	});

	it('ignores a cache that does not read, says so, and writes it anew', async () => {
		const path = join(storage, INDEX_CACHE_FILE);
		writeFileSync(path, Buffer.from('not a cache at all'));
		const client = await LspTestClient.start({ folders: [root], initializationOptions: { storagePath: storage } });
		try {
			const begin = await client.waitForNotification('$/progress', (p) => p.value.kind === 'begin');
			await client.waitForNotification('$/progress', (p) => p.token === begin.token && p.value.kind === 'end');
			const uri = fileUri(join(root, 'deployment.yaml'));
			await client.open(uri, DEPLOYMENT);
			const published = await client.waitForDiagnostics(uri, () => true);
			assert.equal(codes(published.diagnostics).includes('missing-pdb'), false);
			const logs = client.logMessages();
			assert.ok(logs.some((m) => /index cache .* is not used: it does not read/.test(m)), logs.join('\n'));
			assert.ok(logs.some((m) => /indexed 3 YAML files in/.test(m)), logs.join('\n'));
		} finally {
			await client.stop();
		}
		assert.notEqual(readFileSync(path, 'utf8').slice(0, 18), 'not a cache at all');
	});
});
