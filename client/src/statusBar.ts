// The Bosun status bar item: the language server's state and, for the active YAML file, what Bosun made
// of it: still checking (shown at once, a large file takes a moment), not a Kubernetes manifest, or how
// many findings it has per severity. Counts come from the editor's own diagnostics, so they always match
// what the Problems view shows. While the workspace is being indexed it says so with a percentage, and
// its tooltip marks the findings partial: cross-file rules run once the index is complete.
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, DocumentStatus, IndexingStatus } from '../../server/src/lsp/protocol';

export type ServerState = 'starting' | 'running' | 'stopped';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export class StatusBar implements vscode.Disposable {
	private readonly item = vscode.window.createStatusBarItem('bosun.status', vscode.StatusBarAlignment.Right, 100);
	private readonly listeners: vscode.Disposable[];
	private state: ServerState = 'starting';
	private indexing: IndexingStatus = { ready: false, percentage: 0 };
	/** The server's latest word on each open document, by URI. */
	private documents = new Map<string, DocumentStatus>();
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
		// A new server process reads the workspace and lints the open documents again.
		if (state !== 'running') {
			this.indexing = { ready: false, percentage: 0 };
			this.documents.clear();
		}
		this.update();
	}

	setIndexing(status: IndexingStatus): void {
		this.indexing = status;
		this.update();
	}

	setDocumentStatus(status: DocumentStatus): void {
		this.documents.set(status.uri, status);
		if (status.uri === this.document?.uri.toString()) this.update();
	}

	/** A closed document's status would be stale if it were opened again. */
	forget(uri: string): void {
		this.documents.delete(uri);
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
		const status = this.documents.get(document.uri.toString());
		const indexing = this.indexing.ready ? '' : ` · indexing ${this.indexing.percentage}%`;
		const indexingNote = this.indexing.ready
			? ''
			: ` Bosun is indexing the workspace (${this.indexing.percentage}%): these findings are partial until cross-file rules (PodDisruptionBudgets, NetworkPolicies, Services, autoscalers) have run.`;
		item.command = 'workbench.actions.view.problems';
		// Until its first lint; later edits keep the last result shown rather than flicker while typing.
		if (!status) {
			item.text = `$(sync~spin) Bosun${indexing}`;
			item.tooltip = `Bosun is checking this file.${indexingNote}`;
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
		if (!total && status.kind !== 'manifest') {
			const what = { other: 'This file is not a Kubernetes manifest: Bosun has nothing to check in it.', config: 'Bosun configuration: its problems show in this file.', skipped: 'Bosun does not lint this file (excluded, or larger than bosun.maxFileSize).', manifest: '' }[status.kind];
			item.text = status.kind === 'other' ? 'Bosun: not a Kubernetes manifest' : status.kind === 'config' ? '$(gear) Bosun' : '$(circle-slash) Bosun';
			item.tooltip = what;
			item.show();
			return;
		}
		const partial = status.partial && !this.indexing.ready;
		const counted = total ? `$(error) ${counts.error} $(warning) ${counts.warning} $(info) ${counts.info}` : '$(check)';
		item.text = `Bosun ${counted}${partial ? indexing : ''}`;
		const found = total
			? `Bosun found ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')} and ${counts.info} information ${counts.info === 1 ? 'finding' : 'findings'} in this file.`
			: 'Bosun found no problems in this file.';
		item.tooltip = `${found}${partial ? indexingNote : ''}${total ? ' Click to open the Problems view.' : ''}`;
		item.show();
	}

	dispose(): void {
		for (const listener of this.listeners) listener.dispose();
		this.item.dispose();
	}
}
