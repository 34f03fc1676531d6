// Helm's `.Files`: the chart's non-template files (never anything outside the chart), with Get, GetBytes,
// Glob (gobwas/glob with `/` as separator: `*` stays within a folder, `**` crosses folders), Lines,
// AsConfig and AsSecrets.
import { marshalGoYaml } from './goYaml';
import { newMap, setKey } from './goValues';

function globToRegExp(pattern: string): RegExp {
	let source = '';
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i];
		if (c === '*') {
			if (pattern[i + 1] === '*') {
				source += '.*';
				i++;
			} else source += '[^/]*';
		} else if (c === '?') source += '[^/]';
		else if (c === '{') {
			const end = pattern.indexOf('}', i);
			if (end < 0) source += '\\{';
			else {
				source += '(?:' + pattern.slice(i + 1, end).split(',').map((p) => p.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|') + ')';
				i = end;
			}
		} else if (c === '[') {
			const end = pattern.indexOf(']', i + 1);
			if (end < 0) source += '\\[';
			else {
				source += '[' + pattern.slice(i + 1, end).replace(/^!/, '^') + ']';
				i = end;
			}
		} else if (c === '\\' && i + 1 < pattern.length) source += '\\' + pattern[++i];
		else source += c.replace(/[.+^$()|\]\\/]/g, '\\$&');
	}
	return new RegExp('^' + source + '$');
}

export class Files {
	static goType = 'engine.files';
	constructor(private readonly entries: ReadonlyMap<string, Uint8Array>) {}

	/** The file names, for `range`. */
	names(): string[] {
		return [...this.entries.keys()].sort();
	}

	GetBytes(name: unknown): Uint8Array {
		return (typeof name === 'string' && this.entries.get(name)) || new Uint8Array();
	}

	Get(name: unknown): string {
		return Buffer.from(this.GetBytes(name)).toString('utf8');
	}

	Glob(pattern: unknown): Files {
		let re: RegExp;
		try {
			re = globToRegExp(String(pattern));
		} catch {
			return new Files(new Map());
		}
		return new Files(new Map([...this.entries].filter(([name]) => re.test(name))));
	}

	Lines(name: unknown): string[] {
		if (typeof name !== 'string' || !this.entries.has(name)) return [];
		let text = this.Get(name);
		if (text.endsWith('\n')) text = text.slice(0, -1);
		return text.split('\n');
	}

	AsConfig(): string {
		if (this.entries.size === 0) return '';
		const m = newMap();
		for (const [name, data] of this.entries) setKey(m, name.slice(name.lastIndexOf('/') + 1), Buffer.from(data).toString('utf8'));
		return marshalGoYaml(m).replace(/\n$/, '');
	}

	AsSecrets(): string {
		if (this.entries.size === 0) return '';
		const m = newMap();
		for (const [name, data] of this.entries) setKey(m, name.slice(name.lastIndexOf('/') + 1), Buffer.from(data).toString('base64'));
		return marshalGoYaml(m).replace(/\n$/, '');
	}
}
