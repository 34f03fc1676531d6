// The server's workspace index: every Kubernetes object of the open documents and of the YAML files
// under the workspace folders (a core WorkspaceIndex keyed by path), kept current from open-document
// edits and watched-file events; open documents win over disk content. The folders are read in the
// background, in small batches with progress, so an open file's first diagnostics never wait for them.
// Until that first read is complete `ready` is false: cross-resource findings would be guesses.
import { promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DidChangeWatchedFilesParams, Emitter, FileChangeType } from 'vscode-languageserver';
import type { K8sObject } from '../core/k8s';
import type { FileAnalysis } from '../core/linter';
import { WorkspaceIndex } from '../core/workspace';
import { createProgress, guarded, inBackground, nextTurn, ServerContext } from './context';
import { INDEXING_NOTIFICATION, IndexingStatus } from './protocol';
import { fileKey, isConfigFilePath, isManifestPath, matchesAnyGlob, pathToUri, relativeInside, uriToPath } from './files';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
/** Files read between two turns of the event loop: small enough that typing never waits on indexing. */
const BATCH_SIZE = 16;
/** Configuration changes come in bursts (typing in `.bosun.yaml`); re-read the folders once they settle. */
const RESCAN_DELAY_MS = 250;

export interface DiskFile {
	uri: string;
	path: string;
	size: number;
	mtimeMs: number;
	analysis: FileAnalysis;
}


/** File bytes as text: UTF-8, BOM dropped; undefined for a binary file (NUL bytes). */
function decode(bytes: Buffer): string | undefined {
	if (bytes.includes(0)) return undefined;
	const text = bytes.toString('utf8');
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export class ManifestIndex {
	readonly workspace = new WorkspaceIndex();
	private disk = new Map<string, DiskFile>();
	/** Open documents by key; null = open but not part of the workspace (excluded or too large). */
	private open = new Map<string, K8sObject[] | null>();
	private isReady = false;
	private readyWaiters: (() => void)[] = [];
	private scanGeneration = 0;
	private rescanTimer: NodeJS.Timeout | undefined;
	private changeQueued = false;
	private readonly changed = new Emitter<void>();
	/** Fires (at most once per event-loop turn) after objects were added, changed or removed. */
	readonly onDidChange = this.changed.event;

	constructor(private readonly ctx: ServerContext) {}

	/** Whether the workspace folders have been read once. */
	get ready(): boolean {
		return this.isReady;
	}

	whenReady(): Promise<void> {
		return this.isReady ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
	}

	/** An open document's objects (null: the document is open but excluded or too large). */
	setOpen(uri: string, objects: K8sObject[] | null): void {
		const key = fileKey(uri);
		if (this.open.has(key) && this.open.get(key) === objects) return;
		this.open.set(key, objects);
		this.sync(key);
	}

	/** A document was closed: its content on disk (if indexed) counts again. */
	closeOpen(uri: string): void {
		const key = fileKey(uri);
		if (this.open.delete(key)) this.sync(key);
	}

	/** Files on disk with Kubernetes objects that are not open in the editor. */
	closedManifests(): DiskFile[] {
		return [...this.disk.values()].filter((f) => !this.open.has(f.path) && f.analysis.objects.length > 0);
	}

	/** Bumped whenever a file read from disk is added, changed or dropped (charts and overlays re-read then). */
	diskGeneration = 0;

	/** Paths of every YAML file read from the workspace folders. */
	diskPaths(): string[] {
		return [...this.disk.keys()];
	}

	diskFile(uri: string): DiskFile | undefined {
		return this.disk.get(fileKey(uri));
	}

	/** Read the folders again soon (configuration or folders changed). */
	scheduleRescan(): void {
		clearTimeout(this.rescanTimer);
		this.rescanTimer = setTimeout(() => inBackground(this.ctx.log, 'indexing the workspace', () => this.scan()), RESCAN_DELAY_MS);
	}

	/** Read every manifest under the workspace folders; a newer scan supersedes a running one. */
	async scan(): Promise<void> {
		const generation = ++this.scanGeneration;
		const started = Date.now();
		const progress = await createProgress(this.ctx);
		progress.begin('Bosun', 0, 'Indexing Kubernetes manifests', false);
		this.sendIndexing(0);
		try {
			const files = new Set<string>();
			for (const folder of this.ctx.folders.all()) {
				const filesExclude = await this.ctx.settings.filesExclude(folder.uri);
				await this.collect(folder.path, folder.path, filesExclude, files);
			}
			const list = [...files];
			const indexed = new Set<string>();
			for (let i = 0; i < list.length; i += BATCH_SIZE) {
				if (generation !== this.scanGeneration) return;
				const batch = list.slice(i, i + BATCH_SIZE);
				const results = await Promise.all(batch.map((path) => this.readDiskFile(path)));
				batch.forEach((path, j) => results[j] && indexed.add(path));
				const done = Math.min(i + BATCH_SIZE, list.length);
				progress.report(Math.round((done / list.length) * 100), `${done} of ${list.length} YAML files`);
				this.sendIndexing(Math.round((done / list.length) * 100));
				await nextTurn();
			}
			if (generation !== this.scanGeneration) return;
			for (const path of [...this.disk.keys()]) if (!indexed.has(path)) this.removeDisk(path);
			this.ctx.log.info(`Bosun: indexed ${indexed.size} YAML files in ${this.ctx.folders.all().length} workspace folder(s) in ${Date.now() - started} ms.`);
			if (!this.isReady) {
				this.isReady = true;
				this.sendIndexing(100);
				for (const resolve of this.readyWaiters.splice(0)) resolve();
				this.queueChange();
			}
		} finally {
			progress.done();
		}
	}

	/** The status item shows the first reading's progress; later re-reads happen behind complete findings. */
	private sendIndexing(percentage: number): void {
		if (this.isReady && percentage < 100) return;
		const status: IndexingStatus = { ready: this.isReady, percentage };
		this.ctx.connection.sendNotification(INDEXING_NOTIFICATION, status).catch((e) => this.ctx.log.error('Bosun: sending the indexing status failed', e));
	}

	/**
	 * workspace/didChangeWatchedFiles: re-read created and changed manifests, drop deleted ones. A folder
	 * deleted, moved or renamed arrives as one event for the folder alone (nothing for the files in it),
	 * so a deleted path drops every manifest under it and a created folder is read whole.
	 */
	async filesChanged(params: DidChangeWatchedFilesParams): Promise<void> {
		for (const change of params.changes) {
			const path = uriToPath(change.uri);
			if (!path) continue;
			if (isConfigFilePath(path)) {
				this.ctx.configs.configFileChanged(path);
				continue;
			}
			if (!isManifestPath(path)) {
				if (change.type === FileChangeType.Deleted) this.removeDiskUnder(path);
				else if (change.type === FileChangeType.Created) await this.readCreatedFolder(path);
				continue;
			}
			if (change.type === FileChangeType.Deleted) this.removeDiskUnder(path);
			if (change.type === FileChangeType.Deleted || !(await this.isIndexable(path)) || !(await this.readDiskFile(path))) this.removeDisk(path);
		}
	}

	/** Drop the indexed files under a deleted folder (a folder may be named like a manifest, `x.yaml/`). */
	private removeDiskUnder(dir: string): void {
		const prefix = dir.endsWith(sep) ? dir : dir + sep;
		for (const path of [...this.disk.keys()]) if (path.startsWith(prefix)) this.removeDisk(path);
	}

	/** Read the manifests of a folder that appeared (created, moved or renamed into the workspace). */
	private async readCreatedFolder(path: string): Promise<void> {
		const folder = this.ctx.folders.folderOf(path);
		if (!folder || !(await this.isIndexable(path))) return;
		const stat = await fs.stat(path).catch(() => undefined);
		if (!stat?.isDirectory()) return;
		const files = new Set<string>();
		await this.collect(path, folder.path, await this.ctx.settings.filesExclude(folder.uri), files);
		const list = [...files];
		for (let i = 0; i < list.length; i += BATCH_SIZE) {
			await Promise.all(list.slice(i, i + BATCH_SIZE).map((file) => this.readDiskFile(file)));
			await nextTurn();
		}
	}

	/** Inside a workspace folder, not in a skipped directory, not hidden by `files.exclude`. */
	private async isIndexable(path: string): Promise<boolean> {
		const folder = this.ctx.folders.folderOf(path);
		const rel = folder && relativeInside(folder.path, path);
		if (!folder || rel === undefined) return false;
		if (rel.split('/').some((part) => SKIPPED_DIRECTORIES.has(part))) return false;
		return !matchesAnyGlob(rel, await this.ctx.settings.filesExclude(folder.uri));
	}

	private async collect(dir: string, root: string, filesExclude: string[], out: Set<string>): Promise<void> {
		let entries;
		try {
			entries = await fs.readdir(dir, { withFileTypes: true });
		} catch (e) {
			this.ctx.log.warn(`Bosun: cannot read directory ${dir}: ${(e as Error).message}`);
			return;
		}
		for (const entry of entries) {
			const path = join(dir, entry.name);
			const rel = relative(root, path).split(sep).join('/');
			if (matchesAnyGlob(rel, filesExclude)) continue;
			if (entry.isDirectory()) {
				if (!SKIPPED_DIRECTORIES.has(entry.name)) await this.collect(path, root, filesExclude, out);
			} else if (entry.isFile() && isManifestPath(entry.name)) out.add(path);
		}
	}

	/** Read one file into the index; false when it is excluded, too large, binary or gone. */
	private async readDiskFile(path: string): Promise<boolean> {
		const uri = pathToUri(path);
		try {
			const config = await this.ctx.configs.resolve(uri);
			if (config.excluded) return false;
			const stat = await fs.stat(path);
			if (!stat.isFile() || stat.size > config.maxFileSize) return false;
			const known = this.disk.get(path);
			if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return true;
			const text = decode(await fs.readFile(path));
			if (text === undefined) return false;
			this.disk.set(path, { uri, path, size: stat.size, mtimeMs: stat.mtimeMs, analysis: this.ctx.analyses.analyzeText(uri, text) });
			this.diskGeneration++;
			this.sync(path);
			return true;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.ctx.log.warn(`Bosun: cannot read ${path}: ${(e as Error).message}`);
			return false;
		}
	}

	private removeDisk(path: string): void {
		if (!this.disk.delete(path)) return;
		this.diskGeneration++;
		this.sync(path);
	}

	/** Put a key's current objects (open document first, else disk) into the core index. */
	private sync(key: string): void {
		const objects = this.open.has(key) ? this.open.get(key) : this.disk.get(key)?.analysis.objects;
		if (objects && this.workspace.hasFile(key) && this.workspace.objectsOf(key) === objects) return; // e.g. an open file saved
		if (objects) this.workspace.setFile(key, objects);
		else if (!this.workspace.deleteFile(key)) return;
		this.queueChange();
	}

	private queueChange(): void {
		if (this.changeQueued) return;
		this.changeQueued = true;
		setImmediate(() => {
			this.changeQueued = false;
			this.changed.fire();
		});
	}
}

export function registerWorkspaceIndex(ctx: ServerContext): void {
	const { connection, index, log } = ctx;
	ctx.capabilities.workspace = { ...ctx.capabilities.workspace, workspaceFolders: { supported: true, changeNotifications: true } };
	connection.onDidChangeWatchedFiles(guarded(log, 'handling file events', undefined, (params: DidChangeWatchedFilesParams) => index.filesChanged(params)));
	// Settings and `.bosun.yaml` decide what is excluded and how large a file may be.
	ctx.configs.onDidChange(() => index.scheduleRescan());
	ctx.onInitialized(() => inBackground(log, 'starting the workspace index', () => {
		if (ctx.client.workspaceFolderEvents) {
			connection.workspace.onDidChangeWorkspaceFolders((e) =>
				inBackground(log, 'changing workspace folders', () => {
					ctx.folders.remove(e.removed);
					ctx.folders.add(e.added);
					// Settings are read per folder; the configuration change also re-reads the folders.
					ctx.configs.invalidate();
				}),
			);
		}
		inBackground(log, 'indexing the workspace', () => index.scan());
	}));
}
