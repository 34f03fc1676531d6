// The effective configuration of one file, in the documented order: built-in defaults, then the client
// settings, then the nearest `.bosun.yaml` above the file (later wins). Also decides whether a file is
// excluded: `bosun.exclude` globs are relative to the workspace folder, a `.bosun.yaml`'s `exclude` to
// the directory it sits in. An open `.bosun.yaml` wins over its content on disk.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Emitter } from 'vscode-languageserver';
import { DEFAULT_CONFIG, mergeConfig } from '../core/config';
import type { Config } from '../core/types';
import { findConfigFile, LoadedConfigFile, loadConfigText } from '../configFiles';
import type { ServerContext } from './context';
import { matchesAnyGlob, relativeInside, uriToPath } from './files';

export interface FileConfig {
	config: Config;
	maxFileSize: number;
	/** Matched by `bosun.exclude` or a `.bosun.yaml`'s `exclude`: not linted, not indexed. */
	excluded: boolean;
	/** The `.bosun.yaml` that applies, if any. */
	configFile?: string;
}

export class FileConfigResolver {
	/** Directory → nearest `.bosun.yaml` path (or none). */
	private nearest = new Map<string, string | undefined>();
	private loaded = new Map<string, LoadedConfigFile>();
	/** Merged configurations by settings scope and `.bosun.yaml` path. */
	private merged = new Map<string, Config>();
	/** Text of each open `.bosun.yaml` as last seen, so an unchanged one does not re-lint everything. */
	private openTexts = new Map<string, string>();
	/** Bumped whenever settings or a `.bosun.yaml` change; results computed before are stale. */
	generation = 0;
	private readonly changed = new Emitter<void>();
	readonly onDidChange = this.changed.event;

	constructor(private readonly ctx: ServerContext) {}

	/** Called once the settings store exists: a settings change is a configuration change. */
	listen(): void {
		this.ctx.settings.onDidChange(() => this.invalidate());
	}

	async resolve(uri: string): Promise<FileConfig> {
		const generation = this.generation;
		const settings = await this.ctx.settings.forResource(uri);
		const path = uriToPath(uri);
		const project = path ? this.projectConfig(path) : undefined;
		// One Config object per (settings scope, .bosun.yaml) until something changes: incremental
		// linting reuses a file's previous results only under the identical configuration.
		const key = `${this.ctx.settings.scopeOf(uri)}\n${project?.path ?? ''}`;
		let config = this.merged.get(key);
		if (!config) {
			config = mergeConfig(DEFAULT_CONFIG, settings.config, project?.config);
			if (generation === this.generation) this.merged.set(key, config);
		}
		let excluded = false;
		if (path) {
			const folder = this.ctx.folders.folderOf(path);
			const inFolder = folder && relativeInside(folder.path, path);
			const inProject = project && relativeInside(dirname(project.path), path);
			excluded =
				(inFolder !== undefined && matchesAnyGlob(inFolder, settings.config.exclude ?? [])) ||
				(inProject !== undefined && matchesAnyGlob(inProject, project?.config.exclude ?? []));
		}
		return { config, maxFileSize: settings.maxFileSize, excluded, configFile: project?.path };
	}

	/** The `.bosun.yaml` that applies to a file on disk (nearest one at or above its directory). */
	projectConfig(path: string): LoadedConfigFile | undefined {
		const dir = dirname(path);
		if (!this.nearest.has(dir)) this.nearest.set(dir, findConfigFile(dir));
		const configPath = this.nearest.get(dir);
		return configPath ? this.load(configPath) : undefined;
	}

	/**
	 * A `.bosun.yaml` was opened or edited in the editor: configuration is re-read, and listeners
	 * re-lint, only when its text differs from what was last seen.
	 */
	configFileEdited(path: string, text: string): void {
		if (this.openTexts.get(path) === text) return;
		this.openTexts.set(path, text);
		this.invalidate();
	}

	/** A `.bosun.yaml` was closed in the editor, or created, changed or deleted on disk. */
	configFileChanged(path: string, closed = false): void {
		if (closed) this.openTexts.delete(path);
		this.invalidate();
	}

	/** Settings, a `.bosun.yaml` or the workspace folders changed: every file's configuration is re-read. */
	invalidate(): void {
		this.nearest.clear();
		this.merged.clear();
		this.loaded.clear();
		this.generation++;
		this.changed.fire();
	}

	private load(path: string): LoadedConfigFile {
		let loaded = this.loaded.get(path);
		if (loaded) return loaded;
		const openText = this.openTexts.get(path);
		if (openText !== undefined) loaded = loadConfigText(path, openText);
		else {
			try {
				loaded = loadConfigText(path, readFileSync(path, 'utf8'));
			} catch (e) {
				this.ctx.log.warn(`Bosun: cannot read ${path}: ${(e as Error).message}`);
				loaded = { path, text: '', config: {}, problems: [] };
			}
		}
		// An open file shows its problems as diagnostics; a closed one can only say so in the log.
		if (openText === undefined) for (const problem of loaded.problems) this.ctx.log.warn(`Bosun: ${path}: ${problem.message} (ignored)`);
		this.loaded.set(path, loaded);
		return loaded;
	}
}
