// Diagnostics: lint open YAML documents as they change and publish their findings. There is no typing
// delay: an edit is linted as soon as the messages that arrived with it have been read, so keystrokes that
// queued up while a lint held the event loop are linted once, together. Linting runs on a later turn of
// the event loop, never inside a message handler, and a run is dropped when its document moved on while
// the configuration was being read. When the workspace index or the configuration changes, open
// documents are linted again and republished only if their diagnostics changed. `findingsFor(uri)` keeps
// the latest findings, with their fix plans, for hover and code actions.
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../core/lines';
import { changedSpan } from '../core/textChange';
import { IncrementalLint, lintIncremental } from '../core/incremental';
import { promises as fs } from 'node:fs';
import { FileAnalysis, lintAnalysis, SYNTAX_RULE_ID } from '../core/linter';
import { decodeText } from '../indexing/indexFile';
import { Rule, ruleDocsLink } from '../core/rule';
import type { Config, Finding, OffsetRange, Severity } from '../core/types';
import { loadConfigText } from '../configFiles';
import { RULES, RULES_BY_ID } from '../rules';
import { configDiagnosticData } from './configAuthoring';
import { createProgress, guarded, inBackground, nextTurn, ServerContext } from './context';
import { isConfigFilePath, pathToUri, uriToPath } from './files';
import { BosunDiagnosticData, DIAGNOSTIC_SOURCE, DOCUMENT_STATUS_NOTIFICATION, DocumentStatus, LintWorkspaceResult } from './protocol';
import type { DiskFile } from './workspaceIndex';

/** Closed files linted between two turns of the event loop. */
const CLOSED_BATCH_SIZE = 16;

/** The latest lint result of a file. */
export interface FileFindings {
	uri: string;
	/** The document version linted; null for a file linted from disk. */
	version: number | null;
	analysis: FileAnalysis;
	/** Offset ↔ position for exactly the text that was linted. */
	lines: LineIndex;
	config: Config;
	/** Sorted by position; a diagnostic's `data.findingIndex` indexes this array. */
	findings: Finding[];
}

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	info: DiagnosticSeverity.Information,
	hint: DiagnosticSeverity.Hint,
};

export function toRange(lines: LineIndex, range: OffsetRange): Range {
	return { start: lines.position(range.start), end: lines.position(range.end) };
}

/** The documentation link of each catalog rule, one object per rule: thousands of diagnostics share it. */
const codeDescriptions = new Map<string, { href: string }>();

function codeDescriptionOf(ruleId: string): { href: string } | undefined {
	// Syntax and internal errors are not catalog rules and have no documentation page.
	if (!RULES_BY_ID.has(ruleId)) return undefined;
	let description = codeDescriptions.get(ruleId);
	if (!description) codeDescriptions.set(ruleId, (description = { href: ruleDocsLink(ruleId) }));
	return description;
}

export function toDiagnostic(finding: Finding, findingIndex: number, lines: LineIndex, version: number | null, range: Range = toRange(lines, finding.range)): Diagnostic {
	const data: BosunDiagnosticData = { ruleId: finding.ruleId, findingIndex, version, objectKey: finding.objectKey, fixable: finding.fix !== undefined, fix: finding.fix ? (finding.fix.safety ?? 'unsafe') : null };
	const severity = LSP_SEVERITY[finding.severity];
	const codeDescription = codeDescriptionOf(finding.ruleId);
	// written out rather than spread: this runs for every finding of a file after every keystroke
	const diagnostic: Diagnostic = codeDescription
		? { range, severity, source: DIAGNOSTIC_SOURCE, code: finding.ruleId, codeDescription, message: finding.message, data }
		: { range, severity, source: DIAGNOSTIC_SOURCE, code: finding.ruleId, message: finding.message, data };
	if (finding.related) {
		diagnostic.relatedInformation = finding.related.map((r) => ({
			location: { uri: pathToUri(r.file), range: { start: { line: r.line, character: r.character }, end: { line: r.endLine, character: r.endCharacter } } },
			message: r.message,
		}));
	}
	return diagnostic;
}

/**
 * A lint's diagnostics, made when they are sent (and again only to compare a republish, see publish).
 * The findings are sorted, so each position is searched from the line of the one before.
 */
function toDiagnostics(result: FileFindings): Diagnostic[] {
	const { lines } = result;
	let line = 0;
	let previous = 0;
	return result.findings.map((f, i) => {
		if (f.range.start < previous) line = 0;
		previous = f.range.start;
		const start = lines.positionAfter(f.range.start, line);
		line = start.line;
		const end = lines.positionAfter(f.range.end, f.range.end >= f.range.start ? line : 0);
		return toDiagnostic(f, i, lines, result.version, { start, end });
	});
}

/** Closed files: what their last lint read (see lintClosed). */
interface ClosedLint {
	data: DiskFile['data'];
	configGeneration: number;
	workspaceVersion: number;
	reads: ReadonlySet<string>;
	problems: number;
}

/** Counted as the Problems view counts them: hints are not problems. */
function problemCount(findings: readonly Finding[]): number {
	return findings.filter((f) => f.severity !== 'hint').length;
}

/** A file's text as the index reads it; undefined when it is gone or binary. */
async function readText(path: string): Promise<string | undefined> {
	try {
		return decodeText(await fs.readFile(path));
	} catch {
		return undefined;
	}
}

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

function formatSize(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export class DiagnosticsEngine {
	private latest = new Map<string, FileFindings>();
	/** The last lint of each file, which the next lint of that file builds on. */
	private incremental = new Map<string, IncrementalLint>();
	/**
	 * What the client has per URI: the version, and how to make its diagnostics again. The list itself is
	 * not kept: on a 100k-line file it is megabytes of objects per keystroke, which the collector would
	 * copy again and again while they are held. The list and its JSON form are made again only when a
	 * republish for the same version needs comparing; after an edit the version differs anyway.
	 */
	private published = new Map<string, { version: number | null; diagnostics: () => Diagnostic[]; json?: string }>();
	/** Lints waiting for their turn of the event loop, one per URI at most. */
	private pending = new Map<string, NodeJS.Immediate>();
	/** whenLinted callers; each returns true once it got its version. */
	private lintWaiters = new Set<(result: FileFindings) => boolean>();
	/** Run counter per URI: a run that awaited configuration is dropped when a newer run started. */
	private runs = new Map<string, number>();
	/** The inputs each open document was last linted with; a refresh skips documents whose inputs held. */
	private lintedWith = new Map<string, string>();
	/** Each open document's text when its size was last measured, and that size in bytes (see byteSize). */
	private sizes = new Map<string, { text: string; bytes: number }>();
	/** After Lint Workspace, closed manifests keep their diagnostics and are refreshed like open ones. */
	private workspaceWide = false;
	private closedPublished = new Set<string>();
	private closedGeneration = 0;
	/**
	 * The last lint of each closed file (Lint Workspace): what it read, so a refresh lints again only the
	 * files whose inputs changed, and its problem count. Closed files keep no syntax tree and no findings.
	 */
	private closedLints = new Map<string, ClosedLint>();

	constructor(private readonly ctx: ServerContext) {}

	/** The latest findings of an open file. */
	findingsFor(uri: string): FileFindings | undefined {
		return this.latest.get(uri);
	}

	/**
	 * The findings of `version` of an open document, waiting up to `timeoutMs` for its lint when it is
	 * still pending (a code action requested right after an edit or a save would otherwise find only the
	 * previous version's findings and offer nothing). Undefined when that version is not linted in time.
	 */
	whenLinted(uri: string, version: number, timeoutMs = 2000): Promise<FileFindings | undefined> {
		const current = this.latest.get(uri);
		if (current?.version === version) return Promise.resolve(current);
		return new Promise((resolve) => {
			const waiter = (result: FileFindings) => {
				if (result.uri !== uri || result.version !== version) return false;
				clearTimeout(timer);
				resolve(result);
				return true;
			};
			const timer = setTimeout(() => {
				this.lintWaiters.delete(waiter);
				resolve(undefined);
			}, timeoutMs);
			this.lintWaiters.add(waiter);
		});
	}

	/**
	 * No fixed delay, however long the file's lint takes: waiting after each keystroke would add that wait
	 * to every keystroke's diagnostics. Keystrokes that arrive while a lint runs wait in the connection's
	 * queue and are coalesced by lintOpen, which lints only once the queue has been read.
	 */
	documentChanged(uri: string): void {
		this.schedule(uri);
	}

	documentClosed(uri: string): void {
		clearImmediate(this.pending.get(uri));
		this.pending.delete(uri);
		this.runs.delete(uri);
		this.lintedWith.delete(uri);
		this.sizes.delete(uri);
		this.latest.delete(uri);
		this.incremental.delete(uri);
		this.ctx.analyses.forget(uri);
		this.ctx.index.closeOpen(uri);
		const path = uriToPath(uri);
		if (path && isConfigFilePath(path)) this.ctx.configs.configFileChanged(path, true);
		const disk = this.ctx.index.diskFile(uri);
		if (this.workspaceWide && disk && disk.objects.length) inBackground(this.ctx.log, `linting ${disk.path}`, () => this.lintClosed(disk));
		else this.clear(uri);
	}

	/** Something the findings depend on changed: lint again whatever was linted with other inputs. */
	refresh(): void {
		for (const document of this.ctx.documents.all()) {
			if (!this.pending.has(document.uri) && this.lintedWith.get(document.uri) !== this.inputsOf(document)) this.schedule(document.uri);
		}
		if (this.workspaceWide) inBackground(this.ctx.log, 'refreshing workspace diagnostics', () => this.refreshClosed());
	}

	/** Publish diagnostics for every manifest of the index, open or not (`bosun/lintWorkspace`). */
	async lintWorkspace(): Promise<LintWorkspaceResult> {
		await this.ctx.index.whenReady();
		this.workspaceWide = true;
		const result: LintWorkspaceResult = { manifests: 0, filesWithProblems: 0, problems: 0 };
		const count = (problems: number | undefined) => {
			if (problems === undefined) return;
			result.manifests++;
			result.problems += problems;
			if (problems) result.filesWithProblems++;
		};
		for (const document of this.ctx.documents.all()) {
			const latest = this.latest.get(document.uri);
			if (latest?.analysis.objects.length) count(problemCount(latest.findings));
		}
		const progress = await createProgress(this.ctx);
		progress.begin('Bosun', 0, 'Linting the workspace', false);
		try {
			await this.refreshClosed((done, total) => progress.report(Math.round((done / total) * 100), `${done} of ${total} files`));
		} finally {
			progress.done();
		}
		for (const file of this.ctx.index.closedManifests()) count(this.closedLints.get(file.uri)?.problems);
		return result;
	}

	private inputsOf(document: TextDocument): string {
		const path = uriToPath(document.uri);
		if (path && isConfigFilePath(path)) return `config ${document.version}`;
		return this.lintInputs(document.version, this.ctx.configs.generation);
	}

	/** Until the index is ready only single-object rules run, and the index cannot change their results. */
	private lintInputs(version: number, configGeneration: number): string {
		const { index } = this.ctx;
		return `${version} ${configGeneration} ${index.ready ? index.workspace.version : 'indexing'}`;
	}

	/** Lint on the next turn of the event loop, outside the message handler (a timer would wait a millisecond). */
	private schedule(uri: string): void {
		clearImmediate(this.pending.get(uri));
		const pending = setImmediate(() => {
			this.pending.delete(uri);
			inBackground(this.ctx.log, `linting ${uri}`, () => this.lintOpen(uri));
		});
		this.pending.set(uri, pending);
	}

	private async lintOpen(uri: string): Promise<void> {
		const run = (this.runs.get(uri) ?? 0) + 1;
		this.runs.set(uri, run);
		const document = this.ctx.documents.get(uri);
		if (!document || document.languageId !== 'yaml') return;
		const path = uriToPath(uri);
		if (path && isConfigFilePath(path)) return this.lintConfigFile(document, path);

		const version = document.version;
		const generation = this.ctx.configs.generation;
		const fileConfig = await this.ctx.configs.resolve(uri);
		// The connection hands over one message per turn of the event loop: a turn lets the edits that are
		// already queued (typed while the last lint ran) arrive, and a newer version supersedes this run.
		await nextTurn();
		if (this.runs.get(uri) !== run || this.ctx.documents.get(uri)?.version !== version) return;

		const text = document.getText();
		let diagnostics = (): Diagnostic[] => [];
		let kind: DocumentStatus['kind'] = 'skipped';
		const size = this.byteSize(uri, text);
		if (fileConfig.excluded || size > fileConfig.maxFileSize) {
			this.ctx.index.setOpen(uri, null);
			this.latest.delete(uri);
			this.incremental.delete(uri);
			if (!fileConfig.excluded) {
				const tooLarge: Diagnostic = {
					range: FILE_START,
					severity: DiagnosticSeverity.Information,
					source: DIAGNOSTIC_SOURCE,
					message: `Bosun does not lint this file: it is ${formatSize(size)}, more than the bosun.maxFileSize setting (${formatSize(fileConfig.maxFileSize)}). Raise bosun.maxFileSize to lint it.`,
				};
				diagnostics = () => [tooLarge];
			}
		} else {
			const analysis = this.ctx.analyses.analyzeOpen(document);
			this.ctx.index.setOpen(uri, analysis.objects);
			const result = this.lint(uri, version, analysis, fileConfig.config);
			diagnostics = () => toDiagnostics(result);
			kind = analysis.objects.length ? 'manifest' : 'other';
		}
		this.lintedWith.set(uri, this.lintInputs(version, generation));
		this.publish(uri, version, diagnostics);
		this.sendStatus({ uri, version, kind, partial: kind === 'manifest' && !this.ctx.index.ready });
	}

	/**
	 * The UTF-8 size of an open document's text, measured again only where it changed since the last
	 * time: counting the bytes of a 3 MB text after every keystroke would cost milliseconds each time.
	 */
	private byteSize(uri: string, text: string): number {
		const last = this.sizes.get(uri);
		let bytes: number;
		if (!last) bytes = Buffer.byteLength(text, 'utf8');
		else {
			let { start, beforeEnd, afterEnd } = changedSpan(last.text, text);
			// never split a surrogate pair: a lone half counts as three bytes
			if (start > 0 && isHighSurrogate(text.charCodeAt(start - 1))) start--;
			if (afterEnd < text.length && isLowSurrogate(text.charCodeAt(afterEnd))) {
				afterEnd++;
				beforeEnd++;
			}
			bytes = last.bytes - Buffer.byteLength(last.text.slice(start, beforeEnd), 'utf8') + Buffer.byteLength(text.slice(start, afterEnd), 'utf8');
		}
		this.sizes.set(uri, { text, bytes });
		return bytes;
	}

	/** Tell the client what the document turned out to be (its status item shows it). */
	private sendStatus(status: DocumentStatus): void {
		this.ctx.connection.sendNotification(DOCUMENT_STATUS_NOTIFICATION, status).catch((e) => this.ctx.log.error(`Bosun: sending the status of ${status.uri} failed`, e));
	}

	/** An open `.bosun.yaml`: its problems become diagnostics, and its text configures the files below it. */
	private lintConfigFile(document: TextDocument, path: string): void {
		const text = document.getText();
		this.lintedWith.set(document.uri, this.inputsOf(document));
		this.ctx.configs.configFileEdited(path, text);
		const lines = new LineIndex(text);
		const problems = loadConfigText(path, text).problems.map((problem): Diagnostic => ({
			range: problem.range ? toRange(lines, problem.range) : FILE_START,
			severity: DiagnosticSeverity.Warning,
			source: DIAGNOSTIC_SOURCE,
			message: problem.message,
			...configDiagnosticData(problem.replacement),
		}));
		this.publish(document.uri, document.version, () => problems);
		this.sendStatus({ uri: document.uri, version: document.version, kind: 'config', partial: false });
	}

	/**
	 * Lint against the workspace index. Incremental: objects the edit did not touch keep their findings,
	 * and their cross-resource rules run again only when objects of a kind they read changed.
	 */
	private lint(uri: string, version: number | null, analysis: FileAnalysis, config: Config): FileFindings {
		const { index } = this.ctx;
		// Until the folders are read, cross-resource rules would report what merely is not indexed yet.
		const ruleFilter = index.ready ? undefined : (rule: Rule) => !rule.crossResource;
		const lint = lintIncremental(this.incremental.get(uri), analysis, { rules: RULES, config, workspace: index.workspace, ruleFilter });
		this.incremental.set(uri, lint);
		const findings = this.shownFindings(uri, analysis, lint.findings, config);
		// built from the last lint's index: only the edited lines are scanned again
		const lines = new LineIndex(analysis.parsed.text, this.latest.get(uri)?.lines);
		const result: FileFindings = { uri, version, analysis, lines, config, findings };
		this.latest.set(uri, result);
		for (const waiter of [...this.lintWaiters]) if (waiter(result)) this.lintWaiters.delete(waiter);
		return result;
	}

	/** What the user sees of a file's findings: a chart's or an overlay's files show the findings placed on them. */
	private shownFindings(uri: string, analysis: FileAnalysis, linted: Finding[], config: Config): Finding[] {
		let findings = linted;
		const placed = this.ctx.sources.findingsFor(uri, config);
		if (placed) {
			const own = this.ctx.sources.ownersOf(uri).charts.length ? [] : analysis.documentFindings.filter((f) => f.ruleId === SYNTAX_RULE_ID);
			findings = [...own, ...placed].sort((a, b) => a.range.start - b.range.start);
		}
		if (!this.ctx.client.syntaxErrors) findings = findings.filter((f) => f.ruleId !== SYNTAX_RULE_ID);
		return findings;
	}

	/**
	 * Lint a closed file as it is on disk, parsed for this lint only. Skipped when nothing it read changed:
	 * the same file content and configuration, no change to the kinds its cross-resource rules queried, and
	 * no chart or overlay owning it (those re-render on their own inputs).
	 */
	private async lintClosed(file: DiskFile): Promise<void> {
		if (this.ctx.documents.get(file.uri)) return;
		const fileConfig = await this.ctx.configs.resolve(file.uri);
		if (this.ctx.documents.get(file.uri)) return; // opened meanwhile: the open document speaks for it
		const { workspace } = this.ctx.index;
		const previous = this.closedLints.get(file.uri);
		const generation = this.ctx.configs.generation;
		const owned = this.ctx.sources.ownersOf(file.uri);
		if (previous && previous.data === file.data && previous.configGeneration === generation && !owned.charts.length && !owned.overlays.length && ![...previous.reads].some((kind) => workspace.changedSince(kind, previous.workspaceVersion))) return;
		const text = fileConfig.excluded ? undefined : await readText(file.path);
		if (this.ctx.documents.get(file.uri)) return;
		let diagnostics: Diagnostic[] = [];
		if (text !== undefined) {
			const workspaceVersion = workspace.version;
			const analysis = this.ctx.analyses.analyzeText(file.uri, text);
			const { result: findings, reads } = workspace.trackReads(() => this.shownFindings(file.uri, analysis, lintAnalysis(analysis, { rules: RULES, config: fileConfig.config, workspace }), fileConfig.config));
			const lines = new LineIndex(text);
			diagnostics = findings.map((f, i) => toDiagnostic(f, i, lines, null));
			this.closedLints.set(file.uri, { data: file.data, configGeneration: generation, workspaceVersion, reads, problems: problemCount(findings) });
		} else this.closedLints.delete(file.uri);
		this.closedPublished.add(file.uri);
		this.publish(file.uri, null, () => diagnostics);
	}

	/** Lint every closed manifest again; clear closed files that left the index. A newer call supersedes. */
	private async refreshClosed(onProgress?: (done: number, total: number) => void): Promise<void> {
		const generation = ++this.closedGeneration;
		const files = this.ctx.index.closedManifests();
		for (let i = 0; i < files.length; i += CLOSED_BATCH_SIZE) {
			if (generation !== this.closedGeneration) return;
			const lintOne = guarded(this.ctx.log, 'linting a closed file', undefined, (file: DiskFile) => this.lintClosed(file));
			await Promise.all(files.slice(i, i + CLOSED_BATCH_SIZE).map(lintOne));
			onProgress?.(Math.min(i + CLOSED_BATCH_SIZE, files.length), files.length);
			await nextTurn();
		}
		if (generation !== this.closedGeneration) return;
		const current = new Set(files.map((f) => f.uri));
		for (const uri of [...this.closedPublished]) {
			if (current.has(uri)) continue;
			this.closedPublished.delete(uri);
			this.closedLints.delete(uri);
			if (!this.ctx.documents.get(uri)) this.clear(uri);
		}
	}

	private clear(uri: string): void {
		this.latest.delete(uri);
		this.incremental.delete(uri);
		if (this.published.has(uri)) this.send(uri, null, []);
		this.published.delete(uri);
	}

	/** Publish unless the client already has exactly these diagnostics for this version. */
	private publish(uri: string, version: number | null, diagnostics: () => Diagnostic[]): void {
		const last = this.published.get(uri);
		if (last && last.version === version) {
			last.json ??= JSON.stringify(last.diagnostics());
			const list = diagnostics();
			const json = JSON.stringify(list);
			// the same list either way: keep the newer way to make it, and let the older lint go
			this.published.set(uri, { version, diagnostics, json });
			if (last.json !== json) this.send(uri, version, list);
			return;
		}
		const list = diagnostics();
		if (!last && version === null && list.length === 0) return;
		this.published.set(uri, { version, diagnostics });
		this.send(uri, version, list);
	}

	private send(uri: string, version: number | null, diagnostics: Diagnostic[]): void {
		this.ctx.connection.sendDiagnostics({ uri, version: version ?? undefined, diagnostics }).catch((e) => this.ctx.log.error(`Bosun: publishing diagnostics for ${uri} failed`, e));
	}
}

export function registerDiagnostics(ctx: ServerContext): void {
	const engine = ctx.diagnostics;
	const { log } = ctx;
	ctx.documents.onDidChangeContent((e) => inBackground(log, 'scheduling diagnostics', () => engine.documentChanged(e.document.uri)));
	ctx.documents.onDidClose((e) => inBackground(log, 'closing a document', () => engine.documentClosed(e.document.uri)));
	ctx.index.onDidChange(() => inBackground(log, 'refreshing diagnostics', () => engine.refresh()));
	ctx.configs.onDidChange(() => inBackground(log, 'refreshing diagnostics', () => engine.refresh()));
}
