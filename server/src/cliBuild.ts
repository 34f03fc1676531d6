// `bosun build <dir>`: prints what `kustomize build <dir>` prints, from the in-process Kustomize engine.
// A build error goes to stderr with kustomize's message (and where it sits) and exits 2.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { CliIo } from './cli';
import { buildKustomization, formatKustomizeBuildOutput, KustomizeFileSystem } from './engines/kustomize';

/** The engine speaks POSIX paths: `C:\\x` is `/C:/x` to it. */
function toPosix(path: string): string {
	const slashed = path.split('\\').join('/');
	return /^[A-Za-z]:\//.test(slashed) ? `/${slashed}` : slashed;
}

function fromPosix(path: string): string {
	return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
}

/** The real file system, read-only, for the engine (absolute POSIX paths). */
export const nodeFileSystem: KustomizeFileSystem = {
	readFile(path) {
		try {
			return readFileSync(fromPosix(path), 'utf8');
		} catch {
			return undefined;
		}
	},
	isDirectory(path) {
		try {
			return statSync(fromPosix(path)).isDirectory();
		} catch {
			return false;
		}
	},
	listDirectory(path) {
		try {
			return readdirSync(fromPosix(path));
		} catch {
			return [];
		}
	},
};

function lineOf(file: string, offset: number): number {
	const text = nodeFileSystem.readFile(file) ?? '';
	return text.slice(0, offset).split('\n').length;
}

export function runBuild(args: string[], io: CliIo): number {
	if (args.length > 1) {
		io.stderr('bosun: build takes one kustomization directory\nUsage: bosun build [dir]\n');
		return 2;
	}
	const dir = resolve(io.cwd, args[0] ?? '.');
	if (!nodeFileSystem.isDirectory(dir)) {
		io.stderr(`Error: must build at directory: not a valid directory: ${args[0] ?? '.'}\n`);
		return 2;
	}
	const build = buildKustomization(nodeFileSystem, toPosix(dir));
	const where = (file: string, start: number) => `${relative(io.cwd, fromPosix(file)) || file}:${lineOf(file, start)}`;
	for (const notice of build.notices) io.stderr(`bosun: ${where(notice.file, notice.start)}: ${notice.message}\n`);
	if (build.errors.length) {
		for (const error of build.errors) io.stderr(`Error: ${error.message}\n  at ${where(error.file, error.start)}\n`);
		return 2;
	}
	io.stdout(formatKustomizeBuildOutput(build));
	return 0;
}
