// A JSON-RPC test client for the built language server (dist/server.js over stdio). It records every
// notification the server sends, answers the server's requests (workspace/configuration from
// `settings`, progress creation, registrations) and waits for messages with a timeout instead of
// sleeping. Start it with LspTestClient.start(...) and stop it in an `after` hook.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { WorkDoneProgress } from 'vscode-languageserver-protocol';
import type {
	ClientCapabilities,
	ConfigurationParams,
	Diagnostic,
	FileEvent,
	Hover,
	InitializeResult,
	Position,
	PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';

export const SERVER_PATH = join(__dirname, '..', '..', 'dist', 'server.js');
export const DEFAULT_TIMEOUT_MS = 5000;

export function fileUri(path: string): string {
	return pathToFileURL(path).href;
}

export interface Received {
	method: string;
	params: any;
}

export interface StartOptions {
	/** Workspace folder paths. */
	folders?: string[];
	initializationOptions?: unknown;
	/** Answers workspace/configuration: `{ bosun: {...}, files: { exclude: {...} } }`. */
	settings?: Record<string, unknown>;
	/**
	 * Sections whose workspace/configuration answers wait for releaseConfiguration: `files.exclude`, read
	 * before indexing a folder, makes a workspace whose indexing takes as long as a test wants.
	 */
	holdConfiguration?: string[];
	/** Client capabilities; defaults to a VS Code-like set (configuration pull, progress, watched files). */
	capabilities?: ClientCapabilities;
}

const DEFAULT_CAPABILITIES: ClientCapabilities = {
	workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, didChangeConfiguration: { dynamicRegistration: false } },
	textDocument: {
		synchronization: { dynamicRegistration: false },
		publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
		hover: { contentFormat: ['markdown', 'plaintext'] },
	},
	window: { workDoneProgress: true },
};

export class LspTestClient {
	/** Notifications from the server, in arrival order. */
	readonly notifications: Received[] = [];
	/** Requests from the server, in arrival order. */
	readonly serverRequests: Received[] = [];
	settings: Record<string, unknown>;
	initializeResult!: InitializeResult;
	private stderr = '';
	private exited: string | undefined;
	private listeners = new Set<() => void>();
	/** Sections whose workspace/configuration answers wait until released (holdConfiguration). */
	private held = new Map<string, Promise<void>>();
	private releases = new Map<string, () => void>();

	private constructor(private readonly process: ChildProcess, private readonly connection: MessageConnection, settings: Record<string, unknown>) {
		this.settings = settings;
	}

	static async start(options: StartOptions = {}): Promise<LspTestClient> {
		const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
		const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
		const client = new LspTestClient(child, connection, options.settings ?? {});
		for (const section of options.holdConfiguration ?? []) client.held.set(section, new Promise<void>((resolve) => client.releases.set(section, resolve)));
		child.stderr!.on('data', (chunk) => (client.stderr += chunk));
		child.on('exit', (code, signal) => {
			client.exited = `server exited (code ${code}, signal ${signal})`;
			client.notifyListeners();
		});
		connection.onNotification((method, params) => {
			client.notifications.push({ method, params });
			client.notifyListeners();
		});
		connection.onRequest((method, params) => {
			client.serverRequests.push({ method, params });
			client.notifyListeners();
			if (method === 'workspace/configuration') {
				const items = (params as ConfigurationParams).items;
				const answer = () => items.map((item) => client.setting(item.section));
				const holds = items.map((item) => client.held.get(item.section ?? '')).filter((hold) => hold !== undefined);
				return holds.length ? Promise.all(holds).then(answer) : answer();
			}
			if (method === 'window/workDoneProgress/create') {
				// The connection routes $/progress to per-token handlers; record them like other notifications.
				const token = (params as { token: string | number }).token;
				connection.onProgress(WorkDoneProgress.type, token, (value) => {
					client.notifications.push({ method: '$/progress', params: { token, value } });
					client.notifyListeners();
				});
			}
			return null; // window/workDoneProgress/create, client/registerCapability, ...
		});
		connection.listen();
		const folders = options.folders ?? [];
		client.initializeResult = await connection.sendRequest('initialize', {
			processId: process.pid,
			rootUri: folders[0] ? fileUri(folders[0]) : null,
			workspaceFolders: folders.map((f, i) => ({ uri: fileUri(f), name: `folder${i}` })),
			capabilities: options.capabilities ?? DEFAULT_CAPABILITIES,
			initializationOptions: options.initializationOptions,
		});
		await connection.sendNotification('initialized', {});
		return client;
	}

	/** Answer the requests for a section held since start (StartOptions.holdConfiguration), and the later ones. */
	releaseConfiguration(section: string): void {
		this.releases.get(section)?.();
		this.releases.delete(section);
		this.held.delete(section);
	}

	/** The value of a dotted settings section in `settings`. */
	setting(section: string | undefined): unknown {
		let value: unknown = this.settings;
		for (const step of section ? section.split('.') : []) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined;
		return value ?? null;
	}

	/** Index of the next notification: pass it as `after` to wait only for what comes later. */
	mark(): number {
		return this.notifications.length;
	}

	/** The first notification of `method` at or after index `after` that satisfies `predicate`. */
	waitForNotification<T = any>(method: string, predicate: (params: T) => boolean = () => true, options: { after?: number; timeoutMs?: number } = {}): Promise<T> {
		const { after = 0, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
		return new Promise((resolve, reject) => {
			let checked = after;
			const check = () => {
				for (; checked < this.notifications.length; checked++) {
					const n = this.notifications[checked];
					if (n.method === method && predicate(n.params)) {
						done();
						resolve(n.params);
						return;
					}
				}
				if (this.exited) {
					done();
					reject(new Error(`${this.exited} while waiting for ${method}; stderr:\n${this.stderr}`));
				}
			};
			const timer = setTimeout(() => {
				done();
				const seen = this.notifications.slice(after).filter((n) => n.method === method).map((n) => JSON.stringify(n.params).slice(0, 400));
				reject(new Error(`timed out after ${timeoutMs} ms waiting for ${method}; received since mark:\n${seen.join('\n') || '(none)'}\nstderr:\n${this.stderr}`));
			}, timeoutMs);
			const done = () => {
				clearTimeout(timer);
				this.listeners.delete(check);
			};
			this.listeners.add(check);
			check();
		});
	}

	/** The first diagnostics published for `uri` after `after` that satisfy `predicate`. */
	waitForDiagnostics(uri: string, predicate: (params: PublishDiagnosticsParams) => boolean = () => true, options: { after?: number; timeoutMs?: number } = {}): Promise<PublishDiagnosticsParams> {
		return this.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && predicate(p), options);
	}

	/** Every diagnostics notification for `uri` received after `after`. */
	diagnosticsSince(uri: string, after: number): PublishDiagnosticsParams[] {
		return this.notifications.slice(after).filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).map((n) => n.params);
	}

	async open(uri: string, text: string, version = 1, languageId = 'yaml'): Promise<void> {
		await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
	}

	/** Replace the whole text (a full-content change, which incremental sync accepts too). */
	async change(uri: string, text: string, version: number): Promise<void> {
		await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
	}

	async close(uri: string): Promise<void> {
		await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
	}

	hover(uri: string, position: Position): Promise<Hover | null> {
		return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
	}

	async changeSettings(settings: Record<string, unknown>): Promise<void> {
		this.settings = settings;
		await this.connection.sendNotification('workspace/didChangeConfiguration', { settings });
	}

	async filesChanged(changes: FileEvent[]): Promise<void> {
		await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
	}

	async notify(method: string, params?: unknown): Promise<void> {
		await this.connection.sendNotification(method, params);
	}

	request<R>(method: string, params?: unknown): Promise<R> {
		return this.connection.sendRequest(method, params);
	}

	/** Window log messages received so far. */
	logMessages(): string[] {
		return this.notifications.filter((n) => n.method === 'window/logMessage').map((n) => n.params.message as string);
	}

	async stop(): Promise<void> {
		if (!this.exited) {
			const exit = new Promise<void>((resolve) => {
				if (this.process.exitCode !== null || this.process.signalCode !== null) resolve();
				else this.process.once('exit', () => resolve());
			});
			try {
				await this.connection.sendRequest('shutdown');
				await this.connection.sendNotification('exit');
			} catch {
				// the server is gone already
			}
			const killer = setTimeout(() => this.process.kill(), 2000);
			await exit;
			clearTimeout(killer);
		}
		this.connection.dispose();
	}

	private notifyListeners(): void {
		for (const listener of [...this.listeners]) listener();
	}
}

/** Diagnostics by rule id (code). */
export function codes(diagnostics: Diagnostic[]): string[] {
	return diagnostics.map((d) => String(d.code));
}

/** A temporary workspace folder holding `files` (relative path → text). Remove it with removeWorkspace. */
export function createWorkspace(files: Record<string, string>): string {
	const root = realpathSync(mkdtempSync(join(tmpdir(), 'bosun-lsp-')));
	for (const [rel, text] of Object.entries(files)) writeWorkspaceFile(root, rel, text);
	return root;
}

export function writeWorkspaceFile(root: string, rel: string, text: string): string {
	const path = join(root, rel);
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, text);
	return path;
}

export function removeWorkspace(root: string): void {
	rmSync(root, { recursive: true, force: true });
}

/** LSP position of the `occurrence`-th match of `needle` in `text` (the match must exist). */
export function positionOf(text: string, needle: string, occurrence = 0): Position {
	let offset = -1;
	for (let i = 0; i <= occurrence; i++) {
		offset = text.indexOf(needle, offset + 1);
		if (offset < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not found`);
	}
	const before = text.slice(0, offset).split('\n');
	return { line: before.length - 1, character: before[before.length - 1].length };
}
