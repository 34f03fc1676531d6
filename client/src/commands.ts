// The Bosun commands: Restart Server, Show Rule Documentation (a picker over the rule catalog, or a rule
// id given by a code action, a diagnostic's code link, a hover or a setting's description: it opens the
// page bundled in the extension, rendered) and Lint Workspace (the server publishes diagnostics for
// every manifest); and bosun.openBeside, run by a companion action that created a new file.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ruleDocsPath, SHOW_RULE_DOCUMENTATION_COMMAND } from '../../server/src/core/rule';
import { LINT_WORKSPACE_REQUEST, LintWorkspaceResult, OPEN_BESIDE_COMMAND, RULES_REQUEST, RuleSummary } from '../../server/src/lsp/protocol';

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
