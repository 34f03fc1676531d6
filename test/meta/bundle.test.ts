// Bosun reads manifests and nothing else: the bundles in dist/ neither start processes nor touch the
// network, and nothing evaluates text as code. Checked twice: statically, every module of each bundle
// that loads child_process, a network module or a code evaluator is on the allow list below (the
// language client starting its server); and at run time, the built server and `bosun lint` run with
// those functions trapped, and with the file-writing ones too (only edits the user applies, and
// --fix, write files), and none is called.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkspace, fileUri, LspTestClient, removeWorkspace } from '../helpers/lspClient';
import { skipBecause } from '../helpers/skip';

const root = join(__dirname, '..', '..');
const BUNDLES = ['cli.js', 'server.js', 'client.js', 'worker.js'];

/** Node modules that start processes, open connections or evaluate code. */
const FORBIDDEN_MODULES = ['child_process', 'cluster', 'net', 'tls', 'http', 'https', 'http2', 'dgram', 'dns', 'vm'];
/** Global APIs with the same powers. */
const FORBIDDEN_GLOBALS = /(?<![\w$.])(?:fetch|eval)\s*\(|new\s+(?:Function|WebSocket|XMLHttpRequest|EventSource)\b/;

/**
 * The only uses allowed: what vscode-languageclient needs to start the server from the VS Code client,
 * and transport code its libraries carry. "bundle | module | what it loads" → why.
 */
const ALLOWED: Record<string, string> = {
	'client.js | node_modules/vscode-languageclient/lib/node/main.js | child_process':
		'the client forks dist/server.js (TransportKind.ipc): the one process Bosun starts.',
	'client.js | node_modules/vscode-languageclient/lib/node/processes.js | child_process':
		'terminate(): kills the server process when it does not exit after shutdown.',
	'client.js | node_modules/vscode-jsonrpc/lib/node/main.js | net':
		'pipe and socket transports of the JSON-RPC library; the client talks to the server over IPC.',
	'server.js | node_modules/vscode-jsonrpc/lib/node/main.js | net':
		'the same transports, used only when the server is started with --pipe or --socket.',
	'server.js | node_modules/vscode-languageserver/lib/node/files.js | child_process':
		'Files.resolveGlobalNodePath (runs `npm config get prefix`), a library helper Bosun never calls (the run-time check below).',
};

/** Uses in one bundle: "bundle | module | what", the module taken from esbuild's `// path` comments. */
function usesIn(bundle: string, text: string): string[] {
	const uses = new Set<string>();
	let module = '(bundle prelude)';
	const modulePattern = /^\/\/ ((?:node_modules|server|client)\/\S+)$/;
	const requirePattern = new RegExp(`require\\("(?:node:)?(${FORBIDDEN_MODULES.join('|')})"\\)`, 'g');
	for (const line of text.split('\n')) {
		const m = modulePattern.exec(line);
		if (m) module = m[1];
		for (const r of line.matchAll(requirePattern)) uses.add(`${bundle} | ${module} | ${r[1]}`);
		const g = FORBIDDEN_GLOBALS.exec(line);
		if (g) uses.add(`${bundle} | ${module} | ${g[0]}`);
	}
	return [...uses];
}

/** Preloaded into a process under test: records every call of the trapped functions to a file. */
const TRAP = `'use strict';
const fs = require('fs');
const append = fs.appendFileSync;
// Recording writes a file itself; calls made while recording are the trap's own.
let recording = false;
const record = (what) => {
	if (recording) return;
	recording = true;
	try {
		append(process.env.BOSUN_TRAP_LOG, what + '\\n');
	} finally {
		recording = false;
	}
};
// Proof that the trap was loaded at all, so that an empty log means something (written before trapping).
append(process.env.BOSUN_TRAP_LOG + '.loaded', process.argv.slice(1).join(' ') + '\\n');
const writers = ['writeFile', 'appendFile', 'rename', 'unlink', 'rm', 'rmdir', 'mkdir', 'copyFile', 'truncate', 'symlink', 'link', 'chmod', 'utimes'];
const trapped = {
	child_process: ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'],
	net: ['connect', 'createConnection', 'createServer'],
	tls: ['connect', 'createServer'],
	http: ['request', 'get', 'createServer'],
	https: ['request', 'get', 'createServer'],
	http2: ['connect', 'createServer'],
	dgram: ['createSocket'],
	dns: ['lookup', 'resolve'],
	vm: ['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction'],
	fs: [...writers, ...writers.map((w) => w + 'Sync'), 'createWriteStream'],
	'fs/promises': writers,
};
for (const [name, functions] of Object.entries(trapped)) {
	const mod = require(name);
	for (const fn of functions) {
		const original = mod[fn];
		mod[fn] = function (...args) {
			record(name + '.' + fn);
			return original.apply(this, args);
		};
	}
}
// Opening a file for writing is writing too.
for (const [mod, fn] of [[fs, 'open'], [fs, 'openSync'], [fs.promises, 'open']]) {
	const original = mod[fn];
	mod[fn] = function (path, flags, ...rest) {
		if (typeof flags === 'string' && /[wa+]/.test(flags)) record('fs.' + fn + ' for writing');
		return original.call(this, path, flags, ...rest);
	};
}
for (const fn of ['fetch', 'eval']) {
	const original = globalThis[fn];
	if (original) globalThis[fn] = function (...args) { record(fn); return original.apply(this, args); };
}
`;

describe('meta: no processes, network, code evaluation or file writes in the bundles', function () {
	this.timeout(60000);
	let trapDir: string;
	let trap: string;
	let trapLog: string;

	before(function () {
		if (!BUNDLES.every((b) => existsSync(join(root, 'dist', b)))) skipBecause(this, 'the bundles are not built (node esbuild.mjs)');
		trapDir = mkdtempSync(join(tmpdir(), 'bosun-trap-'));
		trap = join(trapDir, 'trap.cjs');
		trapLog = join(trapDir, 'calls.log');
		writeFileSync(trap, TRAP);
	});

	after(() => trapDir && rmSync(trapDir, { recursive: true, force: true }));

	it('loads child_process and network modules only where the allow list says why', () => {
		const found: string[] = [];
		for (const bundle of BUNDLES) {
			const text = readFileSync(join(root, 'dist', bundle), 'utf8');
			assert.match(text, /^\/\/ server\/src\//m, `dist/${bundle} has no module comments: build it unminified (node esbuild.mjs) to check it`);
			found.push(...usesIn(bundle, text));
		}
		const own = found.filter((use) => / \| (server|client)\//.test(use));
		assert.deepEqual(own, [], "Bosun's own code uses none of them");
		assert.deepEqual(found.sort(), Object.keys(ALLOWED).sort(), 'every use is allowed, and every allowed use is still there');
	});

	it('the check sees a forbidden use when there is one', () => {
		const uses = usesIn('x.js', '// server/src/evil.ts\nconst cp = require("node:child_process");\nawait fetch(url);\n// client/src/ok.ts\nconst f = obj.fetch(1);\n');
		assert.deepEqual(uses, ['x.js | server/src/evil.ts | child_process', 'x.js | server/src/evil.ts | fetch(']);
	});

	it('the server runs a session without calling any of them', async () => {
		const folder = createWorkspace({ 'app.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx:latest}]\n' });
		const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, BOSUN_TRAP_LOG: process.env.BOSUN_TRAP_LOG };
		process.env.NODE_OPTIONS = `--require ${trap}`;
		process.env.BOSUN_TRAP_LOG = trapLog;
		const starting = LspTestClient.start({ folders: [folder] });
		Object.assign(process.env, saved);
		for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
		const client = await starting;
		try {
			const uri = fileUri(join(folder, 'app.yaml'));
			await client.open(uri, readFileSync(join(folder, 'app.yaml'), 'utf8'));
			const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
			await client.hover(uri, published.diagnostics[0].range.start);
			await client.request('bosun/lintWorkspace');
		} finally {
			await client.stop();
			removeWorkspace(folder);
		}
		assert.match(readFileSync(`${trapLog}.loaded`, 'utf8'), /server\.js --stdio/, 'the trap ran in the server');
		assert.equal(existsSync(trapLog) ? readFileSync(trapLog, 'utf8') : '', '');
	});

	it('the CLI lints without calling any of them', () => {
		const r = spawnSync(process.execPath, ['--require', trap, join(root, 'dist', 'cli.js'), 'lint', '--fail-on', 'never', 'examples'], {
			cwd: root,
			encoding: 'utf8',
			env: { ...process.env, BOSUN_TRAP_LOG: trapLog },
		});
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /findings? \(/);
		assert.match(readFileSync(`${trapLog}.loaded`, 'utf8'), /cli\.js lint/, 'the trap ran in the CLI');
		assert.equal(existsSync(trapLog) ? readFileSync(trapLog, 'utf8') : '', '');
	});

	it('the trap records calls', () => {
		const script = `require("child_process").execFileSync(process.execPath, ["-e", "0"]); require("fs").writeFileSync(${JSON.stringify(join(trapDir, 'x'))}, "x")`;
		const r = spawnSync(process.execPath, ['--require', trap, '-e', script], {
			encoding: 'utf8',
			env: { ...process.env, BOSUN_TRAP_LOG: join(trapDir, 'self-test.log') },
		});
		assert.equal(r.status, 0, r.stderr);
		assert.equal(readFileSync(join(trapDir, 'self-test.log'), 'utf8'), 'child_process.execFileSync\nfs.writeFileSync\n');
	});
});
