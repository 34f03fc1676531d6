// The Bosun commands: Restart Server, Show Rule Documentation (a picker over the rule catalog, or a rule
// id given by a code action) and Lint Workspace (the server publishes diagnostics for every manifest);
// and bosun.openBeside, run by a companion action that created a new file.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { docsUrl } from '../../server/src/core/rule';
import { LINT_WORKSPACE_REQUEST, LintWorkspaceResult, OPEN_BESIDE_COMMAND, RULES_REQUEST, RuleSummary } from '../../server/src/lsp/protocol';

const NOT_RUNNING = 'The Bosun language server is not running. Run "Bosun: Restart Server" to start it again.';

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
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

	register('bosun.showRuleDocumentation', async (ruleId?: unknown) => {
		if (typeof ruleId === 'string' && ruleId) {
			await vscode.env.openExternal(vscode.Uri.parse(docsUrl(ruleId)));
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
		if (picked) await vscode.env.openExternal(vscode.Uri.parse(picked.rule.docsUrl));
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
