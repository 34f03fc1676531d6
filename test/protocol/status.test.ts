// What the server tells the client's status item, over stdio: `bosun/indexing` while the workspace folders
// are first read (percentages that only grow, then ready), and `bosun/documentStatus` after each lint of
// an open document: a manifest, a YAML file that is not Kubernetes, a `.bosun.yaml`; partial while the
// index is not ready (cross-file rules have not run), complete after.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { DocumentStatus, IndexingStatus } from '../../server/src/lsp/protocol';
import { createWorkspace, fileUri, LspTestClient, removeWorkspace } from '../helpers/lspClient';

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/acme/web:1.4.2\n';
const WORKFLOW = 'name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n';
/** Enough files that the first reading takes several batches. */
const FILLER_FILES = 200;

describe('protocol: status for the status item', function () {
	let root: string;
	let client: LspTestClient;

	before(async () => {
		const files: Record<string, string> = { 'web.yaml': DEPLOYMENT, '.github/workflows/ci.yaml': WORKFLOW, '.bosun.yaml': 'rules: {}\n' };
		for (let i = 0; i < FILLER_FILES; i++) files[`filler/cm-${i}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata: {}\n`;
		root = createWorkspace(files);
		client = await LspTestClient.start({ folders: [root] });
	});
	after(async () => {
		await client?.stop();
		removeWorkspace(root);
	});

	it('reports indexing progress, then ready; a manifest linted meanwhile is partial, and complete once the index is ready', async () => {
		const uri = fileUri(join(root, 'web.yaml'));
		await client.open(uri, DEPLOYMENT, 1);
		await client.waitForNotification<IndexingStatus>('bosun/indexing', (s) => s.ready, { timeoutMs: 20000 });
		const complete = await client.waitForNotification<DocumentStatus>('bosun/documentStatus', (s) => s.uri === uri && !s.partial, { timeoutMs: 10000 });
		assert.deepEqual(complete, { uri, version: 1, kind: 'manifest', partial: false });

		const indexing = client.notifications.filter((n) => n.method === 'bosun/indexing').map((n) => n.params as IndexingStatus);
		const percentages = indexing.map((s) => s.percentage);
		assert.deepEqual(percentages, [...percentages].sort((a, b) => a - b), 'percentages only grow');
		assert.ok(indexing.length > 2, `progress in steps: ${JSON.stringify(indexing)}`);
		assert.deepEqual(indexing.at(-1), { ready: true, percentage: 100 });
		assert.equal(indexing.filter((s) => s.ready).length, 1, 'ready once');

		// Every status sent before the index was ready is partial; every one after is complete.
		let ready = false;
		for (const n of client.notifications) {
			if (n.method === 'bosun/indexing' && n.params.ready) ready = true;
			if (n.method === 'bosun/documentStatus' && n.params.uri === uri) assert.equal(n.params.partial, !ready, JSON.stringify(n.params));
		}
	});

	it('says a YAML file without Kubernetes objects is not a manifest, and a .bosun.yaml is configuration', async () => {
		const workflow = fileUri(join(root, '.github/workflows/ci.yaml'));
		await client.open(workflow, WORKFLOW, 1);
		assert.deepEqual(await client.waitForNotification('bosun/documentStatus', (s: DocumentStatus) => s.uri === workflow), { uri: workflow, version: 1, kind: 'other', partial: false });
		const config = fileUri(join(root, '.bosun.yaml'));
		await client.open(config, 'rules: {}\n', 1);
		assert.deepEqual(await client.waitForNotification('bosun/documentStatus', (s: DocumentStatus) => s.uri === config), { uri: config, version: 1, kind: 'config', partial: false });
	});
});
