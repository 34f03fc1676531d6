// The Bosun commands: Restart Server, Show Rule Documentation (a picker over the rule catalog, or a rule
// id given by a code action, a diagnostic's code link, a hover or a setting's description: it opens the
// page bundled in the extension, rendered) and Lint Workspace (the server publishes diagnostics for
// every manifest); and bosun.openBeside, run by a companion action that created a new file.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ruleDocsPath, SHOW_RULE_DOCUMENTATION_COMMAND } from '../../server/src/core/rule';
import { LINT_WORKSPACE_REQUEST, LintWorkspaceResult, OPEN_BESIDE_COMMAND, PRODUCED_MANIFESTS_REQUEST, ProducedManifests, RULES_REQUEST, RuleSummary } from '../../server/src/lsp/protocol';

/** Read-only documents holding what a chart renders or an overlay builds (Show Rendered/Built Manifests). */
const PRODUCED_SCHEME = 'bosun-produced';

const NOT_RUNNING = 'The Bosun language server is not running. Run "Bosun: Restart Server" to start it again.';

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Opens a rule's page from the extension's own docs/ folder, rendered by VS Code's Markdown preview; the
 * source in an editor when the preview is unavailable (the built-in Markdown extension disabled).
 */
async function openRulePage(context: vscode.ExtensionContext, ruleId: string): Promise<void> {
	// A rule id is a lowercase slug; anything else must not become a path into the extension.
	if (!/^[a-z0-9-]+$/.test(ruleId)) throw new Error(`no rule named "${ruleId}"`);
	const page = vscode.Uri.joinPath(context.extensionUri, ruleDocsPath(ruleId));
	try {
		await vscode.commands.executeCommand('markdown.showPreview', page);
	} catch {
		await vscode.commands.executeCommand('vscode.open', page);
	}
}

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
	const register = (id: string, run: (...args: any[]) => Promise<unknown>) =>
		context.subscriptions.push(
			vscode.commands.registerCommand(id, async (...args: any[]) => {
				try {
					await run(...args);
				} catch (e) {
					void vscode.window.showErrorMessage(`Bosun: ${(e as Error).message ?? e}`);
				}
			}),
		);

	register('bosun.restartServer', async () => {
		await client.restart();
	});

	register(SHOW_RULE_DOCUMENTATION_COMMAND, async (ruleId?: unknown) => {
		if (typeof ruleId === 'string' && ruleId) {
			await openRulePage(context, ruleId);
			return;
		}
		if (!client.isRunning()) {
			void vscode.window.showWarningMessage(NOT_RUNNING);
			return;
		}
		const rules = await client.sendRequest<RuleSummary[]>(RULES_REQUEST);
		const picked = await vscode.window.showQuickPick(
			rules.map((rule) => ({ label: rule.id, description: rule.title, detail: `${rule.category} · default: ${rule.defaultSeverity}`, rule })),
			{ title: 'Bosun: Show Rule Documentation', placeHolder: 'Rule id or title', matchOnDescription: true, matchOnDetail: true },
		);
		if (picked) await openRulePage(context, picked.rule.id);
	});

	// What a chart renders or an overlay builds, in a read-only editor beside the file: what Bosun lints.
	const produced = new Map<string, string>();
	const changed = new vscode.EventEmitter<vscode.Uri>();
	context.subscriptions.push(
		changed,
		vscode.workspace.registerTextDocumentContentProvider(PRODUCED_SCHEME, { onDidChange: changed.event, provideTextDocumentContent: (uri) => produced.get(uri.toString()) ?? '' }),
	);
	const showProduced = async () => {
		const editor = vscode.window.activeTextEditor;
		if (!editor) throw new Error('open a file of a Helm chart or a Kustomize overlay first');
		if (!client.isRunning()) {
			void vscode.window.showWarningMessage(NOT_RUNNING);
			return;
		}
		const result = await client.sendRequest<ProducedManifests | null>(PRODUCED_MANIFESTS_REQUEST, { uri: editor.document.uri.toString() });
		if (!result) {
			void vscode.window.showInformationMessage('Bosun: this file belongs to no Helm chart or Kustomize overlay; it is linted as it is.');
			return;
		}
		const uri = vscode.Uri.from({ scheme: PRODUCED_SCHEME, path: `/${result.title}.yaml` });
		produced.set(uri.toString(), result.text);
		changed.fire(uri);
		const document = await vscode.workspace.openTextDocument(uri);
		await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
	};
	register('bosun.showRenderedManifests', showProduced);
	register('bosun.showBuiltManifests', showProduced);

	// After a companion document was created in a new file: show it next to the workload, which keeps the focus.
	register(OPEN_BESIDE_COMMAND, async (uri?: unknown) => {
		if (typeof uri !== 'string') return;
		await vscode.window.showTextDocument(vscode.Uri.parse(uri), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
	});

	register('bosun.lintWorkspace', async () => {
		if (!client.isRunning()) {
			void vscode.window.showWarningMessage(NOT_RUNNING);
			return;
		}
		const result = await client.sendRequest<LintWorkspaceResult>(LINT_WORKSPACE_REQUEST);
		const summary = `Bosun linted ${plural(result.manifests, 'manifest file')}: ${plural(result.problems, 'problem')} in ${plural(result.filesWithProblems, 'file')}.`;
		if (!result.problems) {
			void vscode.window.showInformationMessage(summary);
			return;
		}
		const choice = await vscode.window.showInformationMessage(summary, 'Open Problems');
		if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
	});
}
