// Parsing a file's text into YAML documents, split at `---` lines so each document is parsed on its
// own: an edit re-parses only the document it touched (see SegmentCache and reparseFile), and an error in
// one document never hides the others. Offsets inside a segment's nodes are relative to the segment;
// `offset` maps them back to the file.
import { Composer, CST, Document } from 'yaml';
import { DUPLICATE_KEY, DUPLICATE_KEY_MESSAGE, duplicateKeysOf } from './duplicateKeys';
import { firstTemplateAction } from './helm';
import { parseCst, tooDeepMessage } from './nesting';
import { ChangedSpan, changedSpan } from './textChange';
import { mapDocumentRanges, repairQuotedContinuations } from './tolerantYaml';

export interface YamlProblem {
	message: string;
	code: string;
	/** Absolute offsets in the file. */
	start: number;
	end: number;
	/** A duplicate key of the document's root map: the key. */
	rootKey?: string;
}

export interface Segment {
	/** Offset of the segment's first character in the file text. */
	offset: number;
	text: string;
	docs: Document.Parsed[];
	/** Errors that make the document unreliable to lint (duplicate keys are kept apart, see below). */
	errors: YamlProblem[];
	/** Duplicate keys: Kubernetes' decoder keeps the last one; we lint and report them once. */
	duplicateKeys: YamlProblem[];
	/**
	 * Text the `yaml` parser rejects but Kubernetes' reader accepts (tolerantYaml.ts): `docs` were read
	 * as Kubernetes reads them and are linted; the problem is reported as a warning.
	 */
	tolerated?: YamlProblem[];
	/**
	 * Offset in the segment of the first Go template action YAML reads as structure, or -1 (helm.ts).
	 * Found with the segment, so an edit never lexes the whole file again to look for one.
	 */
	templateAction: number;
	/**
	 * Whether the text mentions `bosun-disable` (a suppression comment, suppress.ts), found with the
	 * segment so that linting after an edit never searches the whole file for one. Unset: not known.
	 */
	mentionsDisable?: boolean;
}

export interface ParsedFile {
	text: string;
	segments: Segment[];
}

/**
 * Parsed segments keyed by their exact text: an unchanged document is never parsed twice. Cached
 * documents are shared, so nothing may mutate them (fixes are rendered as text edits, never via setIn).
 */
export class SegmentCache {
	private entries = new Map<string, Omit<Segment, 'offset'>>();
	private chars = 0;
	/**
	 * At most `capacity` segments and `maxChars` characters of segment text. Each keystroke adds the
	 * edited document's new version, so the least recently used entries go first: the documents of the
	 * files being edited stay, old versions and documents of files read once leave.
	 */
	constructor(
		private readonly capacity = 20000,
		private readonly maxChars = 16 * 1024 * 1024,
	) {}
	get(text: string): Omit<Segment, 'offset'> | undefined {
		const entry = this.entries.get(text);
		if (entry) {
			// most recently used last (Map keeps insertion order)
			this.entries.delete(text);
			this.entries.set(text, entry);
		}
		return entry;
	}
	set(text: string, value: Omit<Segment, 'offset'>): void {
		const previous = this.entries.get(text);
		if (previous) {
			this.entries.delete(text);
			this.chars -= text.length;
		}
		if (this.entries.size >= this.capacity || this.chars + text.length > this.maxChars) {
			// Drop the least recently used quarter of the budget (or more, until the new text fits).
			const sizeGoal = this.capacity - Math.ceil(this.capacity / 4);
			const charGoal = Math.min(this.maxChars - Math.ceil(this.maxChars / 4), this.maxChars - text.length);
			for (const key of this.entries.keys()) {
				if (this.entries.size <= sizeGoal && this.chars <= charGoal) break;
				this.entries.delete(key);
				this.chars -= key.length;
			}
		}
		this.entries.set(text, value);
		this.chars += text.length;
	}
}

/** A `---` marker line: after a newline, followed by a blank, a line break or the end of the text. */
const DOC_MARKER = /\n---(?=[ \t\r\n]|(?![\s\S]))/g;

/** Start offsets of each document segment: 0, then every `---` line (a marker always ends a document). */
export function segmentStarts(text: string): number[] {
	const starts = [0];
	// Directives (`%YAML`) belong to the document after the next `---`; such rare files are parsed whole.
	if (/^%/m.test(text)) return starts;
	// One regular-expression scan: a loop over the lines costs more than parsing a small edit.
	for (const match of text.matchAll(DOC_MARKER)) starts.push(match.index! + 1);
	return starts;
}

/** What every suppression comment contains (suppress.ts). */
export const SUPPRESSION_MARK = 'bosun-disable';

/** Code of the problem for a document nested too deep to compose (see nesting.ts). */
export const NESTING_TOO_DEEP = 'NESTING_TOO_DEEP';

function parseSegmentText(text: string): Omit<Segment, 'offset'> {
	// parseAllDocuments in two steps, so that the depth is checked before the recursive composer runs.
	const { tokens, tooDeepAt } = parseCst(text);
	const templateAction = firstTemplateAction(text);
	const mentionsDisable = text.includes(SUPPRESSION_MARK);
	if (tooDeepAt >= 0) {
		const problem = { message: tooDeepMessage(), code: NESTING_TOO_DEEP, start: tooDeepAt, end: tooDeepAt + 1 };
		return { text, docs: [], errors: [problem], duplicateKeys: [], templateAction, mentionsDisable };
	}
	const composed = compose(tokens);
	if (composed.errors.length) {
		const tolerated = composeAsKubernetesReads(text, tokens);
		if (tolerated) return { text, ...tolerated, templateAction, mentionsDisable };
	}
	return { text, ...composed, templateAction, mentionsDisable };
}

/** Code of the problem for a quoted scalar continued at its key's indentation (see tolerantYaml.ts). */
export const QUOTED_CONTINUATION = 'QUOTED_CONTINUATION';

/**
 * The documents as Kubernetes' reader takes text the `yaml` parser rejects, with ranges in `text`;
 * null when the errors are not ones it tolerates.
 */
function composeAsKubernetesReads(text: string, tokens: CST.Token[]): Pick<Segment, 'docs' | 'errors' | 'duplicateKeys' | 'tolerated'> | null {
	const repair = repairQuotedContinuations(text, tokens);
	if (!repair) return null;
	const reparsed = parseCst(repair.text);
	if (reparsed.tooDeepAt >= 0) return null;
	const docs = composeDocuments(reparsed.tokens);
	if (docs.some((doc) => doc.errors.length)) return null;
	for (const doc of docs) mapDocumentRanges(doc, repair.insertions);
	const message = 'A multi-line quoted value continues at or left of its key\'s indentation: kubectl reads it, but YAML parsers that follow the specification reject it; indent the continuation lines past the key.';
	return { docs, errors: [], duplicateKeys: duplicateKeyProblems(docs), tolerated: [{ message, code: QUOTED_CONTINUATION, ...repair.first }] };
}

function composeDocuments(tokens: CST.Token[]): Document.Parsed[] {
	// uniqueKeys is quadratic in a map's size; duplicateKeys.ts finds the same keys in linear time.
	const composer = new Composer({ merge: true, prettyErrors: false, strict: false, logLevel: 'error', uniqueKeys: false });
	// Every syntax error is an Error object; capturing their stacks made a 400 KB line of `}` take seconds.
	const stackTraceLimit = Error.stackTraceLimit;
	Error.stackTraceLimit = 0;
	try {
		return Array.from(composer.compose(tokens));
	} finally {
		Error.stackTraceLimit = stackTraceLimit;
	}
}

function duplicateKeyProblems(docs: Document.Parsed[]): YamlProblem[] {
	return docs.flatMap((doc) => duplicateKeysOf(doc).map((d) => ({ message: DUPLICATE_KEY_MESSAGE, code: DUPLICATE_KEY, ...d })));
}

function compose(tokens: CST.Token[]): Pick<Segment, 'docs' | 'errors' | 'duplicateKeys'> {
	const docs = composeDocuments(tokens);
	const errors: YamlProblem[] = docs.flatMap((doc) => doc.errors.map((e) => ({ message: e.message, code: e.code, start: e.pos[0], end: e.pos[1] })));
	return { docs, errors, duplicateKeys: duplicateKeyProblems(docs) };
}

/**
 * The same text in a string of its own: a slice refers to, and retains, the string it was cut from.
 * Slicing a concatenation makes the engine copy it into a new string first.
 */
function ownCopy(text: string): string {
	return (' ' + text).slice(1);
}

/** Parse a whole file; with a cache, segments whose text is unchanged are reused. */
export function parseFile(text: string, cache?: SegmentCache): ParsedFile {
	const starts = segmentStarts(text);
	const segments: Segment[] = [];
	for (let i = 0; i < starts.length; i++) segments.push(parseSegmentAt(text, starts, i, cache));
	return { text, segments };
}

function parseSegmentAt(text: string, starts: readonly number[], i: number, cache: SegmentCache | undefined): Segment {
	const offset = starts[i];
	const segText = text.slice(offset, i + 1 < starts.length ? starts[i + 1] : text.length);
	let parsed = cache?.get(segText);
	if (!parsed) {
		// Parse a copy: a slice keeps the whole file text alive, and the cache would keep one full
		// text per keystroke (the segment's key, and every string of its nodes, slice it).
		const own = cache ? ownCopy(segText) : segText;
		parsed = parseSegmentText(own);
		cache?.set(own, parsed);
	}
	return { offset, ...parsed };
}

/** A file parsed again after an edit, and which segments the edit replaced. */
export interface Reparse {
	parsed: ParsedFile;
	/** Segments of the earlier version that are gone, in order. */
	removed: Segment[];
	/** The segments in their place, in order (parsed anew, or found in the cache). */
	added: Segment[];
	/** For each segment of `parsed`, the segment of the earlier version it is (moved or not); none in the edit. */
	kept: (Segment | undefined)[];
}

/**
 * Parse `text`, a new version of `previous`, reusing the segments before and after the edit as they are
 * (those after it moved by the change in length). Only the changed span of the text is searched for
 * document markers and compared: a keystroke in a 100k-line file would otherwise scan and hash every
 * document again. Segments in the changed span are parsed, or found in the cache.
 */
export function reparseFile(text: string, previous: ParsedFile, cache?: SegmentCache): Reparse {
	const span = changedSpan(previous.text, text);
	const starts = segmentStartsAfterEdit(previous, text, span) ?? segmentStarts(text);
	const before = previous.segments;
	const end = (i: number) => (i + 1 < starts.length ? starts[i + 1] : text.length);
	const endBefore = (j: number) => (j + 1 < before.length ? before[j + 1].offset : previous.text.length);
	let lead = 0;
	while (lead < starts.length && lead < before.length && starts[lead] === before[lead].offset && end(lead) === endBefore(lead) && end(lead) <= span.start) lead++;
	const delta = text.length - previous.text.length;
	let trail = 0;
	while (trail < starts.length - lead && trail < before.length - lead) {
		const i = starts.length - 1 - trail;
		const j = before.length - 1 - trail;
		if (starts[i] < span.afterEnd || starts[i] !== before[j].offset + delta || end(i) !== endBefore(j) + delta) break;
		trail++;
	}
	const segments: Segment[] = before.slice(0, lead);
	const kept: (Segment | undefined)[] = before.slice(0, lead);
	const added: Segment[] = [];
	for (let i = lead; i < starts.length - trail; i++) {
		const segment = parseSegmentAt(text, starts, i, cache);
		segments.push(segment);
		kept.push(undefined);
		added.push(segment);
	}
	for (let i = starts.length - trail; i < starts.length; i++) {
		const segment = before[i - starts.length + before.length];
		segments.push(delta === 0 ? segment : { ...segment, offset: starts[i] });
		kept.push(segment);
	}
	return { parsed: { text, segments }, removed: before.slice(lead, before.length - trail), added, kept };
}

/** A line terminator, as `^` with the `m` flag knows them, followed by `%`: a directive line starts. */
const DIRECTIVE_AFTER_BREAK = /[\n\r\u2028\u2029]%/;

/**
 * segmentStarts(text) from the segments of `previous` and the span the edit changed; undefined when it
 * cannot tell (a file with a directive is parsed whole, and one segment may be such a file). A marker at
 * x is read from the characters x - 1 to x + 3: markers wholly before the span stay, those wholly after it
 * move with it, and only the span, widened by those four characters, is searched.
 */
function segmentStartsAfterEdit(previous: ParsedFile, text: string, span: ChangedSpan): number[] | undefined {
	if (previous.segments.length < 2) return undefined;
	const from = Math.max(0, span.start - 1);
	if ((span.start === 0 && text.charCodeAt(0) === 37) || DIRECTIVE_AFTER_BREAK.test(text.slice(from, span.afterEnd + 1))) return undefined;
	const delta = text.length - previous.text.length;
	const starts = [0];
	for (const segment of previous.segments) if (segment.offset > 0 && segment.offset + 3 < span.start) starts.push(segment.offset);
	const low = Math.max(0, span.start - 4);
	for (const match of text.slice(low, Math.min(text.length, span.afterEnd + 4)).matchAll(DOC_MARKER)) {
		const start = low + match.index! + 1;
		if (start >= span.start - 3 && start <= span.afterEnd && start > 0) starts.push(start);
	}
	for (const segment of previous.segments) if (segment.offset > 0 && segment.offset - 1 >= span.beforeEnd) starts.push(segment.offset + delta);
	return starts;
}

/** Absolute version of a segment-relative problem. */
export function absoluteProblem(segment: Segment, p: YamlProblem): YamlProblem {
	return { ...p, start: p.start + segment.offset, end: p.end + segment.offset };
}
