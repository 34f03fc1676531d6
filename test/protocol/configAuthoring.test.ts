// Writing a `.bosun.yaml` in the editor, from the built server over stdio: completion of keys, rule ids
// and severities; "did you mean" for a misspelt rule id with the quick fix that replaces it; hover on a
// rule id showing its title.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CodeAction, CompletionItem, CompletionList, MarkupContent, Position, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { SEVERITY_SETTINGS } from '../../server/src/core/config';
import { RULES, RULES_BY_ID } from '../../server/src/rules';
import { createWorkspace, fileUri, LspTestClient, positionOf, removeWorkspace } from '../helpers/lspClient';
import { applyLspEdits } from '../helpers/workspaceEdits';

describe('protocol: .bosun.yaml authoring', function () {
	let root: string;
	let client: LspTestClient;
	let uri: string;
	let version = 0;

	async function setText(text: string) {
		const mark = client.mark();
		version++;
		if (version === 1) await client.open(uri, text, version);
		else await client.change(uri, text, version);
		return client.waitForDiagnostics(uri, (p) => p.version === version, { after: mark });
	}

	async function complete(text: string, position: Position): Promise<CompletionItem[]> {
		await setText(text);
		const result = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
		return Array.isArray(result) ? result : (result?.items ?? []);
	}

	/** The position right after `needle` (the end of what was typed). */
	const endOf = (text: string, needle: string): Position => {
		const p = positionOf(text, needle);
		return { line: p.line, character: p.character + needle.length };
	};

	before(async () => {
		root = createWorkspace({ '.bosun.yaml': '' });
		uri = fileUri(join(root, '.bosun.yaml'));
		client = await LspTestClient.start({ folders: [root] });
	});
	after(async () => {
		await client?.stop();
		removeWorkspace(root);
	});

	it('announces completion', () => {
		assert.ok(client.initializeResult.capabilities.completionProvider);
	});

	it('completes the top-level keys not written yet', async () => {
		const text = 'rules: {}\nreq';
		const labels = (await complete(text, endOf(text, 'req'))).map((i) => i.label);
		assert.deepEqual(labels, ['requiredLabels', 'trustedRegistries', 'kubernetesVersion', 'resourceDefaults', 'exclude', 'helm', 'kustomize']);
	});

	it('completes every rule id under rules:, without the ones already set, each with its title', async () => {
		const text = 'rules:\n  missing-pdb: off\n  missing-cpu\n';
		const items = await complete(text, endOf(text, '  missing-cpu'));
		assert.deepEqual(items.map((i) => i.label).sort(), RULES.map((r) => r.id).filter((id) => id !== 'missing-pdb').sort());
		const cpu = items.find((i) => i.label === 'missing-cpu-limit')!;
		assert.equal(cpu.detail, RULES_BY_ID.get('missing-cpu-limit')!.title);
		assert.equal(cpu.insertText, 'missing-cpu-limit: ');
	});

	it('completes the severities after a rule id, its default first', async () => {
		const text = 'rules:\n  missing-cpu-limit: ';
		const items = await complete(text, endOf(text, 'missing-cpu-limit: '));
		assert.deepEqual(items.map((i) => i.label), [...SEVERITY_SETTINGS]);
		const first = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))[0];
		assert.equal(first.label, RULES_BY_ID.get('missing-cpu-limit')!.defaultSeverity);
	});

	it('completes cpu and memory under resourceDefaults, and nothing inside a list', async () => {
		const text = 'resourceDefaults:\n  cpu: 200m\n  m\nexclude:\n  - a';
		assert.deepEqual((await complete(text, endOf(text, '  m'))).map((i) => i.label), ['memory']);
		assert.deepEqual(await complete(text, endOf(text, '- a')), []);
	});

	it('says "did you mean" for a misspelt rule id, in plain quotes, and the quick fix puts the right id', async () => {
		const text = 'rules:\n  missing-cpu-limt: off\n';
		const published = await setText(text);
		assert.equal(published.diagnostics.length, 1);
		const [typo] = published.diagnostics;
		assert.equal(typo.message, 'Unknown rule id "missing-cpu-limt". Did you mean "missing-cpu-limit"?');
		assert.deepEqual(typo.range.start, positionOf(text, 'missing-cpu-limt'));
		const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: typo.range, context: { diagnostics: [typo] } });
		assert.deepEqual(actions.map((a) => a.title), ['Change to "missing-cpu-limit"']);
		assert.equal(actions[0].isPreferred, true);
		const change = actions[0].edit!.documentChanges![0] as TextDocumentEdit;
		assert.equal(change.textDocument.version, version);
		const fixed = applyLspEdits(text, change.edits);
		assert.equal(fixed, 'rules:\n  missing-cpu-limit: off\n');
		assert.deepEqual((await setText(fixed)).diagnostics, []);
	});

	it('offers no replacement for a name nothing resembles, and names the known keys for an unknown key', async () => {
		const published = await setText('rules:\n  completely-unrelated-thing: off\ncolour: blue\n');
		const messages = published.diagnostics.map((d) => d.message).sort();
		assert.deepEqual(messages, ['Unknown configuration key "colour". Known keys: rules, requiredLabels, trustedRegistries, kubernetesVersion, resourceDefaults, exclude, helm, kustomize.', 'Unknown rule id "completely-unrelated-thing".']);
		assert.ok(published.diagnostics.every((d) => d.data === undefined));
		assert.ok(!messages.join('\n').includes('`'), 'no raw backticks');
	});

	it('shows a rule\'s title on hover over its id', async () => {
		const text = 'rules:\n  missing-pdb: off\n';
		await setText(text);
		const p = positionOf(text, 'missing-pdb');
		const hover = await client.hover(uri, { line: p.line, character: p.character + 3 });
		const value = (hover!.contents as MarkupContent).value;
		assert.ok(value.startsWith(`**${RULES_BY_ID.get('missing-pdb')!.title}** (\`missing-pdb\`)`), value);
		assert.ok(value.includes('Default severity: **warning**'), value);
		assert.equal(await client.hover(uri, { line: 1, character: 16 }), null, 'nothing on the severity');
	});
});
