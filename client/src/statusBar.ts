// The Bosun status bar item: the language server's state and, for the active YAML file, how many Bosun
// findings it has per severity. Counts come from the editor's own diagnostics, so they always match
// what the Problems view shows.
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../server/src/lsp/protocol';

export type ServerState = 'starting' | 'running' | 'stopped';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export class StatusBar implements vscode.Disposable {
	private readonly item = vscode.window.createStatusBarItem('bosun.status', vscode.StatusBarAlignment.Right, 100);
	private readonly listeners: vscode.Disposable[];
	private state: ServerState = 'starting';
	/** The document of the active editor pane (not of the Output or another panel). */
	private document = vscode.window.activeTextEditor?.document;

	constructor() {
		this.item.name = 'Bosun';
		this.listeners = [
			vscode.window.onDidChangeActiveTextEditor((editor) => {
				// Focusing a panel (Output, Debug Console) makes its text the active editor, with no view column.
				if (editor && editor.viewColumn === undefined) return;
				this.document = editor?.document;
				this.update();
			}),
			vscode.languages.onDidChangeDiagnostics((e) => {
				const active = this.document?.uri.toString();
				if (active && e.uris.some((uri) => uri.toString() === active)) this.update();
			}),
		];
		this.update();
	}

	setState(state: ServerState): void {
		this.state = state;
		this.update();
	}

	private update(): void {
		const document = this.document;
		const item = this.item;
		item.backgroundColor = undefined;
		if (this.state === 'stopped') {
			item.text = '$(debug-disconnect) Bosun';
			item.tooltip = 'The Bosun language server is not running. Click to restart it.';
			item.command = 'bosun.restartServer';
			item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
			item.show();
			return;
		}
		if (document?.languageId !== 'yaml') {
			item.hide();
			return;
		}
		if (this.state === 'starting') {
			item.text = '$(sync~spin) Bosun';
			item.tooltip = 'The Bosun language server is starting.';
			item.command = undefined;
			item.show();
			return;
		}
		const counts = { error: 0, warning: 0, info: 0 };
		for (const d of vscode.languages.getDiagnostics(document.uri)) {
			if (d.source !== DIAGNOSTIC_SOURCE) continue;
			if (d.severity === vscode.DiagnosticSeverity.Error) counts.error++;
			else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warning++;
			else if (d.severity === vscode.DiagnosticSeverity.Information) counts.info++;
			// Hints are left out, as the Problems view leaves them out.
		}
		const total = counts.error + counts.warning + counts.info;
		item.text = total ? `Bosun $(error) ${counts.error} $(warning) ${counts.warning} $(info) ${counts.info}` : '$(check) Bosun';
		item.tooltip = total
			? `Bosun found ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')} and ${counts.info} information ${counts.info === 1 ? 'finding' : 'findings'} in this file. Click to open the Problems view.`
			: 'Bosun found no problems in this file.';
		item.command = 'workbench.actions.view.problems';
		item.show();
	}

	dispose(): void {
		for (const listener of this.listeners) listener.dispose();
		this.item.dispose();
	}
}
