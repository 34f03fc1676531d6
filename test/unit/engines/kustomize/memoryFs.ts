// An in-memory KustomizeFileSystem for the engine's tests: files given as { '/abs/path': 'text' }.
import type { KustomizeFileSystem } from '../../../../server/src/engines/kustomize';

export function memoryFs(files: Record<string, string>): KustomizeFileSystem & { files: Record<string, string> } {
	const isDirectory = (path: string) => Object.keys(files).some((f) => f.startsWith(path.endsWith('/') ? path : `${path}/`));
	return {
		files,
		readFile: (path) => files[path],
		isDirectory,
		listDirectory: (path) => [...new Set(Object.keys(files).filter((f) => f.startsWith(`${path}/`)).map((f) => f.slice(path.length + 1).split('/')[0]))],
	};
}

/** Strips the common indentation of a template literal (fixtures read like the files they stand for). */
export function yaml(text: string): string {
	const lines = text.replace(/^\n/, '').split('\n');
	const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
	return lines.map((l) => l.slice(indent)).join('\n').replace(/\s+$/, '') + '\n';
}
