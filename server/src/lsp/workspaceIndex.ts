// The server's workspace index: every Kubernetes object of the open documents and of the YAML files
// under the workspace folders (a core WorkspaceIndex keyed by path), kept current from open-document
// edits and watched-file events; open documents win over disk content. The folders are read in the
// background by worker threads on every core (indexing/), so an open file's first diagnostics never wait
// for them; closed files keep only what cross-resource rules read (core/indexValue.ts), never a syntax
// tree. What was read is cached in the extension's storage folder, so reopening an unchanged workspace
// parses nothing. Until the first read is complete `ready` is false: cross-resource findings would be
// guesses.
import { promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DidChangeWatchedFilesParams, Emitter, FileChangeType } from 'vscode-languageserver';
import type { K8sObject } from '../core/k8s';
import { WorkspaceIndex } from '../core/workspace';
import { IndexCache } from '../indexing/indexCache';
import { detachedObjects, indexFile, IndexedFileData, IndexFileRequest, IndexFileResult } from '../indexing/indexFile';
import { bundledWorkerScript, WorkerPool } from '../indexing/workerPool';
import { createProgress, guarded, inBackground, nextTurn, ServerContext } from './context';
import { INDEXING_NOTIFICATION, IndexingStatus } from './protocol';
import { fileKey, isConfigFilePath, isManifestPath, matchesAnyGlob, pathToUri, relativeInside, uriToPath } from './files';

declare const BOSUN_VERSION: string | undefined;

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
/** Files per worker task: fewer messages, and still small enough to spread evenly over the workers. */
const FILES_PER_TASK = 8;
/** Tasks in flight per worker thread: enough that a worker never waits for the main thread. */
const TASKS_PER_WORKER = 3;
/** The progress shown while indexing is updated at most this often. */
const PROGRESS_INTERVAL_MS = 100;
/** Configuration changes come in bursts (typing in `.bosun.yaml`); re-read the folders once they settle. */
const RESCAN_DELAY_MS = 250;
/** Files change in bursts too (a checkout, a formatter): the cache is written once they settle. */
const CACHE_SAVE_DELAY_MS = 2000;

/** A file to read in a worker, and what the index knew of it. */
interface ReadPlan {
	path: string;
	uri: string;
	known: IndexedFileData | undefined;
	request: IndexFileRequest;
}

export interface DiskFile {
	uri: string;
	path: string;
	/** Size, modification time, content hash and pruned objects, as read (and as cached). */
	data: IndexedFileData;
	/** The file's objects in the index: detached, without a syntax tree. */
	objects: K8sObject[];
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
	private readonly pool: WorkerPool;
	/** The warm-start cache's entries, from loading it until the first scan consumed them. */
	private cached: Map<string, IndexedFileData> | undefined;
	private cacheLoaded = false;
	private cacheSaveTimer: NodeJS.Timeout | undefined;
	/** The index differs from what the cache holds (a file read, changed or dropped since it was loaded or written). */
	private cacheStale = false;
	private workerFailureLogged = false;
	/** Files of the current scan whose cache entry held (for the log). */
	private reusedFromCache = 0;

	constructor(
		private readonly ctx: ServerContext,
		workerScript = bundledWorkerScript(),
	) {
		this.pool = new WorkerPool(workerScript);
	}

	/** The warm-start cache, when the client gave the server a storage folder. */
	private get cache(): IndexCache | undefined {
		const directory = this.ctx.client.storagePath;
		return directory ? new IndexCache(directory, typeof BOSUN_VERSION === 'string' ? BOSUN_VERSION : '0.0.0-dev') : undefined;
	}

	private folderPaths(): string[] {
		return this.ctx.folders.all().map((f) => f.path);
	}

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
		return [...this.disk.values()].filter((f) => !this.open.has(f.path) && f.objects.length > 0);
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
			await this.loadCache();
			const list = [...files];
			const indexed = new Set<string>();
			this.reusedFromCache = 0;
			let done = 0;
			let reportedAt = 0;
			await this.readAll(list, () => generation !== this.scanGeneration, (path, read) => {
				if (read) indexed.add(path);
				done++;
				const now = Date.now();
				if (now - reportedAt < PROGRESS_INTERVAL_MS && done < list.length) return;
				reportedAt = now;
				progress.report(Math.round((done / list.length) * 100), `${done} of ${list.length} YAML files`);
				this.sendIndexing(Math.round((done / list.length) * 100));
			});
			if (generation !== this.scanGeneration) return;
			for (const path of [...this.disk.keys()]) if (!indexed.has(path)) this.removeDisk(path);
			// Entries the scan did not use belong to files that are gone or excluded now: write it without them.
			if (this.cached && this.cached.size !== this.reusedFromCache) this.cacheStale = true;
			this.cached = undefined;
			this.scheduleCacheSave();
			const reused = this.reusedFromCache ? ` (${this.reusedFromCache} unchanged since the cache was written)` : '';
			this.ctx.log.info(`Bosun: indexed ${indexed.size} YAML files${reused} in ${this.ctx.folders.all().length} workspace folder(s) in ${Date.now() - started} ms.`);
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
		await this.readAll([...files], () => false, () => undefined);
	}

	/**
	 * Read files into the index, in small groups (one worker task each, a few in flight per worker, so no
	 * worker waits for the slowest file of a batch or for the main thread); `stopped` ends it early (a
	 * newer scan). In the server's own thread, each file yields to the event loop before the next, so
	 * typing never waits on indexing.
	 */
	private async readAll(paths: string[], stopped: () => boolean, onRead: (path: string, read: boolean) => void): Promise<void> {
		const inWorkers = this.pool.available;
		const groupSize = inWorkers ? FILES_PER_TASK : 1;
		const lanes = inWorkers ? this.pool.size * TASKS_PER_WORKER : 1;
		let next = 0;
		const lane = async () => {
			while (next < paths.length && !stopped()) {
				const group = paths.slice(next, (next += groupSize));
				const reads = await this.readDiskFiles(group);
				if (!inWorkers) await nextTurn();
				if (!stopped()) group.forEach((path, i) => onRead(path, reads[i]));
			}
		};
		await Promise.all(Array.from({ length: Math.min(lanes, Math.ceil(paths.length / groupSize)) }, lane));
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
		return (await this.readDiskFiles([path]))[0];
	}

	/** Read files into the index (one worker task); for each, false when it is excluded, too large, binary or gone. */
	private async readDiskFiles(paths: string[]): Promise<boolean[]> {
		const plans = await Promise.all(paths.map((path) => this.planRead(path)));
		const requests = plans.filter((p): p is ReadPlan => typeof p === 'object');
		const results = requests.length ? await this.indexFiles(requests.map((p) => p.request)) : [];
		return plans.map((plan) => (typeof plan === 'boolean' ? plan : this.applyRead(plan, results[requests.indexOf(plan)])));
	}

	/** What reading a file takes: nothing (true: indexed and unchanged; false: not to be indexed) or a worker request. */
	private async planRead(path: string): Promise<boolean | ReadPlan> {
		const uri = pathToUri(path);
		const config = await this.ctx.configs.resolve(uri);
		if (config.excluded) return false;
		const current = this.disk.get(path);
		if (current) {
			// Read in this session: unchanged when its size and modification time are.
			const stat = await fs.stat(path).catch(() => undefined);
			if (!stat?.isFile() || stat.size > config.maxFileSize) return false;
			if (stat.size === current.data.size && stat.mtimeMs === current.data.mtimeMs) return true;
		}
		// From the cache: unchanged only when the content hash matches too.
		const known = current ? undefined : this.cached?.get(path);
		return { path, uri, known, request: { path, uri, maxFileSize: config.maxFileSize, known: known && { size: known.size, mtimeMs: known.mtimeMs, hash: known.hash } } };
	}

	private applyRead({ path, uri, known }: ReadPlan, result: IndexFileResult): boolean {
		const data = result.status === 'read' ? result.file : result.status === 'unchanged' ? known : undefined;
		if (result.status === 'unchanged') this.reusedFromCache++;
		else if (data) this.cacheStale = true;
		if (result.status === 'failed') this.ctx.log.warn(`Bosun: cannot read ${path}: ${result.message}`);
		if (!data) return false;
		this.disk.set(path, { uri, path, data, objects: detachedObjects(uri, data.objects) });
		this.diskGeneration++;
		this.sync(path);
		// A file event after the first scan: the cache follows (the scan writes it once at its end).
		if (this.isReady) this.scheduleCacheSave();
		return true;
	}

	/** Read files in a worker thread; in this thread when there is none or it failed. */
	private async indexFiles(requests: IndexFileRequest[]): Promise<IndexFileResult[]> {
		if (this.pool.available) {
			try {
				return await this.pool.run('indexFiles', requests);
			} catch (e) {
				if (!this.workerFailureLogged) this.ctx.log.warn(`Bosun: indexing in a worker thread failed, indexing in the server's thread instead: ${(e as Error).message}`);
				this.workerFailureLogged = true;
			}
		}
		const results: IndexFileResult[] = [];
		for (const request of requests) {
			const result = indexFile(request);
			await nextTurn();
			// Values parsed in this thread hold slices of the whole file text; a copy holds only themselves.
			results.push(result.status === 'read' ? structuredClone(result) : result);
		}
		return results;
	}

	/** Load the warm-start cache once, before the first scan reads the folders. */
	private async loadCache(): Promise<void> {
		if (this.cacheLoaded) return;
		this.cacheLoaded = true;
		const cache = this.cache;
		if (!cache) return;
		const { files, problem } = await cache.load(this.folderPaths());
		if (problem) this.ctx.log.info(`Bosun: the index cache (${cache.path}) is not used: ${problem}. It is written anew.`);
		this.cached = files.size ? files : undefined;
	}

	/** Write the cache once the index settles (after a scan, after file events). */
	private scheduleCacheSave(): void {
		if (!this.ctx.client.storagePath) return;
		clearTimeout(this.cacheSaveTimer);
		this.cacheSaveTimer = setTimeout(() => void this.saveCache(), CACHE_SAVE_DELAY_MS);
		this.cacheSaveTimer.unref();
	}

	/** Write the cache now if a write is pending (the server is shutting down). */
	async flushCache(): Promise<void> {
		if (!this.cacheSaveTimer) return;
		clearTimeout(this.cacheSaveTimer);
		await this.saveCache();
	}

	private async saveCache(): Promise<void> {
		this.cacheSaveTimer = undefined;
		const cache = this.cache;
		if (!cache || !this.cacheStale) return;
		this.cacheStale = false;
		const entries = [...this.disk.values()].map((f): [string, IndexedFileData] => [f.path, f.data]);
		try {
			await cache.save(this.folderPaths(), entries);
		} catch (e) {
			this.cacheStale = true;
			this.ctx.log.warn(`Bosun: cannot write the index cache ${cache.path}: ${(e as Error).message}`);
		}
	}

	private removeDisk(path: string): void {
		if (!this.disk.delete(path)) return;
		this.cacheStale = true;
		this.diskGeneration++;
		this.sync(path);
		if (this.isReady) this.scheduleCacheSave();
	}

	/** Put a key's current objects (open document first, else disk) into the core index. */
	private sync(key: string): void {
		const objects = this.open.has(key) ? this.open.get(key) : this.disk.get(key)?.objects;
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
	connection.onShutdown(guarded(log, 'writing the index cache', undefined, () => index.flushCache()));
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
