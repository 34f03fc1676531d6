// The warm-start cache of the workspace index: what the index knew of each file (size, modification
// time, content hash, pruned objects) written to the extension's storage folder, so reopening a workspace
// that did not change parses nothing. Nothing in it is trusted: an entry is used only when the file's
// size, modification time and content hash all match (indexFile checks), and a cache of another Bosun
// version or format, or one that does not read, is ignored and rebuilt.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { IndexedFileData } from './indexFile';

/** Bumped when what an entry holds changes shape. */
const CACHE_FORMAT = 1;
export const INDEX_CACHE_FILE = 'workspace-index.cache';

interface CacheContent {
	format: number;
	version: string;
	/** The workspace folders it describes: another workspace's cache is not this one's. */
	folders: string[];
	files: [string, IndexedFileData][];
}

export class IndexCache {
	constructor(
		private readonly directory: string,
		private readonly version: string,
	) {}

	get path(): string {
		return join(this.directory, INDEX_CACHE_FILE);
	}

	/** The cached files, or an empty map when there is no usable cache (why, when it was unusable). */
	async load(folders: readonly string[]): Promise<{ files: Map<string, IndexedFileData>; problem?: string }> {
		let bytes: Buffer;
		try {
			bytes = await fs.readFile(this.path);
		} catch {
			return { files: new Map() };
		}
		try {
			const content = deserialize(bytes) as CacheContent;
			if (content?.format !== CACHE_FORMAT || content.version !== this.version) return { files: new Map(), problem: 'written by another Bosun version' };
			if (!sameList(content.folders, folders)) return { files: new Map(), problem: 'written for other workspace folders' };
			if (!Array.isArray(content.files) || !content.files.every(isEntry)) return { files: new Map(), problem: 'its entries do not read' };
			return { files: new Map(content.files) };
		} catch (e) {
			return { files: new Map(), problem: `it does not read (${(e as Error).message})` };
		}
	}

	/** Write the cache atomically: a reader never sees half a file. */
	async save(folders: readonly string[], files: Iterable<[string, IndexedFileData]>): Promise<void> {
		const content: CacheContent = { format: CACHE_FORMAT, version: this.version, folders: [...folders], files: [...files] };
		await fs.mkdir(this.directory, { recursive: true });
		const temporary = `${this.path}.${process.pid}.tmp`;
		await fs.writeFile(temporary, serialize(content));
		await fs.rename(temporary, this.path);
	}
}

function sameList(a: unknown, b: readonly string[]): boolean {
	return Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
}

function isEntry(entry: unknown): entry is [string, IndexedFileData] {
	if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') return false;
	const file = entry[1] as IndexedFileData;
	if (typeof file !== 'object' || file === null || typeof file.size !== 'number' || typeof file.mtimeMs !== 'number' || typeof file.hash !== 'string' || !Array.isArray(file.objects)) return false;
	return file.objects.every((o) => typeof o === 'object' && o !== null && typeof o.docIndex === 'number' && Array.isArray(o.rootPath) && typeof o.value === 'object' && o.value !== null);
}
