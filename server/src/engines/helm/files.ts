// Helm's `.Files`: the chart's non-template files (never anything outside the chart) as a map of name to
// bytes that also has Helm's methods: Get, GetBytes, Glob (gobwas/glob with `/` as separator: `*` stays
// within a folder, `**` crosses folders), Lines, AsConfig and AsSecrets. Being a map, `range` works on it
// and on Glob's result, as in Helm.
import { GO_METHODS } from '../template';
import { marshalGoYaml } from './goYaml';
import { GoMap, goStringOfBytes, newMap, setKey } from './goValues';

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

function yamlOf(entries: ReadonlyMap<string, Uint8Array>, encode: (data: Uint8Array) => string): string {
	if (entries.size === 0) return '';
	const m = newMap();
	for (const [name, data] of entries) setKey(m, name.slice(name.lastIndexOf('/') + 1), encode(data));
	return marshalGoYaml(m).replace(/\n$/, '');
}

/** A `.Files` value over chart-relative file names. */
export function filesValue(entries: ReadonlyMap<string, Uint8Array>): GoMap {
	const files = newMap();
	for (const name of [...entries.keys()].sort()) setKey(files, name, entries.get(name));
	const getBytes = (name: unknown): Uint8Array => (typeof name === 'string' && entries.get(name)) || new Uint8Array();
	const get = (name: unknown): string => goStringOfBytes(getBytes(name));
	const methods = {
		Get: get,
		GetBytes: getBytes,
		Glob: (pattern: unknown): GoMap => {
			let re: RegExp;
			try {
				re = globToRegExp(String(pattern));
			} catch {
				return filesValue(new Map());
			}
			return filesValue(new Map([...entries].filter(([name]) => re.test(name))));
		},
		Lines: (name: unknown): string[] => {
			if (typeof name !== 'string' || !entries.has(name)) return [];
			let text = get(name);
			if (text.endsWith('\n')) text = text.slice(0, -1);
			return text.split('\n');
		},
		AsConfig: (): string => yamlOf(entries, (data) => Buffer.from(data).toString('utf8')),
		AsSecrets: (): string => yamlOf(entries, (data) => Buffer.from(data).toString('base64')),
	};
	Object.defineProperty(files, GO_METHODS, { value: methods, enumerable: false });
	return files;
}
