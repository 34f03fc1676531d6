// The VS Code side of Bosun: starts the language server (dist/server.js, a Node module over IPC) for YAML
// documents, forwards the `bosun` settings and YAML file events to it, and adds what only the editor can
// do: commands, a status bar item and a notice when the server crashed and was restarted. Nothing from
// the workspace is ever executed, so the extension runs in untrusted workspaces as well.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, CloseHandlerResult, ErrorHandler, LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { BosunInitializationOptions, DIAGNOSTIC_SOURCE, DOCUMENT_STATUS_NOTIFICATION, DocumentStatus, INDEXING_NOTIFICATION, IndexingStatus } from '../../server/src/lsp/protocol';
import { SHOW_RULE_DOCUMENTATION_COMMAND } from '../../server/src/core/rule';
import { registerCommands } from './commands';
import { StatusBar } from './statusBar';

/** Red Hat's YAML extension reports YAML syntax errors itself; Bosun then leaves them out. */
const RED_HAT_YAML = 'redhat.vscode-yaml';
/** Restarts allowed within three minutes before the client gives up (vscode-languageclient's rule). */
const MAX_RESTARTS = 4;

let client: LanguageClient | undefined;

/**
 * The language client, except that a server process exiting with code 0 is logged as information: it
 * exits 0 only when asked to (Restart Server, a reload), and vscode-languageclient logs every exit as an
 * error. A crash exits otherwise and is still an error.
 */
class BosunLanguageClient extends LanguageClient {
	override error(message: string, data?: unknown, showNotification?: boolean | 'force'): void {
		if (/^Server process exited with code 0\.?$/.test(message)) this.info(message);
		else super.error(message, data, showNotification);
	}
}

function initializationOptions(context?: vscode.ExtensionContext): BosunInitializationOptions {
	// An installed, enabled Red Hat YAML extension activates on every YAML file, as Bosun does.
	const syntaxErrors = vscode.extensions.getExtension(RED_HAT_YAML) === undefined;
	// The workspace index's warm-start cache lives in this workspace's storage folder (none without a workspace).
	return { syntaxErrors, storagePath: context?.storageUri?.scheme === 'file' ? context.storageUri.fsPath : undefined };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
	const module = context.asAbsolutePath(path.join('dist', 'server.js'));
	const serverOptions: ServerOptions = {
		run: { module, transport: TransportKind.ipc },
		debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
	};

	const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}');
	// A folder deleted, moved or renamed is reported for the folder alone, which the YAML glob misses.
	// Changes are left out: a folder's contents changing is reported for the files themselves.
	const folderWatcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
	context.subscriptions.push(watcher, folderWatcher);
	const statusBar = new StatusBar();
	context.subscriptions.push(statusBar);

	// The default handler decides whether to restart; this one also tells the user it happened.
	let defaultErrorHandler: ErrorHandler | undefined;
	const errorHandler: ErrorHandler = {
		error: (error, message, count) => defaultErrorHandler!.error(error, message, count),
		closed: async (): Promise<CloseHandlerResult> => {
			const result = await defaultErrorHandler!.closed();
			if (result.action !== CloseAction.Restart) return result;
			void vscode.window
				.showWarningMessage('The Bosun language server stopped unexpectedly and was restarted.', 'Show Output')
				.then((choice) => choice && client?.outputChannel.show());
			return { ...result, handled: true };
		},
	};

	const clientOptions: LanguageClientOptions = {
		documentSelector: [
			{ scheme: 'file', language: 'yaml' },
			{ scheme: 'untitled', language: 'yaml' },
		],
		synchronize: {
			// `files.exclude` decides which files the server indexes, as `bosun.exclude` does.
			configurationSection: ['bosun', 'files.exclude'],
			fileEvents: [watcher, folderWatcher],
		},
		initializationOptions: () => initializationOptions(context),
		outputChannelName: 'Bosun',
		// The hover's documentation link is a command URI (rule.ts ruleDocsLink): trust that command only.
		markdown: { isTrusted: { enabledCommands: [SHOW_RULE_DOCUMENTATION_COMMAND] } },
		diagnosticCollectionName: 'bosun',
		errorHandler,
		middleware: {
			handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE)),
		},
	};

	const languageClient = new BosunLanguageClient('bosun', 'Bosun', serverOptions, clientOptions);
	client = languageClient;
	defaultErrorHandler = languageClient.createDefaultErrorHandler(MAX_RESTARTS);
	context.subscriptions.push(
		languageClient.onDidChangeState((e) => statusBar.setState(e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped')),
	);
	registerCommands(context, languageClient);
	context.subscriptions.push(
		languageClient.onNotification(INDEXING_NOTIFICATION, (status: IndexingStatus) => statusBar.setIndexing(status)),
		languageClient.onNotification(DOCUMENT_STATUS_NOTIFICATION, (status: DocumentStatus) => statusBar.setDocumentStatus(status)),
		vscode.workspace.onDidCloseTextDocument((document) => statusBar.forget(document.uri.toString())),
	);

	// Installing or removing the Red Hat extension changes who reports syntax errors: restart to tell the server.
	let syntaxErrors = initializationOptions().syntaxErrors;
	context.subscriptions.push(
		vscode.extensions.onDidChange(() => {
			const now = initializationOptions().syntaxErrors;
			if (now === syntaxErrors || !languageClient.isRunning()) return;
			syntaxErrors = now;
			languageClient.restart().catch((e) => languageClient.error('Restarting the Bosun server failed', e));
		}),
	);

	await languageClient.start();
}

export async function deactivate(): Promise<void> {
	await client?.stop();
	client = undefined;
}
