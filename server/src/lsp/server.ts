// Builds the Bosun language server on a connection: the shared context, then every feature from
// registerFeatures (one call per feature module, each adding its handlers and capabilities).
import { Connection, Emitter, InitializeParams, InitializeResult, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { registerCodeActions } from './codeActions';
import { registerConfigAuthoring } from './configAuthoring';
import { ClientFacts, connectionLogger, ServerContext } from './context';
import { DiagnosticsEngine, registerDiagnostics } from './diagnostics';
import { AnalysisStore } from './documents';
import { FileConfigResolver } from './fileConfig';
import { WorkspaceFolders } from './files';
import { registerHover } from './hover';
import type { BosunInitializationOptions } from './protocol';
import { registerRequests } from './requests';
import { registerSettings, SettingsStore } from './settings';
import { SourceWorkspaces } from './sources';
import { ManifestIndex, registerWorkspaceIndex } from './workspaceIndex';

declare const BOSUN_VERSION: string | undefined;

/** Every feature of the server. A new feature module adds one line here. */
export function registerFeatures(ctx: ServerContext): void {
	registerSettings(ctx);
	registerWorkspaceIndex(ctx);
	registerDiagnostics(ctx);
	registerHover(ctx);
	registerConfigAuthoring(ctx);
	registerCodeActions(ctx);
	registerRequests(ctx);
}

function clientFacts(params: InitializeParams): ClientFacts {
	const options = (params.initializationOptions ?? {}) as BosunInitializationOptions;
	return {
		syntaxErrors: options.syntaxErrors !== false,
		storagePath: typeof options.storagePath === 'string' && options.storagePath !== '' ? options.storagePath : undefined,
		configurationPull: params.capabilities.workspace?.configuration === true,
		workDoneProgress: params.capabilities.window?.workDoneProgress === true,
		workspaceFolderEvents: params.capabilities.workspace?.workspaceFolders === true,
		resolveCodeActionEdits: (params.capabilities.textDocument?.codeAction?.resolveSupport?.properties ?? []).includes('edit') && params.capabilities.textDocument?.codeAction?.dataSupport === true,
		createFiles: params.capabilities.workspace?.workspaceEdit?.documentChanges === true && (params.capabilities.workspace.workspaceEdit.resourceOperations ?? []).includes('create'),
		// LSP 3.18; the 3.17 types do not know the field. Snippet edits travel in documentChanges only.
		snippetEdits:
			params.capabilities.workspace?.workspaceEdit?.documentChanges === true &&
			(params.capabilities.workspace.workspaceEdit as { snippetEditSupport?: boolean }).snippetEditSupport === true,
	};
}

/** Create the context, register the features and start listening on the connection's documents. */
export function startServer(connection: Connection): ServerContext {
	const initialized = new Emitter<void>();
	const ctx = {
		connection,
		documents: new TextDocuments(TextDocument),
		capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } },
		client: { syntaxErrors: true, configurationPull: false, workDoneProgress: false, workspaceFolderEvents: false, createFiles: false, resolveCodeActionEdits: false, snippetEdits: false, storagePath: undefined },
		folders: new WorkspaceFolders(),
		analyses: new AnalysisStore(),
		log: connectionLogger(connection),
		onInitialized: initialized.event,
	} as Omit<ServerContext, 'settings' | 'configs' | 'index' | 'diagnostics' | 'sources'> as ServerContext;
	// The stores read each other only when used, so they can share the one context.
	Object.assign(ctx, {
		settings: new SettingsStore(ctx),
		configs: new FileConfigResolver(ctx),
		index: new ManifestIndex(ctx),
		diagnostics: new DiagnosticsEngine(ctx),
		sources: new SourceWorkspaces(ctx),
	});
	registerFeatures(ctx);

	connection.onInitialize((params): InitializeResult => {
		Object.assign(ctx.client, clientFacts(params));
		ctx.folders.set(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []));
		return {
			capabilities: ctx.capabilities,
			serverInfo: { name: 'Bosun', version: typeof BOSUN_VERSION === 'string' ? BOSUN_VERSION : undefined },
		};
	});
	connection.onInitialized(() => initialized.fire());
	ctx.documents.listen(connection);
	return ctx;
}
