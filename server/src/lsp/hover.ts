// Hover that teaches. On a Bosun diagnostic: what the rule checks (title), why it matters (rationale),
// how to fix it (remediation) and a link to its documentation, from the registry; the diagnostic's own
// message is shown by the editor next to it, so it is not repeated here. Then, inside a Kubernetes
// document, what the key or value under the cursor does in production (rules/explain.ts): the key's
// meaning with its kubernetes.io page, quantities in plain numbers, what a selector selects, the
// LimitRange behind a silent resource rule.
import { basename } from 'node:path';
import { CancellationToken, Hover, HoverParams, MarkupKind } from 'vscode-languageserver';
import { cursorTarget } from '../core/cursor';
import { Rule, ruleDocsLink } from '../core/rule';
import { RULES_BY_ID } from '../rules';
import { explainTarget } from '../rules/explain';
import { guarded, ServerContext } from './context';
import { FileFindings, toRange } from './diagnostics';
import { relativeInside, uriToPath } from './files';

export function ruleHoverMarkdown(rule: Rule): string {
	return [
		`**${rule.title}** (\`${rule.id}\`)`,
		`**Why it matters:** ${rule.rationale}`,
		`**How to fix:** ${rule.remediation}`,
		`[Documentation](${ruleDocsLink(rule.id)})`,
	].join('\n\n');
}

/** An object's file as a hover names it: relative to its workspace folder, else the file name. */
function fileLabel(ctx: ServerContext, file: string): string {
	const path = uriToPath(file);
	if (!path) return file;
	const folder = ctx.folders.folderOf(path);
	return (folder && relativeInside(folder.path, path)) || basename(path);
}

function explanationsAt(ctx: ServerContext, latest: FileFindings, offset: number): { sections: string[]; range?: { start: number; end: number } } {
	const target = cursorTarget(latest.analysis, offset);
	if (!target) return { sections: [] };
	const sections = explainTarget(target, {
		workspace: ctx.index.workspace,
		config: latest.config,
		fileLabel: (file) => fileLabel(ctx, file),
		workspaceComplete: ctx.index.ready,
	});
	return { sections, range: target.range };
}

export function hoverAt(ctx: ServerContext, params: HoverParams, token: CancellationToken): Hover | null {
	if (token.isCancellationRequested) return null;
	const latest = ctx.diagnostics.findingsFor(params.textDocument.uri);
	if (!latest) return null;
	const offset = latest.lines.offset(params.position);
	const hits = latest.findings.filter((f) => f.range.start <= offset && offset <= f.range.end && RULES_BY_ID.has(f.ruleId));
	const rules = [...new Set(hits.map((f) => f.ruleId))].map((id) => RULES_BY_ID.get(id)!);
	const explained = explanationsAt(ctx, latest, offset);
	// The rule's help first: a diagnostic at the position is the most urgent thing to say about it.
	const sections = [...rules.map(ruleHoverMarkdown), ...explained.sections];
	if (!sections.length || token.isCancellationRequested) return null;
	const range = hits.length ? hits[0].range : explained.range!;
	return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: toRange(latest.lines, range) };
}

export function registerHover(ctx: ServerContext): void {
	ctx.capabilities.hoverProvider = true;
	ctx.connection.onHover(guarded(ctx.log, 'hover', null, (params: HoverParams, token: CancellationToken) => hoverAt(ctx, params, token)));
}
