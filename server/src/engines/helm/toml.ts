// Helm's toToml (BurntSushi/toml's encoder layout: plain keys first, then `[table]` sections with their
// keys indented by two spaces) and fromToml (smol-toml parses; integers become int64, errors become an
// `Error` key as Helm returns them).
import { parse } from 'smol-toml';
import { goInt64, GoNumber } from '../template';
import { GoMap, isGoMap, newMap, plainDecimal, setKey } from './goValues';
import { compareUtf8 } from './goYaml';

function tomlKey(key: string): string {
	return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

function tomlScalar(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'bigint') return value.toString();
	if (value instanceof GoNumber) return String(value.value);
	if (typeof value === 'number') {
		// strconv.FormatFloat(f, 'f', -1, 64), with ".0" when it has no fraction
		if (Number.isNaN(value)) return 'nan';
		if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
		const text = plainDecimal(value);
		return text.includes('.') ? text : `${text}.0`;
	}
	if (Array.isArray(value)) {
		if (value.some((v) => v === null || v === undefined)) throw new TomlError('toml: cannot encode array with nil element');
		return `[${value.map(tomlScalar).join(', ')}]`;
	}
	if (isGoMap(value)) return `{${Object.keys(value).sort(compareUtf8).map((k) => `${tomlKey(k)} = ${tomlScalar(value[k])}`).join(', ')}}`;
	return JSON.stringify(String(value));
}

function isTableArray(value: unknown): value is GoMap[] {
	return Array.isArray(value) && value.length > 0 && value.every(isGoMap);
}

function encodeTable(map: GoMap, path: string[], indent: string, out: string[]): void {
	const keys = Object.keys(map).sort(compareUtf8);
	for (const k of keys) {
		const v = map[k];
		if (v === null || v === undefined || isGoMap(v) || isTableArray(v)) continue;
		out.push(`${indent}${tomlKey(k)} = ${tomlScalar(v)}\n`);
	}
	for (const k of keys) {
		const v = map[k];
		const childPath = [...path, tomlKey(k)];
		if (isGoMap(v)) {
			// BurntSushi separates top-level tables by a blank line, nested ones not
			out.push(`${path.length === 0 ? '\n' : ''}${indent}[${childPath.join('.')}]\n`);
			encodeTable(v, childPath, path.length === 0 ? '  ' : indent + '  ', out);
		} else if (isTableArray(v)) {
			for (const item of v) {
				out.push(`\n${indent}[[${childPath.join('.')}]]\n`);
				encodeTable(item, childPath, path.length === 0 ? '  ' : indent + '  ', out);
			}
		}
	}
}

class TomlError extends Error {}

/** Helm's toToml: the encoded text, or the encoder's error text. */
export function toToml(value: unknown): string {
	if (!isGoMap(value)) return 'toml: top-level values must be Go maps or structs';
	const out: string[] = [];
	try {
		encodeTable(value, [], '', out);
	} catch (e) {
		if (e instanceof TomlError) return e.message;
		throw e;
	}
	return out.join('').replace(/^\n/, '');
}

function convert(value: unknown): unknown {
	if (typeof value === 'bigint') return goInt64(value);
	if (typeof value === 'number') return Number.isInteger(value) ? goInt64(BigInt(value)) : value;
	if (Array.isArray(value)) return value.map(convert);
	if (value instanceof Date) return value.toISOString();
	if (value !== null && typeof value === 'object') {
		const out = newMap();
		for (const [k, v] of Object.entries(value)) setKey(out, k, convert(v));
		return out;
	}
	return value;
}

export function fromToml(text: string): GoMap {
	try {
		const parsed = convert(parse(text, { integersAsBigInt: 'asNeeded' } as never));
		return isGoMap(parsed) ? parsed : newMap();
	} catch (e) {
		const out = newMap();
		setKey(out, 'Error', (e as Error).message.split('\n')[0]);
		return out;
	}
}
