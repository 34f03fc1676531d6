// The built server over stdio: Helm charts and Kustomize overlays in the editor. A chart's files get the
// findings of what the chart renders (with the open documents' unsaved text), an edit to values.yaml
// updates the template's diagnostics, a failing template is one render-error diagnostic, and editing a
// patch updates the base file's findings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { codes, createWorkspace, fileUri, LspTestClient, removeWorkspace } from '../helpers/lspClient';

const FIXTURES = join(__dirname, '../fixtures/sources');
const fixture = (rel: string) => readFileSync(join(FIXTURES, rel), 'utf8');

const CHART_FILES = ['Chart.yaml', 'values.yaml', 'templates/_helpers.tpl', 'templates/deployment.yaml', 'templates/broken.yaml'];
const OVERLAY_FILES = ['base/kustomization.yaml', 'base/deployment.yaml', 'overlays/prod/kustomization.yaml', 'overlays/prod/probes.yaml', 'overlays/staging/kustomization.yaml'];

function lineOf(diagnostics: Diagnostic[], code: string): number[] {
	return diagnostics.filter((d) => d.code === code).map((d) => d.range.start.line);
}

describe('protocol: charts and overlays', function () {
	let root: string;
	let client: LspTestClient;
	const uri = (rel: string) => fileUri(join(root, rel));

	before(async () => {
		const files: Record<string, string> = {};
		for (const f of CHART_FILES) files[`chart/${f}`] = fixture(`chart-web/${f}`);
		for (const f of OVERLAY_FILES) files[`shop/${f}`] = fixture(`kustomize-shop/${f}`);
		root = createWorkspace(files);
		client = await LspTestClient.start({ folders: [root] });
		const begin = await client.waitForNotification('$/progress', (p) => p.value.kind === 'begin');
		await client.waitForNotification('$/progress', (p) => p.token === begin.token && p.value.kind === 'end');
	});
	after(async () => {
		await client?.stop();
		removeWorkspace(root);
	});

	it('puts the rendered Deployment findings on the template and values lines', async () => {
		const template = fixture('chart-web/templates/deployment.yaml');
		await client.open(uri('chart/templates/deployment.yaml'), template, 1);
		const published = await client.waitForDiagnostics(uri('chart/templates/deployment.yaml'), (p) => codes(p.diagnostics).includes('missing-liveness-probe'));
		assert.deepEqual(lineOf(published.diagnostics, 'missing-liveness-probe'), [17]);
		assert.deepEqual(lineOf(published.diagnostics, 'latest-image-tag'), [18]);
		// composed of two values: both are related locations in values.yaml
		const image = published.diagnostics.find((d) => d.code === 'latest-image-tag')!;
		assert.deepEqual(image.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]), [[uri('chart/values.yaml'), 2], [uri('chart/values.yaml'), 3]]);
		assert.ok(!codes(published.diagnostics).includes('helm-template'), 'a chart template is rendered, not reported as unlintable');
		await client.open(uri('chart/values.yaml'), fixture('chart-web/values.yaml'), 1);
		const values = await client.waitForDiagnostics(uri('chart/values.yaml'), (p) => codes(p.diagnostics).includes('single-replica'));
		assert.deepEqual(lineOf(values.diagnostics, 'single-replica'), [0]);
		// the fix edits the value in values.yaml, where the replica count is written
		const diagnostic = values.diagnostics.find((d) => d.code === 'single-replica')!;
		const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uri('chart/values.yaml') }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
		const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.some((d) => d.code === 'single-replica') && a.edit);
		assert.ok(fix, `a quick fix for single-replica: ${JSON.stringify(actions.map((a) => a.title))}`);
		const edits = fix.edit!.documentChanges!.flatMap((c) => ('edits' in c ? c.edits : []));
		assert.deepEqual(edits.map((e) => ({ line: e.range.start.line, character: e.range.start.character, newText: 'newText' in e ? e.newText : '' })), [{ line: 0, character: 14, newText: '2' }]);
	});

	it('hover on .Values.a.b in a template shows the value and where it is set', async () => {
		const template = fixture('chart-web/templates/deployment.yaml');
		const at = template.indexOf('.Values.image.tag') + '.Values.image.'.length;
		const lines = template.slice(0, at).split('\n');
		const hover = await client.hover(uri('chart/templates/deployment.yaml'), { line: lines.length - 1, character: lines[lines.length - 1].length });
		const text = (hover?.contents as { value: string } | undefined)?.value ?? '';
		assert.match(text, /`\.Values\.image\.tag`, set in chart\/values\.yaml line 4/);
		assert.match(text, /```yaml\nlatest\n```/);
	});

	it('an edit of values.yaml updates the template diagnostics', async () => {
		const mark = client.mark();
		const edited = fixture('chart-web/values.yaml').replace('replicaCount: 1', 'replicaCount: 3');
		await client.change(uri('chart/values.yaml'), edited, 2);
		const template = await client.waitForDiagnostics(uri('chart/templates/deployment.yaml'), (p) => codes(p.diagnostics).includes('missing-pdb'), { after: mark });
		assert.deepEqual(lineOf(template.diagnostics, 'missing-pdb'), [1]);
		const values = await client.waitForDiagnostics(uri('chart/values.yaml'), (p) => p.version === 2 && !codes(p.diagnostics).includes('single-replica'), { after: mark });
		assert.ok(codes(values.diagnostics).includes('invalid-quantity'));
	});

	it('bosun/producedManifests returns what the chart renders and what the overlays build', async () => {
		const chart = (await client.request('bosun/producedManifests', { uri: uri('chart/templates/deployment.yaml') })) as { title: string; text: string };
		assert.equal(chart.title, 'Rendered chart web');
		assert.match(chart.text, /^# Source: web\/templates\/deployment\.yaml\napiVersion: apps\/v1\nkind: Deployment\n/m);
		assert.match(chart.text, /replicas: 3/, 'rendered with the unsaved values.yaml');
		const overlays = (await client.request('bosun/producedManifests', { uri: uri('shop/base/deployment.yaml') })) as { title: string; text: string };
		assert.equal(overlays.title, 'Built 2 overlays');
		assert.match(overlays.text, /namespace: shop-prod/);
		assert.match(overlays.text, /namespace: shop-staging/);
		assert.equal(await client.request('bosun/producedManifests', { uri: fileUri(join(root, 'plain.yaml')) }), null);
	});

	it('a failing template is one render-error diagnostic at its action', async () => {
		await client.open(uri('chart/templates/broken.yaml'), fixture('chart-web/templates/broken.yaml'), 1);
		const mark = client.mark();
		const edited = fixture('chart-web/values.yaml') + 'broken:\n  enabled: true\n';
		await client.change(uri('chart/values.yaml'), edited, 3);
		const broken = await client.waitForDiagnostics(uri('chart/templates/broken.yaml'), (p) => codes(p.diagnostics).includes('render-error'), { after: mark });
		const errors = broken.diagnostics.filter((d) => d.code === 'render-error');
		assert.equal(errors.length, 1);
		assert.equal(errors[0].range.start.line, 4);
		assert.match(errors[0].message, /set broken\.name/);
	});

	it('editing a patch updates the findings of the base it patches', async () => {
		const base = fixture('kustomize-shop/base/deployment.yaml');
		await client.open(uri('shop/base/deployment.yaml'), base, 1);
		const before = await client.waitForDiagnostics(uri('shop/base/deployment.yaml'), (p) => codes(p.diagnostics).includes('missing-liveness-probe'));
		assert.match(before.diagnostics.find((d) => d.code === 'missing-liveness-probe')!.message, /\(in overlay staging\)$/);
		const mark = client.mark();
		await client.open(uri('shop/overlays/prod/probes.yaml'), fixture('kustomize-shop/overlays/prod/probes.yaml').replace('          livenessProbe:\n            tcpSocket: {port: 8080}\n', ''), 1);
		const after = await client.waitForDiagnostics(uri('shop/base/deployment.yaml'), (p) => /\(in overlays prod, staging\)$/.test(p.diagnostics.find((d) => d.code === 'missing-liveness-probe')?.message ?? ''), { after: mark });
		assert.deepEqual(lineOf(after.diagnostics, 'missing-liveness-probe'), [13]);
		// the patch itself is never linted as a Deployment of its own
		const patch = client.diagnosticsSince(uri('shop/overlays/prod/probes.yaml'), mark).at(-1);
		assert.ok(!patch || !codes(patch.diagnostics).includes('missing-memory-limit'));
	});

	it('Lint Workspace lints a closed patch through its overlays, never as a Deployment of its own', async () => {
		await client.close(uri('shop/overlays/prod/probes.yaml'));
		const mark = client.mark();
		await client.request('bosun/lintWorkspace');
		const published = client.diagnosticsSince(uri('shop/overlays/prod/probes.yaml'), mark);
		for (const p of published) assert.deepEqual(codes(p.diagnostics).filter((c) => ['missing-memory-limit', 'missing-labels', 'missing-pdb'].includes(c)), []);
		// the open base keeps the findings of both overlays
		const base = await client.waitForDiagnostics(uri('shop/base/deployment.yaml'), (p) => codes(p.diagnostics).includes('missing-memory-limit'));
		assert.match(base.diagnostics.find((d) => d.code === 'missing-memory-limit')!.message, /\(in overlays prod, staging\)$/);
	});
});
