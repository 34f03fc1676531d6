// The built server over stdio: diagnostics on open and on change (with per-URI debounce and stale
// versions dropped), hover on a diagnostic, YAML that is not Kubernetes, and syntax errors.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Diagnostic, MarkupContent } from 'vscode-languageserver-protocol';
import { RULES_BY_ID } from '../../server/src/rules';
import { ruleDocsLink } from '../../server/src/core/rule';
import { codes, createWorkspace, fileUri, LspTestClient, positionOf, removeWorkspace } from '../helpers/lspClient';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
          ports:
            - name: http
              containerPort: 8080
`;

const WITH_LIVENESS = DEPLOYMENT + `          livenessProbe:
            tcpSocket: {port: http}
`;

const COMPOSE = `services:
  web:
    image: nginx
    ports: ["80:80"]
`;

const BROKEN = `apiVersion: v1
kind: Pod
metadata:
  name: [unclosed
spec:
  containers: {
`;

describe('protocol: diagnostics, hover', function () {
	let root: string;
	let client: LspTestClient;
	let uri: string;

	before(async () => {
		root = createWorkspace({ 'deployment.yaml': DEPLOYMENT, 'compose.yaml': COMPOSE });
		uri = fileUri(join(root, 'deployment.yaml'));
		client = await LspTestClient.start({ folders: [root] });
	});
	after(async () => {
		await client?.stop();
		removeWorkspace(root);
	});

	it('announces hover and incremental sync', () => {
		const caps = client.initializeResult.capabilities;
		assert.equal(caps.hoverProvider, true);
		assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
	});

	it('publishes rule diagnostics on open, with code, docs link, range, severity and data', async () => {
		const mark = client.mark();
		await client.open(uri, DEPLOYMENT, 1);
		const published = await client.waitForDiagnostics(uri, (p) => codes(p.diagnostics).includes('missing-liveness-probe'), { after: mark });
		assert.equal(published.version, 1);
		const liveness = published.diagnostics.find((d) => d.code === 'missing-liveness-probe')!;
		assert.equal(liveness.source, 'bosun');
		assert.equal(liveness.severity, 2);
		assert.deepEqual(liveness.codeDescription, { href: ruleDocsLink('missing-liveness-probe') });
		// RULES.md case 2: the container's `name` pair.
		assert.deepEqual(liveness.range, { start: positionOf(DEPLOYMENT, 'name: web', 1), end: { line: 12, character: 19 } });
		assert.match(liveness.message, /livenessProbe/);
		const data = liveness.data as { ruleId: string; findingIndex: number; version: number; fixable: boolean; objectKey: string };
		assert.equal(data.ruleId, 'missing-liveness-probe');
		assert.equal(data.version, 1);
		assert.equal(data.fixable, true);
		assert.equal(typeof data.findingIndex, 'number');
		assert.match(data.objectKey, /deployment\.yaml#0$/);
		for (const d of published.diagnostics) assert.equal(d.source, 'bosun');
	});

	it('republishes after an edit, for the new version', async () => {
		const mark = client.mark();
		await client.change(uri, WITH_LIVENESS, 2);
		const published = await client.waitForDiagnostics(uri, (p) => p.version === 2, { after: mark });
		assert.ok(!codes(published.diagnostics).includes('missing-liveness-probe'));
		assert.ok(codes(published.diagnostics).includes('missing-readiness-probe'));
	});

	it('keeps up with fast typing and never publishes a version older than one it published', async () => {
		const mark = client.mark();
		await client.change(uri, DEPLOYMENT, 3);
		await client.change(uri, WITH_LIVENESS, 4);
		await client.change(uri, DEPLOYMENT, 5);
		const published = await client.waitForDiagnostics(uri, (p) => p.version === 5, { after: mark });
		assert.ok(codes(published.diagnostics).includes('missing-liveness-probe'));
		// A quick lint runs at once (no fixed typing delay), so earlier versions may be published too,
		// but always in order, and the last one published is the current version.
		const versions = client.diagnosticsSince(uri, mark).map((p) => p.version as number);
		assert.deepEqual([...versions].sort((a, b) => a - b), versions);
		assert.equal(versions[versions.length - 1], 5);
	});

	it('hover on a diagnostic lists the findings there with their docs links and explains the most severe', async () => {
		const published = await client.waitForDiagnostics(uri, (p) => p.version === 5);
		const readiness = published.diagnostics.find((d: Diagnostic) => d.code === 'missing-readiness-probe')!;
		const hover = await client.hover(uri, { line: readiness.range.start.line, character: readiness.range.start.character + 2 });
		assert.ok(hover, 'a hover on the diagnostic range');
		assert.equal((hover.contents as MarkupContent).kind, 'markdown');
		const markdown = (hover.contents as MarkupContent).value;
		const rule = RULES_BY_ID.get('missing-readiness-probe')!;
		assert.ok(markdown.includes(`- **Warning** ${rule.title} ([\`missing-readiness-probe\`](${ruleDocsLink('missing-readiness-probe')}))`), markdown);
		// Every rule reported on the container name is listed once; one of them, the first, is explained.
		const sameRange = new Set(published.diagnostics.filter((d) => JSON.stringify(d.range) === JSON.stringify(readiness.range)).map((d) => d.code));
		assert.ok(sameRange.has('missing-liveness-probe'));
		assert.equal(markdown.match(/^- \*\*/gm)?.length, sameRange.size);
		assert.equal(markdown.match(/Why it matters:/g)?.length, 1);
		const first = RULES_BY_ID.get(/\(\[`([a-z-]+)`\]/.exec(markdown)![1])!;
		assert.ok(markdown.includes(`**Why it matters:** ${first.rationale}`));
		assert.ok(markdown.includes(`**How to fix:** ${first.remediation}`));
		assert.ok(markdown.includes(`[Documentation](${ruleDocsLink(first.id)})`));
		assert.deepEqual(hover.range, readiness.range);
	});

	it('hover away from any diagnostic is empty', async () => {
		const hover = await client.hover(uri, positionOf(DEPLOYMENT, 'ghcr.io'));
		assert.equal(hover, null);
	});

	it('is silent on YAML that is not Kubernetes', async () => {
		const composeUri = fileUri(join(root, 'compose.yaml'));
		const mark = client.mark();
		await client.open(composeUri, COMPOSE, 1);
		const published = await client.waitForDiagnostics(composeUri, () => true, { after: mark });
		assert.deepEqual(published.diagnostics, []);
	});

	it('reports one syntax error per broken Kubernetes document', async () => {
		const brokenUri = fileUri(join(root, 'broken.yaml'));
		const mark = client.mark();
		await client.open(brokenUri, BROKEN, 1);
		const published = await client.waitForDiagnostics(brokenUri, () => true, { after: mark });
		assert.deepEqual(codes(published.diagnostics), ['syntax-error']);
		assert.equal(published.diagnostics[0].severity, 1);
		assert.equal(published.diagnostics[0].codeDescription, undefined);
	});

	it('clears diagnostics when a document closes', async () => {
		const mark = client.mark();
		await client.close(uri);
		const published = await client.waitForDiagnostics(uri, () => true, { after: mark });
		assert.deepEqual(published.diagnostics, []);
	});
});

describe('protocol: syntax errors left to another YAML extension', function () {
	let root: string;
	let client: LspTestClient;

	before(async () => {
		root = createWorkspace({});
		client = await LspTestClient.start({ folders: [root], initializationOptions: { syntaxErrors: false } });
	});
	after(async () => {
		await client?.stop();
		removeWorkspace(root);
	});

	it('publishes no syntax-error when the client says syntaxErrors: false', async () => {
		const brokenUri = fileUri(join(root, 'broken.yaml'));
		const mark = client.mark();
		await client.open(brokenUri, BROKEN, 1);
		const published = await client.waitForDiagnostics(brokenUri, () => true, { after: mark });
		assert.deepEqual(published.diagnostics, []);
		// The rest of the linting still runs.
		const deploymentUri = fileUri(join(root, 'deployment.yaml'));
		await client.open(deploymentUri, DEPLOYMENT, 1);
		const rules = await client.waitForDiagnostics(deploymentUri, (p) => p.diagnostics.length > 0, { after: mark });
		assert.ok(codes(rules.diagnostics).includes('missing-readiness-probe'));
	});
});
