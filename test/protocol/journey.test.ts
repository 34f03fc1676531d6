// The product promise, end to end over the protocol: a bare Deployment becomes free of findings (hints
// aside, which have no fix by design) using only Bosun's quick fixes, fix-all and companion actions,
// each applied as the editor would apply it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { createWorkspace, fileUri, LspTestClient, positionOf, removeWorkspace } from '../helpers/lspClient';
import { applyLspEdits } from '../helpers/workspaceEdits';

const BARE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-web
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: shop-web
  template:
    metadata:
      labels:
        app: shop-web
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
          ports:
            - name: http
              containerPort: 8080
`;

const HINT = 4;

describe('protocol: from a bare Deployment to a production-ready file', function () {
	let root: string;
	let client: LspTestClient;
	let uri: string;
	let version = 1;
	let text = BARE;

	async function apply(action: CodeAction): Promise<Diagnostic[]> {
		const changes = action.edit?.documentChanges as TextDocumentEdit[] | undefined;
		assert.ok(changes?.length, `${action.title} carries an edit`);
		assert.equal(changes.length, 1, `${action.title}: one document change (same-file placement)`);
		text = applyLspEdits(text, changes[0].edits);
		const mark = client.mark();
		version++;
		await client.change(uri, text, version);
		return (await client.waitForDiagnostics(uri, (p) => p.version === version, { after: mark, timeoutMs: 10000 })).diagnostics;
	}

	function actionsAt(line: number, character: number, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
		const range = { start: { line, character }, end: { line, character } };
		const here = diagnostics.filter((d) => d.range.start.line <= line && d.range.end.line >= line);
		return client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: here, ...(only ? { only } : {}) } });
	}

	before(async () => {
		root = createWorkspace({ 'web.yaml': BARE });
		uri = fileUri(join(root, 'web.yaml'));
		client = await LspTestClient.start({ folders: [root] });
		await client.request('bosun/lintWorkspace');
	});
	after(async () => {
		await client?.stop();
		removeWorkspace(root);
	});

	it('needs only fix-all and the companion actions', async () => {
		const mark = client.mark();
		await client.open(uri, text, version);
		let diagnostics = (await client.waitForDiagnostics(uri, (p) => p.version === version, { after: mark, timeoutMs: 10000 })).diagnostics;
		const before = new Set(diagnostics.filter((d) => (d.severity ?? 1) < HINT).map((d) => String(d.code)));
		for (const expected of ['missing-liveness-probe', 'missing-readiness-probe', 'missing-resource-requests', 'missing-memory-limit', 'missing-labels', 'missing-pdb', 'missing-network-policy', 'run-as-root']) {
			assert.ok(before.has(expected), `the bare Deployment should start with ${expected}: ${[...before].join(', ')}`);
		}

		// 1. Fix all safe fixes at once, as fix-on-save does.
		const [fixAll] = await actionsAt(0, 0, diagnostics, ['source.fixAll.bosun']);
		assert.ok(fixAll, 'source.fixAll.bosun is offered');
		diagnostics = await apply(fixAll);

		// 2. The companions, from the refactor actions on the kind line.
		const kind = positionOf(text, 'kind: Deployment');
		for (const title of ['Add PodDisruptionBudget for shop-web', 'Add NetworkPolicy for shop-web', 'Add HorizontalPodAutoscaler for shop-web']) {
			const actions = await actionsAt(kind.line, kind.character, diagnostics);
			const action = actions.find((a) => a.title.startsWith(title));
			assert.ok(action, `"${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
			diagnostics = await apply(action);
		}

		const left = diagnostics.filter((d) => (d.severity ?? 1) < HINT).map((d) => `${d.code}: ${d.message}`);
		assert.deepEqual(left, [], `findings left after the journey:\n${text}`);
		assert.equal((text.match(/^---$/gm) ?? []).length, 3, 'three companion documents appended');
	});
});
