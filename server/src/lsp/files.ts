// URIs, paths and globs at the server's edge. The index is keyed by file system path for `file:` URIs,
// so a file reported by the file watcher and the same file opened in the editor are one entry even
// when their URIs are encoded differently; other schemes (untitled) are keyed by URI.
import { basename, isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { minimatch } from 'minimatch';
import type { WorkspaceFolder } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../configFiles';

export function uriToPath(uri: string): string | undefined {
	if (!uri.startsWith('file:')) return undefined;
	try {
		return fileURLToPath(uri);
	} catch {
		return undefined;
	}
}

export function pathToUri(path: string): string {
	return pathToFileURL(path).href;
}

/** The workspace index key of a URI. */
export function fileKey(uri: string): string {
	return uriToPath(uri) ?? uri;
}

export function isConfigFilePath(path: string): boolean {
	return basename(path) === CONFIG_FILE_NAME;
}

/** A YAML file that may hold manifests (`.bosun.yaml` is configuration, never a manifest). */
export function isManifestPath(path: string): boolean {
	return /\.ya?ml$/i.test(path) && !isConfigFilePath(path);
}

/** `path` relative to `base` with forward slashes, or undefined when it is not inside `base`. */
export function relativeInside(base: string, path: string): string | undefined {
	const rel = relative(base, path);
	if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
	return rel.split(sep).join('/');
}

/** Glob match as `files.exclude` and the CLI do it: a pattern without `/` matches a name at any depth. */
export function matchesAnyGlob(relPath: string, globs: readonly string[]): boolean {
	return globs.some((glob) => minimatch(relPath, glob, { dot: true, matchBase: !glob.includes('/') }));
}

export interface Folder {
	uri: string;
	path: string;
	name: string;
}

/** The workspace folders the client has open (file system ones only: the server reads them from disk). */
export class WorkspaceFolders {
	private list: Folder[] = [];

	set(folders: readonly WorkspaceFolder[]): void {
		this.list = folders.flatMap((f) => {
			const path = uriToPath(f.uri);
			return path ? [{ uri: f.uri, path, name: f.name }] : [];
		});
	}

	add(folders: readonly WorkspaceFolder[]): void {
		const known = new Set(this.list.map((f) => f.uri));
		this.set([...this.all(), ...folders.filter((f) => !known.has(f.uri))]);
	}

	remove(folders: readonly WorkspaceFolder[]): void {
		const gone = new Set(folders.map((f) => f.uri));
		this.set(this.all().filter((f) => !gone.has(f.uri)));
	}

	all(): Folder[] {
		return [...this.list];
	}

	/** The innermost folder containing `path`. */
	folderOf(path: string): Folder | undefined {
		let best: Folder | undefined;
		for (const f of this.list) {
			if ((path === f.path || relativeInside(f.path, path) !== undefined) && (!best || f.path.length > best.path.length)) best = f;
		}
		return best;
	}
}
