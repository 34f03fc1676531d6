// The built server over stdio: `bosun.*` settings pulled with workspace/configuration and applied live
// on didChangeConfiguration, invalid values ignored with a log line, bosun.maxFileSize, the nearest
// `.bosun.yaml` winning over settings, and an open `.bosun.yaml` showing its own problems.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { codes, createWorkspace, fileUri, LspTestClient, positionOf, removeWorkspace } from '../helpers/lspClient';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: ghcr.io/acme/api:2.0.1
      ports:
        - containerPort: 9000
`;

const STRICT_CONFIG = `rules:
  missing-liveness-probe: off
`;

const BAD_CONFIG = `rules:
  missing-liveness-probe: loud
  no-such-rule: error
colour: blue
`;

const severityOf = (diagnostics: { code?: unknown; severity?: number }[], code: string) => diagnostics.find((d) => d.code === code)?.severity;

describe('protocol: settings and .bosun.yaml', function () {
	let root: string;
	let client: LspTestClient;
	let podUri: string;
	let strictUri: string;

	before(async () => {
		root = createWorkspace({ 'pod.yaml': POD, 'strict/.bosun.yaml': STRICT_CONFIG, 'strict/pod.yaml': POD });
		podUri = fileUri(join(root, 'pod.yaml'));
		strictUri = fileUri(join(root, 'strict', 'pod.yaml'));
		client = await LspTestClient.start({ folders: [root], settings: { bosun: { rules: { 'missing-readiness-probe': 'hint' } } } });
	});
	after(async () => {
		await client?.stop();
		removeWorkspace(root);
	});

	it('pulls bosun settings for the document and applies them', async () => {
		const mark = client.mark();
		await client.open(podUri, POD, 1);
		const published = await client.waitForDiagnostics(podUri, (p) => p.diagnostics.length > 0, { after: mark });
		assert.equal(severityOf(published.diagnostics, 'missing-readiness-probe'), 4);
		assert.equal(severityOf(published.diagnostics, 'missing-liveness-probe'), 2);
		const asked = client.serverRequests.filter((r) => r.method === 'workspace/configuration').flatMap((r) => r.params.items);
		assert.ok(asked.some((item: { section: string; scopeUri?: string }) => item.section === 'bosun' && item.scopeUri === fileUri(root)));
	});

	it('re-lints open documents live when settings change: severity raised, rule turned off', async () => {
		const mark = client.mark();
		await client.changeSettings({ bosun: { rules: { 'missing-readiness-probe': 'error', 'missing-liveness-probe': 'off' } } });
		const published = await client.waitForDiagnostics(podUri, (p) => severityOf(p.diagnostics, 'missing-readiness-probe') === 1, { after: mark });
		assert.ok(!codes(published.diagnostics).includes('missing-liveness-probe'));
		assert.equal(published.version, 1);
	});

	it('ignores invalid setting values key by key, logs them, and keeps linting', async () => {
		const mark = client.mark();
		await client.changeSettings({ bosun: { rules: { 'missing-readiness-probe': 'loud', 'missing-liveness-probe': 'error', 'no-such-rule': 'off' }, requiredLabels: 'team', maxFileSize: -3 } });
		const published = await client.waitForDiagnostics(podUri, (p) => severityOf(p.diagnostics, 'missing-liveness-probe') === 1, { after: mark });
		// The bad severity is dropped: the rule is back to its default (warning).
		assert.equal(severityOf(published.diagnostics, 'missing-readiness-probe'), 2);
		const logs = client.logMessages().join('\n');
		assert.match(logs, /ignoring an invalid setting.*missing-readiness-probe.*loud/);
		assert.match(logs, /ignoring an invalid setting.*no-such-rule/);
		assert.match(logs, /ignoring an invalid setting.*requiredLabels/);
		assert.match(logs, /ignoring an invalid setting.*maxFileSize/);
	});

	it('survives settings that are not an object', async () => {
		const mark = client.mark();
		await client.changeSettings({ bosun: 'everything' });
		const published = await client.waitForDiagnostics(podUri, (p) => severityOf(p.diagnostics, 'missing-liveness-probe') === 2, { after: mark });
		assert.equal(severityOf(published.diagnostics, 'missing-readiness-probe'), 2);
		assert.match(client.logMessages().join('\n'), /must be an object/);
	});

	it('does not lint a file larger than bosun.maxFileSize, and says which setting to raise', async () => {
		let mark = client.mark();
		await client.changeSettings({ bosun: { maxFileSize: 100 } });
		const published = await client.waitForDiagnostics(podUri, (p) => p.diagnostics.length === 1 && p.diagnostics[0].severity === 3, { after: mark });
		assert.match(published.diagnostics[0].message, /bosun\.maxFileSize/);
		assert.deepEqual(published.diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
		mark = client.mark();
		await client.changeSettings({ bosun: {} });
		await client.waitForDiagnostics(podUri, (p) => codes(p.diagnostics).includes('missing-liveness-probe'), { after: mark });
	});

	it('lets the nearest .bosun.yaml win over the settings', async () => {
		let mark = client.mark();
		await client.changeSettings({ bosun: { rules: { 'missing-liveness-probe': 'error' } } });
		await client.open(strictUri, POD, 1);
		const strict = await client.waitForDiagnostics(strictUri, (p) => p.diagnostics.length > 0, { after: mark });
		assert.ok(!codes(strict.diagnostics).includes('missing-liveness-probe'), 'off in strict/.bosun.yaml');
		assert.ok(codes(strict.diagnostics).includes('missing-readiness-probe'));
		// The file outside strict/ still follows the settings.
		mark = client.mark();
		await client.change(podUri, POD, 2);
		const outside = await client.waitForDiagnostics(podUri, (p) => p.version === 2, { after: mark });
		assert.equal(severityOf(outside.diagnostics, 'missing-liveness-probe'), 1);
	});

	it('applies an edited, unsaved .bosun.yaml at once and reports its problems in that file', async () => {
		const configUri = fileUri(join(root, 'strict', '.bosun.yaml'));
		let mark = client.mark();
		await client.open(configUri, STRICT_CONFIG, 1);
		const clean = await client.waitForDiagnostics(configUri, () => true, { after: mark });
		assert.deepEqual(clean.diagnostics, []);

		mark = client.mark();
		await client.change(configUri, BAD_CONFIG, 2);
		const problems = await client.waitForDiagnostics(configUri, (p) => p.version === 2, { after: mark });
		const messages = problems.diagnostics.map((d) => d.message);
		assert.equal(problems.diagnostics.length, 3, messages.join('\n'));
		for (const d of problems.diagnostics) assert.equal(d.source, 'bosun');
		const byMessage = (re: RegExp) => problems.diagnostics.find((d) => re.test(d.message))!;
		assert.deepEqual(byMessage(/severity must be one of/).range.start, positionOf(BAD_CONFIG, 'missing-liveness-probe'));
		assert.deepEqual(byMessage(/Unknown rule id "no-such-rule"/).range.start, positionOf(BAD_CONFIG, 'no-such-rule'));
		assert.deepEqual(byMessage(/Unknown configuration key "colour"/).range.start, positionOf(BAD_CONFIG, 'colour'));

		// The invalid severity is ignored, so the settings' `error` applies again in strict/.
		const relinted = await client.waitForDiagnostics(strictUri, (p) => severityOf(p.diagnostics, 'missing-liveness-probe') === 1, { after: mark });
		assert.equal(relinted.version, 1);
	});
});

describe('protocol: settings pushed by a client without workspace/configuration', function () {
	let root: string;
	let client: LspTestClient;

	before(async () => {
		root = createWorkspace({});
		client = await LspTestClient.start({
			folders: [root],
			capabilities: { workspace: { configuration: false }, textDocument: { publishDiagnostics: { versionSupport: true } } },
		});
	});
	after(async () => {
		await client?.stop();
		removeWorkspace(root);
	});

	it('uses the settings sent with didChangeConfiguration', async () => {
		const uri = fileUri(join(root, 'pod.yaml'));
		let mark = client.mark();
		await client.open(uri, POD, 1);
		await client.waitForDiagnostics(uri, (p) => severityOf(p.diagnostics, 'missing-liveness-probe') === 2, { after: mark });
		mark = client.mark();
		await client.changeSettings({ bosun: { rules: { 'missing-liveness-probe': 'info' } } });
		await client.waitForDiagnostics(uri, (p) => severityOf(p.diagnostics, 'missing-liveness-probe') === 3, { after: mark });
		assert.ok(!client.serverRequests.some((r) => r.method === 'workspace/configuration'), 'the server never asks a client that cannot answer');
		assert.ok(!client.serverRequests.some((r) => r.method === 'window/workDoneProgress/create'), 'no progress for a client that cannot show it');
	});
});
