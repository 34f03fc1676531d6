// Code actions from the built server over stdio: request them for a diagnostic, apply the returned
// versioned edit as the editor would, send the new text and check the re-lint. Covers the fix, "fix
// all <rule> problems", the ignore annotation, the documentation command, a companion document, the
// source.fixAll.bosun kind (safe fixes only), which fixes are preferred (safe ones only), snippet
// placeholders for clients that announce snippet edits, and stale versions.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { ClientCapabilities, CodeAction, Diagnostic, PublishDiagnosticsParams, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { parseDocument } from 'yaml';
import { codes, createWorkspace, fileUri, LspTestClient, removeWorkspace } from '../helpers/lspClient';
import { applyLspEdits, SnippetTextEdit, snippetText } from '../helpers/workspaceEdits';

const TWO_CONTAINERS = `apiVersion: apps/v1
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
        - name: web # main
          image: ghcr.io/acme/web:1.4.2
          ports:
            - name: http
              containerPort: 8080
        - name: proxy
          image: ghcr.io/acme/proxy:2.0.0
          ports:
            - containerPort: 9000
`;

/** Apply a code action's document change to `text` as the editor does, checking it targets `version`. */
function applyAction(text: string, action: CodeAction, version: number): string {
	const changes = action.edit?.documentChanges as TextDocumentEdit[] | undefined;
	assert.ok(changes?.length === 1, `${action.title}: one versioned document change`);
	assert.equal(changes[0].textDocument.version, version, `${action.title}: edit for the linted version`);
	return applyLspEdits(text, changes[0].edits);
}

const titles = (actions: CodeAction[]) => actions.map((a) => a.title);

/** A client that applies LSP 3.18 snippet edits (workspace.workspaceEdit.snippetEditSupport). */
const SNIPPET_CLIENT: ClientCapabilities = {
	workspace: { configuration: true, workspaceFolders: true, workspaceEdit: { documentChanges: true, snippetEditSupport: true } as object },
	textDocument: { publishDiagnostics: { dataSupport: true, versionSupport: true } },
	window: { workDoneProgress: true },
};

describe('protocol: code actions', function () {
	let root: string;
	let client: LspTestClient;
	let uri: string;
	let version = 0;
	let text = '';
	let diagnostics: Diagnostic[] = [];

	/** Open or change the document and wait for its diagnostics with every cross-resource rule in. */
	async function setText(next: string): Promise<PublishDiagnosticsParams> {
		const mark = client.mark();
		version++;
		text = next;
		if (version === 1) await client.open(uri, text, version);
		else await client.change(uri, text, version);
		const published = await client.waitForDiagnostics(uri, (p) => p.version === version, { after: mark, timeoutMs: 10000 });
		diagnostics = published.diagnostics;
		return published;
	}

	function actionsFor(diagnostic: Diagnostic | Diagnostic[], only?: string[]): Promise<CodeAction[]> {
		const list = Array.isArray(diagnostic) ? diagnostic : [diagnostic];
		const range = list[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
		return client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: list, ...(only ? { only } : {}) } });
	}

	const byCode = (code: string) => diagnostics.filter((d) => d.code === code);

	before(async () => {
		root = createWorkspace({ 'web.yaml': TWO_CONTAINERS });
		uri = fileUri(join(root, 'web.yaml'));
		client = await LspTestClient.start({ folders: [root] });
		await client.request('bosun/lintWorkspace');
	});
	after(async () => {
		await client?.stop();
		removeWorkspace(root);
	});

	it('announces quick fixes, refactors (companion documents) and source.fixAll.bosun', () => {
		assert.deepEqual(client.initializeResult.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'refactor', 'source.fixAll.bosun'], resolveProvider: true });
	});

	it('offers the fix (not preferred: it is unsafe), fix all, ignore and documentation; the fix removes the finding', async () => {
		await setText(TWO_CONTAINERS);
		const [first, second] = byCode('missing-liveness-probe');
		assert.ok(first && second, `two liveness findings: ${codes(diagnostics).join(', ')}`);
		assert.equal((first.data as { fix: string }).fix, 'unsafe');
		const actions = await actionsFor(first);
		assert.deepEqual(titles(actions), [
			'Add livenessProbe (tcpSocket on port http, failureThreshold 6)',
			'Fix all safe Bosun problems in this file',
			'Fix all missing-liveness-probe problems in this file',
			'Ignore missing-liveness-probe for this object',
			'Show documentation for missing-liveness-probe',
		]);
		const [fix, , , , docs] = actions;
		assert.equal(fix.kind, 'quickfix');
		assert.equal(fix.isPreferred, false, 'a probe can stop a healthy pod: not a safe fix, never preferred');
		// This client announced no snippet edits: plain text edits only.
		assert.ok((fix.edit!.documentChanges![0] as TextDocumentEdit).edits.every((e) => typeof e.newText === 'string' && !('snippet' in e)));
		assert.deepEqual(fix.diagnostics, [first]);
		assert.deepEqual(docs.command, { title: 'Show documentation for missing-liveness-probe', command: 'bosun.showRuleDocumentation', arguments: ['missing-liveness-probe'] });

		const fixed = applyAction(text, fix, version);
		assert.equal(fixed, TWO_CONTAINERS.replace('              containerPort: 8080\n', '              containerPort: 8080\n          livenessProbe:\n            tcpSocket:\n              port: http\n            failureThreshold: 6\n'));
		await setText(fixed);
		assert.equal(byCode('missing-liveness-probe').length, 1, 'only the proxy container still lacks a probe');
	});

	it('orders the menu on a kind line: the most severe safe fix preferred and first, fixes by severity, companions, fix all safe, then ignore and documentation', async () => {
		await setText(TWO_CONTAINERS);
		const onKind = diagnostics.filter((d) => d.range.start.line === 1);
		for (const code of ['default-service-account', 'missing-anti-affinity', 'missing-labels', 'missing-network-policy', 'missing-pdb']) assert.ok(codes(onKind).includes(code), `${code} on the kind line: ${codes(onKind).join(', ')}`);
		const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } }, context: { diagnostics: onKind } });
		const list = titles(actions);
		const at = (prefix: string) => list.findIndex((t) => t.startsWith(prefix));
		// missing-labels is a warning with a safe fix; missing-anti-affinity's is safe too but only info.
		assert.match(list[0], /label/i, JSON.stringify(list));
		assert.deepEqual(actions.filter((a) => a.isPreferred).map((a) => a.title), [list[0]]);
		assert.deepEqual(actions[0].diagnostics?.map((d) => d.code), ['missing-labels']);
		const fixes = actions.filter((a) => a.diagnostics?.length && !a.title.startsWith('Add PodDisruptionBudget') && !a.title.startsWith('Add NetworkPolicy') && !a.title.startsWith('Add default-deny'));
		const severities = fixes.map((a) => Math.min(...a.diagnostics!.map((d) => d.severity!)));
		assert.deepEqual(severities, [...severities].sort((a, b) => a - b), `fixes by severity: ${JSON.stringify(titles(fixes))}`);
		const lastFix = Math.max(...fixes.map((a) => list.indexOf(a.title)));
		const companion = at('Add PodDisruptionBudget');
		assert.ok(companion > lastFix, `companions after the fixes: ${JSON.stringify(list)}`);
		assert.ok(at('Fix all safe Bosun problems in this file') > companion, JSON.stringify(list));
		const firstIgnore = at('Ignore ');
		const firstDocs = at('Show documentation for ');
		assert.ok(firstIgnore > at('Fix all safe Bosun problems in this file') && firstDocs > firstIgnore, JSON.stringify(list));
		// Only actions that fix carry diagnostics: VS Code lists those first, so the order holds there too.
		for (const action of actions.slice(at('Fix all safe'))) assert.equal(action.diagnostics, undefined, action.title);
		const docsTitles = list.filter((t) => t.startsWith('Show documentation for '));
		assert.ok(list.slice(firstDocs, firstDocs + docsTitles.length).every((t) => t.startsWith('Show documentation for ')), `documentation entries together: ${JSON.stringify(list)}`);
		const docsSeverities = docsTitles.map((t) => onKind.find((d) => `Show documentation for ${d.code}` === t)!.severity!);
		assert.deepEqual(docsSeverities, [...docsSeverities].sort((a, b) => a - b), `documentation, most severe rule first: ${JSON.stringify(list.slice(firstDocs))}`);
		assert.equal(docsTitles.length, new Set(codes(onKind)).size, 'one documentation entry per rule');
	});

	it('"Fix all safe Bosun problems in this file" applies only the safe fixes', async () => {
		await setText(TWO_CONTAINERS);
		const fixAllSafe = (await actionsFor(byCode('missing-liveness-probe')[0])).find((a) => a.title === 'Fix all safe Bosun problems in this file');
		assert.ok(fixAllSafe);
		assert.equal(fixAllSafe.kind, 'quickfix');
		const fixed = applyAction(text, fixAllSafe, version);
		await setText(fixed);
		assert.deepEqual(byCode('missing-labels'), []);
		assert.deepEqual(byCode('missing-anti-affinity'), []);
		assert.equal(byCode('missing-liveness-probe').length, 2, 'probes are not safe fixes');
		assert.equal(byCode('missing-resource-requests').length, 2, 'requests are not safe fixes');
	});

	it('offers ignore and documentation only for the findings the range touches', async () => {
		await setText(TWO_CONTAINERS);
		const [liveness] = byCode('missing-liveness-probe');
		const [labels] = byCode('missing-labels');
		// An editor may send a diagnostic of a neighbouring line along; its fix stays, its ignore does not.
		const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: liveness.range, context: { diagnostics: [liveness, labels] } });
		const list = titles(actions);
		assert.ok(list.includes('Ignore missing-liveness-probe for this object'), JSON.stringify(list));
		assert.ok(!list.some((t) => t.includes('missing-labels') && (t.startsWith('Ignore') || t.startsWith('Show documentation'))), JSON.stringify(list));
	});

	it('one fix answers the resource findings of a container without resources; a container with part of them keeps the separate fixes', async () => {
		await setText(TWO_CONTAINERS);
		const line = byCode('missing-liveness-probe')[0].range.start.line;
		const onWeb = diagnostics.filter((d) => d.range.start.line === line);
		const actions = await actionsFor(onWeb);
		const combined = actions.find((a) => a.title === 'Add requests and limits to container "web"');
		assert.ok(combined, JSON.stringify(titles(actions)));
		assert.deepEqual(new Set(codes(combined.diagnostics!)), new Set(['missing-resource-requests', 'missing-memory-limit', 'missing-cpu-limit']));
		for (const separate of actions.filter((a) => a !== combined && a.diagnostics?.length && !a.title.startsWith('Add LimitRange'))) {
			assert.ok(!codes(separate.diagnostics!).some((c) => ['missing-resource-requests', 'missing-memory-limit', 'missing-cpu-limit'].includes(c)), `${separate.title} answers a resource finding too`);
		}
		assert.equal(titles(actions)[0], combined.title, 'a warning-level fix, placed with the most severe');
		const fixed = applyAction(text, combined, version);
		const container = parseDocument(fixed).toJS().spec.template.spec.containers[0];
		assert.deepEqual(container.resources.requests, { cpu: '100m', memory: '128Mi' }, 'the configured resourceDefaults');
		assert.deepEqual(Object.keys(container.resources.limits).sort(), ['cpu', 'memory']);
		assert.equal(container.resources.limits.memory, '128Mi', 'the memory limit never below the request');
		const { resources, ...rest } = container;
		assert.deepEqual(rest, parseDocument(TWO_CONTAINERS).toJS().spec.template.spec.containers[0], 'nothing else changed');
		await setText(fixed);
		assert.equal(diagnostics.filter((d) => d.range.start.line === line && ['missing-resource-requests', 'missing-memory-limit', 'missing-cpu-limit'].includes(String(d.code))).length, 0, 'all three answered');

		// The web container now has resources; take its cpu limit away: only the separate fix is offered.
		const partial = fixed.replace(/(\n +limits:\n(?: +memory: [^\n]+\n)?) +cpu: [^\n]+\n/, '$1');
		assert.notEqual(partial, fixed);
		await setText(partial);
		const [cpu] = byCode('missing-cpu-limit');
		const separate = await actionsFor(diagnostics.filter((d) => d.range.start.line === cpu.range.start.line));
		assert.ok(!titles(separate).some((t) => t.startsWith('Add requests and limits to container "web"')), JSON.stringify(titles(separate)));
		assert.ok(titles(separate).some((t) => t.startsWith('Add limits cpu')), JSON.stringify(titles(separate)));
	});

	it('"fix all" fixes every finding of the rule in the file, and the re-lint has none left', async () => {
		await setText(TWO_CONTAINERS);
		const readiness = byCode('missing-readiness-probe');
		assert.equal(readiness.length, 2);
		const fixAll = (await actionsFor(readiness[1])).find((a) => a.title === 'Fix all missing-readiness-probe problems in this file');
		assert.ok(fixAll);
		await setText(applyAction(text, fixAll, version));
		assert.deepEqual(byCode('missing-readiness-probe'), []);
		assert.equal(byCode('missing-liveness-probe').length, 2, 'other rules are left alone');
	});

	it('"ignore for this object" adds the annotation and silences the rule for the object', async () => {
		await setText(TWO_CONTAINERS);
		const ignore = (await actionsFor(byCode('missing-liveness-probe')[0])).find((a) => a.title === 'Ignore missing-liveness-probe for this object');
		assert.ok(ignore);
		const ignored = applyAction(text, ignore, version);
		assert.equal(ignored, TWO_CONTAINERS.replace('  name: web\n', '  name: web\n  annotations:\n    ignore-check.bosun.dev/missing-liveness-probe: "TODO: why this is safe"\n'));
		await setText(ignored);
		assert.deepEqual(byCode('missing-liveness-probe'), []);
	});

	it('offers a companion document as a quick fix that is not preferred', async () => {
		await setText(TWO_CONTAINERS);
		const [pdb] = byCode('missing-pdb');
		assert.ok(pdb, `a missing-pdb finding: ${codes(diagnostics).join(', ')}`);
		const companion = (await actionsFor(pdb)).find((a) => a.title.startsWith('Add PodDisruptionBudget'));
		assert.ok(companion);
		assert.equal(companion.kind, 'quickfix');
		assert.equal(companion.isPreferred, false);
		const withPdb = applyAction(text, companion, version);
		assert.ok(withPdb.startsWith(`${TWO_CONTAINERS}---\napiVersion: policy/v1\nkind: PodDisruptionBudget\n`), withPdb);
		await setText(withPdb);
		assert.deepEqual(byCode('missing-pdb'), []);
	});

	it('source.fixAll.bosun applies every safe fix and no unsafe one; asking again offers nothing', async () => {
		await setText(TWO_CONTAINERS);
		const safe = diagnostics.filter((d) => (d.data as { fix: string | null }).fix === 'safe').map((d) => String(d.code));
		assert.deepEqual([...new Set(safe)].sort(), ['missing-anti-affinity', 'missing-labels'], `safe fixes of the file: ${safe.join(', ')}`);
		const unsafe = diagnostics.filter((d) => (d.data as { fix: string | null }).fix === 'unsafe').length;
		const [action] = await actionsFor([], ['source.fixAll']);
		assert.equal(action?.kind, 'source.fixAll.bosun');
		const fixed = applyAction(text, action, version);
		assert.ok(fixed.includes('app.kubernetes.io/name: web') && fixed.includes('whenUnsatisfiable: ScheduleAnyway'), fixed);
		assert.ok(!/Probe:|limits:|requests:|securityContext:|automountServiceAccountToken/.test(fixed), `no unsafe fix on save:\n${fixed}`);
		assert.ok(fixed.includes('        - name: web # main\n'), 'comments stay');
		await setText(fixed);
		assert.deepEqual(byCode('missing-labels'), []);
		assert.deepEqual(byCode('missing-anti-affinity'), []);
		assert.equal(byCode('missing-liveness-probe').length, 2, 'unsafe fixes are left to the user');
		assert.equal(diagnostics.filter((d) => (d.data as { fix: string | null }).fix === 'unsafe').length, unsafe);
		assert.deepEqual(await actionsFor([], ['source.fixAll.bosun']), []);
		// Companion documents are never part of fix-all.
		assert.equal(byCode('missing-pdb').length, 1);
	});

	it('prefers a fix only when it is safe', async () => {
		await setText(TWO_CONTAINERS);
		const preferred: string[] = [];
		for (const diagnostic of diagnostics) {
			const safety = (diagnostic.data as { fix: string | null }).fix;
			for (const action of await actionsFor(diagnostic)) {
				if (!action.isPreferred) continue;
				assert.equal(safety, 'safe', `"${action.title}" is preferred for ${diagnostic.code}, whose fix is ${safety}`);
				preferred.push(String(diagnostic.code));
			}
		}
		assert.deepEqual([...new Set(preferred)].sort(), ['missing-anti-affinity', 'missing-labels']);
	});

	it('never returns an edit for a version the server has not linted; a request right after an edit waits for its lint', async () => {
		await setText(TWO_CONTAINERS);
		const [liveness] = byCode('missing-liveness-probe');
		const mark = client.mark();
		version++;
		text = TWO_CONTAINERS.replace('replicas: 3', 'replicas: 4');
		await client.change(uri, text, version);
		// Asked before the typing debounce has linted the new version: the answer is for the new version.
		const actions = await actionsFor(liveness);
		const fix = actions.find((a) => a.title.startsWith('Add livenessProbe'));
		assert.ok(fix, `the fix is offered for the edited text: ${JSON.stringify(titles(actions))}`);
		assert.ok(applyAction(text, fix, version).includes('livenessProbe'));
		for (const action of actions) {
			const change = action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
			if (change) assert.equal(change.textDocument.version, version, `${action.title} targets the current version`);
		}
		diagnostics = (await client.waitForDiagnostics(uri, (p) => p.version === version, { after: mark })).diagnostics;
	});
});

describe('protocol: snippet placeholders in fixes', function () {
	const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
spec:
  replicas: 1
  selector:
    matchLabels: {app: cache}
  template:
    metadata:
      labels: {app: cache}
    spec:
      containers:
        - name: valkey
          image: docker.io/valkey/valkey:8.0.1
          ports:
            - name: resp
              containerPort: 6379
          resources:
            requests: {cpu: 250m, memory: 256Mi}
`;
	let root: string;
	let uri: string;

	async function fixFor(client: LspTestClient, code: string): Promise<CodeAction> {
		const mark = client.mark();
		await client.open(uri, DEPLOYMENT, 1);
		// cross-resource findings (missing-cpu-limit reads LimitRanges) come once the workspace is indexed
		const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.version === 1 && codes(p.diagnostics).includes(code), { after: mark, timeoutMs: 10000 });
		const diagnostic = diagnostics.find((d) => d.code === code);
		assert.ok(diagnostic, `${code} among ${codes(diagnostics).join(', ')}`);
		const actions: CodeAction[] = await client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
		const fix = actions.find((a) => a.diagnostics?.length && a.edit && !a.title.startsWith('Ignore') && !a.title.startsWith('Fix all'));
		assert.ok(fix, `a fix for ${code}: ${JSON.stringify(titles(actions))}`);
		return fix;
	}

	const editsOf = (action: CodeAction) => (action.edit!.documentChanges![0] as TextDocumentEdit).edits as unknown as (SnippetTextEdit | { newText: string; range: SnippetTextEdit['range'] })[];

	before(() => {
		root = createWorkspace({ 'cache.yaml': DEPLOYMENT });
		uri = fileUri(join(root, 'cache.yaml'));
	});
	after(() => removeWorkspace(root));

	it('a client that announces snippet edits gets the values to choose as placeholders; the text is the plain fix\'s', async () => {
		const plainClient = await LspTestClient.start({ folders: [root] });
		const snippetClient = await LspTestClient.start({
			folders: [root],
			capabilities: SNIPPET_CLIENT,
		});
		try {
			for (const [code, values] of [
				['missing-cpu-limit', ['500m']],
				['missing-readiness-probe', ['resp']],
				['missing-liveness-probe', ['resp', '6']],
				['single-replica', ['2']],
			] as const) {
				const plain = await fixFor(plainClient, code);
				const snippet = await fixFor(snippetClient, code);
				assert.equal(snippet.title, plain.title);
				const plainEdits = editsOf(plain);
				assert.ok(plainEdits.every((e) => 'newText' in e), `${code}: plain text for a client without snippet edits`);
				const snippetEdits = editsOf(snippet).filter((e): e is SnippetTextEdit => 'snippet' in e);
				assert.ok(snippetEdits.length > 0, `${code}: a snippet edit`);
				assert.deepEqual(snippetEdits.flatMap((e) => snippetText(e.snippet.value).placeholders), values, `${code}: placeholders`);
				assert.match(snippetEdits[0].snippet.value, /\$\{1:/);
				assert.equal(applyLspEdits(DEPLOYMENT, editsOf(snippet)), applyLspEdits(DEPLOYMENT, plainEdits as never), `${code}: the snippet inserts the same text`);
				await plainClient.close(uri);
				await snippetClient.close(uri);
			}
		} finally {
			await plainClient.stop();
			await snippetClient.stop();
		}
	});
});

describe('protocol: "fix all safe" resolved when chosen', function () {
	const TEXT = `apiVersion: apps/v1
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
	let root: string;
	let client: LspTestClient;

	before(async () => {
		root = createWorkspace({ 'web.yaml': TEXT });
		client = await LspTestClient.start({
			folders: [root],
			capabilities: {
				workspace: { configuration: true, workspaceFolders: true },
				textDocument: {
					publishDiagnostics: { versionSupport: true, dataSupport: true },
					codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] } },
				},
			},
		});
		// Cross-file rules (missing-anti-affinity reads autoscalers) run once the workspace is read.
		await client.request('bosun/lintWorkspace');
	});
	after(async () => {
		await client?.stop();
		removeWorkspace(root);
	});

	it('offers the action without an edit, and codeAction/resolve adds the edit of every safe fix', async () => {
		const uri = fileUri(join(root, 'web.yaml'));
		const mark = client.mark();
		await client.open(uri, TEXT, 1);
		const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.version === 1 && codes(p.diagnostics).includes('missing-labels'), { after: mark, timeoutMs: 10000 });
		const [liveness] = diagnostics.filter((d) => d.code === 'missing-liveness-probe');
		const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: liveness.range, context: { diagnostics: [liveness] } });
		const offered = actions.find((a) => a.title === 'Fix all safe Bosun problems in this file');
		assert.ok(offered, JSON.stringify(titles(actions)));
		assert.equal(offered.edit, undefined, 'computed only when chosen');
		const resolved = await client.request<CodeAction>('codeAction/resolve', offered);
		const fixed = applyAction(TEXT, resolved, 1);
		const relinted = await (async () => {
			const next = client.mark();
			await client.change(uri, fixed, 2);
			return (await client.waitForDiagnostics(uri, (p) => p.version === 2, { after: next, timeoutMs: 10000 })).diagnostics;
		})();
		assert.ok(!codes(relinted).includes('missing-labels') && !codes(relinted).includes('missing-anti-affinity'), codes(relinted).join(', '));
		assert.ok(codes(relinted).includes('missing-liveness-probe'), 'an unsafe fix is left alone');
		// Asked again for a text that moved on: no edit rather than one against text that is gone.
		const stale = await client.request<CodeAction>('codeAction/resolve', offered);
		assert.equal(stale.edit, undefined);
	});
});

describe('protocol: the combined resources fix for a client with snippet edits', function () {
	const BARE = `apiVersion: v1
kind: Pod
metadata:
  name: worker
spec:
  containers:
    - name: worker
      image: ghcr.io/acme/worker:2.1.0
`;
	let root: string;
	let client: LspTestClient;

	before(async () => {
		root = createWorkspace({ 'worker.yaml': BARE });
		client = await LspTestClient.start({
			folders: [root],
			capabilities: SNIPPET_CLIENT,
		});
		await client.request('bosun/lintWorkspace');
	});
	after(async () => {
		await client?.stop();
		removeWorkspace(root);
	});

	it('inserts every request and limit as a placeholder to type over, in one edit', async () => {
		const uri = fileUri(join(root, 'worker.yaml'));
		const mark = client.mark();
		await client.open(uri, BARE, 1);
		const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.version === 1, { after: mark, timeoutMs: 10000 });
		const onContainer = diagnostics.filter((d) => d.range.start.line === 6);
		const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: onContainer[0].range, context: { diagnostics: onContainer } });
		const combined = actions.find((a) => a.title === 'Add requests and limits to container "worker"');
		assert.ok(combined, JSON.stringify(titles(actions)));
		const edits = (combined.edit!.documentChanges![0] as TextDocumentEdit).edits as unknown as (SnippetTextEdit | { newText: string })[];
		const snippets = edits.filter((e): e is SnippetTextEdit => 'snippet' in e);
		assert.equal(snippets.length, 1, 'one snippet edit');
		const { text, placeholders } = snippetText(snippets[0].snippet.value);
		// requests cpu and memory, limits cpu and memory: four values to choose.
		assert.equal(placeholders.length, 4, snippets[0].snippet.value);
		const resources = parseDocument(applyLspEdits(BARE, [{ range: snippets[0].range, newText: text }])).toJS().spec.containers[0].resources;
		assert.deepEqual(Object.keys(resources).sort(), ['limits', 'requests']);
		assert.deepEqual(placeholders.sort(), [resources.requests.cpu, resources.requests.memory, resources.limits.cpu, resources.limits.memory].map(String).sort());
	});
});
