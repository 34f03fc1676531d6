// `bosun.*` client settings. Pulled per workspace folder with workspace/configuration (resource-scoped
// settings can differ per folder), or taken from didChangeConfiguration when the client cannot be asked.
// Every key is validated on its own: a bad value is ignored with one clear log line and the rest applies.
import { Emitter } from 'vscode-languageserver';
import { PartialConfig, validateConfig } from '../core/config';
import { RULE_IDS } from '../rules';
import { inBackground, ServerContext } from './context';
import { uriToPath } from './files';
import { COMPANION_PLACEMENTS, CompanionPlacement, DEFAULT_COMPANION_PLACEMENT, DEFAULT_MAX_FILE_SIZE } from './protocol';

export const SETTINGS_SECTION = 'bosun';

export interface ClientSettings {
	/** The validated lint keys (rules, requiredLabels, trustedRegistries, ...). */
	config: PartialConfig;
	/** Files larger than this many bytes are not linted. */
	maxFileSize: number;
	/** Where generated companion documents go (`bosun.companions.placement`). */
	companionPlacement: CompanionPlacement;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class SettingsStore {
	/** Raw sections as read, by `section\nscope`; a change re-reads them to see whether anything differs. */
	private raw = new Map<string, Promise<unknown>>();
	private byScope = new Map<string, Promise<ClientSettings>>();
	/** Settings sent along with didChangeConfiguration (`{bosun: {...}, files: {...}}`), for clients that cannot be asked. */
	private pushed: unknown;
	/** Problems already logged since the last change, so re-reading settings does not repeat them. */
	private reported = new Set<string>();
	private readonly changed = new Emitter<void>();
	/** Fires when a setting that was read has a different value now. */
	readonly onDidChange = this.changed.event;

	constructor(private readonly ctx: ServerContext) {}

	/** The settings that apply to a document (read once per workspace folder until they change). */
	forResource(uri: string): Promise<ClientSettings> {
		const scope = this.scopeOf(uri);
		let settings = this.byScope.get(scope);
		if (!settings) {
			settings = this.section(SETTINGS_SECTION, scope).then((raw) => this.parse(raw));
			this.byScope.set(scope, settings);
		}
		return settings;
	}

	/** Settings are read per workspace folder: the folder URI of a document, '' outside every folder. */
	scopeOf(uri: string): string {
		const path = uriToPath(uri);
		return (path && this.ctx.folders.folderOf(path)?.uri) || '';
	}

	/** The globs of `files.exclude` that are switched on for a folder. */
	async filesExclude(folderUri: string): Promise<string[]> {
		const raw = await this.section('files.exclude', folderUri);
		return isRecord(raw) ? Object.entries(raw).filter(([, on]) => on === true).map(([glob]) => glob) : [];
	}

	/**
	 * didChangeConfiguration: read again what was read before and tell the features when a value
	 * differs. (VS Code also sends one right after start-up, when nothing has changed.)
	 */
	async didChange(pushed: unknown): Promise<void> {
		const before = [...this.raw].map(([key, value]) => ({ key, value }));
		const pushedBefore = JSON.stringify(this.pushed);
		this.pushed = pushed;
		this.raw.clear();
		this.byScope.clear();
		let differs = JSON.stringify(pushed) !== pushedBefore && !this.ctx.client.configurationPull;
		for (const { key, value } of before) {
			const [section, scope] = key.split('\n');
			if (JSON.stringify(await value) !== JSON.stringify(await this.section(section, scope))) differs = true;
		}
		if (!differs) return;
		this.reported.clear();
		this.changed.fire();
	}

	/** Validate raw `bosun` settings; bad keys are logged and left out. */
	parse(raw: unknown): ClientSettings {
		const settings: ClientSettings = { config: {}, maxFileSize: DEFAULT_MAX_FILE_SIZE, companionPlacement: DEFAULT_COMPANION_PLACEMENT };
		if (raw === undefined || raw === null) return settings;
		if (!isRecord(raw)) {
			this.report(`the \`bosun\` settings must be an object, not ${JSON.stringify(raw)}; using the defaults.`);
			return settings;
		}
		// `trace.server` is read by the client; `maxFileSize` and `companions` are the server's own.
		const { maxFileSize, trace: _trace, companions, ...lintKeys } = raw;
		if (maxFileSize !== undefined && maxFileSize !== null) {
			if (typeof maxFileSize === 'number' && Number.isFinite(maxFileSize) && maxFileSize > 0) settings.maxFileSize = maxFileSize;
			else this.report(`\`maxFileSize\` must be a positive number of bytes, not ${JSON.stringify(maxFileSize)}; using ${DEFAULT_MAX_FILE_SIZE}.`);
		}
		const placement = isRecord(companions) ? companions.placement : undefined;
		if (placement !== undefined && placement !== null) {
			if ((COMPANION_PLACEMENTS as readonly unknown[]).includes(placement)) settings.companionPlacement = placement as CompanionPlacement;
			else this.report(`\`companions.placement\` must be one of ${COMPANION_PLACEMENTS.join(', ')}, not ${JSON.stringify(placement)}; using ${DEFAULT_COMPANION_PLACEMENT}.`);
		}
		const { config, problems } = validateConfig(lintKeys, RULE_IDS);
		for (const problem of problems) this.report(problem.message);
		settings.config = config;
		return settings;
	}

	/** A settings section for a scope ('' = no folder), read once until the settings change. */
	private section(section: string, scope: string): Promise<unknown> {
		const key = `${section}\n${scope}`;
		let value = this.raw.get(key);
		if (!value) {
			value = this.read(section, scope);
			this.raw.set(key, value);
		}
		return value;
	}

	private async read(section: string, scope: string): Promise<unknown> {
		if (!this.ctx.client.configurationPull) {
			let value: unknown = this.pushed;
			for (const step of section.split('.')) value = isRecord(value) ? value[step] : undefined;
			return value;
		}
		try {
			return await this.ctx.connection.workspace.getConfiguration({ scopeUri: scope || undefined, section });
		} catch (e) {
			this.ctx.log.error(`Bosun: could not read the \`${section}\` settings; using the defaults`, e);
			return undefined;
		}
	}

	private report(problem: string): void {
		if (this.reported.has(problem)) return;
		this.reported.add(problem);
		this.ctx.log.warn(`Bosun: ignoring an invalid setting (bosun.*): ${problem}`);
	}
}

export function registerSettings(ctx: ServerContext): void {
	ctx.connection.onDidChangeConfiguration((params) => inBackground(ctx.log, 'applying changed settings', () => ctx.settings.didChange(params.settings)));
	ctx.configs.listen();
}
