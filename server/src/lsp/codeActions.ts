// Code actions on Bosun diagnostics, in the order a user needs them: the fixes of the findings, most
// severe first, the most severe finding's safe fix preferred (RULES.md "Fix safety"), with one fix for
// findings that share a cause (a container without `resources:`); then companion documents
// (companionActions.ts); then "Fix all safe Bosun problems in this file"; then, for the findings the
// cursor or selection touches, "Fix all <rule-id> problems in this file", "Ignore <rule-id> for this
// object" (the suppression annotation) and "Show documentation for <rule-id>". Only fixes carry
// `diagnostics`, so an editor that sorts by them (VS Code) keeps this order. The `source.fixAll.bosun`
// kind applies every safe fix of the file (fix-on-save), never an unsafe one. A fix's user-chosen values
// (quantities, probe path and port, replica counts) are snippet placeholders for clients that apply LSP
// 3.18 snippet edits. Every edit is a versioned document change for
// the version that was linted, so the client refuses a fix gone stale; edits come from the fix engine,
// rendered in the file's style and verified before they are offered.
import {
	CancellationToken,
	CodeAction,
	CodeActionKind,
	CodeActionParams,
	Diagnostic,
	Position,
	Range,
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
import { Finding, FixPlan, SEVERITY_RANK } from '../core/types';
import { WorkspaceIndex } from '../core/workspace';
import { RULES, RULES_BY_ID } from '../rules';
import { combinedResourceFixes } from '../rules/resourceRules';
import { companionActionsFor } from './companionActions';
import { configCodeActions, isConfigDocument } from './configAuthoring';
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

/** Whether a finding's fix is safe (RULES.md "Fix safety"): only a safe fix is preferred, and only safe fixes are applied in bulk. */
export function isSafeFix(finding: Finding): boolean {
	return finding.fix?.safety === 'safe' && !isCompanionPlan(finding.fix);
}

export const FIX_ALL_SAFE_TITLE = 'Fix all safe Bosun problems in this file';

/** What a "fix all" action carries until it is resolved: the edit is computed only when it is chosen. */
interface FixAllData {
	fixAllSafe: { uri: string; version: number };
}

/** Every safe fix of the file (never an unsafe one: this runs on save), passes repeated until nothing changes, as one versioned edit. */
function fixAllEdit(ctx: ServerContext, latest: FileFindings): WorkspaceEdit | null {
	const result = fixAll({ analysis: latest.analysis, findings: latest.findings }, relinter(ctx, latest));
	if (result.passes === 0) return null;
	// One pass keeps its separate small edits; several passes become the one span that differs.
	const edits = result.passes === 1 ? result.edits[0] : [spanEdit(latest.analysis.parsed.text, result.text)!];
	return versionedEdit(latest, edits);
}

/**
 * "Fix all safe Bosun problems in this file" in the quick-fix menu (as ESLint offers it). Its edit runs
 * the fixes and re-lints: a client that resolves code actions gets it only when the action is chosen.
 */
function fixAllSafeAction(ctx: ServerContext, latest: FileFindings): CodeAction | null {
	if (!latest.findings.some(isSafeFix)) return null;
	if (ctx.client.resolveCodeActionEdits) {
		const data: FixAllData = { fixAllSafe: { uri: latest.uri, version: latest.version! } };
		return { title: FIX_ALL_SAFE_TITLE, kind: CodeActionKind.QuickFix, data };
	}
	const edit = fixAllEdit(ctx, latest);
	return edit && { title: FIX_ALL_SAFE_TITLE, kind: CodeActionKind.QuickFix, edit };
}

/** codeAction/resolve: the edit of a "fix all" action, for the text it was offered on. */
export function resolveCodeAction(ctx: ServerContext, action: CodeAction): CodeAction {
	const data = (action.data as Partial<FixAllData> | undefined)?.fixAllSafe;
	if (!data) return action;
	const latest = ctx.diagnostics.findingsFor(data.uri);
	const document = ctx.documents.get(data.uri);
	// A text that moved on gets no edit rather than one against text that is gone.
	if (!latest || !document || latest.version !== data.version || document.version !== data.version) return action;
	const edit = fixAllEdit(ctx, latest);
	return edit ? { ...action, edit } : action;
}

/**
 * For the rules of the findings the cursor touches: "Fix all <rule-id> problems in this file" (when the
 * rule has more than one), then each rule's "Ignore <rule-id> for this object", then each rule's "Show
 * documentation for <rule-id>": the same kind of entry together, most severe rule first.
 */
function ruleActions(latest: FileFindings, byRule: ReadonlyMap<string, readonly Finding[]>, token: CancellationToken): CodeAction[] {
	const fixAlls: CodeAction[] = [];
	const ignores: CodeAction[] = [];
	const docs: CodeAction[] = [];
	for (const [ruleId, findings] of byRule) {
		if (token.isCancellationRequested) return [];
		// Asked for by name, so the rule's fixes apply whatever their safety (fix on save stays safe-only).
		const pass = fixPass(latest.analysis, latest.findings, { filter: (f) => f.ruleId === ruleId, unsafe: true });
		if (pass.applied.length > 1) {
			fixAlls.push({ title: `Fix all ${ruleId} problems in this file`, kind: CodeActionKind.QuickFix, edit: versionedEdit(latest, pass.edits) });
		}
		const objects = new Set<string>();
		for (const finding of findings) {
			const object = objectOfFinding(latest.analysis, finding);
			if (!object || objects.has(object.key)) continue;
			objects.add(object.key);
			const edits = ignoreEdit(object, ruleId, latest.analysis);
			// Several objects in one menu need telling apart.
			const which = findings.length > 1 && object.name ? ` (${object.kind} ${object.name})` : '';
			if (edits) ignores.push({ title: `Ignore ${ruleId} for this object${which}`, kind: CodeActionKind.QuickFix, edit: versionedEdit(latest, edits) });
		}
		const title = `Show documentation for ${ruleId}`;
		docs.push({ title, kind: CodeActionKind.QuickFix, command: { title, command: SHOW_RULE_DOCUMENTATION_COMMAND, arguments: [ruleId] } });
	}
	return [...fixAlls, ...ignores, ...docs];
}

interface Hit {
	finding: Finding;
	diagnostic: Diagnostic;
}

const bySeverity = (a: Finding, b: Finding) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity];

function touches(diagnostic: Diagnostic, range: Range): boolean {
	const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
	return before(diagnostic.range.start, range.end) && before(range.start, diagnostic.range.end);
}

/**
 * The fixes of the findings, most severe first: one action per fix, and one for the findings of a
 * container without `resources:` together. The first safe one is preferred and comes first.
 */
function fixActions(ctx: ServerContext, latest: FileFindings, hits: readonly Hit[]): CodeAction[] {
	const fixes: { action: CodeAction; severity: number; safe: boolean }[] = [];
	const add = (answers: Hit[], plan: FixPlan) => {
		const object = objectOfFinding(latest.analysis, answers[0].finding);
		// a produced object's fix comes as edits of its source (a values file, a template, a patch)
		const edits = plan.sourceEdits ? [...plan.sourceEdits] : object && planToEdits(latest.analysis, object, plan);
		if (!edits) return false;
		const snippets = object && ctx.client.snippetEdits ? placeholderEdits(latest.analysis, object, plan, edits) : null;
		fixes.push({
			action: {
				title: plan.title,
				kind: CodeActionKind.QuickFix,
				diagnostics: answers.map((h) => h.diagnostic),
				isPreferred: false,
				edit: snippets ? versionedSnippetEdit(latest, snippets) : versionedEdit(latest, edits),
			},
			severity: Math.max(...answers.map((h) => SEVERITY_RANK[h.finding.severity])),
			safe: answers.every((h) => isSafeFix(h.finding)),
		});
		return true;
	};
	const answered = new Set<Finding>();
	const objects = new Set(hits.map((h) => objectOfFinding(latest.analysis, h.finding)).filter((o) => o !== undefined));
	for (const object of objects) {
		for (const related of combinedResourceFixes(object, hits.map((h) => h.finding))) {
			const answers = hits.filter((h) => related.answers.includes(h.finding));
			if (add(answers, related.plan)) for (const h of answers) answered.add(h.finding);
		}
	}
	// Companion documents are companionActions.ts's: it places them as bosun.companions.placement says.
	for (const hit of hits) if (hit.finding.fix && !answered.has(hit.finding) && !isCompanionPlan(hit.finding.fix)) add([hit], hit.finding.fix);
	fixes.sort((a, b) => b.severity - a.severity);
	const preferred = fixes.findIndex((f) => f.safe);
	if (preferred >= 0) {
		const [fix] = fixes.splice(preferred, 1);
		fix.action.isPreferred = true;
		fixes.unshift(fix);
	}
	return fixes.map((f) => f.action);
}

/**
 * Bosun's code actions for a request, with the companion actions (companionActions.ts) in their place:
 * quick fixes between the fixes and "fix all", refactors last.
 */
export function codeActionsFor(ctx: ServerContext, params: CodeActionParams, token: CancellationToken, companions: readonly CodeAction[] = []): CodeAction[] {
	const document = ctx.documents.get(params.textDocument.uri);
	const latest = ctx.diagnostics.findingsFor(params.textDocument.uri);
	// Findings of another text than the editor's would produce edits against text that is gone.
	if (!document || !latest || latest.version !== document.version || token.isCancellationRequested) return [];
	const only = params.context.only;
	const actions: CodeAction[] = [];
	const hits: Hit[] = [];
	for (const diagnostic of params.context.diagnostics) {
		const finding = findingOf(latest, diagnostic);
		if (finding) hits.push({ finding, diagnostic });
	}
	hits.sort((a, b) => bySeverity(a.finding, b.finding));
	if (wanted(only, CodeActionKind.QuickFix)) {
		actions.push(...fixActions(ctx, latest, hits));
		actions.push(...companions.filter((a) => a.kind === CodeActionKind.QuickFix));
		const fixAllSafe = hits.length ? fixAllSafeAction(ctx, latest) : null;
		if (fixAllSafe) actions.push(fixAllSafe);
		// Ignoring or reading about a finding is for the ones the cursor or selection is on.
		const byRule = new Map<string, Finding[]>();
		for (const hit of hits) {
			if (!touches(hit.diagnostic, params.range) || !RULES_BY_ID.has(hit.finding.ruleId)) continue;
			byRule.set(hit.finding.ruleId, [...(byRule.get(hit.finding.ruleId) ?? []), hit.finding]);
		}
		actions.push(...ruleActions(latest, byRule, token));
		if (token.isCancellationRequested) return [];
	}
	actions.push(...companions.filter((a) => a.kind !== CodeActionKind.QuickFix));
	if (only?.some((k) => wanted([k], FIX_ALL_KIND))) {
		const edit = fixAllEdit(ctx, latest);
		if (edit) actions.push({ title: 'Fix all auto-fixable Bosun problems', kind: FIX_ALL_KIND, edit });
	}
	return actions;
}

export function registerCodeActions(ctx: ServerContext): void {
	ctx.capabilities.codeActionProvider = { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor, FIX_ALL_KIND], resolveProvider: true };
	ctx.connection.onCodeAction(
		guarded(ctx.log, 'code actions', [], async (params: CodeActionParams, token: CancellationToken) => {
			// Answer for the text the editor shows: let a lint of that version that is still pending finish.
			const document = ctx.documents.get(params.textDocument.uri);
			if (document && isConfigDocument(document.uri)) return configCodeActions(document, params);
			if (document) await ctx.diagnostics.whenLinted(document.uri, document.version);
			const companions = await companionActionsFor(ctx, params, token);
			return codeActionsFor(ctx, params, token, companions);
		}),
	);
	ctx.connection.onCodeActionResolve((action: CodeAction) => guarded(ctx.log, 'resolving a code action', action, () => resolveCodeAction(ctx, action))());
}
