// Executes parsed templates with Go's text/template semantics (exec.go): walking text and actions,
// evaluating pipelines, fields, methods, variables and function calls, if/with/range/template, with
// Go's error messages and positions. Alongside each value it carries where the value came from in the
// values tree (a ValueRef), so that the source map can say which values-file node an action printed.
// Budgets (steps, output size, template depth) stop runaway templates with a TemplateError.
import { errorPosition, nodeString, type ActionNode, type AnyNode, type ArgNode, type BranchNode, type ChainNode, type CommandNode, type FieldNode, type IdentifierNode, type Node, type NumberNode, type PipeNode, type TemplateNode, type Tree, type VariableNode } from './ast';
import { BUILTIN_ARITY, BUILTINS, indexStep } from './builtins';
import { TemplateError } from './errors';
import { formatValue, goQuote, PrintDepthError } from './fmt';
import { basicKind, GoNumber, goTypeName, isMap, isStruct, isTrue, mapGet, mapMethod, numericValue, sortedKeys, type FuncMap, type GoParamType, type GoSignature } from './values';

/** Where a value of the values tree lives: a file and the key path inside it. */
export interface ValueRef {
	file: string;
	path: (string | number)[];
}

export interface OutputSegment {
	outStart: number;
	outEnd: number;
	/** The `file` given to parse() for the template whose text or action produced this output. */
	file: string;
	/** 'text': the literal text copied; 'action': the whole action `{{ ... }}` including delimiters. */
	srcStart: number;
	srcEnd: number;
	kind: 'text' | 'action';
	/** Set when the action printed a whole value of the values tree. */
	value?: ValueRef;
}

export interface Rendered {
	text: string;
	segments: OutputSegment[];
}

export type MissingKey = 'default' | 'zero' | 'error';

export interface ExecuteOptions {
	/** The ValueRef of a map or array of the values tree. */
	originOf?: (container: object) => ValueRef | undefined;
	/** The ValueRef of one key of a container when it differs from the container's (a merged values map). */
	originOfKey?: (container: object, key: string | number) => ValueRef | undefined;
	/** Functions whose result keeps the origin of the value they received (quote, toYaml, nindent...). */
	passthrough?: ReadonlySet<string>;
}

/** What a function sees as `this`: how include and tpl run templates of the same set. */
export interface CallContext {
	/** The name of the template executing the call. */
	readonly templateName: string;
	/** Executes a named template of the current set and returns its text (Helm's include). */
	include(name: string, data: unknown): string;
	/**
	 * Parses text as a template named `name` (default: the executing template's name) in a copy-on-write
	 * view of the set and runs it (Helm's tpl). The text is in no file: its trees and errors have file ''.
	 */
	tpl(text: string, data: unknown, name?: string): string;
}

/** The set of named templates an execution resolves `template`, include and tpl against. */
export interface TemplateLookup {
	lookup(name: string): Tree | undefined;
	/** A copy-on-write view with `text` parsed as template `name` (throws TemplateError). */
	withParsed(name: string, text: string, file: string): TemplateLookup;
	readonly funcs: FuncMap;
	readonly setName: string;
}

export interface Limits {
	missingKey: MissingKey;
	maxOutput: number;
	maxSteps: number;
	maxDepth: number;
}

/** A value with its origin; `iface` marks a value read out of a map or array (Go's interface {}). */
interface Val {
	v: unknown;
	ref?: ValueRef;
	iface?: boolean;
}

const NO_VALUE: Val = { v: undefined };
/** The pipeline value before its first command ("no final argument"). */
const MISSING: Val = { v: undefined };

class BreakSignal {}
class ContinueSignal {}
const BREAK = new BreakSignal();
const CONTINUE = new ContinueSignal();

interface Budget {
	steps: number;
	output: number;
}

class Output {
	private readonly parts: string[] = [];
	length = 0;
	constructor(readonly segments: OutputSegment[] | undefined) {}
	push(text: string, segment: Omit<OutputSegment, 'outStart' | 'outEnd'> | undefined): void {
		this.parts.push(text);
		if (this.segments && segment) this.segments.push({ outStart: this.length, outEnd: this.length + text.length, ...segment });
		this.length += text.length;
	}
	text(): string {
		return this.parts.join('');
	}
}

/** The JavaScript stack ran out (a RangeError, or another error raised while the stack was exhausted). */
export function isStackOverflow(e: unknown): boolean {
	return e instanceof Error && typeof e.message === 'string' && e.message.includes('Maximum call stack size exceeded');
}

function utf8Length(s: string): number {
	return Buffer.byteLength(s, 'utf8');
}

/** Line (1-based) and byte column (0-based) of an offset, as Go's ErrorContext counts them. */
export function lineAndColumn(text: string, pos: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) {
		line++;
		lineStart = i + 1;
	}
	return { line, column: utf8Length(text.slice(lineStart, pos)) };
}

export class Execution {
	private vars: { name: string; val: Val }[] = [];
	private node: AnyNode | undefined;
	private tree: Tree;
	private templateName: string;

	constructor(
		private readonly set: TemplateLookup,
		private readonly limits: Limits,
		private readonly options: ExecuteOptions,
		private readonly budget: Budget,
		private readonly out: Output,
		private readonly depth: number,
		tree: Tree,
	) {
		this.tree = tree;
		this.templateName = tree.name;
	}

	static run(set: TemplateLookup, tree: Tree, data: unknown, limits: Limits, options: ExecuteOptions, withSegments: boolean, budget: Budget = { steps: 0, output: 0 }, depth = 0): Rendered {
		const out = new Output(withSegments ? [] : undefined);
		const execution = new Execution(set, limits, options, budget, out, depth, tree);
		const dot: Val = { v: data };
		execution.vars = [{ name: '$', val: dot }];
		execution.walk(dot, tree.root);
		return { text: out.text(), segments: out.segments ?? [] };
	}

	// ---- errors ----
	private at(node: AnyNode): void {
		this.node = node;
	}

	private errorf(message: string, kind: 'exec' | 'limit' = 'exec', inner?: TemplateError): never {
		const node = this.node;
		if (!node) throw new TemplateError(`template: ${this.templateName}: ${message}`, kind, this.templateName, this.tree.file, 0, 0, inner);
		const { line, column } = lineAndColumn(node.tree.text, errorPosition(node));
		const location = `${node.tree.parseName}:${line}:${column}`;
		const goMessage = `template: ${location}: executing ${goQuote(this.templateName)} at <${nodeString(node)}>: ${message}`;
		throw new TemplateError(goMessage, kind, this.templateName, node.tree.file, node.pos, node.end, inner);
	}

	private step(): void {
		if (++this.budget.steps > this.limits.maxSteps) this.errorf(`evaluation stopped after ${this.limits.maxSteps} steps`, 'limit');
	}

	private write(text: string, segment: Omit<OutputSegment, 'outStart' | 'outEnd'>): void {
		if (text.length === 0) return;
		this.budget.output += text.length;
		if (this.budget.output > this.limits.maxOutput) this.errorf(`output exceeds ${this.limits.maxOutput} characters`, 'limit');
		this.out.push(text, segment);
	}

	// ---- variables ----
	private mark(): number {
		return this.vars.length;
	}
	private pop(mark: number): void {
		this.vars.length = mark;
	}
	private setVar(name: string, val: Val): void {
		for (let i = this.vars.length - 1; i >= 0; i--) {
			if (this.vars[i].name === name) {
				this.vars[i].val = val;
				return;
			}
		}
		this.errorf(`undefined variable: ${name}`);
	}
	private setTopVar(n: number, val: Val): void {
		this.vars[this.vars.length - n].val = val;
	}
	private varValue(name: string): Val {
		for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].val;
		this.errorf(`undefined variable: ${name}`);
	}

	// ---- origins ----
	private originOf(v: unknown): ValueRef | undefined {
		if (!this.options.originOf || v === null || typeof v !== 'object') return undefined;
		if (!isMap(v) && !Array.isArray(v)) return undefined;
		return this.options.originOf(v);
	}
	private refOf(val: Val): ValueRef | undefined {
		return val.ref ?? this.originOf(val.v);
	}
	private childRef(parent: Val, key: string | number, child: unknown): ValueRef | undefined {
		if (!this.options.originOf) return undefined;
		const own = this.originOf(child);
		if (own) return own;
		if (this.options.originOfKey && parent.v !== null && typeof parent.v === 'object') {
			const keyed = this.options.originOfKey(parent.v, key);
			if (keyed) return keyed;
		}
		const base = this.refOf(parent);
		return base ? { file: base.file, path: [...base.path, key] } : undefined;
	}

	// ---- walking ----
	private walk(dot: Val, node: Node): void {
		this.at(node);
		if (node.type !== 'list') this.step();
		switch (node.type) {
			case 'action': {
				const val = this.evalPipeline(dot, node.pipe);
				if (node.pipe.decl.length === 0) this.printValue(node, val);
				return;
			}
			case 'break':
				throw BREAK;
			case 'continue':
				throw CONTINUE;
			case 'if':
			case 'with':
				return this.walkIfOrWith(dot, node);
			case 'list':
				for (const child of node.nodes) this.walk(dot, child);
				return;
			case 'range':
				return this.walkRange(dot, node);
			case 'template':
				return this.walkTemplate(dot, node);
			case 'text':
				this.write(node.text, { file: node.tree.file, srcStart: node.pos, srcEnd: node.end, kind: 'text' });
				return;
		}
	}

	private walkIfOrWith(dot: Val, node: BranchNode): void {
		const mark = this.mark();
		try {
			const val = this.evalPipeline(dot, node.pipe);
			if (isTrue(val.v)) this.walk(node.type === 'with' ? val : dot, node.list);
			else if (node.elseList) this.walk(dot, node.elseList);
		} finally {
			this.pop(mark);
		}
	}

	private walkRange(dot: Val, r: BranchNode): void {
		this.at(r);
		const outer = this.mark();
		try {
			const val = this.evalPipeline(dot, r.pipe);
			const mark = this.mark();
			const decl = r.pipe.decl;
			const oneIteration = (index: Val, elem: Val) => {
				this.at(r.pipe);
				this.step();
				if (decl.length > 0) {
					if (r.pipe.isAssign) this.setVar(decl[0].ident[0], decl.length > 1 ? index : elem);
					else this.setTopVar(1, elem);
				}
				if (decl.length > 1) {
					if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem);
					else this.setTopVar(2, index);
				}
				try {
					this.walk(elem, r.list);
				} catch (e) {
					if (e !== CONTINUE) throw e;
				} finally {
					this.pop(mark);
				}
			};
			const v = val.v;
			let ran = false;
			try {
				if (Array.isArray(v) || v instanceof Uint8Array) {
					for (let i = 0; i < v.length; i++) {
						ran = true;
						const elem = v[i];
						const value = v instanceof Uint8Array ? new GoNumber('uint8', BigInt(elem as number)) : elem;
						oneIteration({ v: BigInt(i) }, { v: value, ref: this.childRef(val, i, value), iface: !(v instanceof Uint8Array) });
					}
				} else if (isMap(v)) {
					for (const key of sortedKeys(v)) {
						ran = true;
						oneIteration({ v: key }, { v: v[key], ref: this.childRef(val, key, v[key]), iface: true });
					}
				} else if (basicKind(v) === 'int' || basicKind(v) === 'uint') {
					if (decl.length > 1) this.errorf(`can't use ${formatValue(v)} to iterate over more than one variable`);
					const n = numericValue(v) as bigint;
					for (let i = 0n; i < n; i++) {
						ran = true;
						oneIteration({ v: i }, { v: i });
					}
				} else if (v !== undefined && v !== null) {
					this.errorf(`range can't iterate over ${formatValue(v)}`);
				}
			} catch (e) {
				if (e !== BREAK) throw e;
			}
			if (!ran && r.elseList) this.walk(dot, r.elseList);
		} finally {
			this.pop(outer);
		}
	}

	private walkTemplate(dot: Val, t: TemplateNode): void {
		this.at(t);
		const tree = this.set.lookup(t.name);
		if (!tree) this.errorf(`template ${goQuote(t.name)} not defined`);
		if (this.depth >= this.limits.maxDepth) this.errorf(`exceeded maximum template depth (${this.limits.maxDepth})`, 'limit');
		const newDot = t.pipe ? this.evalPipeline(dot, t.pipe) : NO_VALUE;
		const inner = new Execution(this.set, this.limits, this.options, this.budget, this.out, this.depth + 1, tree);
		inner.vars = [{ name: '$', val: newDot }];
		inner.walk(newDot, tree.root);
	}

	// ---- evaluation ----
	private evalPipeline(dot: Val, pipe: PipeNode): Val {
		this.at(pipe);
		let value = MISSING;
		for (const cmd of pipe.cmds) {
			value = this.evalCommand(dot, cmd, value);
			// Go digs the value out of an interface{} after each command: a nil one becomes "no value", and
			// the rest have their concrete type from then on (for "can't evaluate field X in type T")
			if (value.v === null) value = { v: undefined, ref: value.ref };
			else if (value.iface) value = { v: value.v, ref: value.ref };
		}
		for (const variable of pipe.decl) {
			if (pipe.isAssign) this.setVar(variable.ident[0], value);
			else this.vars.push({ name: variable.ident[0], val: value });
		}
		return value;
	}

	private notAFunction(args: ArgNode[] | undefined, final: Val): void {
		if ((args && args.length > 1) || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args![0])}`);
	}

	private evalCommand(dot: Val, cmd: CommandNode, final: Val): Val {
		this.step();
		const first = cmd.args[0];
		switch (first.type) {
			case 'field':
				return this.evalFieldNode(dot, first, cmd.args, final);
			case 'chain':
				return this.evalChainNode(dot, first, cmd.args, final);
			case 'identifier':
				return this.evalFunction(dot, first, cmd, cmd.args, final);
			case 'pipe':
				this.notAFunction(cmd.args, final);
				return this.evalPipeline(dot, first);
			case 'variable':
				return this.evalVariableNode(dot, first, cmd.args, final);
		}
		this.at(first);
		this.notAFunction(cmd.args, final);
		switch (first.type) {
			case 'bool':
				return { v: first.value };
			case 'dot':
				return dot;
			case 'nil':
				this.errorf('nil is not a command');
			// falls through (errorf never returns)
			case 'number':
				return this.idealConstant(first);
			case 'string':
				return { v: first.text };
		}
	}

	private idealConstant(node: NumberNode): Val {
		this.at(node);
		if (node.overflows) this.errorf(`${node.text} overflows int`);
		return { v: node.value };
	}

	private evalFieldNode(dot: Val, field: FieldNode, args: ArgNode[] | undefined, final: Val): Val {
		this.at(field);
		return this.evalFieldChain(dot, dot, field, field.ident, args, final);
	}

	private evalChainNode(dot: Val, chain: ChainNode, args: ArgNode[] | undefined, final: Val): Val {
		this.at(chain);
		if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
		const pipe = this.evalArg(dot, chain.node);
		return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
	}

	private evalVariableNode(dot: Val, variable: VariableNode, args: ArgNode[] | undefined, final: Val): Val {
		this.at(variable);
		const value = this.varValue(variable.ident[0]);
		if (variable.ident.length === 1) {
			this.notAFunction(args, final);
			return value;
		}
		return this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final);
	}

	private evalFieldChain(dot: Val, receiver: Val, node: AnyNode, ident: string[], args: ArgNode[] | undefined, final: Val): Val {
		for (let i = 0; i < ident.length - 1; i++) receiver = this.evalField(dot, ident[i], node, undefined, MISSING, receiver);
		return this.evalField(dot, ident[ident.length - 1], node, args, final, receiver);
	}

	private evalField(dot: Val, fieldName: string, node: AnyNode, args: ArgNode[] | undefined, final: Val, receiver: Val): Val {
		const v = receiver.v;
		if (v === undefined) {
			if (this.limits.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
			return NO_VALUE;
		}
		const typ = receiver.iface || v === null ? 'interface {}' : goTypeName(v);
		if (v === null) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
		if (isStruct(v)) {
			const method = methodOf(v, fieldName);
			if (method) return this.evalCall(dot, method, false, node, fieldName, args, final, v);
		}
		const hasArgs = (args !== undefined && args.length > 1) || final !== MISSING;
		if (isStruct(v) && (Object.prototype.hasOwnProperty.call(v, fieldName) || getterOf(v, fieldName))) {
			if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
			const field = (v as Record<string, unknown>)[fieldName];
			return { v: field, ref: this.childRef(receiver, fieldName, field) };
		}
		if (isMap(v)) {
			const method = mapMethod(v, fieldName);
			if (method) return this.evalCall(dot, method, false, node, fieldName, args, final, v);
			if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
			const { found, value } = mapGet(v, fieldName);
			if (!found) {
				if (this.limits.missingKey === 'error') this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
				return { v: this.limits.missingKey === 'zero' ? null : undefined, ref: this.childRef(receiver, fieldName, undefined), iface: true };
			}
			return { v: value, ref: this.childRef(receiver, fieldName, value), iface: true };
		}
		this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
	}

	private evalFunction(dot: Val, node: IdentifierNode, cmd: AnyNode, args: ArgNode[] | undefined, final: Val): Val {
		this.at(node);
		const name = node.name;
		const user = Object.prototype.hasOwnProperty.call(this.set.funcs, name) ? this.set.funcs[name] : undefined;
		if (typeof user === 'function') return this.evalCall(dot, user, false, cmd, name, args, final);
		const builtin = Object.prototype.hasOwnProperty.call(BUILTINS, name) ? BUILTINS[name] : undefined;
		if (!builtin) this.errorf(`${goQuote(name)} is not a defined function`);
		return this.evalCall(dot, builtin, true, cmd, name, args, final);
	}

	private evalCall(dot: Val, fn: Function, isBuiltin: boolean, node: AnyNode, name: string, args: ArgNode[] | undefined, final: Val, receiver?: object): Val {
		const argNodes = args ? args.slice(1) : [];
		const numIn = argNodes.length + (final !== MISSING ? 1 : 0);
		const declared = (fn as { goParams?: GoSignature }).goParams;
		const arity = isBuiltin ? BUILTIN_ARITY[name] : declared ? { min: declared.params.length, variadic: declared.variadic !== undefined } : (fn as { goArity?: { min: number; variadic: boolean } }).goArity;
		if (arity) {
			if (arity.variadic && numIn < arity.min) this.errorf(`wrong number of args for ${name}: want at least ${arity.min} got ${argNodes.length}`);
			if (!arity.variadic && numIn !== arity.min) this.errorf(`wrong number of args for ${name}: want ${arity.min} got ${numIn}`);
		}
		if (isBuiltin && (name === 'and' || name === 'or')) {
			let v: Val = NO_VALUE;
			let decided = false;
			for (const arg of argNodes) {
				v = this.evalArg(dot, arg);
				if ((decided = isTrue(v.v) === (name === 'or'))) break;
			}
			if (!decided && final !== MISSING) v = final;
			// the deciding operand keeps its origin only if and/or are declared passthrough
			return this.options.passthrough?.has(name) ? v : { v: v.v, iface: v.iface };
		}
		const signature = isBuiltin ? BUILTIN_SIGNATURES[name] : (fn as { goParams?: GoSignature }).goParams;
		const argv: Val[] = argNodes.map((a, i) => (signature ? this.evalTypedArg(dot, a, paramType(signature, i)) : this.evalArg(dot, a)));
		if (final !== MISSING) argv.push(signature ? this.validateType(final, paramType(signature, numIn - 1)) : final);
		if (isBuiltin && name === 'index') return this.evalIndex(node, argv);
		let callee = fn;
		// Go hands "no value" to an interface{} parameter as nil; the builtins take reflect.Values and see it as is
		let values = argv.map((a) => (a.v === undefined && !isBuiltin ? null : a.v));
		if (isBuiltin && name === 'call') {
			const calleeName = argNodes.length > 0 ? nodeString(argNodes[0]) : '';
			const target = values[0];
			values = values.slice(1);
			callee = () => {
				if (target === null || target === undefined) throw new Error('call of nil');
				if (typeof target !== 'function') throw new Error(`non-function ${calleeName} of type ${goTypeName(target)}`);
				return (target as Function).apply(this.callContext(), values);
			};
		}
		let result: unknown;
		try {
			result = callee.apply(receiver ?? this.callContext(), values);
		} catch (e) {
			if (e === BREAK || e === CONTINUE) throw e;
			if (e instanceof TemplateError && e.kind === 'limit') throw e;
			this.at(node);
			// Recursion through include/tpl can exhaust the JavaScript stack before maxDepth: report it at this
			// call (if even that overflows, the caller one level up, with more stack, reports it)
			if (isStackOverflow(e)) this.errorf(`exceeded maximum template depth (the JavaScript stack ran out at depth ${this.depth})`, 'limit');
			if (e instanceof TemplateError) this.errorf(`error calling ${name}: ${e.goMessage}`, 'exec', e);
			this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
		}
		const passthrough = this.options.passthrough?.has(name) ?? false;
		return { v: result === undefined ? null : result, ref: passthrough ? passedRef(argv, result) : undefined };
	}

	/** index with origins: each step is a key or element access of the container before it. */
	private evalIndex(node: AnyNode, argv: Val[]): Val {
		let current = argv[0];
		try {
			if (current.v === undefined || current.v === null) throw new Error('index of untyped nil');
			for (const key of argv.slice(1)) {
				const next = indexStep(current.v, key.v === undefined ? null : key.v);
				const k = key.v;
				const pathKey = typeof k === 'string' ? k : Number(numericValue(k) ?? 0);
				current = { v: next, ref: this.childRef(current, pathKey, next), iface: true };
			}
		} catch (e) {
			this.at(node);
			this.errorf(`error calling index: ${e instanceof Error ? e.message : String(e)}`);
		}
		return current;
	}

	private callContext(): CallContext {
		const execution = this;
		return {
			templateName: this.templateName,
			include(name: string, data: unknown): string {
				return execution.runNested(execution.set, name, data);
			},
			tpl(text: string, data: unknown, name?: string): string {
				const templateName = name ?? execution.templateName;
				const view = execution.set.withParsed(templateName, text, '');
				// Go executes the template tpl just parsed; when its body is empty the set keeps the older
				// template of that name (the caller), which must not run again: the result is ''
				if (view.lookup(templateName) === execution.set.lookup(templateName)) return '';
				return execution.runNested(view, templateName, data);
			},
		};
	}

	private runNested(set: TemplateLookup, name: string, data: unknown): string {
		const tree = set.lookup(name);
		if (!tree) throw new TemplateError(`template: no template ${goQuote(name)} associated with template ${goQuote(set.setName)}`, 'exec', name, '', 0, 0);
		if (this.depth >= this.limits.maxDepth) this.errorf(`exceeded maximum template depth (${this.limits.maxDepth})`, 'limit');
		return Execution.run(set, tree, data, this.limits, this.options, false, this.budget, this.depth + 1).text;
	}

	/** Go's evalArg for a parameter of a declared type: literals must fit it, values must be assignable. */
	private evalTypedArg(dot: Val, n: ArgNode, type: GoParamType): Val {
		this.at(n);
		if (type === 'any') return this.evalArg(dot, n);
		switch (n.type) {
			case 'dot':
			case 'field':
			case 'variable':
			case 'pipe':
			case 'identifier':
			case 'chain':
				return this.validateType(this.evalArg(dot, n), type);
			case 'nil':
				if (type === 'map' || type === 'list') return { v: null };
				this.errorf(`cannot assign nil to ${GO_PARAM_NAMES[type]}`);
		}
		switch (type) {
			case 'bool':
				if (n.type === 'bool') return { v: n.value };
				this.errorf(`expected bool; found ${nodeString(n)}`);
			// falls through (errorf never returns)
			case 'string':
				if (n.type === 'string') return { v: n.text };
				this.errorf(`expected string; found ${nodeString(n)}`);
			// falls through
			case 'int':
				if (n.type === 'number' && typeof n.value === 'bigint') return { v: n.value };
				this.errorf(`expected integer; found ${nodeString(n)}`);
			// falls through
			case 'float64':
				if (n.type === 'number' && n.value !== undefined) return { v: Number(n.value) };
				this.errorf(`expected float; found ${nodeString(n)}`);
		}
		this.errorf(`can't handle ${nodeString(n)} for arg of type ${GO_PARAM_NAMES[type]}`);
	}

	/** Go's validateType: "no value" becomes nil where nil fits; other values must have the parameter's type. */
	private validateType(val: Val, type: GoParamType): Val {
		if (type === 'any') return val;
		const v = val.v;
		if (v === undefined) {
			if (type === 'map' || type === 'list') return { v: null, ref: val.ref };
			this.errorf(`invalid value; expected ${GO_PARAM_NAMES[type]}`);
		}
		if (v !== null && assignable(v, type)) return val;
		this.errorf(`wrong type for value; expected ${GO_PARAM_NAMES[type]}; got ${v === null ? 'interface {}' : goTypeName(v)}`);
	}

	private evalArg(dot: Val, n: ArgNode): Val {
		this.at(n);
		switch (n.type) {
			case 'dot':
				return dot;
			case 'nil':
				return NO_VALUE;
			case 'field':
				return this.evalFieldNode(dot, n, [n], MISSING);
			case 'variable':
				return this.evalVariableNode(dot, n, undefined, MISSING);
			case 'pipe':
				return this.evalPipeline(dot, n);
			case 'identifier':
				return this.evalFunction(dot, n, n, undefined, MISSING);
			case 'chain':
				return this.evalChainNode(dot, n, undefined, MISSING);
			case 'bool':
				return { v: n.value };
			case 'number':
				return this.idealConstant(n);
			case 'string':
				return { v: n.text };
		}
	}

	private printValue(node: ActionNode, val: Val): void {
		this.at(node);
		const v = val.v;
		let text: string;
		if (v === undefined) text = '<no value>';
		else if (typeof v === 'function') this.errorf(`can't print ${nodeString(node)} of type ${goTypeName(v)}`);
		else {
			try {
				text = formatValue(v);
			} catch (e) {
				if (e instanceof PrintDepthError) this.errorf(`can't print ${nodeString(node)}: ${e.message}`);
				throw e;
			}
		}
		const value = v !== undefined ? val.ref : undefined;
		this.write(text, { file: node.tree.file, srcStart: node.pos, srcEnd: node.end, kind: 'action', ...(value ? { value } : {}) });
	}
}

const GO_PARAM_NAMES: Record<GoParamType, string> = { any: 'interface {}', string: 'string', int: 'int', float64: 'float64', bool: 'bool', map: 'map[string]interface {}', list: '[]interface {}' };

/** printf is fmt.Sprintf(format string, a ...any); the other builtins take reflect.Values (no check). */
const BUILTIN_SIGNATURES: Record<string, GoSignature | undefined> = { printf: { params: ['string'], variadic: 'any' } };

function paramType(signature: GoSignature, index: number): GoParamType {
	return index < signature.params.length ? signature.params[index] : (signature.variadic ?? 'any');
}

function assignable(v: unknown, type: GoParamType): boolean {
	switch (type) {
		case 'string':
			return typeof v === 'string';
		case 'int':
			return typeof v === 'bigint';
		case 'float64':
			return typeof v === 'number';
		case 'bool':
			return typeof v === 'boolean';
		case 'map':
			return isMap(v);
		case 'list':
			return Array.isArray(v);
	}
	return true;
}

/** A method of a struct: a function on its prototype chain (not Object.prototype's). */
function methodOf(value: object, name: string): Function | undefined {
	if (Object.prototype.hasOwnProperty.call(value, name)) return undefined;
	for (let proto = Object.getPrototypeOf(value); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
		const descriptor = Object.getOwnPropertyDescriptor(proto, name);
		if (descriptor) return typeof descriptor.value === 'function' && name !== 'constructor' ? descriptor.value : undefined;
	}
	return undefined;
}

/** A getter on a struct's prototype chain reads as a field. */
function getterOf(value: object, name: string): boolean {
	for (let proto = Object.getPrototypeOf(value); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
		const descriptor = Object.getOwnPropertyDescriptor(proto, name);
		if (descriptor) return descriptor.get !== undefined;
	}
	return false;
}

/** The origin a passthrough function's result keeps: that of the argument it returned, or of its only argument with an origin. */
function passedRef(argv: Val[], result: unknown): ValueRef | undefined {
	const withRef = argv.filter((a) => a.ref && a.v !== undefined && a.v !== null);
	const same = withRef.find((a) => a.v === result);
	if (same) return same.ref;
	return withRef.length === 1 ? withRef[0].ref : undefined;
}
