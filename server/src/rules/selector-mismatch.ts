// selector-mismatch: a workload whose `spec.selector` does not select its own pod template labels.
import { isPlainObject, K8sObject } from '../core/k8s';
import type { Rule } from '../core/rule';
import type { FixPlan, Path } from '../core/types';
import { isEmptySelector, matchesLabelSelector, matchesMapSelector } from '../core/selectors';
import { isKustomizePatch, objectLabel } from './helpers';

const SELECTOR_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController'];

function selectorPath(object: K8sObject): Path {
	return object.kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'selector'] : ['spec', 'selector'];
}

/** The equality requirements a selector makes (matchLabels, or a ReplicationController's plain map). */
function equalityLabels(object: K8sObject, selector: Record<string, unknown>): Record<string, string> {
	const map = object.kind === 'ReplicationController' ? selector : selector.matchLabels;
	const out: Record<string, string> = {};
	if (isPlainObject(map)) for (const [k, v] of Object.entries(map)) out[k] = String(v);
	return out;
}

function selects(object: K8sObject, selector: Record<string, unknown>, labels: Record<string, string>): boolean {
	return object.kind === 'ReplicationController' ? matchesMapSelector(selector, labels) : matchesLabelSelector(selector, labels);
}

/** One short reason per requirement the labels fail, e.g. `tier is "cache", the selector wants one of db`. */
function unmetRequirements(object: K8sObject, selector: Record<string, unknown>, labels: Record<string, string>): string[] {
	const reasons: string[] = [];
	const current = (key: string) => (key in labels ? `${key} is "${labels[key]}"` : `there is no label ${key}`);
	for (const [key, value] of Object.entries(equalityLabels(object, selector))) {
		if (labels[key] !== value) reasons.push(`${current(key)}, the selector wants "${value}"`);
	}
	const expressions = object.kind === 'ReplicationController' || !Array.isArray(selector.matchExpressions) ? [] : selector.matchExpressions;
	for (const expr of expressions) {
		if (matchesLabelSelector({ matchExpressions: [expr] }, labels)) continue;
		const key = isPlainObject(expr) ? String(expr.key) : '?';
		const values = isPlainObject(expr) && Array.isArray(expr.values) ? expr.values.map(String).join(', ') : '';
		switch (isPlainObject(expr) ? expr.operator : undefined) {
			case 'In': reasons.push(`${current(key)}, the selector wants one of ${values}`); break;
			case 'NotIn': reasons.push(`${current(key)}, the selector excludes ${values}`); break;
			case 'Exists': reasons.push(`there is no label ${key}, the selector requires it`); break;
			case 'DoesNotExist': reasons.push(`${current(key)}, the selector requires it to be absent`); break;
			default: reasons.push(`the expression on ${key} has an unknown operator`);
		}
	}
	return reasons;
}

/** Give the template the selector's equality labels, when that alone makes the selector match. */
function templateFix(object: K8sObject, selector: Record<string, unknown>, labels: Record<string, string>): FixPlan | undefined {
	const wanted = Object.entries(equalityLabels(object, selector)).filter(([k, v]) => labels[k] !== v);
	if (wanted.length === 0 || !selects(object, selector, { ...labels, ...Object.fromEntries(wanted) })) return undefined;
	const labelsPath = [...(object.podTemplatePath ?? []), 'metadata', 'labels'];
	const replaces = wanted.some(([k]) => k in labels);
	return {
		title: `${replaces ? 'Set' : 'Add'} pod template label${wanted.length > 1 ? 's' : ''} ${wanted.map(([k, v]) => `${k}: ${v}`).join(', ')}`,
		ops: wanted.map(([k, v]) => ({ op: 'set' as const, path: [...labelsPath, k], value: v })),
	};
}

export const rule: Rule = {
	id: 'selector-mismatch',
	title: 'Selector does not match the pod template',
	category: 'Labels',
	defaultSeverity: 'error',
	description: 'Flags a workload whose `spec.selector` does not select the labels of its own pod template, with full `matchLabels` and `matchExpressions` semantics.',
	rationale:
		'A controller owns the pods its selector matches. The API server rejects a Deployment, ReplicaSet, StatefulSet, DaemonSet, Job or ReplicationController whose selector does not match its template (`selector does not match template labels`), so the apply fails; and because selectors are immutable, the usual way out is to change the template, not the selector.',
	remediation: 'Make the pod template labels satisfy the selector: add the selector\'s `matchLabels` to `spec.template.metadata.labels` and make every `matchExpressions` requirement hold.',
	leavesAlone:
		'Selectors that match, matchExpressions included; workloads without a selector (Jobs and ReplicationControllers get one derived from the template) or with an empty one (apps/v1 rejects that for another reason, which schema validation reports). Files a kustomization in the workspace lists as patches (partial objects) are skipped. A CronJob\'s job template selector is checked the same way. The quick fix sets the selector\'s `matchLabels` (or a ReplicationController\'s selector labels) on the pod template, replacing a different value; it is offered only when that makes the selector match, never when a `matchExpressions` requirement would still fail.',
	fixKind: 'Q',
	fixSafety: 'safe',
	kinds: SELECTOR_KINDS,
	examples: {
		incorrect: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: web
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web-app
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
`,
		correct: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: web
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
`,
	},
	check(ctx) {
		const { object } = ctx;
		// a kustomize patch is a partial object: the template labels it lacks come from the base
		if (!object.isWorkload || isKustomizePatch(object, ctx.workspace)) return;
		const path = selectorPath(object);
		const selector = object.get(path);
		if (!isPlainObject(selector)) return;
		const empty = object.kind === 'ReplicationController' ? Object.keys(selector).length === 0 : isEmptySelector(selector);
		const labels = object.templateLabels;
		if (empty || selects(object, selector, labels)) return;
		const reasons = unmetRequirements(object, selector, labels);
		ctx.report({
			range: object.keyRange(path),
			message: `The selector of ${objectLabel(object)} does not select its pod template labels (${reasons.join('; ')}): the API server rejects it.`,
			fix: templateFix(object, selector, labels),
		});
	},
};
