// The built language server on hostile files, as the editor sends them: a 50 MB file is skipped before
// it is parsed, with one information diagnostic naming the bosun.maxFileSize setting, an alias bomb and
// 10,000 levels of nesting each get their clear diagnostic, a Helm template its one, and the server goes
// on serving the other documents. Nothing here measures time (speed lives in `npm run bench`).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { codes, createWorkspace, fileUri, LspTestClient, positionOf, removeWorkspace } from '../helpers/lspClient';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n';

describe('robustness: language server', function () {
	this.timeout(60000);
	let folder: string;
	let client: LspTestClient;

	before(async () => {
		folder = createWorkspace({ 'README.md': '# empty\n' });
		client = await LspTestClient.start({ folders: [folder] });
	});

	after(async () => {
		await client?.stop();
		removeWorkspace(folder);
	});

	/** Open `text` and return its first diagnostics. */
	async function openAndWait(name: string, text: string): Promise<{ published: PublishDiagnosticsParams; uri: string }> {
		const uri = fileUri(join(folder, name));
		const mark = client.mark();
		await client.open(uri, text);
		const published = await client.waitForDiagnostics(uri, () => true, { after: mark, timeoutMs: 10000 });
		return { published, uri };
	}

	it('skips a 50 MB file before parsing it: one information diagnostic naming the setting, no analysis, nothing indexed', async () => {
		const labelled = POD.replace('  name: p\n', '  name: p\n  labels: {app: big}\n');
		const doc = `${labelled}---\n`;
		const big = doc.repeat(Math.ceil((50 * 1024 * 1024) / doc.length));
		const { published, uri } = await openAndWait('big.yaml', big);
		assert.equal(published.diagnostics.length, 1);
		const [d] = published.diagnostics;
		assert.equal(d.severity, 3 /* Information */);
		assert.match(d.message, /bosun\.maxFileSize/);
		assert.match(d.message, /50\.0 MB/);
		// Parsed, the file would have an analysis that hover explains keys from; skipped, it has none.
		const onImage = positionOf(labelled, 'image');
		assert.equal(await client.hover(uri, onImage), null);
		const small = await openAndWait('small.yaml', labelled.replace('app: big', 'app: small'));
		assert.notEqual(await client.hover(small.uri, onImage), null, 'the same text, small enough, is analysed');
		// Nor are its Pods indexed: a Service selecting only them selects nothing.
		const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector: {app: big}\n  ports: [{port: 80}]\n';
		const { published: serviceDiagnostics } = await openAndWait('service.yaml', service);
		assert.ok(codes(serviceDiagnostics.diagnostics).includes('dangling-service'), codes(serviceDiagnostics.diagnostics).join(', '));
	});

	it('answers an alias bomb with one clear diagnostic', async () => {
		let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
		for (let i = 1; i < 10; i++) text += `  l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
		const { published } = await openAndWait('bomb.yaml', text);
		assert.deepEqual(published.diagnostics.map((d) => d.code), ['syntax-error']);
		assert.match(published.diagnostics[0].message, /^Document not linted: .*alias/);
	});

	it('answers 10,000 levels of nesting with one clear diagnostic', async () => {
		const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: ${'['.repeat(10000)}${']'.repeat(10000)}\n`;
		const { published } = await openAndWait('deep.yaml', text);
		assert.deepEqual(published.diagnostics.map((d) => d.code), ['syntax-error']);
		assert.match(published.diagnostics[0].message, /nests collections more than 200 levels deep/);
	});

	it('gives a Helm template one information diagnostic', async () => {
		const { published } = await openAndWait('chart.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  {{- if .Values.x }}\n  ports: [\n  {{- end }}\n');
		assert.deepEqual(published.diagnostics.map((d) => [d.code, d.severity]), [['helm-template', 3]]);
		assert.deepEqual(published.diagnostics[0].range.start, { line: 3, character: 8 });
	});

	it('still lints an ordinary manifest afterwards', async () => {
		const { published } = await openAndWait('pod.yaml', POD);
		assert.ok(published.diagnostics.some((d) => d.code === 'latest-image-tag'));
	});
});
