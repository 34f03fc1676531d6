// The shared state of the language server, handed to every feature module: the connection, the open
// documents, settings and configuration, the workspace index and the latest findings per URI. Features
// register themselves from server.ts with one call each (`registerX(ctx)`) and add their capabilities to
// `ctx.capabilities` while registering, before `initialize` is answered.
import type { Connection, Event, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiagnosticsEngine } from './diagnostics';
import type { AnalysisStore } from './documents';
import type { FileConfigResolver } from './fileConfig';
import type { WorkspaceFolders } from './files';
import type { SettingsStore } from './settings';
import type { SourceWorkspaces } from './sources';
import type { ManifestIndex } from './workspaceIndex';

/** What the client told us in `initialize`. */
export interface ClientFacts {
	/** False when another YAML extension already reports syntax errors. */
	syntaxErrors: boolean;
	/** The client answers workspace/configuration (otherwise settings come with didChangeConfiguration). */
	configurationPull: boolean;
	/** The client shows server-initiated progress (window/workDoneProgress/create). */
	workDoneProgress: boolean;
	/** The client sends workspace/didChangeWorkspaceFolders. */
	workspaceFolderEvents: boolean;
	/** The client applies workspace edits that create files (resourceOperations `create`). */
	createFiles: boolean;
	/** The client resolves a code action's `edit` when it is chosen (codeAction/resolve). */
	resolveCodeActionEdits: boolean;
	/** The client applies LSP 3.18 snippet edits in document changes (workspace.workspaceEdit.snippetEditSupport). */
	snippetEdits: boolean;
	/** Where the workspace index may keep its warm-start cache (BosunInitializationOptions.storagePath). */
	storagePath: string | undefined;
}

export interface Logger {
	info(message: string): void;
	warn(message: string): void;
	error(message: string, error?: unknown): void;
}

export interface ServerContext {
	readonly connection: Connection;
	/** Open documents, synchronized incrementally. */
	readonly documents: TextDocuments<TextDocument>;
	/** Announced in the initialize result; features add theirs while registering. */
	readonly capabilities: ServerCapabilities;
	readonly client: ClientFacts;
	readonly folders: WorkspaceFolders;
	/** `bosun.*` client settings. */
	readonly settings: SettingsStore;
	/** The effective configuration of a file: defaults, settings, nearest `.bosun.yaml`. */
	readonly configs: FileConfigResolver;
	/** Parsed open documents (one shared SegmentCache). */
	readonly analyses: AnalysisStore;
	/** Every Kubernetes object of the open documents and the workspace folders. */
	readonly index: ManifestIndex;
	/** Linting, publishing, and the latest findings per URI (`findingsFor(uri)`, with fix plans). */
	readonly diagnostics: DiagnosticsEngine;
	/** Helm charts and Kustomize overlays: the findings they place on the files they own. */
	readonly sources: SourceWorkspaces;
	readonly log: Logger;
	/** Fires once the client sent `initialized` (server-to-client requests are allowed from then on). */
	readonly onInitialized: Event<void>;
}

export function connectionLogger(connection: Connection): Logger {
	return {
		info: (message) => connection.console.info(message),
		warn: (message) => connection.console.warn(message),
		error: (message, error) => connection.console.error(error === undefined ? message : `${message}: ${describeError(error)}`),
	};
}

export function describeError(error: unknown): string {
	return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * Wraps a handler so that a failure is logged and answered with `fallback` instead of reaching the
 * connection: one bad document or request must never take the server down.
 */
export function guarded<A extends unknown[], R>(log: Logger, name: string, fallback: R, handler: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
	return async (...args: A) => {
		try {
			return await handler(...args);
		} catch (e) {
			log.error(`Bosun: ${name} failed`, e);
			return fallback;
		}
	};
}

/** Runs background work, logging instead of rejecting (for timers and event listeners). */
export function inBackground(log: Logger, name: string, work: () => Promise<unknown> | unknown): void {
	guarded(log, name, undefined, work)().catch(() => undefined);
}

export interface ProgressReporter {
	begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
	report(percentage: number, message?: string): void;
	done(): void;
}

const NO_PROGRESS: ProgressReporter = { begin() {}, report() {}, done() {} };

/** A window/workDoneProgress indicator when the client shows them; otherwise one that does nothing. */
export async function createProgress(ctx: ServerContext): Promise<ProgressReporter> {
	if (!ctx.client.workDoneProgress) return NO_PROGRESS;
	try {
		return await ctx.connection.window.createWorkDoneProgress();
	} catch (e) {
		ctx.log.warn(`Bosun: the client refused a progress indicator: ${(e as Error).message}`);
		return NO_PROGRESS;
	}
}

/** Let pending messages and timers run before continuing a long piece of background work. */
export function nextTurn(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}
