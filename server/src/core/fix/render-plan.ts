// Turning a fix plan into text edits of one document. The parse is used only to locate: every edit is
// an insertion or a replacement at an offset, so each byte outside it stays as written (comments, blank
// lines, quoting, key order). Nothing here re-stringifies an existing node.
//
// Whether a plan can be rendered, and where its edits go, is decided before any new text is written:
// the edits' texts are made only when asked for (renderOps), so the CLI can tell which findings are
// fixable (planRender) without writing every fix.
//
// The plan's `set` operations are first merged into one tree of wanted changes, so two operations that
// create the same missing map (`securityContext` for two fields, say) produce one inserted block.
import { Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, visit, YAMLMap, YAMLSeq } from 'yaml';
import { isPlainObject } from '../k8s';
import type { FixOp, Path } from '../types';
import { findPair } from '../yamlNav';
import { Comment, commentsOf, hasCommentIn } from './comments';
import type { TextEdit } from './edits';
import { blockLines, documentText, flowPairs, flowValue, pairLines, scalarText, valueAfterKey } from './render';
import { columnOf, FileStyle } from './style';
import { deepEqual } from './values';

type Step = string | number;

/** What a plan wants at one place: a value set as a whole, or changes merged into the collection there. */
type Want = { kind: 'set'; value: unknown } | { kind: 'merge'; children: Map<Step, Want>; before?: Map<Step, readonly string[]> };
type MergeWant = Extract<Want, { kind: 'merge' }>;

/** Thrown inside the renderer when a plan cannot be rendered safely; the fix is then not offered. */
class Unrenderable extends Error {}

function fail(why: string): never {
	throw new Unrenderable(why);
}

function mergeWant(): MergeWant {
	return { kind: 'merge', children: new Map() };
}

/** Merge `value` in at `step` of `parent`: maps key by key, anything else as a whole. */
function addValue(parent: MergeWant, step: Step, value: unknown): void {
	const existing = parent.children.get(step);
	if (isPlainObject(value)) {
		const target = existing ? asMerge(existing) : mergeWant();
		parent.children.set(step, target);
		for (const [key, item] of Object.entries(value)) addValue(target, key, item);
		return;
	}
	if (existing && !(existing.kind === 'set' && deepEqual(existing.value, value))) fail(`two operations set ${String(step)} differently`);
	parent.children.set(step, { kind: 'set', value });
}

/** A wanted map value seen as key-by-key changes, so more keys can merge into it. */
function asMerge(want: Want): MergeWant {
	if (want.kind === 'merge') return want;
	if (!isPlainObject(want.value)) fail('an operation sets a value inside another operation’s non-map value');
	const merged = mergeWant();
	for (const [key, item] of Object.entries(want.value)) addValue(merged, key, item);
	return merged;
}

function compileSets(ops: readonly FixOp[]): MergeWant {
	const root = mergeWant();
	for (const op of ops) {
		if (op.op !== 'set') continue;
		if (op.path.length === 0) fail('a set operation needs a path');
		let node = root;
		for (const step of op.path.slice(0, -1)) {
			const child = node.children.get(step);
			const next = child ? asMerge(child) : mergeWant();
			node.children.set(step, next);
			node = next;
		}
		const last = op.path[op.path.length - 1];
		addValue(node, last, op.value);
		if (op.before?.length) (node.before ??= new Map()).set(last, op.before);
	}
	return root;
}

/** The plain value a wanted subtree stands for where nothing exists yet (new items of a sequence cannot be made up). */
function wantValue(want: Want): unknown {
	if (want.kind === 'set') return want.value;
	const out: Record<string, unknown> = {};
	for (const [step, child] of want.children) {
		if (typeof step !== 'string') fail('a sequence item that does not exist cannot be set');
		out[step] = wantValue(child);
	}
	return out;
}

function isNonEmptyCollection(value: unknown): boolean {
	return Array.isArray(value) ? value.length > 0 : isPlainObject(value) && Object.keys(value).length > 0;
}

function ownPair(map: YAMLMap, key: string): Pair | undefined {
	return map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
}

function startOf(node: unknown): number {
	const r = (node as Node | null)?.range;
	if (!r) fail('a node without a source position');
	return r[0];
}

/** Where a pair's value ends (without a trailing comment); its key's end when the value is empty. */
function pairEnd(pair: Pair): number {
	const value = (pair.value as Node | null)?.range;
	const key = (pair.key as Node | null)?.range;
	if (!key && !value) fail('a pair without a source position');
	return Math.max(value?.[1] ?? 0, key?.[1] ?? 0);
}

/** Per parsed document (never mutated, see document.ts): every fix of a document asks the same questions of it. */
const anchorsOfDocument = new WeakMap<Document.Parsed, Set<string>>();
const commentsOfDocument = new WeakMap<Document.Parsed, { text: string; comments: Comment[] }>();

/** Anchors that some alias of the document repeats: a change inside such a node would show up twice. */
function repeatedAnchors(doc: Document.Parsed): Set<string> {
	let names = anchorsOfDocument.get(doc);
	if (names) return names;
	names = new Set<string>();
	const found = names;
	visit(doc, {
		Alias(_, alias) {
			found.add(alias.source);
		},
	});
	anchorsOfDocument.set(doc, names);
	return names;
}

/** Refuse to change a node an alias repeats elsewhere (the copy would change too). */
function guardAnchor(node: unknown, repeated: ReadonlySet<string>): void {
	const anchor = (node as Node | null)?.anchor;
	if (anchor && repeated.has(anchor)) fail(`&${anchor} is repeated by an alias, which would change too`);
}

/** New text, or how to write it in the file's style once it is needed. */
type NewText = string | ((style: FileStyle) => string);

/** An edit placed and decided on, its text not written yet. */
export interface PlannedEdit {
	start: number;
	end: number;
	newText: NewText;
}

/** Renders wanted changes into edits of one segment's text. Offsets are segment-relative. */
class PlanRenderer {
	readonly edits: PlannedEdit[] = [];
	private comments: Comment[] | undefined;

	constructor(
		private readonly text: string,
		private readonly doc: Document.Parsed,
		private readonly repeated: ReadonlySet<string>,
	) {}

	private insert(at: number, newText: NewText): void {
		this.edits.push({ start: at, end: at, newText });
	}

	private replace(start: number, end: number, newText: NewText): void {
		this.edits.push({ start, end, newText });
	}

	private commentIn(start: number, end: number): boolean {
		if (!this.comments) {
			const known = commentsOfDocument.get(this.doc);
			this.comments = known?.text === this.text ? known.comments : commentsOf(this.text);
			commentsOfDocument.set(this.doc, { text: this.text, comments: this.comments });
		}
		return hasCommentIn(this.comments, start, end);
	}

	private lineStart(offset: number): number {
		return this.text.lastIndexOf('\n', offset - 1) + 1;
	}

	/** End of the line's content: the offset of its `\r\n`/`\n`, or the end of the text. */
	private lineContentEnd(offset: number): number {
		const nl = this.text.indexOf('\n', offset);
		if (nl < 0) return this.text.length;
		return nl > 0 && this.text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
	}

	/** The start of the line after the one holding `end` (block collections already end at a line start). */
	private lineAfter(end: number): number {
		if (end > 0 && this.text.charCodeAt(end - 1) === 10) return end;
		const nl = this.text.indexOf('\n', end);
		return nl < 0 ? this.text.length : nl + 1;
	}

	/** Insert whole lines at a line start; at the end of a text without a final newline, keep it that way. */
	private insertLines(at: number, lines: (style: FileStyle) => string[]): void {
		if (at === this.text.length && this.text.length > 0 && !this.text.endsWith('\n')) this.insert(at, (style) => style.eol + lines(style).join(style.eol));
		else this.insert(at, (style) => lines(style).join(style.eol) + style.eol);
	}

	/** Apply wanted changes to an existing, non-empty map or sequence. */
	applyTo(node: unknown, want: MergeWant, inFlow: boolean): void {
		guardAnchor(node, this.repeated);
		if (isMap(node)) this.applyToMap(node, want, inFlow || Boolean(node.flow));
		else if (isSeq(node)) this.applyToSeq(node, want, inFlow || Boolean(node.flow));
		else fail('the path runs into a value that is not a map or a sequence');
	}

	private applyToMap(map: YAMLMap, want: MergeWant, inFlow: boolean): void {
		const added: [string, unknown][] = [];
		for (const [step, child] of want.children) {
			if (typeof step !== 'string') fail('a sequence index used on a map');
			const pair = ownPair(map, step);
			if (pair) {
				this.applyToPair(map, pair, child, inFlow);
				continue;
			}
			// A key that only comes through a `<<` merge: an own key would replace the merged map whole.
			if (child.kind === 'merge' && findPair(this.doc, map, step)) fail(`${step} comes from a merge key`);
			added.push([step, wantValue(child)]);
		}
		if (added.length) this.addPairs(map, added, inFlow, want.before);
	}

	private applyToSeq(seq: YAMLSeq, want: MergeWant, inFlow: boolean): void {
		for (const [step, child] of want.children) {
			if (typeof step !== 'number') fail('a map key used on a sequence');
			const item = seq.items[step];
			if (item === undefined || item === null) fail('no such sequence item');
			if (isAlias(item)) fail('the sequence item is an alias (a change would change its anchor)');
			guardAnchor(item, this.repeated);
			if (child.kind === 'merge') {
				if ((isMap(item) || isSeq(item)) && item.items.length > 0) this.applyTo(item, child, inFlow);
				else if (isMap(item) && item.flow) {
					const value = wantValue(child);
					const padding = this.padding(item);
					this.replace(startOf(item), (item as Node).range![1], () => flowValue(value, padding));
				}
				else fail('changes inside an empty sequence item');
			} else {
				if (isNonEmptyCollection(child.value) && !inFlow) fail('a collection replacing a sequence item');
				const range = (item as Node).range!;
				const { value } = child;
				const padding = inFlow && this.padding(seq);
				this.replace(range[0], range[1], () => (inFlow ? flowValue(value, padding) : scalarText(value)));
			}
		}
	}

	private applyToPair(map: YAMLMap, pair: Pair, want: Want, inFlow: boolean): void {
		const value = pair.value;
		guardAnchor(value, this.repeated);
		if (want.kind === 'merge') {
			if ((isMap(value) || isSeq(value)) && value.items.length > 0) this.applyTo(value, want, inFlow);
			else if (isAlias(value)) fail('changes inside an alias would change its anchor too');
			else this.replaceValue(map, pair, wantValue(want), inFlow);
			return;
		}
		const target = want.value;
		if (isScalar(value) && !isNonEmptyCollection(target) && value.value === target) return;
		if ((isSeq(value) || isMap(value)) && !isAlias(value)) {
			const current = value.toJS(this.doc);
			if (deepEqual(current, target)) return;
			// A list that only grows: append the new items and leave the written ones (and their comments) alone.
			if (isSeq(value) && Array.isArray(target) && Array.isArray(current) && current.length > 0 && target.length > current.length && deepEqual(current, target.slice(0, current.length))) {
				this.appendItems(value, target.slice(current.length), inFlow || Boolean(value.flow));
				return;
			}
		}
		this.replaceValue(map, pair, target, inFlow);
	}

	/** Replace a pair's value (empty, a scalar, an alias or a collection) with `value`. */
	private replaceValue(map: YAMLMap, pair: Pair, value: unknown, inFlow: boolean): void {
		const key = pair.key as Node | null;
		if (!key?.range) fail('a pair without a key');
		let colon = key.range[1];
		while (this.text[colon] === ' ' || this.text[colon] === '\t') colon++;
		if (this.text[colon] !== ':') fail('no `:` after the key');
		const afterColon = colon + 1;
		const node = pair.value as Node | null;
		const empty = !node?.range || node.range[1] <= node.range[0];
		const valueStart = empty ? afterColon : node!.range![0];
		let valueEnd = empty ? afterColon : node!.range![1];
		// Block collections and block scalars end after their last line break; the replacement does not.
		while (valueEnd > valueStart && (this.text[valueEnd - 1] === '\n' || this.text[valueEnd - 1] === '\r')) valueEnd--;
		// A value (partly) on the lines below its key; a comment there would go with it.
		const belowKey = this.text.slice(afterColon, valueEnd).includes('\n');
		if (belowKey && this.commentIn(afterColon, valueEnd)) fail('the replaced value holds a comment');
		// A written flow collection stays flow (`drop: [NET_RAW]` becomes `drop: [ALL]`); an empty `{}` is just a placeholder.
		const flowNode = (isMap(node) || isSeq(node)) && node.flow && node.items.length > 0 ? node : undefined;
		if (flowNode) {
			const padding = this.padding(flowNode);
			this.replace(valueStart, valueEnd, () => flowValue(value, padding));
			return;
		}
		if (inFlow || !isNonEmptyCollection(value)) {
			const padding = inFlow && this.padding(map);
			const text = () => (inFlow ? flowValue(value, padding) : scalarText(value));
			if (empty) this.insert(afterColon, () => ` ${text()}`);
			// A block value on the lines below the key: the new one goes on the key's line.
			else if (belowKey && !inFlow) this.replace(afterColon, valueEnd, () => ` ${text()}`);
			else this.replace(valueStart, valueEnd, text);
			return;
		}
		// A block collection goes on the lines below the key; the old value (and the space before it) goes.
		const keyColumn = columnOf(this.text, key.range[0]);
		const block = (style: FileStyle) => valueAfterKey(value, keyColumn, style);
		const lineEnd = this.lineContentEnd(valueEnd);
		if (this.text.slice(valueEnd, lineEnd).trim() === '') {
			this.replace(afterColon, lineEnd, block);
		} else {
			// `resources: {} # why` keeps its comment on the key's line.
			if (valueEnd > afterColon) this.replace(afterColon, valueEnd, '');
			this.insert(lineEnd, block);
		}
	}

	/** Bracket padding of a flow collection, copied into what is inserted in it: `{ a: 1 }` or `{a: 1}`. */
	private padding(collection: YAMLMap | YAMLSeq): boolean {
		return Boolean(collection.flow) && this.text[startOf(collection) + 1] === ' ';
	}

	private addPairs(map: YAMLMap, added: [string, unknown][], inFlow: boolean, before?: ReadonlyMap<Step, readonly string[]>): void {
		const pairs = map.items.filter((p) => isPair(p)) as Pair[];
		if (inFlow || map.flow) {
			const open = startOf(map);
			const padding = this.padding(map);
			this.appendFlow(open, pairs.map((p) => [startOf(p.key ?? p.value), pairEnd(p)]), () => flowPairs(added, padding));
			return;
		}
		const firstKey = pairs[0]?.key;
		const column = columnOf(this.text, startOf(firstKey));
		const end = this.lineAfter(pairEnd(pairs[pairs.length - 1]));
		// Each new key goes at its place (before a sibling the plan names) or at the end, in plan order.
		const at = new Map<number, [string, unknown][]>();
		for (const [key, value] of added) {
			const offset = this.placeBefore(pairs, before?.get(key)) ?? end;
			at.set(offset, [...(at.get(offset) ?? []), [key, value]]);
		}
		for (const [offset, entries] of at) this.insertLines(offset, (style) => entries.flatMap(([key, value]) => pairLines(key, value, column, style)));
	}

	/**
	 * Where new lines go to sit right before the first pair, among `keys`, that the map has: the start
	 * of its key's line, above the comment lines at its indentation that introduce it. Undefined when
	 * none exists or it does not start its line (`- key:` on a sequence dash).
	 */
	private placeBefore(pairs: readonly Pair[], keys: readonly string[] | undefined): number | undefined {
		const pair = keys && pairs.find((p) => isScalar(p.key) && keys.includes(String(p.key.value)));
		if (!pair) return undefined;
		const keyStart = startOf(pair.key);
		let at = this.lineStart(keyStart);
		const indent = this.text.slice(at, keyStart);
		if (indent.trim() !== '') return undefined;
		while (at > 0) {
			const previous = this.lineStart(at - 1);
			const line = this.text.slice(previous, at).replace(/\r?\n$/, '');
			if (!line.startsWith(`${indent}#`)) break;
			at = previous;
		}
		return at;
	}

	private appendItems(seq: YAMLSeq, items: unknown[], inFlow: boolean): void {
		const last = seq.items[seq.items.length - 1] as Node | null;
		if (!last?.range) fail('a sequence item without a source position');
		if (inFlow) {
			const open = startOf(seq);
			const padding = this.padding(seq);
			this.appendFlow(
				open,
				seq.items.map((item) => [startOf(item), (item as Node).range![1]]),
				() => items.map((item) => flowValue(item, padding)),
			);
			return;
		}
		const column = columnOf(this.text, startOf(seq));
		this.insertLines(this.lineAfter(last.range[1]), (style) => blockLines(items, column, style));
	}

	/**
	 * Add entries after the last item of a non-empty flow collection opening at `open`, its items given as [start, end]:
	 * `, entry` on one line, or each entry on its own line aligned with the items when the collection
	 * spans several lines. A trailing comma stays a trailing comma.
	 */
	private appendFlow(open: number, items: [number, number][], entries: () => string[]): void {
		const [lastStart, lastEnd] = items[items.length - 1];
		let after = lastEnd;
		for (;;) {
			while (after < this.text.length && /\s/.test(this.text[after])) after++;
			if (this.text[after] !== '#') break;
			after = this.lineContentEnd(after);
		}
		const trailingComma = this.text[after] === ',';
		const multiLine = this.text.slice(open, lastEnd).includes('\n');
		if (!multiLine) {
			if (trailingComma) this.insert(after + 1, () => entries().map((e) => ` ${e},`).join(''));
			else this.insert(lastEnd, () => entries().map((e) => `, ${e}`).join(''));
			return;
		}
		const lineStart = this.lineStart(lastStart);
		const firstOnLine = items.find(([start]) => start >= lineStart)?.[0] ?? lastStart;
		const indent = ' '.repeat(columnOf(this.text, firstOnLine));
		if (trailingComma) {
			this.insert(after + 1, ({ eol }) => entries().map((e) => `${eol}${indent}${e},`).join(''));
			return;
		}
		const lineEnd = this.lineContentEnd(lastEnd);
		const rest = this.text.slice(lastEnd, lineEnd);
		const closesOnLine = /[}\]]/.test(rest.replace(/#.*$/, ''));
		if (closesOnLine || !/#/.test(rest)) {
			this.insert(lastEnd, ({ eol }) => entries().map((e) => `,${eol}${indent}${e}`).join(''));
		} else {
			// `b: 2 # why` keeps its comment: the comma goes after the value, the entries after the comment.
			this.insert(lastEnd, ',');
			this.insert(lineEnd, ({ eol }) => entries().map((e, i) => `${i ? ',' : ''}${eol}${indent}${e}`).join(''));
		}
	}

	deletePair(parent: unknown, key: string): void {
		if (!isMap(parent)) return; // no map, no key to delete
		const pairs = parent.items.filter((p) => isPair(p)) as Pair[];
		const index = pairs.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
		if (index < 0) {
			if (findPair(this.doc, parent, key)) fail(`${key} comes from a merge key`);
			return;
		}
		const pair = pairs[index];
		guardAnchor(pair.value, this.repeated);
		const keyStart = startOf(pair.key);
		if (parent.flow) {
			if (index < pairs.length - 1) this.replace(keyStart, startOf(pairs[index + 1].key ?? pairs[index + 1].value), '');
			else if (index > 0) this.replace(pairEnd(pairs[index - 1]), pairEnd(pair), '');
			else this.replace(keyStart, pairEnd(pair), '');
			return;
		}
		// An emptied block map would read as null, not {}: leave such a delete to the author.
		if (pairs.length === 1) fail('deleting the only key of a block map');
		const lineStart = this.lineStart(keyStart);
		const prefix = this.text.slice(lineStart, keyStart);
		if (prefix.trim() === '') {
			let start = lineStart;
			const end = this.lineAfter(pairEnd(pair));
			// Deleting the last line of a file without a final newline: take the newline before it instead.
			if (end === this.text.length && !this.text.endsWith('\n') && start > 0) start -= this.text[start - 2] === '\r' ? 2 : 1;
			this.replace(start, end, '');
		} else if (/^\s*(-\s+)+$/.test(prefix) && index === 0) {
			// The first key of a sequence item (`- replicas: 1`): the next key moves up onto the dash line.
			this.replace(keyStart, startOf(pairs[1].key), '');
		} else fail('a key that does not start its line');
	}

	appendDocuments(values: Record<string, unknown>[]): void {
		const contents = this.doc.contents as Node | null;
		if (!contents?.range) fail('a document without content');
		const body = (style: FileStyle) => values.map((v) => `---${style.eol}${documentText(v, style)}`).join('');
		const at = this.lineAfter(contents.range[1]);
		if (at === this.text.length && this.text.length > 0 && !this.text.endsWith('\n')) this.insert(at, (style) => style.eol + body(style).slice(0, -style.eol.length));
		else this.insert(at, body);
	}
}

/**
 * The node at `path` (undefined when a step is missing), reached without following aliases and without
 * entering a node an alias repeats (an edit there would change the copies too).
 */
function strictNode(root: unknown, path: Path, repeated: ReadonlySet<string>): unknown {
	let node = root;
	for (const step of path) {
		if (isAlias(node)) fail('the path runs through an alias');
		guardAnchor(node, repeated);
		if (typeof step === 'number') node = isSeq(node) ? node.items[step] : undefined;
		else node = isMap(node) ? ownPair(node, step)?.value : undefined;
		if (node === undefined) return undefined;
	}
	if (isAlias(node)) fail('the path runs through an alias');
	guardAnchor(node, repeated);
	return node;
}

export interface RenderTarget {
	/** The text of the segment holding the document; node offsets are relative to it. */
	text: string;
	doc: Document.Parsed;
	/** Path of the object's root inside the document ([] or ['items', i]). */
	rootPath: Path;
}

/** Edits (segment-relative) that carry out `ops` on the object, written in `style`, or the reason it cannot be done safely. */
export function renderOps(target: RenderTarget, ops: readonly FixOp[], style: FileStyle): { edits: TextEdit[] } | { error: string } {
	const planned = planRender(target, ops);
	if ('error' in planned) return planned;
	return { edits: planned.edits.map(({ start, end, newText }) => ({ start, end, newText: typeof newText === 'string' ? newText : newText(style) })) };
}

/**
 * The renderer's decision on `ops`: where its edits go (their text still to write, see renderOps), or
 * the reason it cannot be done safely. Writing the text never refuses a plan.
 */
export function planRender(target: RenderTarget, ops: readonly FixOp[]): { edits: PlannedEdit[] } | { error: string } {
	try {
		const repeated = repeatedAnchors(target.doc);
		const renderer = new PlanRenderer(target.text, target.doc, repeated);
		const root = strictNode(target.doc.contents, target.rootPath, repeated) ?? fail('the object is not in the document');
		const sets = compileSets(ops);
		if (sets.children.size) renderer.applyTo(root, sets, false);
		for (const op of ops) {
			if (op.op !== 'delete') continue;
			const key = op.path[op.path.length - 1];
			if (typeof key !== 'string') fail('only map keys can be deleted');
			if (sets.children.size && touchesSetPath(sets, op.path)) fail('a delete inside a value the plan sets');
			const parent = strictNode(root, op.path.slice(0, -1), repeated);
			if (parent !== undefined) renderer.deletePair(parent, key);
		}
		const documents = ops.flatMap((op) => (op.op === 'appendDocument' ? [op.value] : []));
		if (documents.length) renderer.appendDocuments(documents);
		return { edits: renderer.edits };
	} catch (e) {
		if (e instanceof Unrenderable) return { error: e.message };
		throw e;
	}
}

/** Whether a delete path lies on (or inside) a path the plan's set operations touch. */
function touchesSetPath(sets: MergeWant, path: Path): boolean {
	let node: Want | undefined = sets;
	for (const step of path) {
		if (!node || node.kind !== 'merge') return Boolean(node);
		node = node.children.get(step);
	}
	return node !== undefined;
}
