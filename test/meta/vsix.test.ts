// The packaged extension: `npm run package` yields bosun-<version>.vsix holding only the bundles the
// extension runs, snippets, the user docs and the Marketplace files (a README for users, a changelog entry
// for the version, a repository), small, activated by YAML only, with an engine matching the API it is
// typed against. The .vsix is built first when it is missing or older than what decides its contents.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../server/src/rules';
import { ensureVsix, projectRoot as root, vsixPath } from '../helpers/vsix';
import { readZip, ZipEntry } from '../helpers/zip';

const MAX_VSIX_BYTES = 1024 * 1024;

// Paths inside the .vsix's `extension/` folder that the .vscodeignore whitelist lets through. vsce
// renames LICENSE to LICENSE.txt and lower-cases the README and CHANGELOG names.
const ALLOWED = [
	/^package\.json$/,
	/^dist\/(client|server|worker)\.js$/,
	/^snippets\/[^/]+\.(json|code-snippets)$/,
	/^docs\/rules\/[a-z0-9-]+\.md$/,
	/^docs\/rules\/README\.md$/,
	/^docs\/suppression\.md$/,
	/^docs\/images\/[^/]+\.(png|webp)$/,
	/^readme\.md$/i,
	/^changelog\.md$/i,
	/^LICENSE\.txt$/,
	/^media\/icon\.png$/,
	/^schemas\/bosun-config\.schema\.json$/,
];

describe('meta: the packaged .vsix', function () {
	this.timeout(300_000);
	let entries: ZipEntry[];
	let files: string[];
	let manifest: any;

	before(() => {
		entries = readZip(ensureVsix());
		files = entries.filter((e) => e.name.startsWith('extension/')).map((e) => e.name.slice('extension/'.length));
		manifest = JSON.parse(entries.find((e) => e.name === 'extension/package.json')!.read().toString('utf8'));
	});

	it('is under 1 MB', () => {
		const size = statSync(vsixPath).size;
		assert.ok(size < MAX_VSIX_BYTES, `${vsixPath} is ${size} bytes`);
	});

	it('holds no node_modules and no sources', () => {
		const leaked = files.filter((f) => /(^|\/)(node_modules|src)\//.test(f) || /\.ts$/.test(f));
		assert.deepEqual(leaked, []);
	});

	it('holds only the whitelisted files', () => {
		const unexpected = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
		assert.deepEqual(unexpected, []);
	});

	it('holds the bundles, README, CHANGELOG, LICENSE, icon, every contributed snippet file and the .bosun.yaml schema', () => {
		const lower = new Set(files.map((f) => f.toLowerCase()));
		const snippetFiles: string[] = (manifest.contributes?.snippets ?? []).map((s: { path: string }) => s.path.replace(/^\.\//, ''));
		const schemaFiles: string[] = (manifest.contributes?.yamlValidation ?? []).map((v: { url: string }) => v.url.replace(/^\.\//, ''));
		assert.ok(schemaFiles.length > 0, 'the .bosun.yaml schema is contributed through yamlValidation');
		const required = ['package.json', 'dist/client.js', 'dist/server.js', 'dist/worker.js', 'readme.md', 'changelog.md', 'license.txt', manifest.icon, ...snippetFiles, ...schemaFiles];
		assert.deepEqual(required.filter((f) => !lower.has(String(f).toLowerCase())), []);
		assert.equal(manifest.main, './dist/client.js');
		const vsixManifest = entries.find((e) => e.name === 'extension.vsixmanifest')!.read().toString('utf8');
		assert.match(vsixManifest, /Microsoft\.VisualStudio\.Services\.Icons\.Default/);
	});

	it('has no bundle it does not run: the CLI is for the npm package', () => {
		assert.ok(!files.includes('dist/cli.js'));
		assert.ok(existsSync(join(root, 'dist/cli.js')), 'the npm package still gets it from the build');
	});

	it('shows users a README of their own: what it does, settings, commands, rules, screenshots; no developer set-up', () => {
		const readme = entries.find((e) => e.name === 'extension/readme.md')!.read().toString('utf8');
		assert.equal(readme, readFileSync(join(root, 'docs/marketplace/README.md'), 'utf8'));
		for (const heading of ['## What it does', '## Configuration', '## Commands', '## Rules']) assert.ok(readme.includes(heading), heading);
		for (const key of Object.keys(manifest.contributes.configuration.properties)) assert.ok(readme.includes(`\`${key}\``), `setting ${key}`);
		for (const c of manifest.contributes.commands) assert.ok(readme.includes(`${c.category}: ${c.title}`), `command ${c.command}`);
		for (const rule of RULES) assert.ok(readme.includes(`[\`${rule.id}\`](docs/rules/${rule.id}.md)`), `rule ${rule.id}`);
		const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
		assert.ok(images.length >= 2, 'screenshots');
		assert.deepEqual(images.filter((src) => !files.includes(src)), [], 'every screenshot ships in the .vsix');
		for (const developerOnly of ['npm run', 'npm test', '../shared', 'Performance', 'bench', 'esbuild']) assert.ok(!readme.includes(developerOnly), developerOnly);
	});

	it('names its repository, and its changelog has an entry for this version', () => {
		assert.match(manifest.repository?.url ?? '', /^https:\/\/.+\.git$/);
		const changelog = entries.find((e) => e.name === 'extension/changelog.md')!.read().toString('utf8');
		const entry = new RegExp(`^## ${manifest.version.replace(/\./g, '\\.')} \\((\\d{4}-\\d{2}-\\d{2})\\)$`, 'm').exec(changelog);
		assert.ok(entry, `a "## ${manifest.version} (date)" entry`);
		assert.ok(!/unreleased/i.test(changelog));
	});

	it('links to no website Bosun does not have', () => {
		const texts = entries.filter((e) => /\.(md|json|js)$/.test(e.name)).map((e) => [e.name, e.read().toString('utf8')] as const);
		// `bosun.dev/...` annotation keys are names, not links; a URL would start with a scheme.
		assert.deepEqual(texts.filter(([, text]) => /https?:\/\/(www\.)?bosun\.dev/.test(text)).map(([name]) => name), []);
	});

	it('activates only on YAML (plus its own contributed commands)', () => {
		const commands = new Set((manifest.contributes?.commands ?? []).map((c: { command: string }) => `onCommand:${c.command}`));
		const events: string[] = manifest.activationEvents ?? [];
		assert.ok(events.includes('onLanguage:yaml'), `activationEvents: ${JSON.stringify(events)}`);
		assert.deepEqual(events.filter((e) => e !== 'onLanguage:yaml' && !commands.has(e)), []);
	});

	it('declares its engine as the VS Code API it is typed against, and untrusted-workspace support', () => {
		assert.equal(manifest.engines.vscode, '^1.82.0');
		const typesVersion: string = JSON.parse(readFileSync(join(root, 'node_modules/@types/vscode/package.json'), 'utf8')).version;
		assert.match(typesVersion, /^1\.82\./, '@types/vscode must not be newer than engines.vscode');
		assert.ok(['boolean', 'string'].includes(typeof manifest.capabilities?.untrustedWorkspaces?.supported), 'capabilities.untrustedWorkspaces.supported');
	});
});
