// Companion documents from the built server over stdio: refactors on a workload's `kind` line without
// any diagnostic, the same documents as quick fixes on the findings they answer, each document's exact
// text in the file's style, its placement (after the workload's document, or a new file next to it per
// bosun.companions.placement), and after applying it the finding it answers is gone and the document
// itself draws no finding.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientCapabilities, CodeAction, CreateFile, Diagnostic, PublishDiagnosticsParams, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { codes, createWorkspace, fileUri, LspTestClient, removeWorkspace, writeWorkspaceFile } from '../helpers/lspClient';
import { PARTIAL_INDEX_NOTE } from '../../server/src/lsp/companionActions';
import { applyLspEdits } from '../helpers/workspaceEdits';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
        app.kubernetes.io/name: web
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
          ports:
            - name: http
              containerPort: 8080
          resources:
            requests:
              cpu: 250m
              memory: 256Mi
`;

const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: shop
  labels:
    app.kubernetes.io/name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web
`;

const NETWORK_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
  labels:
    app.kubernetes.io/name: web
spec:
  podSelector:
    matchLabels:
      app: web
      app.kubernetes.io/name: web
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector: {}
      ports:
        - port: 8080
`;

const DEFAULT_DENY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
    - Ingress
    - Egress
`;

const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: shop
  labels:
    app.kubernetes.io/name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 5
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 80
`;

// The container requests 256Mi and sets no memory limit: a default limit below that would make the API
// server reject the pod, so the LimitRange's default limit is the request, not the configured 128Mi.
const LIMIT_RANGE = `apiVersion: v1
kind: LimitRange
metadata:
  name: container-defaults
  namespace: shop
spec:
  limits:
    - type: Container
      defaultRequest:
        cpu: 100m
        memory: 128Mi
      default:
        memory: 256Mi
`;

const WITHOUT_REPLICAS = WEB.replace('  replicas: 3\n', '');

interface Case {
	title: string;
	/** The rule the document answers: its finding disappears once the document is added. */
	answers: string;
	document: string;
	/** The workload's file after the action, without the appended document. */
	workload: string;
	/** The file name a new-file placement uses. */
	file: string;
}

const CASES: Case[] = [
	{ title: 'Add PodDisruptionBudget for web', answers: 'missing-pdb', document: PDB, workload: WEB, file: 'web-pdb.yaml' },
	{ title: 'Add NetworkPolicy for web', answers: 'missing-network-policy', document: NETWORK_POLICY, workload: WEB, file: 'web-networkpolicy.yaml' },
	{ title: 'Add default-deny NetworkPolicy for namespace shop', answers: 'missing-network-policy', document: DEFAULT_DENY, workload: WEB, file: 'default-deny-networkpolicy.yaml' },
	{ title: 'Add HorizontalPodAutoscaler for web', answers: 'missing-hpa', document: HPA, workload: WITHOUT_REPLICAS, file: 'web-hpa.yaml' },
	{ title: 'Add LimitRange for namespace shop', answers: 'missing-memory-limit', document: LIMIT_RANGE, workload: WEB, file: 'container-defaults-limitrange.yaml' },
];

const titles = (actions: CodeAction[]) => actions.map((a) => a.title);
const KIND_LINE = { start: { line: 1, character: 3 }, end: { line: 1, character: 3 } };

/** A client that applies workspace edits creating files, as VS Code does. */
const CREATING_CLIENT: ClientCapabilities = {
	workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
	textDocument: { publishDiagnostics: { versionSupport: true, dataSupport: true }, codeAction: { dataSupport: true } },
};

/** One open workload file in a fresh workspace, with helpers to edit it and ask for code actions. */
class Session {
	client!: LspTestClient;
	root!: string;
	uri!: string;
	version = 0;
	text = '';
	diagnostics: Diagnostic[] = [];

	async start(settings: Record<string, unknown>, capabilities?: ClientCapabilities, files: Record<string, string> = {}): Promise<void> {
		this.root = createWorkspace({ 'web.yaml': WEB, ...files });
		this.uri = fileUri(join(this.root, 'web.yaml'));
		this.client = await LspTestClient.start({ folders: [this.root], settings, capabilities });
		await this.client.request('bosun/lintWorkspace');
	}

	async stop(): Promise<void> {
		await this.client?.stop();
		removeWorkspace(this.root);
	}

	/** Open or change the document and wait for its diagnostics. */
	async setText(next: string): Promise<PublishDiagnosticsParams> {
		const mark = this.client.mark();
		this.version++;
		this.text = next;
		if (this.version === 1) await this.client.open(this.uri, next, this.version);
		else await this.client.change(this.uri, next, this.version);
		const published = await this.client.waitForDiagnostics(this.uri, (p) => p.version === this.version, { after: mark, timeoutMs: 10000 });
		this.diagnostics = published.diagnostics;
		return published;
	}

	actions(range: { start: { line: number; character: number }; end: { line: number; character: number } }, diagnostics: Diagnostic[] = [], only?: string[]): Promise<CodeAction[]> {
		return this.client.request('textDocument/codeAction', { textDocument: { uri: this.uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
	}

	byCode(code: string): Diagnostic[] {
		return this.diagnostics.filter((d) => d.code === code);
	}
}

/** The one versioned change of the workload's document an action makes, applied. */
function applyToWorkload(session: Session, action: CodeAction): string {
	const changes = (action.edit?.documentChanges ?? []) as TextDocumentEdit[];
	const own = changes.filter((c) => 'textDocument' in c && c.textDocument.uri === session.uri);
	assert.equal(own.length, 1, `${action.title}: one change of the workload's document`);
	assert.equal(own[0].textDocument.version, session.version, `${action.title}: for the linted version`);
	return applyLspEdits(session.text, own[0].edits);
}

describe('protocol: companion documents in the same file', function () {
	const session = new Session();
	before(() => session.start({}));
	after(() => session.stop());

	it('offers every companion as a refactor on the kind line, without any diagnostic', async () => {
		await session.setText(WEB);
		const actions = await session.actions(KIND_LINE);
		assert.deepEqual(titles(actions), CASES.map((c) => c.title));
		for (const action of actions) {
			assert.equal(action.kind, 'refactor', action.title);
			assert.equal(action.diagnostics, undefined, action.title);
		}
		assert.deepEqual(titles(await session.actions(KIND_LINE, [], ['refactor'])), CASES.map((c) => c.title));
		assert.deepEqual(await session.actions(KIND_LINE, [], ['quickfix']), []);
		// Anywhere else in the workload: none.
		assert.deepEqual(await session.actions({ start: { line: 20, character: 12 }, end: { line: 20, character: 12 } }), []);
	});

	for (const c of CASES) {
		it(`${c.title}: the exact document after the workload's, which clears ${c.answers} and draws no finding`, async () => {
			await session.setText(WEB);
			assert.ok(session.byCode(c.answers).length > 0, `${c.answers} before: ${codes(session.diagnostics).join(', ')}`);
			const action = (await session.actions(KIND_LINE)).find((a) => a.title === c.title);
			assert.ok(action, c.title);
			const fixed = applyToWorkload(session, action);
			assert.equal(fixed, `${c.workload}---\n${c.document}`);
			await session.setText(fixed);
			assert.deepEqual(session.byCode(c.answers), [], `${c.answers} after`);
			const inCompanion = session.diagnostics.filter((d) => d.range.start.line >= c.workload.split('\n').length - 1);
			assert.deepEqual(inCompanion.map((d) => `${d.code}: ${d.message}`), [], 'the companion draws no finding');
			assert.ok(!codes(session.diagnostics).includes('hpa-replicas-conflict'), 'no replicas left for an HPA to fight');
			// Added once: the same document is not offered again.
			assert.ok(!titles(await session.actions(KIND_LINE)).includes(c.title), `${c.title} offered again`);
		});
	}

	it('offers the companion as a quick fix, not preferred, on the finding it answers; the kind line does not repeat it', async () => {
		await session.setText(WEB);
		const answered = ['missing-pdb', 'missing-network-policy', 'missing-hpa'].map((code) => session.byCode(code)[0]);
		const [memory] = session.byCode('missing-memory-limit');
		assert.ok(answered.every(Boolean) && memory, codes(session.diagnostics).join(', '));
		for (const [diagnostic, title] of [[answered[0], CASES[0].title], [answered[1], CASES[1].title], [answered[2], CASES[3].title], [memory, CASES[4].title]] as const) {
			const fix = (await session.actions(diagnostic.range, [diagnostic])).find((a) => a.title === title);
			assert.ok(fix, `${title} on ${diagnostic.code}`);
			assert.equal(fix.kind, 'quickfix');
			assert.equal(fix.isPreferred, false);
			assert.deepEqual(fix.diagnostics, [diagnostic]);
		}
		const onKind = await session.actions(KIND_LINE, answered);
		const companions = onKind.filter((a) => CASES.some((c) => c.title === a.title));
		assert.deepEqual(titles(companions), [CASES[0], CASES[1], CASES[3], CASES[2], CASES[4]].map((c) => c.title), 'each title once, quick fixes first');
		assert.deepEqual(companions.map((a) => a.kind), ['quickfix', 'quickfix', 'quickfix', 'refactor', 'refactor']);
	});

	it('falls back to the same file when the client cannot create files, whatever the setting', async () => {
		await session.client.changeSettings({ bosun: { companions: { placement: 'newFile' } } });
		await session.setText(WEB);
		const action = (await session.actions(KIND_LINE)).find((a) => a.title === CASES[0].title)!;
		assert.equal(applyToWorkload(session, action), `${WEB}---\n${PDB}`);
	});

	it('ignores an invalid placement with one log line', async () => {
		const mark = session.client.mark();
		await session.client.changeSettings({ bosun: { companions: { placement: 'elsewhere' } } });
		const logged = await session.client.waitForNotification('window/logMessage', (p) => p.message.includes('companions.placement'), { after: mark });
		assert.match(logged.message, /`companions\.placement` must be one of sameFile, newFile, not "elsewhere"; using sameFile\./);
		await session.setText(WEB);
		const action = (await session.actions(KIND_LINE)).find((a) => a.title === CASES[0].title)!;
		assert.equal(applyToWorkload(session, action), `${WEB}---\n${PDB}`);
	});
});

describe('protocol: companion documents in a new file', function () {
	const session = new Session();
	// A file already holds the name the HPA would take: the next free name is used.
	before(() => session.start({ bosun: { companions: { placement: 'newFile' } } }, CREATING_CLIENT, { 'web-hpa.yaml': '# notes\n' }));
	after(() => session.stop());

	it('reads bosun.companions.placement, contributed with both placements, as a setting of its own (no warning)', async () => {
		const property = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).contributes.configuration.properties['bosun.companions.placement'];
		assert.deepEqual([property.enum, property.default, property.scope], [['sameFile', 'newFile'], 'sameFile', 'resource']);
		await session.setText(WEB);
		assert.deepEqual(session.client.logMessages().filter((m) => m.includes('invalid setting')), []);
	});

	/** Remove a created companion again, so every case starts from the same workspace. */
	async function removeCompanion(file: string, answers: string): Promise<void> {
		rmSync(join(session.root, file));
		const mark = session.client.mark();
		await session.client.filesChanged([{ uri: fileUri(join(session.root, file)), type: 3 }]);
		await session.setText(WEB);
		await session.client.waitForDiagnostics(session.uri, (p) => codes(p.diagnostics).includes(answers), { after: mark, timeoutMs: 10000 });
	}

	for (const c of CASES) {
		it(`${c.title}: creates ${c.title.includes('Autoscaler') ? 'web-hpa-2.yaml' : c.file} next to the workload with the exact document`, async () => {
			await session.setText(WEB);
			assert.ok(session.byCode(c.answers).length > 0, `${c.answers} before: ${codes(session.diagnostics).join(', ')}`);
			const action = (await session.actions(KIND_LINE)).find((a) => a.title === c.title);
			assert.ok(action, c.title);
			const [create, content, ...rest] = action.edit!.documentChanges! as [CreateFile, TextDocumentEdit, ...TextDocumentEdit[]];
			const file = c.title.includes('Autoscaler') ? 'web-hpa-2.yaml' : c.file;
			const target = fileUri(join(session.root, file));
			assert.deepEqual(create, { kind: 'create', uri: target, options: { overwrite: false, ignoreIfExists: false } });
			// Once applied, the client opens the new file beside the workload.
			assert.deepEqual(action.command, { title: 'Open beside', command: 'bosun.openBeside', arguments: [target] });
			assert.deepEqual(content, { textDocument: { uri: target, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: c.document }] });
			// Only the HPA changes the workload: it removes `replicas`, in a versioned edit.
			assert.equal(rest.length, c.workload === WEB ? 0 : 1);
			const workload = rest.length ? applyToWorkload(session, action) : WEB;
			assert.equal(workload, c.workload);

			// Apply as the editor would: the file appears on disk, the watcher reports it.
			writeWorkspaceFile(session.root, file, c.document);
			const mark = session.client.mark();
			await session.client.filesChanged([{ uri: target, type: 1 }]);
			if (workload !== WEB) await session.setText(workload);
			const published = await session.client.waitForDiagnostics(session.uri, (p) => !codes(p.diagnostics).includes(c.answers), { after: mark, timeoutMs: 10000 });
			assert.ok(!codes(published.diagnostics).includes(c.answers));
			const companionMark = session.client.mark();
			await session.client.open(target, readFileSync(join(session.root, file), 'utf8'), 1);
			const own = await session.client.waitForDiagnostics(target, (p) => p.version === 1, { after: companionMark, timeoutMs: 10000 });
			assert.deepEqual(own.diagnostics.map((d) => `${d.code}: ${d.message}`), [], 'the new file lints clean');
			await session.client.close(target);
			await removeCompanion(file, c.answers);
		});
	}
});

describe('protocol: companion actions right after the workspace opens', function () {
	this.timeout(30_000);
	let root: string;
	let client: LspTestClient | undefined;
	const withoutNote = (title: string) => title.replace(PARTIAL_INDEX_NOTE, '');

	/** A workspace with web.yaml and its PodDisruptionBudget whose indexing waits for the test; web.yaml open. */
	async function openBeforeIndexing(): Promise<{ client: LspTestClient; uri: string; actions: () => Promise<CodeAction[]> }> {
		root = createWorkspace({ 'web.yaml': WEB, 'pdb.yaml': PDB });
		const uri = fileUri(join(root, 'web.yaml'));
		const started = await LspTestClient.start({ folders: [root], holdConfiguration: ['files.exclude'] });
		client = started;
		const mark = started.mark();
		await started.open(uri, WEB, 1);
		await started.waitForDiagnostics(uri, (p) => p.version === 1, { after: mark, timeoutMs: 10000 });
		const actions = () => started.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: KIND_LINE, context: { diagnostics: [], only: ['refactor'] } });
		return { client: started, uri, actions };
	}

	afterEach(async () => {
		await client?.stop();
		client = undefined;
		if (root) removeWorkspace(root);
	});

	it('waits for the workspace to be read, then offers only the companions it lacks', async () => {
		const session = await openBeforeIndexing();
		const pending = session.actions();
		// The folder is read only now, while the request waits.
		session.client.releaseConfiguration('files.exclude');
		const offered = titles(await pending);
		assert.deepEqual(offered, CASES.map((c) => c.title).filter((t) => t !== 'Add PodDisruptionBudget for web'));
	});

	it('offers what the workspace read so far says, marked as such, when reading it takes longer; the full answer once read', async () => {
		const session = await openBeforeIndexing();
		const early = titles(await session.actions());
		assert.ok(early.length > 0, 'never an empty menu');
		assert.ok(early.every((t) => t.endsWith(PARTIAL_INDEX_NOTE)), early.join('\n'));
		// pdb.yaml is not read yet, so its budget is offered too: the note is why.
		assert.ok(early.map(withoutNote).includes('Add PodDisruptionBudget for web'), early.join('\n'));
		session.client.releaseConfiguration('files.exclude');
		await session.client.request('bosun/lintWorkspace');
		const later = titles(await session.actions());
		assert.ok(later.length > 0 && later.every((t) => !t.endsWith(PARTIAL_INDEX_NOTE)), later.join('\n'));
		assert.ok(!later.includes('Add PodDisruptionBudget for web'), 'the budget in pdb.yaml is found');
	});
});
