// What a template's `.Values.a.b` reads: the expression under the cursor, and the value with the place it
// is set (the user's value files first, then the chart's values.yaml, as they override each other). For
// the hover in chart templates. Pure.
import { parseDocument, stringify } from 'yaml';
import { LineIndex } from '../core/lines';
import type { OffsetRange } from '../core/types';
import { spanOfPath } from './sourceMap';

/** A `.Values.a.b` reference in template text: its value path and where it is written. */
export interface ValuesReference {
	path: string[];
	range: OffsetRange;
}

const VALUES_REFERENCE = /\$?\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g;

/** The `.Values` reference at `offset` in a template's text, if the cursor is on one. */
export function valuesReferenceAt(text: string, offset: number): ValuesReference | undefined {
	const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
	const lineEnd = text.indexOf('\n', offset);
	const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
	for (const match of line.matchAll(VALUES_REFERENCE)) {
		const start = lineStart + match.index!;
		const end = start + match[0].length;
		if (start <= offset && offset <= end) return { path: match[1].slice(1).split('.'), range: { start, end } };
	}
	return undefined;
}

export interface ValueSource {
	file: string;
	text: string;
}

export interface ResolvedValue {
	value: unknown;
	/** The file that sets it and the 1-based line, or undefined when no values file does. */
	file?: string;
	line?: number;
}

/** The value at `path` in the first source that sets it (sources in override order, winner first). */
export function resolveValue(sources: readonly ValueSource[], path: readonly string[]): ResolvedValue {
	for (const source of sources) {
		const doc = parseDocument(source.text);
		const span = spanOfPath(doc, [...path], false);
		if (!span) continue;
		const value = path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), doc.toJS());
		return { value, file: source.file, line: new LineIndex(source.text).position(span.start).line + 1 };
	}
	return { value: undefined };
}

/** The hover text for a resolved value: the value as YAML (shortened) and where it is set. */
export function valueHoverMarkdown(reference: ValuesReference, resolved: ResolvedValue, label: (file: string) => string): string {
	const name = `.Values.${reference.path.join('.')}`;
	if (!resolved.file) return `\`${name}\` is not set in the chart's values files: it renders as empty (Helm's zero value).`;
	let shown = stringify(resolved.value, { lineWidth: 0 }).trimEnd();
	const lines = shown.split('\n');
	if (lines.length > 12) shown = [...lines.slice(0, 12), '# …'].join('\n');
	return `\`${name}\`, set in ${label(resolved.file)} line ${resolved.line}:\n\n\`\`\`yaml\n${shown}\n\`\`\``;
}
