// Drives Bosun inside a real VS Code workbench: code-server (installed by scripts/setup-e2e.sh) with the
// packaged .vsix, a temp copy of the fixture workspace, and Debian's Chromium through playwright-core.
// Helpers act as a user would (Quick Open, the Problems panel, the mouse, Ctrl+.) and wait on what the
// page shows, never on fixed delays. Every step can leave a screenshot in test-results/e2e/.
import assert from 'node:assert/strict';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import { ensureVsix, projectRoot } from '../../helpers/vsix';
import { fixtureWorkspace } from '../scenario';

const cacheDir = process.env.BOSUN_E2E_CACHE ?? join(homedir(), '.cache', 'bosun-e2e');
const codeServerEntry = join(cacheDir, 'node_modules/code-server/out/node/entry.js');
const chromiumPath = process.env.BOSUN_CHROMIUM ?? '/usr/bin/chromium';
export const resultsDir = join(projectRoot, 'test-results/e2e');

/** Long enough for a cold start on a busy two-core machine; every wait still ends as soon as it can. */
export const UI_TIMEOUT = 60_000;

// Flags from the project's notes on running VS Code here: no sandbox (root in a container), no GPU, and
// nothing that reaches for the network.
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

const USER_SETTINGS = {
	'workbench.startupEditor': 'none',
	'workbench.tips.enabled': false,
	'workbench.enableExperiments': false,
	'extensions.ignoreRecommendations': true,
	'telemetry.telemetryLevel': 'off',
	'update.mode': 'none',
	'security.workspace.trust.enabled': false,
	'files.autoSave': 'off',
	// Less to draw in the screenshots the README shows.
	'editor.minimap.enabled': false,
};

export interface Problem {
	file: string;
	severity: string;
	message: string;
	source: string;
	code: string;
	line: number;
	column: number;
}

export function formatProblem(p: Problem): string {
	return `${p.file}:${p.line}:${p.column} ${p.severity} ${p.message} ${p.source}(${p.code})`;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

export function codeServerInstalled(): boolean {
	return existsSync(codeServerEntry) && existsSync(chromiumPath);
}

export class CodeServerSession {
	private shotCount = 0;

	private constructor(
		readonly page: Page,
		private readonly browser: Browser,
		private readonly server: ChildProcess,
		private readonly tmp: string,
		/** The temp copy of the fixture workspace the editor has open. */
		readonly workspace: string,
	) {}

	/**
	 * Installs the current .vsix (or BOSUN_E2E_VSIX, e.g. a release artefact) into a fresh extensions dir
	 * and opens a copy of the fixture workspace.
	 */
	static async start(options: { generatedManifests?: number } = {}): Promise<CodeServerSession> {
		assert.ok(existsSync(codeServerEntry), `code-server is not installed in ${cacheDir}: run scripts/setup-e2e.sh`);
		assert.ok(existsSync(chromiumPath), `${chromiumPath} is missing: run scripts/setup-e2e.sh`);
		// Screenshots of an earlier run would mix with this run's steps.
		rmSync(resultsDir, { recursive: true, force: true });
		mkdirSync(resultsDir, { recursive: true });
		const tmp = mkdtempSync(join(tmpdir(), 'bosun-e2e-'));
		const workspace = join(tmp, 'workspace');
		cpSync(fixtureWorkspace, workspace, { recursive: true });
		// Enough small manifests that reading the workspace takes a while, so its progress can be seen.
		if (options.generatedManifests) {
			mkdirSync(join(workspace, 'generated'));
			for (let i = 0; i < options.generatedManifests; i++) {
				writeFileSync(join(workspace, 'generated', `settings-${i}.yaml`), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${i}\n  namespace: generated\ndata:\n  key: value-${i}\n`);
			}
		}
		const userDataDir = join(tmp, 'ud');
		const extensionsDir = join(tmp, 'ext');
		mkdirSync(join(userDataDir, 'User'), { recursive: true });
		writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, '\t'));

		const install = spawnSync(process.execPath, [codeServerEntry, '--install-extension', process.env.BOSUN_E2E_VSIX ?? ensureVsix(), '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], { encoding: 'utf8', timeout: UI_TIMEOUT * 2 });
		assert.equal(install.status, 0, `installing the .vsix failed:\n${install.stdout}\n${install.stderr}`);
		assert.match(install.stdout, /was successfully installed/, install.stdout);

		const port = await freePort();
		const server = spawn(process.execPath, [
			codeServerEntry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
			'--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
			'--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspace,
		], { stdio: ['ignore', 'pipe', 'pipe'] });
		const log = createWriteStream(join(resultsDir, 'code-server.log'));
		server.stdout!.pipe(log);
		server.stderr!.pipe(log);
		try {
			await waitForListening(server, port);
			const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
			const page = await browser.newPage({ viewport: { width: 1200, height: 750 } });
			page.setDefaultTimeout(UI_TIMEOUT);
			await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
			await page.locator('.monaco-workbench').waitFor();
			// The explorer lists the workspace once the folder is open: the workbench is ready for input.
			await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
			return new CodeServerSession(page, browser, server, tmp, workspace);
		} catch (error) {
			server.kill();
			throw error;
		}
	}

	/** Saves `test-results/e2e/<nn>-<step>.png` and returns its path. */
	async screenshot(step: string): Promise<string> {
		const file = join(resultsDir, `${String(++this.shotCount).padStart(2, '0')}-${step}.png`);
		await this.page.screenshot({ path: file });
		return file;
	}

	/** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor to be active. */
	async openFile(name: string): Promise<void> {
		const { page } = this;
		await page.keyboard.press('Control+P');
		const input = page.locator('.quick-input-widget input');
		await input.waitFor();
		await input.fill(name);
		// The list first shows recently opened files unfiltered: wait until the file is the focused pick.
		await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor();
		await page.keyboard.press('Enter');
		await page.locator(`.tab.active[data-resource-name="${name}"]`).waitFor();
		await this.activeEditor().locator('.view-lines').waitFor();
	}

	activeEditor(): Locator {
		return this.page.locator('.editor-group-container.active .monaco-editor').first();
	}

	/** Shows the Problems panel (Ctrl+Shift+M toggles it, so only when it is hidden). */
	async showProblems(): Promise<Locator> {
		const panel = this.page.locator('.markers-panel');
		if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
		await panel.waitFor();
		return panel;
	}

	/** The Problems panel's findings as the user reads them, each with the file it is listed under. */
	async problems(): Promise<Problem[]> {
		const panel = await this.showProblems();
		// Runs in the page. No named helper functions in here: tsx would wrap them in a helper the page
		// does not have.
		const rows = await panel.evaluate((root) => [...root.querySelectorAll('.monaco-list-row')].map((row) => ({
			label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
			message: row.querySelector('.marker-message')?.textContent?.trim(),
			source: row.querySelector('.marker-source')?.textContent?.trim() ?? '',
			code: row.querySelector('.marker-code')?.textContent?.trim() ?? '',
			position: row.querySelector('.marker-line')?.textContent?.trim() ?? '',
			severity: ['error', 'warning', 'info'].find((s) => row.querySelector(`.marker-icon.${s}`)) ?? 'hint',
		})));
		const found: Problem[] = [];
		let file = '';
		for (const row of rows) {
			if (row.message === undefined) {
				file = row.label;
				continue;
			}
			const [, line, column] = /\[Ln (\d+), Col (\d+)\]/.exec(row.position) ?? [];
			found.push({ file, severity: row.severity, message: row.message, source: row.source, code: row.code, line: Number(line), column: Number(column) });
		}
		return found;
	}

	/** Waits until the Problems panel's findings satisfy `accept`, then returns them; fails naming `what`. */
	async waitForProblems(what: string, accept: (problems: Problem[]) => boolean): Promise<Problem[]> {
		const deadline = Date.now() + UI_TIMEOUT;
		let found = await this.problems();
		while (!accept(found)) {
			assert.ok(Date.now() < deadline, `the Problems panel never showed ${what}; it shows:\n${found.map(formatProblem).join('\n')}`);
			// Re-read when the panel's DOM changes rather than on a timer (the timeout only bounds one wait).
			await this.page.locator('.markers-panel').evaluate((panel) => new Promise<void>((resolve) => {
				const observer = new MutationObserver(() => { observer.disconnect(); resolve(); });
				observer.observe(panel, { childList: true, subtree: true, characterData: true });
				setTimeout(() => { observer.disconnect(); resolve(); }, 2000);
			}));
			found = await this.problems();
		}
		return found;
	}

	/** Moves the cursor with Quick Open's go-to-line (`:line:column`), which also focuses the editor. */
	async goTo(line: number, column: number): Promise<void> {
		const { page } = this;
		await page.keyboard.press('Control+P');
		const input = page.locator('.quick-input-widget input');
		await input.waitFor();
		await input.fill(`:${line}:${column}`);
		await page.keyboard.press('Enter');
		await input.waitFor({ state: 'hidden' });
		await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).first().waitFor();
	}

	/** Points the mouse at the text under the cursor and returns the hover once it shows `expected`. */
	async hoverAtCursor(expected: string): Promise<string> {
		return (await this.hoverElementAtCursor(expected)).innerText();
	}

	/** The hover at the cursor once it shows `expected`, to read or click in. */
	async hoverElementAtCursor(expected: string): Promise<Locator> {
		const { page } = this;
		const cursor = await this.activeEditor().locator('.cursors-layer .cursor').first().boundingBox();
		assert.ok(cursor, 'the editor shows no cursor');
		await page.mouse.move(0, 0);
		await page.mouse.move(cursor.x + 6, cursor.y + cursor.height / 2);
		const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: expected }).first();
		await hover.waitFor();
		return hover;
	}

	/**
	 * Clicks `link` and waits for the rule's page from the installed extension to show in Markdown's
	 * preview (a webview inside the workbench, not a browser tab): the tab, then the page's heading
	 * rendered. Closes the preview again and returns to the file that was active.
	 */
	async openRulePageFrom(link: Locator, ruleId: string, step: string): Promise<void> {
		const { page } = this;
		const returnTo = await page.locator('.tab.active').getAttribute('data-resource-name');
		const pagesBefore = page.context().pages().length;
		await link.click();
		const tab = page.locator('.tab.active', { hasText: `Preview ${ruleId}.md` });
		await tab.waitFor();
		const heading = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('h1', { hasText: ruleId });
		await heading.first().waitFor();
		await this.screenshot(step);
		assert.equal(page.context().pages().length, pagesBefore, 'no browser tab opened');
		await tab.locator('.tab-actions .codicon-close').click();
		await tab.waitFor({ state: 'detached' });
		if (returnTo) await page.locator(`.tab.active[data-resource-name="${returnTo}"]`).waitFor();
	}

	/** The visible hover's height and the height of its content (more than the height: it scrolls). */
	async hoverSize(): Promise<{ height: number; contentHeight: number }> {
		const hover = this.page.locator('.monaco-hover:not(.hidden)').first();
		return hover.evaluate((element) => {
			const scrollable = element.querySelector('.monaco-scrollable-element') ?? element;
			const content = scrollable.firstElementChild ?? scrollable;
			return { height: element.getBoundingClientRect().height, contentHeight: (content as HTMLElement).scrollHeight };
		});
	}

	/** The Bosun status bar item (the element's id ends with the item's id, `bosun.status`; progress items have others). */
	statusItem(): Locator {
		return this.page.locator('.statusbar-item[id$="bosun.status"]');
	}

	/**
	 * Opens the code action menu (Ctrl+.) at the cursor and returns the titles it offers. As a user does,
	 * it waits for the light bulb first: the editor asks for the light bulb's actions shortly after the
	 * cursor moves, and that request supersedes a Ctrl+. pressed before it (the menu then says "No code
	 * actions available" although the server answered). Should that still happen, Ctrl+. is pressed again.
	 */
	async openCodeActions(): Promise<string[]> {
		const { page } = this;
		await page.mouse.move(0, 0);
		await page.keyboard.press('Escape');
		const rows = page.locator('.action-widget .monaco-list-row.action');
		// The editor's overlay message, not the screen-reader alert with the same text: that one stays in
		// the page after the message has gone, so waiting for it to hide never ends.
		const none = page.locator('.monaco-editor-overlaymessage .message', { hasText: 'No code actions available' });
		for (let attempt = 1; ; attempt++) {
			await this.activeEditor().locator('.lightBulbWidget').first().waitFor({ timeout: 10000 }).catch(() => undefined);
			await page.keyboard.press('Control+.');
			await rows.first().or(none.first()).waitFor();
			if (await rows.count()) break;
			assert.ok(attempt < 4, 'Ctrl+. offered no code actions four times');
			console.log(`      (Ctrl+. came up empty on attempt ${attempt}; pressing it again)`);
			await page.keyboard.press('Escape');
			// The message closes on Escape or by itself after a few seconds; either way press again then.
			await none.first().waitFor({ state: 'hidden', timeout: 10000 }).catch(() => undefined);
		}
		return page.locator('.action-widget .monaco-list-row.action .title').allInnerTexts();
	}

	/** Picks `title` in the open code action menu with the keyboard and waits for the edit to land. */
	async applyCodeAction(title: string): Promise<void> {
		const { page } = this;
		const rows = page.locator('.action-widget .monaco-list-row.action');
		const focused = page.locator('.action-widget .monaco-list-row.action.focused .title');
		for (let moves = await rows.count(); (await focused.innerText()) !== title; moves--) {
			assert.ok(moves > 0, `the code action menu has no entry "${title}"`);
			await page.keyboard.press('ArrowDown');
		}
		await page.keyboard.press('Enter');
		await page.locator('.action-widget').waitFor({ state: 'hidden' });
		await page.locator('.tab.active.dirty').waitFor();
	}

	/** Closes whatever a failed step left open (menus, hovers, Quick Open) and focuses the editor again. */
	async recover(): Promise<void> {
		const { page } = this;
		await page.keyboard.press('Escape');
		await page.keyboard.press('Escape');
		await page.mouse.move(0, 0);
		const editor = this.activeEditor().locator('.view-lines');
		if (await editor.isVisible()) await editor.click();
	}

	/** Saves the active editor (Ctrl+S) and returns the file as written to disk. */
	async save(name: string): Promise<string> {
		const { page } = this;
		await page.keyboard.press('Control+S');
		await page.locator(`.tab.active[data-resource-name="${name}"]:not(.dirty)`).waitFor();
		return readFileSync(join(this.workspace, name), 'utf8');
	}

	async stop(): Promise<void> {
		await this.browser.close().catch(() => undefined);
		if (this.server.exitCode === null) {
			const exited = new Promise((resolve) => this.server.once('exit', resolve));
			this.server.kill();
			await exited;
		}
		rmSync(this.tmp, { recursive: true, force: true });
	}
}

function waitForListening(server: ChildProcess, port: number): Promise<void> {
	return new Promise((resolve, reject) => {
		let output = '';
		const timer = setTimeout(() => reject(new Error(`code-server did not start within ${UI_TIMEOUT} ms:\n${output}`)), UI_TIMEOUT);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes(`127.0.0.1:${port}`) && /listening/i.test(output)) {
				clearTimeout(timer);
				resolve();
			}
		};
		server.stdout!.on('data', onData);
		server.stderr!.on('data', onData);
		server.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`code-server exited with ${code}:\n${output}`));
		});
	});
}
