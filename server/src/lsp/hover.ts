// Hover that teaches without making a wall. On Bosun findings: when several sit at the position, one
// line each, most severe first, each linking its rule's page; then the explanation of the most severe
// one only (what the rule checks, why it matters, how to fix it), so the others are one click away and
// nothing is explained that the list does not name. The diagnostics' own messages are shown by the
// editor next to it, so they are not repeated here. Then, inside a Kubernetes document, what the key or
// value under the cursor does in production (rules/explain.ts): the key's meaning with its
// kubernetes.io page, quantities in plain numbers, what a selector selects, the LimitRange behind a
// silent resource rule.
import { basename } from 'node:path';
import { CancellationToken, Hover, HoverParams, MarkupKind } from 'vscode-languageserver';
import { cursorTarget } from '../core/cursor';
import { Rule, ruleDocsLink } from '../core/rule';
import { Finding, Severity, SEVERITY_RANK } from '../core/types';
import { RULES_BY_ID } from '../rules';
import { explainTarget } from '../rules/explain';
import { configHover, isConfigDocument } from './configAuthoring';
import { guarded, ServerContext } from './context';
import { FileFindings, toRange } from './diagnostics';
import { pathToUri, relativeInside, uriToPath } from './files';

export function ruleHoverMarkdown(rule: Rule): string {
	return [
		`**${rule.title}** (\`${rule.id}\`)`,
		`**Why it matters:** ${rule.rationale}`,
		`**How to fix:** ${rule.remediation}`,
		`[Documentation](${ruleDocsLink(rule.id)})`,
	].join('\n\n');
}

const SEVERITY_LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info', hint: 'Hint' };

/** One line per rule found at the position, in the order given (most severe first). */
function findingsList(findings: readonly Finding[]): string {
	return findings.map((f) => `- **${SEVERITY_LABEL[f.severity]}** ${RULES_BY_ID.get(f.ruleId)!.title} ([\`${f.ruleId}\`](${ruleDocsLink(f.ruleId)}))`).join('\n');
}

/** The Bosun findings at an offset, one per rule, most severe first (then in file order). */
function findingsAt(latest: FileFindings, offset: number): Finding[] {
	const seen = new Set<string>();
	return latest.findings
		.filter((f) => f.range.start <= offset && offset <= f.range.end && RULES_BY_ID.has(f.ruleId))
		.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity])
		.filter((f) => !seen.has(f.ruleId) && seen.add(f.ruleId));
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

export async function hoverAt(ctx: ServerContext, params: HoverParams, token: CancellationToken): Promise<Hover | null> {
	if (token.isCancellationRequested) return null;
	if (isConfigDocument(params.textDocument.uri)) {
		const document = ctx.documents.get(params.textDocument.uri);
		return document ? configHover(document.getText(), params.position) : null;
	}
	const latest = ctx.diagnostics.findingsFor(params.textDocument.uri);
	if (!latest) return null;
	const offset = latest.lines.offset(params.position);
	const hits = findingsAt(latest, offset);
	const explained = explanationsAt(ctx, latest, offset);
	// In a chart template, `.Values.a.b` under the cursor: its value and where it is set.
	const value = explained.sections.length ? null : await ctx.sources.valuesHover(params.textDocument.uri, latest.analysis.parsed.text, offset, (file) => fileLabel(ctx, pathToUri(file)));
	// The findings first: a diagnostic at the position is the most urgent thing to say about it.
	const findingSections = hits.length > 1 ? [findingsList(hits)] : [];
	if (hits.length) findingSections.push(ruleHoverMarkdown(RULES_BY_ID.get(hits[0].ruleId)!));
	const sections = [...findingSections, ...explained.sections, ...(value ? [value.markdown] : [])];
	if (!sections.length || token.isCancellationRequested) return null;
	const range = hits.length ? hits[0].range : (explained.range ?? value!.range);
	return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: toRange(latest.lines, range) };
}

export function registerHover(ctx: ServerContext): void {
	ctx.capabilities.hoverProvider = true;
	ctx.connection.onHover(guarded(ctx.log, 'hover', null, (params: HoverParams, token: CancellationToken) => hoverAt(ctx, params, token)));
}
