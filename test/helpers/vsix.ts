// Where the packaged extension lives and how to get a current one: `npm run package` runs when the .vsix
// is missing or older than what decides its contents. Shared by the packaging test and the e2e suites.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const projectRoot = join(__dirname, '..', '..');

const version: string = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version;
export const vsixPath = join(projectRoot, `bosun-${version}.vsix`);

// What .vscodeignore lets into the package, plus the files that decide how it is built.
const PACKAGE_FILES = ['package.json', '.vscodeignore', 'dist/client.js', 'dist/server.js', 'CHANGELOG.md', 'LICENSE', 'media/icon.png'];
const PACKAGE_FOLDERS = ['snippets', 'docs'];

function packageInputs(): string[] {
	const folders = PACKAGE_FOLDERS.map((d) => join(projectRoot, d)).filter(existsSync);
	const nested = folders.flatMap((d) => readdirSync(d, { recursive: true, encoding: 'utf8' }).map((f) => join(d, f)));
	return [...PACKAGE_FILES.map((f) => join(projectRoot, f)), ...nested];
}

function vsixIsStale(): boolean {
	if (!existsSync(vsixPath)) return true;
	const built = statSync(vsixPath).mtimeMs;
	return packageInputs().some((f) => existsSync(f) && statSync(f).mtimeMs > built);
}

/** Returns the path of a .vsix that matches the working tree, packaging it first when needed. */
export function ensureVsix(): string {
	if (vsixIsStale()) {
		execFileSync('npm', ['run', '--silent', 'package'], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'] });
	}
	return vsixPath;
}
