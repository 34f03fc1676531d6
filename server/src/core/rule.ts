// What a rule module declares, and the context its check runs in. Rules are data plus one `check`:
// the registry (rules/index.ts) drives diagnostics, hover, docs, settings and the CLI from these fields.
import type { K8sObject } from './k8s';
import type { WorkspaceIndex } from './workspace';
import type { Config, FixPlan, FixSafety, OffsetRange, SeveritySetting } from './types';

export type Category =
	| 'Health checks'
	| 'Resources'
	| 'Labels'
	| 'Namespaces'
	| 'Access control'
	| 'Network policies'
	| 'Stateless first'
	| 'Autoscaling'
	| 'Image sources'
	| 'Priority'
	| 'Zero downtime'
	| 'Container security'
	| 'API versions';

export interface RuleReport {
	/** Where the diagnostic sits (RULES.md, Range); null drops the report (nothing to point at). */
	range: OffsetRange | null;
	message: string;
	/** Overrides the configured severity for this finding (deprecated-api-version: removed vs deprecated). */
	severity?: SeveritySetting;
	fix?: FixPlan;
}

export interface RuleContext {
	object: K8sObject;
	workspace: WorkspaceIndex;
	config: Config;
	report(report: RuleReport): void;
}

export interface RuleExample {
	/** A manifest (or several documents) the rule flags. */
	incorrect: string;
	/** The same manifest written correctly. */
	correct: string;
}

export interface Rule {
	id: string;
	title: string;
	category: Category;
	defaultSeverity: SeveritySetting;
	/** One sentence: what the rule flags. */
	description: string;
	/** Why it matters in production. */
	rationale: string;
	/** How to fix it; ends with a period. */
	remediation: string;
	/** Cases the rule deliberately leaves alone, and known limits. */
	leavesAlone?: string;
	/** Q = quick fix in place, G = companion document, '-' = none. */
	fixKind: 'Q' | 'G' | '-';
	/**
	 * Whether the rule's fix is safe (RULES.md "Fix safety"); required with a fix, absent without one.
	 * `per-fix`: each plan says (deprecated-api-version: safe for identical-schema moves only). Companion
	 * documents are always unsafe.
	 */
	fixSafety?: FixSafety | 'per-fix';
	/** Object kinds the rule looks at; undefined = every Kubernetes object. */
	kinds?: readonly string[];
	/** Whether the rule reads other objects of the workspace (its findings change when they change). */
	crossResource?: boolean;
	examples: RuleExample;
	check(ctx: RuleContext): void;
}

/**
 * The safety of a reported plan: its own, else the rule's declaration; unsafe when neither says (a
 * fix whose safety nobody declared is never applied unasked). Companion documents are always unsafe.
 */
export function planSafety(rule: Pick<Rule, 'fixSafety'> | undefined, plan: FixPlan): FixSafety {
	if (plan.ops.some((op) => op.op === 'appendDocument')) return 'unsafe';
	if (plan.safety) return plan.safety;
	return rule?.fixSafety === 'safe' ? 'safe' : 'unsafe';
}

/** The command, contributed by the extension, that opens a rule's bundled page rendered in the editor. */
export const SHOW_RULE_DOCUMENTATION_COMMAND = 'bosun.showRuleDocumentation';

/** A rule's documentation page, relative to the package root (the .vsix and the npm package ship docs/). */
export function ruleDocsPath(ruleId: string): string {
	return `docs/rules/${ruleId}.md`;
}

/**
 * The one link to a rule's documentation, used by diagnostics (their code link), hover, settings and the
 * commands. Bosun has no website: the pages ship inside the extension, so the link is a command URI that
 * asks the extension to open the bundled page rendered (VS Code opens command URIs from a diagnostic's code
 * link, a trusted hover and the settings editor).
 */
export function ruleDocsLink(ruleId: string): string {
	return `command:${SHOW_RULE_DOCUMENTATION_COMMAND}?${encodeURIComponent(JSON.stringify([ruleId]))}`;
}
