// Finding and reading `.bosun.yaml` files on disk (nearest one above a manifest). Used by the CLI and
// the server; the parsing and validation themselves live in the pure core (core/config.ts).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseConfigText, PartialConfig } from './core/config';
import type { ConfigProblem } from './core/types';
import { RULE_IDS } from './rules';

export const CONFIG_FILE_NAME = '.bosun.yaml';

export interface LoadedConfigFile {
	path: string;
	text: string;
	config: PartialConfig;
	problems: ConfigProblem[];
}

/** The nearest `.bosun.yaml` at or above `dir`, or undefined. */
export function findConfigFile(dir: string): string | undefined {
	let current = resolve(dir);
	for (;;) {
		const candidate = join(current, CONFIG_FILE_NAME);
		try {
			if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
		} catch {
			// unreadable directory: keep walking up
		}
		const parent = dirname(current);
		if (parent === current) return undefined;
		current = parent;
	}
}

export function loadConfigText(path: string, text: string): LoadedConfigFile {
	const { config, problems } = parseConfigText(text, RULE_IDS);
	return { path, text, config, problems };
}

/** Load (and cache per run) the config file for a manifest path. */
export class ConfigFileCache {
	private byDir = new Map<string, LoadedConfigFile | undefined>();
	private byPath = new Map<string, LoadedConfigFile>();

	forFile(file: string): LoadedConfigFile | undefined {
		const dir = dirname(resolve(file));
		if (this.byDir.has(dir)) return this.byDir.get(dir);
		const path = findConfigFile(dir);
		let loaded: LoadedConfigFile | undefined;
		if (path) {
			loaded = this.byPath.get(path);
			if (!loaded) {
				let text = '';
				try {
					text = readFileSync(path, 'utf8');
				} catch (e) {
					loaded = { path, text, config: {}, problems: [{ message: `cannot read ${CONFIG_FILE_NAME}: ${(e as Error).message}` }] };
				}
				loaded ??= loadConfigText(path, text);
				this.byPath.set(path, loaded);
			}
		}
		this.byDir.set(dir, loaded);
		return loaded;
	}

	loaded(): LoadedConfigFile[] {
		return [...this.byPath.values()];
	}
}
