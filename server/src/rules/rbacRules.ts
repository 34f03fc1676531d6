// The PolicyRules of Roles and ClusterRoles as the RBAC rules read them: each rule's verbs, resources,
// API groups and resourceNames as string lists, and the shared check "a rule granting one of these
// verbs on one of these core resources", reported on each matching `resources` item.
import { isPlainObject, K8sObject } from '../core/k8s';
import type { RuleContext } from '../core/rule';
import type { Path } from '../core/types';
import { stringItems } from './securityHelpers';

export const ROLE_KINDS = ['Role', 'ClusterRole'];

export interface PolicyRuleRef {
	/** Path of the rule map, relative to the object. */
	path: Path;
	verbs: string[];
	resources: { item: string; index: number }[];
	apiGroups: string[];
	resourceNames: string[];
}

/**
 * The rules of a Role or ClusterRole. An aggregated ClusterRole's rules are written by the
 * aggregation controller from the selected roles, so what the manifest lists there is not the grant.
 */
export function policyRules(object: K8sObject): PolicyRuleRef[] {
	if (!ROLE_KINDS.includes(object.kind)) return [];
	if (object.kind === 'ClusterRole' && isPlainObject(object.get(['aggregationRule']))) return [];
	const rules = object.get(['rules']);
	if (!Array.isArray(rules)) return [];
	return rules.flatMap((rule, i) => {
		if (!isPlainObject(rule)) return [];
		const strings = (v: unknown) => stringItems(v).map(({ item }) => item);
		return [{ path: ['rules', i], verbs: strings(rule.verbs), resources: stringItems(rule.resources), apiGroups: strings(rule.apiGroups), resourceNames: strings(rule.resourceNames) }];
	});
}

/**
 * The roles every cluster defines itself (RBAC's bootstrap policy): ClusterRoles named admin, edit, view
 * or cluster-admin, or labelled `kubernetes.io/bootstrapping: rbac-defaults`. A file that defines them
 * copies what the API server keeps reconciling anyway, so the rules that judge a role's own rules leave
 * them alone (a binding to one is still judged).
 */
const BOOTSTRAP_ROLE_NAMES = new Set(['admin', 'edit', 'view', 'cluster-admin']);

export function isBootstrapRole(object: K8sObject): boolean {
	if (object.kind !== 'ClusterRole') return false;
	return (object.name !== undefined && BOOTSTRAP_ROLE_NAMES.has(object.name)) || object.labels['kubernetes.io/bootstrapping'] === 'rbac-defaults';
}

/** The rules a role-judging rule looks at: none for a bootstrap role (see isBootstrapRole). */
export function judgedPolicyRules(object: K8sObject): PolicyRuleRef[] {
	return isBootstrapRole(object) ? [] : policyRules(object);
}

/** A rule granting every verb on every resource in every API group: cluster-admin's own rule. */
export function grantsEverything(rule: PolicyRuleRef): boolean {
	return rule.verbs.includes('*') && rule.resources.some(({ item }) => item === '*') && rule.apiGroups.includes('*') && rule.resourceNames.length === 0;
}

export interface ResourceGrantCheck {
	/** Verbs that make the grant (`*` always counts). */
	verbs: readonly string[];
	/** Core-group resources (and subresources) the rule is about. */
	resources: readonly string[];
	/** A rule restricted to named objects (`resourceNames`) does not count. */
	ignoreResourceNames: boolean;
	message: (resource: string, verbs: string[]) => string;
}

/**
 * Reports each `resources` item naming one of `check.resources` in a rule of the core API group (`""`
 * or `*`) that grants one of `check.verbs`. A rule without apiGroups is rejected by the API server
 * and grants nothing.
 */
export function checkResourceGrant(ctx: RuleContext, check: ResourceGrantCheck): void {
	const { object } = ctx;
	for (const rule of judgedPolicyRules(object)) {
		if (!rule.apiGroups.some((g) => g === '' || g === '*')) continue;
		if (check.ignoreResourceNames && rule.resourceNames.length > 0) continue;
		const granted = rule.verbs.includes('*') ? ['*'] : rule.verbs.filter((v) => check.verbs.includes(v));
		if (granted.length === 0) continue;
		for (const { item, index } of rule.resources) {
			if (!check.resources.includes(item)) continue;
			ctx.report({ range: object.valueRange([...rule.path, 'resources', index]), message: check.message(item, granted) });
		}
	}
}
