// Writing a `.bosun.yaml` in the editor: completion of its keys, of rule ids under `rules:` and of
// severities after a rule id; hover on a rule id (its title, what it flags, its default severity and
// page); and the quick fix of a "did you mean" problem (a misspelt rule id or key replaced by the known
// one). Its problems themselves are diagnostics from diagnostics.ts (core/config.ts validates). Completion
// reads the lines above the cursor rather than a parse: mid-typing, the file is rarely valid YAML.
import {
	CodeAction,
	CodeActionKind,
	CodeActionParams,
	CompletionItem,
	CompletionItemKind,
	CompletionParams,
	Diagnostic,
	Hover,
	MarkupKind,
	Position,
	TextDocumentEdit,
	TextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isMap, isPair, isScalar, parseDocument } from 'yaml';
import { CONFIG_KEYS, DEFAULT_CONFIG, SEVERITY_SETTINGS } from '../core/config';
import { LineIndex } from '../core/lines';
import { ruleDocsLink } from '../core/rule';
import { RULES, RULES_BY_ID } from '../rules';
import { guarded, ServerContext } from './context';
import { toRange } from './diagnostics';
import { isConfigFilePath, uriToPath } from './files';
import { DIAGNOSTIC_SOURCE } from './protocol';

/** The `data` of a `.bosun.yaml` diagnostic that has a "did you mean" replacement. */
export interface ConfigDiagnosticData {
	replacement: string;
}

const KEY_DOCS: Record<(typeof CONFIG_KEYS)[number], string> = {
	rules: 'Severity per rule id: off, hint, info, warning or error.',
	requiredLabels: `Labels every workload and Service must carry (default: ${DEFAULT_CONFIG.requiredLabels.join(', ')}).`,
	trustedRegistries: 'Image sources untrusted-registry accepts, as registry/path prefixes.',
	kubernetesVersion: 'The Kubernetes minor version the manifests target, e.g. "1.30".',
	resourceDefaults: `Requests and limits the resource quick fixes insert (default cpu ${DEFAULT_CONFIG.resourceDefaults.cpu}, memory ${DEFAULT_CONFIG.resourceDefaults.memory}).`,
	exclude: 'Glob patterns, relative to this file\'s directory, of YAML files Bosun skips.',
	helm: 'How the Helm charts below render: valueFiles, set, releaseName, namespace, kubeVersion, apiVersions.',
	kustomize: 'Whether Kustomize overlays below are built and linted through their output: {enabled: true}.',
};

/** Whether a document is a `.bosun.yaml`. */
export function isConfigDocument(uri: string): boolean {
	const path = uriToPath(uri);
	return path !== undefined && isConfigFilePath(path);
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/** The key of the nearest line above `lineNumber` that is less indented than `indent` (the parent map's key). */
function parentKey(lines: readonly string[], lineNumber: number, indent: number): string | undefined {
	for (let i = lineNumber - 1; i >= 0; i--) {
		const line = lines[i];
		if (!line.trim() || line.trimStart().startsWith('#')) continue;
		if (indentOf(line) < indent) return /^\s*([\w.-]+)\s*:/.exec(line)?.[1];
	}
	return undefined;
}

/** Keys already written in the map at `indent` under the same parent, so completion does not offer them twice. */
function siblingKeys(lines: readonly string[], lineNumber: number, indent: number): Set<string> {
	const keys = new Set<string>();
	const collect = (i: number) => {
		const line = lines[i];
		if (!line.trim() || line.trimStart().startsWith('#')) return true;
		if (indentOf(line) < indent) return false;
		const key = indentOf(line) === indent ? /^\s*([\w.-]+)\s*:/.exec(line)?.[1] : undefined;
		if (key) keys.add(key);
		return true;
	};
	for (let i = lineNumber - 1; i >= 0 && collect(i); i--);
	for (let i = lineNumber + 1; i < lines.length && collect(i); i++);
	return keys;
}

function ruleItem(id: string): CompletionItem {
	const rule = RULES_BY_ID.get(id)!;
	return {
		label: id,
		kind: CompletionItemKind.Property,
		detail: rule.title,
		documentation: { kind: MarkupKind.Markdown, value: `${rule.description}\n\nDefault severity: **${rule.defaultSeverity}**. [Documentation](${ruleDocsLink(id)})` },
		insertText: `${id}: `,
		// Straight on to the severity.
		command: { title: 'Suggest a severity', command: 'editor.action.triggerSuggest' },
	};
}

/** Completion items at a position of a `.bosun.yaml`. */
export function configCompletions(text: string, position: Position): CompletionItem[] {
	const lines = text.split(/\r?\n/);
	const line = lines[position.line] ?? '';
	const before = line.slice(0, position.character);
	const indent = indentOf(line);
	const value = /^\s*([\w.-]+)\s*:\s*([\w]*)$/.exec(before);
	if (value) {
		// After `<rule-id>: `, the severities, the rule's default first.
		if (parentKey(lines, position.line, indent) !== 'rules' || indent === 0) return [];
		const rule = RULES_BY_ID.get(value[1]);
		return SEVERITY_SETTINGS.map((severity, i) => ({
			label: severity,
			kind: CompletionItemKind.EnumMember,
			detail: rule?.defaultSeverity === severity ? 'default' : undefined,
			sortText: rule?.defaultSeverity === severity ? '0' : `${i + 1}`,
		}));
	}
	if (!/^\s*[\w.-]*$/.test(before)) return [];
	const present = siblingKeys(lines, position.line, indent);
	if (indent === 0) {
		return CONFIG_KEYS.filter((key) => !present.has(key)).map((key) => ({
			label: key,
			kind: CompletionItemKind.Module,
			detail: KEY_DOCS[key],
			insertText: `${key}:`,
		}));
	}
	const parent = parentKey(lines, position.line, indent);
	if (parent === 'rules') return RULES.filter((r) => !present.has(r.id)).map((r) => ruleItem(r.id));
	if (parent === 'resourceDefaults') {
		return (['cpu', 'memory'] as const).filter((k) => !present.has(k)).map((k) => ({ label: k, kind: CompletionItemKind.Property, insertText: `${k}: ${DEFAULT_CONFIG.resourceDefaults[k]}` }));
	}
	return [];
}

/** Hover on a rule id under `rules:`: its title, what it flags, its default severity and its page. */
export function configHover(text: string, position: Position): Hover | null {
	const lines = new LineIndex(text);
	const offset = lines.offset(position);
	const doc = parseDocument(text);
	if (!isMap(doc.contents)) return null;
	const rules = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'rules')?.value;
	if (!isMap(rules)) return null;
	for (const pair of rules.items) {
		if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
		const [start, end] = pair.key.range;
		if (offset < start || offset > end) continue;
		const rule = RULES_BY_ID.get(String(pair.key.value));
		if (!rule) return null;
		const value = [`**${rule.title}** (\`${rule.id}\`)`, rule.description, `Default severity: **${rule.defaultSeverity}** · ${rule.category}`, `[Documentation](${ruleDocsLink(rule.id)})`].join('\n\n');
		return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(lines, { start, end }) };
	}
	return null;
}

/** "Change to <known name>" for each "did you mean" problem of a `.bosun.yaml`. */
export function configCodeActions(document: TextDocument, params: CodeActionParams): CodeAction[] {
	const actions: CodeAction[] = [];
	for (const diagnostic of params.context.diagnostics) {
		const replacement = (diagnostic.data as Partial<ConfigDiagnosticData> | undefined)?.replacement;
		if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof replacement !== 'string') continue;
		const edit = TextDocumentEdit.create({ uri: document.uri, version: document.version }, [TextEdit.replace(diagnostic.range, replacement)]);
		actions.push({ title: `Change to "${replacement}"`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: { documentChanges: [edit] } });
	}
	return actions;
}

/** Diagnostic `data` for a problem with a replacement. */
export function configDiagnosticData(replacement: string | undefined): Pick<Diagnostic, 'data'> {
	return replacement ? { data: { replacement } satisfies ConfigDiagnosticData } : {};
}

export function registerConfigAuthoring(ctx: ServerContext): void {
	ctx.capabilities.completionProvider = { triggerCharacters: [' '] };
	ctx.connection.onCompletion(
		guarded(ctx.log, 'completion', [], (params: CompletionParams) => {
			const document = ctx.documents.get(params.textDocument.uri);
			return document && isConfigDocument(document.uri) ? configCompletions(document.getText(), params.position) : [];
		}),
	);
}
