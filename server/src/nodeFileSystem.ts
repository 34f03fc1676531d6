// The source file system (sources/workspaces.ts) on the real disk, for the CLI and the server. Reads
// never throw: an unreadable file is absent.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { SourceFileSystem } from './sources/workspaces';

export const nodeFileSystem: SourceFileSystem = {
	readFile(path) {
		try {
			return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
		} catch {
			return undefined;
		}
	},
	readBytes(path) {
		try {
			return readFileSync(path);
		} catch {
			return undefined;
		}
	},
	isDirectory(path) {
		try {
			return statSync(path).isDirectory();
		} catch {
			return false;
		}
	},
	listDirectory(path) {
		try {
			return readdirSync(path);
		} catch {
			return [];
		}
	},
	exists(path) {
		return existsSync(path);
	},
};
