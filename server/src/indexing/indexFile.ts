// Reading one workspace file into what the index keeps of it: size, modification time, content hash and
// its Kubernetes objects pruned for the index (core/indexValue.ts), as plain data that crosses a worker
// boundary or goes into the warm-start cache. Runs in an index worker, or in the server's own thread
// when no worker is available; the result is the same either way.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isChartTemplatePath } from '../core/helm';
import { indexValueOf } from '../core/indexValue';
import { K8sObject, type Plain } from '../core/k8s';
import { analyzeFile, type FileAnalysis } from '../core/linter';
import type { Path } from '../core/types';

/** One object as the index keeps it. */
export interface IndexedObjectData {
	docIndex: number;
	rootPath: Path;
	value: Plain;
}

/** What the index knows of a file: enough to tell whether it changed, and its objects. */
export interface IndexedFileData {
	size: number;
	mtimeMs: number;
	/** sha1 of the bytes, hex. */
	hash: string;
	objects: IndexedObjectData[];
}

export interface IndexFileRequest {
	path: string;
	/** The objects' `file`: the URI the editor knows the file by. */
	uri: string;
	maxFileSize: number;
	/** What the index (or its cache) knew of the file: when size, time and hash all match, it is not parsed. */
	known?: { size: number; mtimeMs: number; hash: string };
}

export type IndexFileResult =
	| { status: 'read'; file: IndexedFileData }
	/** `known` still holds: same size, modification time and content hash. */
	| { status: 'unchanged' }
	| { status: 'skipped'; reason: 'not-a-file' | 'too-large' | 'binary' | 'gone' }
	| { status: 'failed'; message: string };

export function contentHash(bytes: Buffer): string {
	return createHash('sha1').update(bytes).digest('hex');
}

/** File bytes as text: UTF-8, BOM dropped; undefined for a binary file (NUL bytes). */
export function decodeText(bytes: Buffer): string | undefined {
	if (bytes.includes(0)) return undefined;
	const text = bytes.toString('utf8');
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** An analysed file's objects as the index keeps them. */
export function indexedObjects(analysis: FileAnalysis): IndexedObjectData[] {
	return analysis.objects.map((o) => ({ docIndex: o.docIndex, rootPath: o.rootPath, value: indexValueOf(o.value) }));
}

/** The objects of a file's text as the index keeps them. */
export function indexedObjectsOf(uri: string, path: string, text: string): IndexedObjectData[] {
	return indexedObjects(analyzeFile(uri, text, undefined, { inChartTemplates: isChartTemplatePath(path, existsSync) }));
}

/**
 * Read and index one file. Synchronous: in a worker thread blocking costs nothing and saves a round trip
 * through the I/O thread pool per file; in the server's own thread a file is read between two turns.
 */
export function indexFile(request: IndexFileRequest): IndexFileResult {
	try {
		const stat = statSync(request.path);
		if (!stat.isFile()) return { status: 'skipped', reason: 'not-a-file' };
		if (stat.size > request.maxFileSize) return { status: 'skipped', reason: 'too-large' };
		const bytes = readFileSync(request.path);
		const hash = contentHash(bytes);
		const { known } = request;
		if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs && known.hash === hash) return { status: 'unchanged' };
		const text = decodeText(bytes);
		if (text === undefined) return { status: 'skipped', reason: 'binary' };
		return { status: 'read', file: { size: stat.size, mtimeMs: stat.mtimeMs, hash, objects: indexedObjectsOf(request.uri, request.path, text) } };
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'skipped', reason: 'gone' };
		return { status: 'failed', message: (e as Error).message };
	}
}

/** The index's objects of a file (detached: no syntax tree). */
export function detachedObjects(uri: string, objects: readonly IndexedObjectData[]): K8sObject[] {
	return objects.map((o) => K8sObject.detached(uri, o.docIndex, o.rootPath, o.value));
}
