// The template engine's entry point: TemplateSet, one namespace of named templates (Go's
// *template.Template tree) that parses texts and executes templates with Go's text/template semantics,
// returning the text and a source map. Pure: no file system, no LSP, nothing from the lint core.
import type { Tree } from './ast';
import { TemplateError } from './errors';
import { Execution, isStackOverflow, type ExecuteOptions, type Limits, type MissingKey, type OutputSegment, type Rendered, type TemplateLookup } from './exec';
import { goQuote } from './fmt';
import { ParseFailure, isEmptyTree, parseTemplates } from './parse';
import { BUILTINS } from './builtins';
import type { FuncMap } from './values';

export { TemplateError } from './errors';
export type { CallContext, ExecuteOptions, MissingKey, OutputSegment, Rendered, ValueRef } from './exec';
export * from './values';
export { formatFloat, goQuote, sprint, sprintf, sprintln } from './fmt';

export interface TemplateSetOptions {
	/** What a missing map key gives: no value (prints <no value>), nil (Go's zero of interface{}), or an error. */
	missingKey?: MissingKey;
	/** Output budget in characters (default 20 million). */
	maxOutput?: number;
	/** Evaluation budget in steps (default 5 million). */
	maxSteps?: number;
	/** Nesting limit of template calls, include and tpl (default 1000). */
	maxDepth?: number;
	/** The set's name in Go's "no template ... associated with template NAME" message (default 'gotpl'). */
	name?: string;
}

const DEFAULTS = { missingKey: 'default' as MissingKey, maxOutput: 20_000_000, maxSteps: 5_000_000, maxDepth: 1000 };

/**
 * Parsed templates by function names, template name, file and text. A chart is rendered again on every
 * edit of one of its files, and most of its templates did not change: their trees (never mutated once
 * parsed) are reused. Bounded by entries and by characters of text kept.
 */
const PARSED = new Map<string, { trees: Map<string, Tree>; size: number }>();
const PARSED_MAX_ENTRIES = 4000;
const PARSED_MAX_CHARS = 32 * 1024 * 1024;
let parsedChars = 0;

function rememberParsed(key: string, trees: Map<string, Tree>): void {
	PARSED.set(key, { trees, size: key.length });
	parsedChars += key.length;
	for (const [old, entry] of PARSED) {
		if (PARSED.size <= PARSED_MAX_ENTRIES && parsedChars <= PARSED_MAX_CHARS) break;
		PARSED.delete(old); // least recently used first (Map keeps insertion order; hits are re-inserted)
		parsedChars -= entry.size;
	}
}

export class TemplateSet implements TemplateLookup {
	private readonly trees = new Map<string, Tree>();
	private readonly limits: Limits;
	readonly setName: string;

	constructor(
		readonly funcs: FuncMap,
		options: TemplateSetOptions = {},
		private readonly parent?: TemplateSet,
	) {
		this.limits = {
			missingKey: options.missingKey ?? DEFAULTS.missingKey,
			maxOutput: options.maxOutput ?? DEFAULTS.maxOutput,
			maxSteps: options.maxSteps ?? DEFAULTS.maxSteps,
			maxDepth: options.maxDepth ?? DEFAULTS.maxDepth,
		};
		this.setName = options.name ?? 'gotpl';
	}

	private isFunction = (name: string): boolean => (Object.prototype.hasOwnProperty.call(this.funcs, name) && typeof this.funcs[name] === 'function') || Object.prototype.hasOwnProperty.call(BUILTINS, name);

	/** Parses `text` as template `name` and adds it and every define/block in it. Throws TemplateError. */
	/** Which functions exist decides how a template parses: part of the parse cache's key. */
	private functionNames?: string;

	parse(name: string, text: string, file: string = name): void {
		this.functionNames ??= Object.keys(this.funcs).sort().join(',');
		const key = `${this.functionNames}\0${name}\0${file}\0${text}`;
		// only a chart's own set: `tpl` parses into a copy-on-write view and tells a redefinition by identity
		const cached = this.parent ? undefined : PARSED.get(key);
		let parsed: Map<string, Tree>;
		try {
			if (cached) {
				PARSED.delete(key);
				PARSED.set(key, cached);
				parsed = cached.trees;
			} else {
				parsed = parseTemplates(name, text, file, { isFunction: this.isFunction });
				if (!this.parent) rememberParsed(key, parsed);
			}
		} catch (e) {
			if (e instanceof ParseFailure) throw new TemplateError(`template: ${name}:${e.line}: ${e.message}`, 'parse', name, file, e.pos, e.end);
			if (isStackOverflow(e)) throw new TemplateError(`template: ${name}: template nesting too deep`, 'parse', name, file, 0, 0);
			throw new TemplateError(`template: ${name}: ${e instanceof Error ? e.message : String(e)}`, 'parse', name, file, 0, 0);
		}
		for (const [treeName, tree] of parsed) {
			// as Go's associate: an empty redefinition does not replace an existing template
			const existing = this.lookup(treeName);
			if (existing && isEmptyTree(tree.root)) continue;
			this.trees.set(treeName, tree);
		}
	}

	lookup(name: string): Tree | undefined {
		return this.trees.get(name) ?? this.parent?.lookup(name);
	}

	has(name: string): boolean {
		return this.lookup(name) !== undefined;
	}

	names(): string[] {
		const all = new Set<string>(this.parent ? this.parent.names() : []);
		for (const name of this.trees.keys()) all.add(name);
		return [...all].sort();
	}

	/** A copy-on-write view: templates parsed into it do not change this set. */
	clone(): TemplateSet {
		return new TemplateSet(this.funcs, { ...this.limits, name: this.setName }, this);
	}

	withParsed(name: string, text: string, file: string): TemplateLookup {
		const view = this.clone();
		view.parse(name, text, file);
		return view;
	}

	/** Executes template `name` with `data` as dot. Throws TemplateError. */
	execute(name: string, data: unknown, options: ExecuteOptions = {}): Rendered {
		const tree = this.lookup(name);
		if (!tree) throw new TemplateError(`template: no template ${goQuote(name)} associated with template ${goQuote(this.setName)}`, 'exec', name, '', 0, 0);
		return guard(name, tree.file, () => Execution.run(this, tree, data, this.limits, options, true));
	}

	/** For Helm's `tpl`: parses text as a new template in a copy-on-write view of this set and runs it. */
	tpl(name: string, text: string, data: unknown, options: ExecuteOptions & { file?: string } = {}): Rendered {
		const view = this.clone();
		view.parse(name, text, options.file ?? name);
		return view.execute(name, data, options);
	}
}

/** The segment holding output offset `offset` (binary search; the last segment for the end of the text). */
export function segmentAt(rendered: Rendered, offset: number): OutputSegment | undefined {
	const segments = rendered.segments;
	let lo = 0;
	let hi = segments.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const s = segments[mid];
		if (offset < s.outStart) hi = mid - 1;
		else if (offset >= s.outEnd) lo = mid + 1;
		else return s;
	}
	return offset === rendered.text.length ? segments[segments.length - 1] : undefined;
}

/** Nothing but TemplateError leaves an execution. */
function guard<T>(name: string, file: string, body: () => T): T {
	try {
		return body();
	} catch (e) {
		if (e instanceof TemplateError) throw e;
		if (isStackOverflow(e)) {
			throw new TemplateError(`template: ${name}: exceeded maximum template depth (the JavaScript stack ran out)`, 'limit', name, file, 0, 0);
		}
		throw new TemplateError(`template: ${name}: internal error: ${e instanceof Error ? e.message : String(e)}`, 'exec', name, file, 0, 0);
	}
}
