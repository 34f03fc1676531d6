// The product promise, end to end over the protocol: a bare Deployment becomes free of findings (hints
// aside, which have no fix by design) using only Bosun's quick fixes, fix-all and companion actions,
// each applied as the editor would apply it. Fix-all (fix on save) applies the safe fixes; the unsafe
// ones (probes, resources, security settings) are the user's choice, one quick fix at a time.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { createWorkspace, fileUri, LspTestClient, positionOf, removeWorkspace } from '../helpers/lspClient';
import { RULES_BY_ID } from '../../server/src/rules';
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

	it('needs only fix-all, the quick fixes the user picks and the companion actions', async () => {
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
		assert.ok(diagnostics.every((d) => (d.data as { fix: string | null }).fix !== 'safe'), 'no safe fix is left after fix-all');

		// 2. The unsafe fixes, each chosen from the quick-fix menu of its finding.
		const chosen: string[] = [];
		for (let step = 0; step < 20; step++) {
			// Companion documents come in step 3, from the kind line.
			const next = diagnostics.find((d) => (d.data as { fix: string | null }).fix === 'unsafe' && RULES_BY_ID.get(String(d.code))?.fixKind === 'Q');
			if (!next) break;
			const actions = await actionsAt(next.range.start.line, next.range.start.character, [next]);
			const fix = actions.find((a) => a.diagnostics?.length && a.edit && !a.title.startsWith('Ignore ') && !a.title.startsWith('Fix all '));
			assert.ok(fix, `a fix for ${next.code} among ${JSON.stringify(actions.map((a) => a.title))}`);
			assert.notEqual(fix.isPreferred, true, `${fix.title} is unsafe, so not preferred`);
			chosen.push(String(next.code));
			diagnostics = await apply(fix);
		}
		// (missing-resource-requests goes with the limit fixes, which set the request they copy.)
		for (const expected of ['missing-liveness-probe', 'missing-readiness-probe', 'missing-memory-limit', 'run-as-root']) {
			assert.ok(chosen.includes(expected), `${expected} was an unsafe quick fix: ${chosen.join(', ')}`);
		}

		// 3. The companions, from the refactor actions on the kind line.
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
