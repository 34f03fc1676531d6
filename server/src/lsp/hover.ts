// Hover on a Bosun diagnostic: what the rule checks (title), why it matters (rationale), how to fix it
// (remediation) and a link to its documentation, from the registry. The diagnostic's own message is
// shown by the editor next to it, so it is not repeated here.
import { CancellationToken, Hover, HoverParams, MarkupKind } from 'vscode-languageserver';
import { docsUrl, Rule } from '../core/rule';
import { RULES_BY_ID } from '../rules';
import { guarded, ServerContext } from './context';
import { toRange } from './diagnostics';

export function ruleHoverMarkdown(rule: Rule): string {
	return [
		`**${rule.title}** (\`${rule.id}\`)`,
		`**Why it matters:** ${rule.rationale}`,
		`**How to fix:** ${rule.remediation}`,
		`[Documentation](${docsUrl(rule.id)})`,
	].join('\n\n');
}

export function hoverAt(ctx: ServerContext, params: HoverParams, token: CancellationToken): Hover | null {
	if (token.isCancellationRequested) return null;
	const latest = ctx.diagnostics.findingsFor(params.textDocument.uri);
	if (!latest) return null;
	const offset = latest.lines.offset(params.position);
	const hits = latest.findings.filter((f) => f.range.start <= offset && offset <= f.range.end && RULES_BY_ID.has(f.ruleId));
	if (!hits.length || token.isCancellationRequested) return null;
	const rules = [...new Set(hits.map((f) => f.ruleId))].map((id) => RULES_BY_ID.get(id)!);
	return {
		contents: { kind: MarkupKind.Markdown, value: rules.map(ruleHoverMarkdown).join('\n\n---\n\n') },
		range: toRange(latest.lines, hits[0].range),
	};
}

export function registerHover(ctx: ServerContext): void {
	ctx.capabilities.hoverProvider = true;
	ctx.connection.onHover(guarded(ctx.log, 'hover', null, (params: HoverParams, token: CancellationToken) => hoverAt(ctx, params, token)));
}
