// The parse tree of a template, as Go's text/template/parse builds it, with source offsets (UTF-16
// offsets into the template text: `pos` where a node starts, `end` just past it) for errors and the
// source map, and nodeString(): Go's canonical re-printing of a node, which its error messages quote.

export interface Tree {
	/** The template's name (a file's path, or a define's name). */
	name: string;
	/** The name of the top-level template being parsed when this tree was made (Go's ParseName). */
	parseName: string;
	/** The file given to parse(), for the source map. */
	file: string;
	/** The whole text that was parsed (defines share their file's text). */
	text: string;
	root: ListNode;
}

interface Base {
	pos: number;
	end: number;
	tree: Tree;
}

export interface ListNode extends Base {
	type: 'list';
	nodes: Node[];
}

export interface TextNode extends Base {
	type: 'text';
	text: string;
}

export interface ActionNode extends Base {
	type: 'action';
	pipe: PipeNode;
}

export interface BranchNode extends Base {
	type: 'if' | 'with' | 'range';
	pipe: PipeNode;
	list: ListNode;
	elseList?: ListNode;
}

export interface TemplateNode extends Base {
	type: 'template';
	name: string;
	/** Where the name string starts (Go reports errors of a template call there). */
	namePos: number;
	pipe?: PipeNode;
}

export interface LoopControlNode extends Base {
	type: 'break' | 'continue';
}

export type Node = ListNode | TextNode | ActionNode | BranchNode | TemplateNode | LoopControlNode;

export interface PipeNode extends Base {
	type: 'pipe';
	isAssign: boolean;
	decl: VariableNode[];
	cmds: CommandNode[];
}

export interface CommandNode extends Base {
	type: 'command';
	args: ArgNode[];
}

export interface FieldNode extends Base {
	type: 'field';
	ident: string[];
	/** For `.a.b`: where `.b` starts, Go's position of the node in error messages. */
	errPos?: number;
}

export interface VariableNode extends Base {
	type: 'variable';
	ident: string[];
	errPos?: number;
}

export interface ChainNode extends Base {
	type: 'chain';
	node: ArgNode;
	field: string[];
	errPos?: number;
}

export interface IdentifierNode extends Base {
	type: 'identifier';
	name: string;
}

export interface DotNode extends Base {
	type: 'dot';
}

export interface NilNode extends Base {
	type: 'nil';
}

export interface BoolNode extends Base {
	type: 'bool';
	value: boolean;
}

export interface NumberNode extends Base {
	type: 'number';
	text: string;
	/** The value as a template constant has it: bigint for an int, number for a float. */
	value?: bigint | number;
	/** Set when the literal does not fit an int (Go: "overflows int" at execution). */
	overflows?: boolean;
}

export interface StringNode extends Base {
	type: 'string';
	quoted: string;
	text: string;
}

export type ArgNode = FieldNode | VariableNode | ChainNode | IdentifierNode | DotNode | NilNode | BoolNode | NumberNode | StringNode | PipeNode;

export type AnyNode = Node | ArgNode | CommandNode;

function pipeString(pipe: PipeNode): string {
	let s = '';
	if (pipe.decl.length > 0) s = pipe.decl.map(nodeString).join(', ') + (pipe.isAssign ? ' = ' : ' := ');
	return s + pipe.cmds.map(nodeString).join(' | ');
}

/** Go's String() of a node: the text its error messages show between < and >. */
export function nodeString(node: AnyNode): string {
	switch (node.type) {
		case 'list':
			return node.nodes.map(nodeString).join('');
		case 'text':
			return JSON.stringify(node.text);
		case 'action':
			return `{{${pipeString(node.pipe)}}}`;
		case 'if':
		case 'with':
		case 'range': {
			let s = `{{${node.type} ${pipeString(node.pipe)}}}${nodeString(node.list)}`;
			if (node.elseList) s += `{{else}}${nodeString(node.elseList)}`;
			return s + '{{end}}';
		}
		case 'template':
			return node.pipe ? `{{template ${JSON.stringify(node.name)} ${pipeString(node.pipe)}}}` : `{{template ${JSON.stringify(node.name)}}}`;
		case 'break':
		case 'continue':
			return `{{${node.type}}}`;
		case 'pipe':
			return pipeString(node);
		case 'command':
			return node.args.map((a) => (a.type === 'pipe' ? `(${pipeString(a)})` : nodeString(a))).join(' ');
		case 'field':
			return '.' + node.ident.join('.');
		case 'variable':
			return node.ident.join('.');
		case 'chain': {
			const inner = node.node.type === 'pipe' ? `(${pipeString(node.node)})` : nodeString(node.node);
			return inner + '.' + node.field.join('.');
		}
		case 'identifier':
			return node.name;
		case 'dot':
			return '.';
		case 'nil':
			return 'nil';
		case 'bool':
			return node.value ? 'true' : 'false';
		case 'number':
			return node.text;
		case 'string':
			return node.quoted;
	}
}

/** Where Go's error messages locate a node (its Position()), which differs from where its source starts. */
export function errorPosition(node: AnyNode): number {
	switch (node.type) {
		case 'action':
		case 'if':
		case 'with':
		case 'range':
			return node.pipe.pos;
		case 'template':
			return node.namePos;
		case 'field':
		case 'variable':
		case 'chain':
			return node.errPos ?? node.pos;
	}
	return node.pos;
}
