// Compares two `helm template` outputs object by object: each document keyed by its `# Source:` line,
// kind and name (plus an occurrence counter), values compared deeply after parsing as YAML.
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';

export interface ManifestObject {
	key: string;
	value: unknown;
}

export function objectsOf(output: string): ManifestObject[] {
	const out: ManifestObject[] = [];
	const seen = new Map<string, number>();
	for (const part of output.split(/^---$/m)) {
		const source = /^# Source: (.*)$/m.exec(part)?.[1] ?? '';
		for (const doc of parseAllDocuments(part)) {
			const value: unknown = doc.toJS({ maxAliasCount: -1 });
			if (value === null || value === undefined) continue;
			const v = value as { kind?: unknown; metadata?: { name?: unknown } };
			const base = `${source} ${String(v.kind)} ${String(v.metadata?.name)}`;
			const n = (seen.get(base) ?? 0) + 1;
			seen.set(base, n);
			out.push({ key: n > 1 ? `${base} #${n}` : base, value });
		}
	}
	return out;
}

/** Differences between the objects of two outputs (empty when they agree). */
export function compareOutputs(expected: string, actual: string): string[] {
	const want = new Map(objectsOf(expected).map((o) => [o.key, o.value]));
	const got = new Map(objectsOf(actual).map((o) => [o.key, o.value]));
	const diffs: string[] = [];
	for (const [key, value] of want) {
		if (!got.has(key)) diffs.push(`missing: ${key}`);
		else if (!isDeepStrictEqual(got.get(key), value)) diffs.push(`differs: ${key}\n  helm:  ${JSON.stringify(value).slice(0, 400)}\n  bosun: ${JSON.stringify(got.get(key)).slice(0, 400)}`);
	}
	for (const key of got.keys()) if (!want.has(key)) diffs.push(`extra: ${key}`);
	return diffs;
}
