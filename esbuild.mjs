// Bundles the extension client, the language server and the CLI into dist/ (one file each), so the
// .vsix and the npm bin carry no node_modules. `node esbuild.mjs --watch` rebuilds on change.
import { build, context } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

execFileSync(process.execPath, ['scripts/gen-registry.mjs'], { stdio: 'inherit' });
// package.json `contributes` (settings per rule, commands) follows the registry just written.
execFileSync(process.execPath, ['scripts/gen-manifest.mjs'], { stdio: 'inherit' });
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const common = {
	bundle: true,
	platform: 'node',
	target: 'node18',
	format: 'cjs',
	sourcemap: false,
	minify: process.argv.includes('--minify'),
	logLevel: 'warning',
	define: { BOSUN_VERSION: JSON.stringify(pkg.version) },
};
const entries = [
	{ entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
	{ entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
	// Worker threads of the server and the CLI (indexing/worker.ts), loaded from beside them.
	{ entryPoints: ['server/src/indexing/worker.ts'], outfile: 'dist/worker.js' },
	{ entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
].filter((e) => existsSync(e.entryPoints[0]));

if (process.argv.includes('--watch')) {
	for (const e of entries) await (await context({ ...common, ...e })).watch();
} else {
	await Promise.all(entries.map((e) => build({ ...common, ...e })));
}
