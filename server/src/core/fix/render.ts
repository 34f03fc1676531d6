// Rendering new values as YAML text in a file's style. Scalars and flow collections come from yaml's
// `stringify` with YAML 1.1 quoting (`on`, `yes`, `no`, `y` stay strings for any Kubernetes parser) and
// no line folding. Block collections are laid out here rather than by `stringify`, because its
// `indentSeq: false` puts the dash two columns in under a four-space indent, while a flush file writes it
// at the key's column; laying lines out by hand follows the file exactly.
import { Document, stringify, visit } from 'yaml';
import { isPlainObject } from '../k8s';
import type { FileStyle } from './style';

const SCALAR_OPTIONS = { version: '1.1', lineWidth: 0, blockQuote: false } as const;

function isNonEmptyCollection(value: unknown): value is Record<string, unknown> | unknown[] {
	return Array.isArray(value) ? value.length > 0 : isPlainObject(value) && Object.keys(value).length > 0;
}

/** A scalar (or an empty `{}`/`[]`) on one line, quoted where YAML 1.1 or 1.2 would read it as something else. */
export function scalarText(value: unknown): string {
	return stringify(value, SCALAR_OPTIONS).replace(/\r?\n$/, '');
}

function pad(column: number): string {
	return ' '.repeat(column);
}

/** Lines of a non-empty map or sequence laid out as a block at `column`. */
export function blockLines(value: Record<string, unknown> | unknown[], column: number, style: FileStyle): string[] {
	const lines: string[] = [];
	if (Array.isArray(value)) {
		for (const item of value) {
			if (isNonEmptyCollection(item)) {
				// The item's content sits two columns in from the dash; its first line moves onto the dash line.
				const inner = blockLines(item, column + 2, style);
				inner[0] = `${pad(column)}- ${inner[0].slice(column + 2)}`;
				lines.push(...inner);
			} else lines.push(`${pad(column)}- ${scalarText(item)}`);
		}
	} else {
		for (const [key, item] of Object.entries(value)) lines.push(...pairLines(key, item, column, style));
	}
	return lines;
}

/** `key: value` as block lines with the key at `column`. */
export function pairLines(key: string, value: unknown, column: number, style: FileStyle): string[] {
	const head = `${pad(column)}${scalarText(key)}:`;
	if (!isNonEmptyCollection(value)) return [`${head} ${scalarText(value)}`];
	return [head, ...blockLines(value, column + (Array.isArray(value) ? style.seqOffset : style.indent), style)];
}

/** A value that follows `key:` on the key's line: a scalar after a space, a collection on the lines below. */
export function valueAfterKey(value: unknown, keyColumn: number, style: FileStyle): string {
	if (!isNonEmptyCollection(value)) return ` ${scalarText(value)}`;
	const column = keyColumn + (Array.isArray(value) ? style.seqOffset : style.indent);
	return style.eol + blockLines(value, column, style).join(style.eol);
}

function flowText(value: unknown, padding: boolean): string {
	const doc = new Document(value, { version: '1.1' });
	visit(doc, {
		Map(_, node) {
			node.flow = true;
		},
		Seq(_, node) {
			node.flow = true;
		},
	});
	return doc.toString({ lineWidth: 0, flowCollectionPadding: padding }).replace(/\r?\n$/, '');
}

/** Strip the outer brackets (and their padding) of a rendered flow collection. */
function inner(text: string): string {
	return text.slice(1, -1).trim();
}

/** A value inside a flow collection: `{a: 1}`, `[x, y]` or a scalar quoted for flow context. */
export function flowValue(value: unknown, padding: boolean): string {
	return inner(flowText([value], padding));
}

/** `key: value` pairs as they are written inside a flow map, comma separated. */
export function flowPairs(entries: readonly [string, unknown][], padding: boolean): string[] {
	return entries.map(([key, value]) => inner(flowText({ [key]: value }, padding)));
}

/** A whole document for a companion object, in the file's style, each line ending in the file's line ending. */
export function documentText(value: Record<string, unknown>, style: FileStyle): string {
	return blockLines(value, 0, style).map((line) => line + style.eol).join('');
}
