// Bosun's custom requests: `bosun/lintWorkspace` (the client's "Lint Workspace" command) and
// `bosun/rules` (the rule catalog for the "Show Rule Documentation" picker).
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { ruleDocsPath } from '../core/rule';
import { RULES } from '../rules';
import { describeError, guarded, ServerContext } from './context';
import { LINT_WORKSPACE_REQUEST, RULES_REQUEST, RuleSummary } from './protocol';

export function ruleSummaries(): RuleSummary[] {
	return RULES.map((r) => ({ id: r.id, title: r.title, category: r.category, defaultSeverity: r.defaultSeverity, docsPath: ruleDocsPath(r.id) }));
}

export function registerRequests(ctx: ServerContext): void {
	ctx.connection.onRequest(LINT_WORKSPACE_REQUEST, async () => {
		try {
			return await ctx.diagnostics.lintWorkspace();
		} catch (e) {
			// Logged here; the client shows the failure instead of a result that would claim a clean workspace.
			ctx.log.error('Bosun: Lint Workspace failed', e);
			return new ResponseError(ErrorCodes.InternalError, `Lint Workspace failed: ${describeError(e).split('\n')[0]}`);
		}
	});
	ctx.connection.onRequest(RULES_REQUEST, guarded(ctx.log, 'listing rules', [], () => ruleSummaries()));
}
