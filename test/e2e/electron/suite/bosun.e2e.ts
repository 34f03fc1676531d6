// The in-editor scenarios, run inside desktop VS Code through the API a user's actions go through:
// diagnostics (awaited through onDidChangeDiagnostics, never a sleep), hover, the quick fix and the
// PodDisruptionBudget companion via executeCodeActionProvider, a contributed snippet, and a YAML file
// that is not a Kubernetes manifest. The steps share the fixture's documents and run in order.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parseAllDocuments } from 'yaml';
import { DIAGNOSTIC_SOURCE } from '../../../../server/src/lsp/protocol';
import { RULES_BY_ID } from '../../../../server/src/rules';
import { CONTAINER_NAME_PAIR, EXPECTED_FINDINGS, insertedLines, KIND_PAIR, MANIFEST, NOT_KUBERNETES, PDB_ACTION_TITLE, plainText, TextSpan } from '../../scenario';

const DIAGNOSTICS_TIMEOUT = 30_000;

function fileUri(name: string): vscode.Uri {
	return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
}

function codeOf(d: vscode.Diagnostic): string | number | undefined {
	return typeof d.code === 'object' ? d.code.value : d.code;
}

function bosunDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
	return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

/**
 * Resolves with the file's Bosun diagnostics once `accept` holds: checked now and on every
 * onDidChangeDiagnostics event for the file. With `requireEvent`, only an event counts (for a file
 * whose diagnostics are expected to stay empty, the event is the proof that it was linted).
 */
function diagnosticsWhen(uri: vscode.Uri, what: string, accept: (ds: vscode.Diagnostic[]) => boolean, requireEvent = false): Promise<vscode.Diagnostic[]> {
	return new Promise((resolve, reject) => {
		const done = (result: () => void) => {
			clearTimeout(timer);
			subscription.dispose();
			result();
		};
		const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
			if (!event.uris.some((u) => u.toString() === uri.toString())) return;
			const current = bosunDiagnostics(uri);
			if (accept(current)) done(() => resolve(current));
		});
		const timer = setTimeout(() => done(() => reject(new Error(`${uri.path}: no diagnostics event showed ${what}; now: ${JSON.stringify(bosunDiagnostics(uri).map(codeOf))}`))), DIAGNOSTICS_TIMEOUT);
		const now = bosunDiagnostics(uri);
		if (!requireEvent && accept(now)) done(() => resolve(now));
	});
}

function rangeOf(span: TextSpan): vscode.Range {
	return new vscode.Range(span.line - 1, span.column - 1, span.line - 1, span.column - 1 + span.length);
}

async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
	const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range);
	return actions.filter((a): a is vscode.CodeAction => !('arguments' in a && typeof a.command === 'string'));
}

async function apply(action: vscode.CodeAction): Promise<void> {
	if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applying "${action.title}" failed`);
	if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

describe('Bosun in desktop VS Code', () => {
	const manifest = fileUri(MANIFEST);
	let document: vscode.TextDocument;

	before(async () => {
		document = await vscode.workspace.openTextDocument(manifest);
		await vscode.window.showTextDocument(document);
	});

	it('reports the expected findings with their codes and ranges', async () => {
		const codes = Object.keys(EXPECTED_FINDINGS);
		const diagnostics = await diagnosticsWhen(manifest, codes.join(', '), (ds) => codes.every((c) => ds.some((d) => codeOf(d) === c)));
		for (const [code, span] of Object.entries(EXPECTED_FINDINGS)) {
			const found = diagnostics.find((d) => codeOf(d) === code)!;
			assert.deepEqual(found.range, rangeOf(span), code);
			assert.equal(found.severity, vscode.DiagnosticSeverity.Warning, code);
		}
	});

	it('explains a finding on hover', async () => {
		const rule = RULES_BY_ID.get('missing-liveness-probe')!;
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', manifest, rangeOf(CONTAINER_NAME_PAIR).start);
		const text = plainText(hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'));
		assert.ok(text.includes(rule.title), text);
		assert.ok(text.includes(plainText(rule.rationale)), text);
	});

	it('applies the missing-liveness-probe quick fix: the probe is inserted, nothing else changes', async () => {
		const before = document.getText();
		const actions = await codeActionsAt(manifest, rangeOf(CONTAINER_NAME_PAIR));
		const fix = actions.find((a) => a.kind?.contains(vscode.CodeActionKind.QuickFix) && a.diagnostics?.some((d) => codeOf(d) === 'missing-liveness-probe'));
		assert.ok(fix, `no quick fix for missing-liveness-probe among ${JSON.stringify(actions.map((a) => a.title))}`);
		await apply(fix);
		const inserted = insertedLines(before, document.getText());
		assert.ok(inserted?.length, `the fix did not only insert lines:\n${document.getText()}`);
		const container = parseAllDocuments(document.getText())[0].toJS().spec.template.spec.containers[0];
		assert.deepEqual(container.livenessProbe?.tcpSocket, { port: 'http' });
		await diagnosticsWhen(manifest, 'missing-liveness-probe gone', (ds) => !ds.some((d) => codeOf(d) === 'missing-liveness-probe'));
	});

	it('the "Add PodDisruptionBudget" companion action appends a PDB and clears missing-pdb', async () => {
		const before = document.getText();
		const actions = await codeActionsAt(manifest, rangeOf(KIND_PAIR));
		const companion = actions.find((a) => a.title === PDB_ACTION_TITLE);
		assert.ok(companion, `no "${PDB_ACTION_TITLE}" among ${JSON.stringify(actions.map((a) => a.title))}`);
		await apply(companion);
		const after = document.getText();
		assert.ok(after.startsWith(before.trimEnd()), `the manifest itself changed:\n${after}`);
		const pdb = parseAllDocuments(after)[1]?.toJS();
		assert.equal(pdb?.kind, 'PodDisruptionBudget');
		assert.equal(pdb.apiVersion, 'policy/v1');
		assert.deepEqual(pdb.spec.selector, { matchLabels: { 'app.kubernetes.io/name': 'web' } });
		await diagnosticsWhen(manifest, 'missing-pdb gone', (ds) => !ds.some((d) => codeOf(d) === 'missing-pdb'));
	});

	it('inserts a contributed snippet', async () => {
		const scratch = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
		await vscode.window.showTextDocument(scratch);
		await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'yaml', name: 'Deployment (production-ready)' });
		const text = scratch.getText();
		assert.match(text, /^apiVersion: apps\/v1$/m);
		assert.match(text, /^kind: Deployment$/m);
		assert.match(text, /livenessProbe:/);
	});

	it('leaves a YAML file that is not a Kubernetes manifest alone', async () => {
		const pipeline = fileUri(NOT_KUBERNETES);
		const linted = diagnosticsWhen(pipeline, 'the file linted', () => true, true);
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(pipeline));
		assert.deepEqual((await linted).map((d) => `${codeOf(d)}: ${d.message}`), []);
	});
});
