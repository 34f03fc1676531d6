// The built server over stdio: the workspace index. Files under the workspace folder are read in the
// background with progress; watched-file events and open documents update it, and open documents whose
// cross-resource findings change are republished at once. Lint Workspace publishes closed manifests.
import assert from 'node:assert/strict';
import { existsSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { RULES_BY_ID } from '../../server/src/rules';
import { codes, createWorkspace, fileUri, LspTestClient, removeWorkspace, writeWorkspaceFile } from '../helpers/lspClient';

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

/**
 * A cross-resource rule and the companion file that satisfies it: missing-pdb and a PodDisruptionBudget,
 * or, where that rule is not in the registry, missing-memory-limit and a LimitRange with a default limit.
 */
const CROSS = RULES_BY_ID.has('missing-pdb')
	? {
			rule: 'missing-pdb',
			file: 'pdb.yaml',
			text: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: web}\n',
			notMatching: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: other}\n',
		}
	: {
			rule: 'missing-memory-limit',
			file: 'limits.yaml',
			text: 'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: limits\nspec:\n  limits:\n    - type: Container\n      default: {memory: 256Mi}\n',
			notMatching: 'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: limits\nspec:\n  limits:\n    - type: Container\n      default: {cpu: 500m}\n',
		};

const CREATED = 1;
const DELETED = 3;

describe(`protocol: workspace index (cross-file ${CROSS.rule})`, function () {
	let root: string;
	let client: LspTestClient;
	let deploymentUri: string;
	let companionUri: string;

	before(async () => {
		root = createWorkspace({
			'deployment.yaml': DEPLOYMENT,
			'other/job.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: once\n          image: busybox\n',
			'node_modules/pkg/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: vendored\nspec:\n  containers:\n    - name: c\n      image: c\n',
			'skipped/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: skipped\nspec:\n  containers:\n    - name: c\n      image: c\n',
			'hidden/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: hidden\nspec:\n  containers:\n    - name: c\n      image: c\n',
			'README.yaml': 'title: not a manifest\n',
		});
		deploymentUri = fileUri(join(root, 'deployment.yaml'));
		companionUri = fileUri(join(root, CROSS.file));
		client = await LspTestClient.start({ folders: [root], settings: { bosun: { exclude: ['skipped/**'] }, files: { exclude: { '**/hidden': true } } } });
	});
	after(async () => {
		await client?.stop();
		removeWorkspace(root);
	});

	it('reads the workspace folder in the background with work-done progress', async () => {
		const begin = await client.waitForNotification('$/progress', (p) => p.value.kind === 'begin');
		await client.waitForNotification('$/progress', (p) => p.token === begin.token && p.value.kind === 'end');
		assert.ok(client.serverRequests.some((r) => r.method === 'window/workDoneProgress/create' && r.params.token === begin.token));
		assert.match(client.logMessages().join('\n'), /indexed 3 YAML files/); // deployment, job, README
	});

	it(`reports ${CROSS.rule} in the open deployment once the index is read`, async () => {
		const mark = client.mark();
		await client.open(deploymentUri, DEPLOYMENT, 1);
		await client.waitForDiagnostics(deploymentUri, (p) => codes(p.diagnostics).includes(CROSS.rule), { after: mark });
	});

	it(`clears ${CROSS.rule} at once when ${CROSS.file} is created on disk`, async () => {
		writeWorkspaceFile(root, CROSS.file, CROSS.text);
		const mark = client.mark();
		await client.filesChanged([{ uri: companionUri, type: CREATED }]);
		const published = await client.waitForDiagnostics(deploymentUri, (p) => !codes(p.diagnostics).includes(CROSS.rule), { after: mark });
		assert.equal(published.version, 1);
		assert.ok(codes(published.diagnostics).includes('missing-liveness-probe'), 'the other findings stay');
	});

	it('lets an open document win over its content on disk, until it is closed', async () => {
		let mark = client.mark();
		await client.open(companionUri, CROSS.notMatching, 1);
		await client.waitForDiagnostics(deploymentUri, (p) => codes(p.diagnostics).includes(CROSS.rule), { after: mark });
		mark = client.mark();
		await client.close(companionUri);
		await client.waitForDiagnostics(deploymentUri, (p) => !codes(p.diagnostics).includes(CROSS.rule), { after: mark });
	});

	it(`reports ${CROSS.rule} again when ${CROSS.file} is deleted`, async () => {
		unlinkSync(join(root, CROSS.file));
		const mark = client.mark();
		await client.filesChanged([{ uri: companionUri, type: DELETED }]);
		await client.waitForDiagnostics(deploymentUri, (p) => codes(p.diagnostics).includes(CROSS.rule), { after: mark });
	});

	it(`reads a folder moved into the workspace (one event for the folder) and drops it when the folder is deleted`, async () => {
		writeWorkspaceFile(root, `team/policies/${CROSS.file}`, CROSS.text);
		const folderUri = fileUri(join(root, 'team'));
		let mark = client.mark();
		await client.filesChanged([{ uri: folderUri, type: CREATED }]);
		await client.waitForDiagnostics(deploymentUri, (p) => !codes(p.diagnostics).includes(CROSS.rule), { after: mark });
		rmSync(join(root, 'team'), { recursive: true });
		mark = client.mark();
		await client.filesChanged([{ uri: folderUri, type: DELETED }]);
		await client.waitForDiagnostics(deploymentUri, (p) => codes(p.diagnostics).includes(CROSS.rule), { after: mark });
	});

	it('Lint Workspace publishes the closed manifests, skipping node_modules and excluded files', async () => {
		const jobUri = fileUri(join(root, 'other', 'job.yaml'));
		const mark = client.mark();
		const result = await client.request<{ manifests: number; filesWithProblems: number; problems: number }>('bosun/lintWorkspace');
		assert.equal(result.manifests, 2, JSON.stringify(result)); // deployment.yaml (open) and other/job.yaml
		const job = await client.waitForDiagnostics(jobUri, () => true, { after: mark });
		assert.equal(job.version, undefined);
		assert.ok(job.diagnostics.length > 0);
		assert.ok(!codes(job.diagnostics).includes('missing-liveness-probe'), 'Jobs are left alone by the probe rules');
		const published = new Set(client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics').map((n) => n.params.uri));
		for (const hidden of ['node_modules/pkg/pod.yaml', 'skipped/pod.yaml', 'hidden/pod.yaml', 'README.yaml']) {
			assert.ok(!published.has(fileUri(join(root, hidden))), `${hidden} gets no diagnostics`);
		}
		// Counted as the Problems view counts: errors, warnings and information, not hints.
		const latest = (uri: string) => client.diagnosticsSince(uri, 0).at(-1)!.diagnostics;
		const problems = [...latest(deploymentUri), ...job.diagnostics].filter((d) => d.severity !== 4);
		assert.equal(result.problems, problems.length);
		assert.equal(result.filesWithProblems, [latest(deploymentUri), job.diagnostics].filter((list) => list.some((d) => d.severity !== 4)).length);
	});

	it(`after Lint Workspace, a closed manifest's ${CROSS.rule} follows the files it depends on`, async () => {
		// the deployment closed: its diagnostics now come from the file on disk, which has the same text
		let mark = client.mark();
		await client.close(deploymentUri);
		await client.waitForDiagnostics(deploymentUri, (p) => p.version === undefined && codes(p.diagnostics).includes(CROSS.rule), { after: mark });
		writeWorkspaceFile(root, CROSS.file, CROSS.text);
		mark = client.mark();
		await client.filesChanged([{ uri: companionUri, type: CREATED }]);
		const cleared = await client.waitForDiagnostics(deploymentUri, (p) => !codes(p.diagnostics).includes(CROSS.rule), { after: mark });
		assert.equal(cleared.version, undefined);
		assert.ok(codes(cleared.diagnostics).includes('missing-liveness-probe'), 'the other findings stay');
		unlinkSync(join(root, CROSS.file));
		mark = client.mark();
		await client.filesChanged([{ uri: companionUri, type: DELETED }]);
		await client.waitForDiagnostics(deploymentUri, (p) => codes(p.diagnostics).includes(CROSS.rule), { after: mark });
		mark = client.mark();
		await client.open(deploymentUri, DEPLOYMENT, 1);
		await client.waitForDiagnostics(deploymentUri, (p) => p.version === 1, { after: mark });
	});

	it('an opened excluded file is not linted', async () => {
		const skippedUri = fileUri(join(root, 'skipped', 'pod.yaml'));
		const mark = client.mark();
		await client.open(skippedUri, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: skipped\nspec:\n  containers:\n    - name: c\n      image: c\n', 1);
		const published = await client.waitForDiagnostics(skippedUri, () => true, { after: mark });
		assert.deepEqual(published.diagnostics, []);
	});

	it('answers the rule catalog', async () => {
		const rules = await client.request<{ id: string; title: string; docsPath: string }[]>('bosun/rules');
		assert.equal(rules.length, RULES_BY_ID.size);
		const liveness = rules.find((r) => r.id === 'missing-liveness-probe')!;
		assert.equal(liveness.title, RULES_BY_ID.get('missing-liveness-probe')!.title);
		assert.equal(liveness.docsPath, 'docs/rules/missing-liveness-probe.md');
		assert.ok(existsSync(join(__dirname, '..', '..', liveness.docsPath)), 'the page ships at that path');
	});
});

describe('protocol: a large workspace', function () {
	const FILES = 400;
	let root: string;
	let client: LspTestClient;

	before(async () => {
		const files: Record<string, string> = {};
		for (let i = 0; i < FILES; i++) files[`apps/app${i}.yaml`] = DEPLOYMENT.replace(/web/g, `app${i}`);
		root = createWorkspace(files);
	});
	after(async () => {
		await client?.stop();
		removeWorkspace(root);
	});

	it("publishes the open file's diagnostics before the index is read, cross-resource ones after", async () => {
		const uri = fileUri(join(root, 'apps', 'app0.yaml'));
		const text = DEPLOYMENT.replace(/web/g, 'app0');
		client = await LspTestClient.start({ folders: [root] });
		await client.open(uri, text, 1);
		const first = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
		const firstAt = client.notifications.findIndex((n) => n.params === first);
		const begin = await client.waitForNotification('$/progress', (p) => p.value.kind === 'begin');
		const end = await client.waitForNotification('$/progress', (p) => p.token === begin.token && p.value.kind === 'end', { timeoutMs: 20000 });
		const endAt = client.notifications.findIndex((n) => n.params === end);
		assert.ok(firstAt < endAt, 'the first diagnostics came while the folder was still being read');
		assert.ok(!codes(first.diagnostics).includes(CROSS.rule), 'no cross-resource guesses from a partial index');
		assert.ok(codes(first.diagnostics).includes('missing-liveness-probe'));
		await client.waitForDiagnostics(uri, (p) => codes(p.diagnostics).includes(CROSS.rule), { after: endAt });
		assert.match(client.logMessages().join('\n'), new RegExp(`indexed ${FILES} YAML files`));
	});
});

describe('protocol: .bosun.yaml on disk', function () {
	let root: string;
	let client: LspTestClient;

	before(async () => {
		root = createWorkspace({ 'team/deployment.yaml': DEPLOYMENT });
		client = await LspTestClient.start({ folders: [root] });
	});
	after(async () => {
		await client?.stop();
		removeWorkspace(root);
	});

	it('re-lints open documents when a .bosun.yaml above them is created, changed or deleted', async () => {
		const uri = fileUri(join(root, 'team', 'deployment.yaml'));
		const configUri = fileUri(join(root, '.bosun.yaml'));
		let mark = client.mark();
		await client.open(uri, DEPLOYMENT, 1);
		await client.waitForDiagnostics(uri, (p) => codes(p.diagnostics).includes('missing-liveness-probe'), { after: mark });

		writeWorkspaceFile(root, '.bosun.yaml', 'rules:\n  missing-liveness-probe: off\n');
		mark = client.mark();
		await client.filesChanged([{ uri: configUri, type: CREATED }]);
		await client.waitForDiagnostics(uri, (p) => !codes(p.diagnostics).includes('missing-liveness-probe'), { after: mark });

		writeWorkspaceFile(root, '.bosun.yaml', 'rules:\n  missing-liveness-probe: error\n');
		mark = client.mark();
		await client.filesChanged([{ uri: configUri, type: 2 }]);
		await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'missing-liveness-probe' && d.severity === 1), { after: mark });

		unlinkSync(join(root, '.bosun.yaml'));
		mark = client.mark();
		await client.filesChanged([{ uri: configUri, type: DELETED }]);
		await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'missing-liveness-probe' && d.severity === 2), { after: mark });
	});
});

describe('protocol: workspace folders added later', function () {
	let first: string;
	let second: string;
	let client: LspTestClient;

	before(async () => {
		first = createWorkspace({ 'deployment.yaml': DEPLOYMENT });
		second = createWorkspace({ [CROSS.file]: CROSS.text });
		client = await LspTestClient.start({ folders: [first] });
	});
	after(async () => {
		await client?.stop();
		removeWorkspace(first);
		removeWorkspace(second);
	});

	it('reads a folder added to the workspace and republishes what it changes', async () => {
		const uri = fileUri(join(first, 'deployment.yaml'));
		let mark = client.mark();
		await client.open(uri, DEPLOYMENT, 1);
		await client.waitForDiagnostics(uri, (p) => codes(p.diagnostics).includes(CROSS.rule), { after: mark });
		mark = client.mark();
		await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: fileUri(second), name: 'second' }], removed: [] } });
		await client.waitForDiagnostics(uri, (p) => !codes(p.diagnostics).includes(CROSS.rule), { after: mark });
		mark = client.mark();
		await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: fileUri(second), name: 'second' }] } });
		await client.waitForDiagnostics(uri, (p) => codes(p.diagnostics).includes(CROSS.rule), { after: mark });
	});
});
