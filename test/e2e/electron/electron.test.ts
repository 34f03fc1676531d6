// Runs the in-editor suite (suite/) inside desktop VS Code with @vscode/test-electron: the extension from
// this checkout (dist/ must be built), a temp copy of the fixture workspace. VS Code comes from
// VSCODE_EXECUTABLE or a download of the oldest version engines.vscode allows; where neither works
// (no network, as on the project's build machine) the test reports itself SKIPPED, loudly, never passed.
// Linux needs a display for desktop VS Code: run under xvfb-run where there is none.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { projectRoot } from '../../helpers/vsix';
import { fixtureWorkspace } from '../scenario';
import { skipBecause } from '../../helpers/skip';

const MINIMUM_VSCODE = '1.82.0';
const suiteBundle = join(projectRoot, 'out/e2e-electron/suite.js');

async function findVSCode(): Promise<{ executable?: string; reason?: string }> {
	if (process.env.VSCODE_EXECUTABLE) return { executable: process.env.VSCODE_EXECUTABLE };
	try {
		return { executable: await downloadAndUnzipVSCode({ version: MINIMUM_VSCODE, cachePath: join(projectRoot, '.vscode-test'), timeout: 15_000 }) };
	} catch (error) {
		return { reason: `VSCODE_EXECUTABLE is not set and VS Code ${MINIMUM_VSCODE} could not be downloaded (${(error as Error).message})` };
	}
}

describe('e2e: Bosun in desktop VS Code (@vscode/test-electron)', function () {
	this.timeout(600_000);

	it('passes the in-editor suite: diagnostics, hover, quick fix, companion, snippet, non-Kubernetes YAML', async function () {
		const vscode = await findVSCode();
		if (!vscode.executable) {
			const banner = '#'.repeat(100);
			console.warn(`\n${banner}\n# SKIPPED: the desktop VS Code e2e suite did not run.\n# ${vscode.reason}.\n# Set VSCODE_EXECUTABLE to a VS Code binary to run it; the code-server suite covers the same scenarios.\n${banner}\n`);
			skipBecause(this, `desktop VS Code: ${vscode.reason} (set VSCODE_EXECUTABLE; the code-server suite covers the same scenarios)`);
		}
		assert.ok(existsSync(join(projectRoot, 'dist/client.js')) && existsSync(join(projectRoot, 'dist/server.js')), 'build first: node esbuild.mjs');
		// The extension host loads JavaScript: bundle the suite, leaving packages (mocha, yaml) to node_modules.
		await build({
			entryPoints: [join(__dirname, 'suite/index.ts')],
			outfile: suiteBundle,
			bundle: true,
			platform: 'node',
			format: 'cjs',
			packages: 'external',
			external: ['vscode'],
			logLevel: 'warning',
		});
		const tmp = mkdtempSync(join(tmpdir(), 'bosun-electron-'));
		const workspace = join(tmp, 'workspace');
		cpSync(fixtureWorkspace, workspace, { recursive: true });
		try {
			const exitCode = await runTests({
				vscodeExecutablePath: vscode.executable,
				extensionDevelopmentPath: projectRoot,
				extensionTestsPath: suiteBundle,
				extensionTestsEnv: { BOSUN_E2E_FIXTURES: fixtureWorkspace },
				launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', join(tmp, 'ud')],
			});
			assert.equal(exitCode, 0);
		} finally {
			rmSync(tmp, { recursive: true, force: true });
		}
	});
});
