// Fuzzing the built language server (dist/server.js) over stdio, as an editor drives it: open a
// hostile file (generators.ts), type random incremental edits into it while hovering and asking for
// code actions anywhere, cancelling some requests at once; then the diagnostics of the final version
// must arrive, lie inside the document as the client sees it (lone CRs end lines there), and equal what
// the lint core finds in that text. Then one of the code actions offered for the whole document is
// applied: it must fit the document, leave it parseable, and its diagnostics again equal the core's.
// Every request is answered or cancelled, nothing is logged as a failure, the server stays up, and the
// workspace on disk is untouched.
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { CancellationTokenSource, createMessageConnection, MessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { parseFile } from '../../server/src/core/document';
import { analyzeFile, lintAnalysis } from '../../server/src/core/linter';
import { RULES } from '../../server/src/rules';
import { fuzzedEdits, fuzzedFile } from './generators';

const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');
/** JSON-RPC / LSP answers that are not failures: the client cancelled, or the document moved on. */
const ACCEPTED_ERRORS = new Set([-32800 /* RequestCancelled */, -32801 /* ContentModified */]);
const WAIT_MS = 15000;

interface Published {
	uri: string;
	version?: number;
	diagnostics: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; code?: string | number; message: string; severity?: number }[];
}

/** Files of the workspace folder: none holds Kubernetes objects, so each fuzzed file is linted alone. */
const WORKSPACE_FILES: Record<string, string> = {
	'README.md': '# not a manifest\n',
	'ci.yaml': 'jobs:\n  build:\n    runs-on: ubuntu-latest\n',
	'values.yaml': 'image: {repository: nginx, tag: latest}\n',
};

function snapshot(dir: string): string {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort().map((name) => `${name}\n${readFileSync(join(dir, name), 'utf8')}`).join('\n--\n');
}

/** One server process and its workspace for a whole fuzz run. */
class FuzzedServer {
	readonly published: Published[] = [];
	readonly errorLogs: string[] = [];
	private waiters = new Set<() => void>();
	private exited: string | undefined;
	private stderr = '';
	capabilities: Record<string, unknown> = {};

	private constructor(private readonly child: ChildProcess, readonly connection: MessageConnection, readonly folder: string) {}

	static async start(): Promise<FuzzedServer> {
		const folder = realpathSync(mkdtempSync(join(tmpdir(), 'bosun-fuzz-')));
		for (const [name, text] of Object.entries(WORKSPACE_FILES)) writeFileSync(join(folder, name), text);
		const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
		const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
		const server = new FuzzedServer(child, connection, folder);
		child.stderr!.on('data', (chunk) => (server.stderr += chunk));
		child.on('exit', (code, signal) => {
			server.exited = `the server exited (code ${code}, signal ${signal}); stderr:\n${server.stderr}`;
			server.wake();
		});
		let indexed = false;
		connection.onNotification('textDocument/publishDiagnostics', (params: Published) => {
			server.published.push(params);
			server.wake();
		});
		connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
			if (params.type === 1) server.errorLogs.push(params.message);
			if (/indexed \d+ YAML file/.test(params.message)) indexed = true;
			server.wake();
		});
		connection.onRequest((method: string, params: any) => (method === 'workspace/configuration' ? params.items.map(() => null) : null));
		connection.listen();
		const init = await connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
			processId: process.pid,
			rootUri: pathToFileURL(folder).href,
			workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'fuzz' }],
			capabilities: {
				workspace: { configuration: true, workspaceFolders: true },
				textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown'] }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } } },
			},
		});
		server.capabilities = init.capabilities;
		await connection.sendNotification('initialized', {});
		// Cross-resource rules wait for the workspace index; the comparison with the core needs them.
		await server.until(() => indexed, 'the workspace index');
		return server;
	}

	private wake(): void {
		for (const waiter of [...this.waiters]) waiter();
	}

	/** Resolves once `condition` holds; rejects when the server exits or after WAIT_MS. */
	until(condition: () => boolean, what: string): Promise<void> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => finish(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`)), WAIT_MS);
			const check = () => {
				if (condition()) finish();
				else if (this.exited) finish(new Error(this.exited));
			};
			const finish = (error?: Error) => {
				clearTimeout(timer);
				this.waiters.delete(check);
				if (error) reject(error);
				else resolve();
			};
			this.waiters.add(check);
			check();
		});
	}

	get alive(): string | undefined {
		return this.exited;
	}

	async stop(): Promise<void> {
		try {
			await this.connection.sendRequest('shutdown');
			await this.connection.sendNotification('exit');
		} catch {
			// already gone
		}
		const killer = setTimeout(() => this.child.kill(), 2000);
		if (!this.exited) await new Promise((resolve) => this.child.once('exit', resolve));
		clearTimeout(killer);
		this.connection.dispose();
		rmSync(this.folder, { recursive: true, force: true });
	}
}

interface Session {
	text: string;
	edits: { at: number; length: number; text: string }[];
	probes: { line: number; character: number; cancel: boolean; kind: 'hover' | 'codeAction' }[];
	/** Which offered code action to apply at the end (modulo their number). */
	action: number;
}

const session: fc.Arbitrary<Session> = fc.record({
	text: fuzzedFile(),
	edits: fuzzedEdits(6),
	probes: fc.array(fc.record({ line: fc.nat({ max: 80 }), character: fc.nat({ max: 120 }), cancel: fc.boolean(), kind: fc.constantFrom('hover' as const, 'codeAction' as const) }), { maxLength: 8 }),
	action: fc.nat({ max: 1000 }),
});

/** What the core finds in `text`, in the client's positions, comparable with published diagnostics. */
function expectedDiagnostics(uri: string, document: TextDocument): string[] {
	const analysis = analyzeFile(uri, document.getText());
	return lintAnalysis(analysis, { rules: RULES, config: DEFAULT_CONFIG }).map((f) =>
		JSON.stringify([f.ruleId, f.message, document.positionAt(f.range.start), document.positionAt(f.range.end)]),
	);
}

function publishedAsExpected(published: Published): string[] {
	return published.diagnostics.map((d) => JSON.stringify([d.code, d.message, d.range.start, d.range.end]));
}

/** Length of a line as the client sees it, without its line break. */
function lineLength(document: TextDocument, line: number): number {
	return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '').length;
}

function assertInside(document: TextDocument, published: Published): void {
	for (const d of published.diagnostics) {
		for (const p of [d.range.start, d.range.end]) {
			const inside = p.line >= 0 && p.line < document.lineCount && p.character >= 0 && p.character <= lineLength(document, p.line);
			assert.ok(inside, `diagnostic ${JSON.stringify(d.range)} outside the document (${document.lineCount} lines)`);
		}
	}
}

/** The last diagnostics published for this version of the document. */
function publishedFor(server: FuzzedServer, uri: string, version: number): Published | undefined {
	for (let i = server.published.length - 1; i >= 0; i--) {
		const p = server.published[i];
		if (p.uri === uri && p.version === version) return p;
	}
	return undefined;
}

/** Wait for the diagnostics of the document's version; they must fit it and equal the core's findings. */
/**
 * The document as an editor sees it, line breaks counted afresh. TextDocument.update keeps its line
 * table incrementally and counts a CR and an LF that edits bring together as two line breaks; VS Code
 * keeps one line-break style per document, so only a fresh table tells where a position lies.
 */
function asSeen(document: TextDocument): TextDocument {
	return TextDocument.create(document.uri, document.languageId, document.version, document.getText());
}

async function checkPublished(server: FuzzedServer, uri: string, edited: TextDocument): Promise<Published> {
	const document = asSeen(edited);
	await server.until(() => publishedFor(server, uri, document.version) !== undefined, `diagnostics of version ${document.version}`);
	const published = publishedFor(server, uri, document.version)!;
	assertInside(document, published);
	assert.deepEqual(publishedAsExpected(published), expectedDiagnostics(uri, document), `the server publishes what the core finds in version ${document.version}`);
	return published;
}

function brokenDocuments(text: string): number {
	return parseFile(text).segments.filter((s) => s.errors.length > 0).length;
}

interface OfferedAction {
	title: string;
	edit?: { documentChanges?: { textDocument: { uri: string; version: number | null }; edits: { range: Published['diagnostics'][number]['range']; newText: string }[] }[] };
}

/**
 * Ask for the code actions of the whole document and apply the chosen one that edits it, as the editor
 * would; returns the new document (already sent to the server), or undefined when none edits.
 */
async function applyOneAction(server: FuzzedServer, edited: TextDocument, published: Published, choice: number): Promise<TextDocument | undefined> {
	const document = asSeen(edited);
	const whole = { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
	const actions = await server.connection.sendRequest<OfferedAction[] | null>('textDocument/codeAction', {
		textDocument: { uri: document.uri },
		range: whole,
		context: { diagnostics: published.diagnostics },
	});
	const editing = (actions ?? []).filter((a) => a.edit?.documentChanges?.length);
	if (!editing.length) return undefined;
	const action = editing[choice % editing.length];
	const changes = action.edit!.documentChanges!;
	assert.ok(changes.every((c) => c.textDocument.uri === document.uri && c.textDocument.version === document.version), `"${action.title}" edits another document or version`);
	const edits = changes.flatMap((c) => c.edits);
	for (const e of edits) assertInside(document, { uri: document.uri, diagnostics: [{ range: e.range, message: action.title }] });
	const before = document.getText();
	const after = TextDocument.applyEdits(document, edits);
	assert.ok(brokenDocuments(after) <= brokenDocuments(before), `"${action.title}" breaks the document`);
	const next = TextDocument.update(document, [{ text: after }], document.version + 1);
	await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: document.uri, version: next.version }, contentChanges: [{ text: after }] });
	return next;
}

let counter = 0;

async function runSession(server: FuzzedServer, s: Session, stats: Omit<ServerFuzzResult, 'cases' | 'failure'>): Promise<void> {
	const uri = pathToFileURL(join(server.folder, `fuzz-${++counter}.yaml`)).href;
	const logsBefore = server.errorLogs.length;
	let document = TextDocument.create(uri, 'yaml', 1, s.text);
	await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: s.text } });
	const answers: Promise<void>[] = [];
	const probe = (p: Session['probes'][number]) => {
		const source = new CancellationTokenSource();
		const position = { line: p.line, character: p.character };
		const request =
			p.kind === 'hover'
				? server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }, source.token)
				: server.capabilities.codeActionProvider
					? server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }, source.token)
					: undefined;
		if (!request) return;
		if (p.cancel) source.cancel();
		stats.requests++;
		answers.push(
			request.then(
				() => undefined,
				(e) => {
					if (!(e instanceof ResponseError && ACCEPTED_ERRORS.has(e.code))) throw new Error(`${p.kind} at ${JSON.stringify(position)} failed: ${(e as Error).message}`);
				},
			),
		);
	};
	for (const [i, edit] of s.edits.entries()) {
		const text = document.getText();
		const start = edit.at % (text.length + 1);
		const range = { start: document.positionAt(start), end: document.positionAt(Math.min(text.length, start + edit.length)) };
		const change = { range, text: edit.text };
		document = TextDocument.update(document, [change], document.version + 1);
		await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: document.version }, contentChanges: [change] });
		stats.edits++;
		const p = s.probes[i];
		if (p) probe(p);
	}
	for (const p of s.probes.slice(s.edits.length)) probe(p);
	await Promise.all(answers);

	const last = await checkPublished(server, uri, document);
	if (server.capabilities.codeActionProvider) {
		const fixed = await applyOneAction(server, document, last, s.action);
		if (fixed) {
			document = fixed;
			stats.actions++;
			await checkPublished(server, uri, document);
		}
	}
	await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
	assert.deepEqual(server.errorLogs.slice(logsBefore), [], 'the server logged a failure');
	if (server.alive) throw new Error(server.alive);
}

export interface ServerFuzzResult {
	cases: number;
	edits: number;
	requests: number;
	/** Code actions applied. */
	actions: number;
	failure?: string;
}

/** Run `runs` editing sessions against one server; a failure comes back as text (with fast-check's counterexample). */
export async function fuzzServer(options: { seed: number; runs: number }): Promise<ServerFuzzResult> {
	const server = await FuzzedServer.start();
	const before = snapshot(server.folder);
	const stats = { cases: 0, edits: 0, requests: 0, actions: 0 };
	try {
		await fc.assert(
			fc.asyncProperty(session, async (s) => {
				await runSession(server, s, stats);
				stats.cases++;
			}),
			{ seed: options.seed, numRuns: options.runs, endOnFailure: true },
		);
		assert.equal(snapshot(server.folder), before, 'the server changed files in the workspace');
		return stats;
	} catch (e) {
		// fast-check keeps what the property threw as the cause; its message alone does not say.
		const cause = (e as Error).cause;
		return { ...stats, failure: `${(e as Error).message}${cause ? `\nCaused by: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}` : ''}` };
	} finally {
		await server.stop();
	}
}
