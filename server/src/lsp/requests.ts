// Bosun's custom requests: `bosun/lintWorkspace` (the client's "Lint Workspace" command), `bosun/rules`
// (the rule catalog for the "Show Rule Documentation" picker) and `bosun/producedManifests` (what a chart
// renders or an overlay builds, for "Show Rendered Manifests").
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { ruleDocsPath } from '../core/rule';
import { RULES } from '../rules';
import { describeError, guarded, ServerContext } from './context';
import { LINT_WORKSPACE_REQUEST, PRODUCED_MANIFESTS_REQUEST, ProducedManifests, ProducedManifestsParams, RULES_REQUEST, RuleSummary } from './protocol';

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
	ctx.connection.onRequest(
		PRODUCED_MANIFESTS_REQUEST,
		guarded(ctx.log, 'rendering manifests', null as ProducedManifests | null, (params: ProducedManifestsParams) => ctx.sources.producedManifests(params.uri)),
	);
}
