// Code actions on Bosun diagnostics, grouped per rule as ESLint's are: the fix (preferred only when it
// is safe, RULES.md "Fix safety"; companion documents such as a PodDisruptionBudget come from
// companionActions.ts, placed as set), "Fix all <rule-id> problems in this file", "Ignore <rule-id> for
// this object" (the suppression annotation) and "Show documentation for <rule-id>" (the client's
// bosun.showRuleDocumentation command). The `source.fixAll.bosun` kind applies every safe fix of the
// file (fix-on-save), never an unsafe one. A fix's user-chosen values (quantities, probe path and port,
// replica counts) are snippet placeholders for clients that apply LSP 3.18 snippet edits. Every edit is a versioned
// document change for the version that was linted, so the client refuses a fix gone stale; edits come
// from the fix engine, rendered in the file's style and verified before they are offered.
import {
	CancellationToken,
	CodeAction,
	CodeActionKind,
	CodeActionParams,
	Diagnostic,
	TextDocumentEdit,
	TextEdit as LspTextEdit,
	WorkspaceEdit,
} from 'vscode-languageserver';
import {
	fixAll,
	fixPass,
	ignoreEdit,
	isCompanionPlan,
	LintResult,
	objectOfFinding,
	PlaceholderEdit,
	placeholderEdits,
	planToEdits,
	spanEdit,
	TextEdit,
} from '../core/fix';
import { lintAnalysis } from '../core/linter';
import { Rule, SHOW_RULE_DOCUMENTATION_COMMAND } from '../core/rule';
import type { Finding } from '../core/types';
import { WorkspaceIndex } from '../core/workspace';
import { RULES, RULES_BY_ID } from '../rules';
import { companionActionsFor } from './companionActions';
import { guarded, ServerContext } from './context';
import { FileFindings, toRange } from './diagnostics';
import { fileKey } from './files';
import { BosunDiagnosticData, DIAGNOSTIC_SOURCE, SnippetTextEdit } from './protocol';

/** Code action kind of "apply every safe Bosun fix" (editor.codeActionsOnSave: {"source.fixAll.bosun": "explicit"}). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.bosun`;
/** The client command that opens a rule's documentation page (client/src/commands.ts). */

export function versionedEdit(latest: FileFindings, edits: readonly TextEdit[]): WorkspaceEdit {
	const lspEdits = edits.map((e): LspTextEdit => ({ range: toRange(latest.lines, e), newText: e.newText }));
	return { documentChanges: [TextDocumentEdit.create({ uri: latest.uri, version: latest.version! }, lspEdits)] };
}

/** Text of a snippet that stands for itself: `$`, `}` and `\` escaped. */
function snippetLiteral(text: string): string {
	return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/**
 * A versioned edit whose placeholders are snippet tab stops (`${1:128Mi}`), numbered across the edits;
 * edits without a placeholder stay plain text edits.
 */
function versionedSnippetEdit(latest: FileFindings, edits: readonly PlaceholderEdit[]): WorkspaceEdit {
	let tabStop = 0;
	const lspEdits = edits.map((e): LspTextEdit | SnippetTextEdit => {
		const range = toRange(latest.lines, e);
		if (e.placeholders.length === 0) return { range, newText: e.newText };
		let value = '';
		let last = 0;
		for (const p of e.placeholders) {
			value += `${snippetLiteral(e.newText.slice(last, p.start))}\${${++tabStop}:${snippetLiteral(e.newText.slice(p.start, p.end))}}`;
			last = p.end;
		}
		value += snippetLiteral(e.newText.slice(last));
		return { range, snippet: { kind: 'snippet', value } };
	});
	// The 3.17 types know only plain edits; a client that announced snippet edits reads both.
	return { documentChanges: [TextDocumentEdit.create({ uri: latest.uri, version: latest.version! }, lspEdits as LspTextEdit[])] };
}

/** Whether an action of `kind` was asked for (`only` lists kinds or their parents, `source.fixAll` say). */
export function wanted(only: readonly string[] | undefined, kind: string): boolean {
	return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/** The finding a Bosun diagnostic stands for in the latest lint: by index when versions agree, else by rule and range. */
function findingOf(latest: FileFindings, diagnostic: Diagnostic): Finding | undefined {
	const data = diagnostic.data as BosunDiagnosticData | undefined;
	if (diagnostic.source !== DIAGNOSTIC_SOURCE || !data) return undefined;
	const byIndex = data.version === latest.version ? latest.findings[data.findingIndex] : undefined;
	if (byIndex?.ruleId === data.ruleId) return byIndex;
	const start = latest.lines.offset(diagnostic.range.start);
	const end = latest.lines.offset(diagnostic.range.end);
	return latest.findings.find((f) => f.ruleId === data.ruleId && f.range.start === start && f.range.end === end);
}

/**
 * Lints new text of the file the way the server does, against a copy of the workspace index in which
 * this file holds the new objects (the shared index keeps the editor's state).
 */
function relinter(ctx: ServerContext, latest: FileFindings): (text: string) => LintResult {
	return (text) => {
		const analysis = ctx.analyses.analyzeText(latest.uri, text);
		const own = fileKey(latest.uri);
		const workspace = new WorkspaceIndex();
		for (const file of ctx.index.workspace.files()) if (file !== own) workspace.setFile(file, ctx.index.workspace.objectsOf(file));
		workspace.setFile(own, analysis.objects);
		const ruleFilter = ctx.index.ready ? undefined : (rule: Rule) => !rule.crossResource;
		return { analysis, findings: lintAnalysis(analysis, { rules: RULES, config: latest.config, workspace, ruleFilter }) };
	};
}

/** Every safe fix of the file (never an unsafe one: this runs on save), passes repeated until nothing changes, as one versioned edit. */
function fixAllAction(ctx: ServerContext, latest: FileFindings): CodeAction | null {
	const result = fixAll({ analysis: latest.analysis, findings: latest.findings }, relinter(ctx, latest));
	if (result.passes === 0) return null;
	// One pass keeps its separate small edits; several passes become the one span that differs.
	const edits = result.passes === 1 ? result.edits[0] : [spanEdit(latest.analysis.parsed.text, result.text)!];
	return { title: 'Fix all auto-fixable Bosun problems', kind: FIX_ALL_KIND, edit: versionedEdit(latest, edits) };
}

function ruleActions(latest: FileFindings, ruleId: string, findings: readonly Finding[], only: readonly string[] | undefined): CodeAction[] {
	const actions: CodeAction[] = [];
	if (!wanted(only, CodeActionKind.QuickFix)) return actions;
	// Asked for by name, so the rule's fixes apply whatever their safety (fix on save stays safe-only).
	const pass = fixPass(latest.analysis, latest.findings, { filter: (f) => f.ruleId === ruleId, unsafe: true });
	if (pass.applied.length > 1) {
		actions.push({ title: `Fix all ${ruleId} problems in this file`, kind: CodeActionKind.QuickFix, edit: versionedEdit(latest, pass.edits) });
	}
	const objects = new Set<string>();
	for (const finding of findings) {
		const object = objectOfFinding(latest.analysis, finding);
		if (!object || objects.has(object.key)) continue;
		objects.add(object.key);
		const edits = ignoreEdit(object, ruleId, latest.analysis);
		// Several objects in one menu need telling apart.
		const which = findings.length > 1 && object.name ? ` (${object.kind} ${object.name})` : '';
		if (edits) actions.push({ title: `Ignore ${ruleId} for this object${which}`, kind: CodeActionKind.QuickFix, edit: versionedEdit(latest, edits) });
	}
	const title = `Show documentation for ${ruleId}`;
	actions.push({ title, kind: CodeActionKind.QuickFix, command: { title, command: SHOW_RULE_DOCUMENTATION_COMMAND, arguments: [ruleId] } });
	return actions;
}

export function codeActionsFor(ctx: ServerContext, params: CodeActionParams, token: CancellationToken): CodeAction[] {
	const document = ctx.documents.get(params.textDocument.uri);
	const latest = ctx.diagnostics.findingsFor(params.textDocument.uri);
	// Findings of another text than the editor's would produce edits against text that is gone.
	if (!document || !latest || latest.version !== document.version || token.isCancellationRequested) return [];
	const only = params.context.only;
	const actions: CodeAction[] = [];
	const byRule = new Map<string, { finding: Finding; diagnostic: Diagnostic }[]>();
	for (const diagnostic of params.context.diagnostics) {
		const finding = findingOf(latest, diagnostic);
		if (!finding) continue;
		byRule.set(finding.ruleId, [...(byRule.get(finding.ruleId) ?? []), { finding, diagnostic }]);
		const object = finding.fix && objectOfFinding(latest.analysis, finding);
		// Companion documents are companionActions.ts's: it places them as bosun.companions.placement says.
		if (!object || !wanted(only, CodeActionKind.QuickFix) || isCompanionPlan(finding.fix!)) continue;
		const edits = planToEdits(latest.analysis, object, finding.fix!);
		if (!edits) continue;
		const snippets = ctx.client.snippetEdits ? placeholderEdits(latest.analysis, object, finding.fix!, edits) : null;
		actions.push({
			title: finding.fix!.title,
			kind: CodeActionKind.QuickFix,
			diagnostics: [diagnostic],
			// Only a safe fix may be applied without reading it (auto fix, Ctrl+Shift+.).
			isPreferred: finding.fix!.safety === 'safe',
			edit: snippets ? versionedSnippetEdit(latest, snippets) : versionedEdit(latest, edits),
		});
	}
	for (const [ruleId, hits] of byRule) {
		if (token.isCancellationRequested) return [];
		if (RULES_BY_ID.has(ruleId)) actions.push(...ruleActions(latest, ruleId, hits.map((h) => h.finding), only));
	}
	if (only?.some((k) => wanted([k], FIX_ALL_KIND))) {
		const action = fixAllAction(ctx, latest);
		if (action) actions.push(action);
	}
	return actions;
}

export function registerCodeActions(ctx: ServerContext): void {
	ctx.capabilities.codeActionProvider = { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor, FIX_ALL_KIND] };
	ctx.connection.onCodeAction(
		guarded(ctx.log, 'code actions', [], async (params: CodeActionParams, token: CancellationToken) => {
			// Answer for the text the editor shows: let a lint of that version that is still pending finish.
			const document = ctx.documents.get(params.textDocument.uri);
			if (document) await ctx.diagnostics.whenLinted(document.uri, document.version);
			return [...codeActionsFor(ctx, params, token), ...(await companionActionsFor(ctx, params, token))];
		}),
	);
}

