// deprecated-api-version: objects written against an API version the target Kubernetes release has
// deprecated (warning) or no longer serves (error), with a quick fix where the move is mechanical.
import { K8sObject } from '../core/k8s';
import type { Rule } from '../core/rule';
import { isEmptySelector } from '../core/selectors';
import type { FixOp, FixPlan } from '../core/types';
import { ApiMove, findApiMove, minorOf, NEWEST_KNOWN_MINOR } from './apiVersions';

/** Kinds whose apps/v1 version requires `spec.selector` (older versions defaulted it from the template labels). */
const SELECTOR_REQUIRED = new Set(['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet']);
/** Fields the apps/v1 schema dropped: `rollbackTo` (Deployment) and `templateGeneration` (DaemonSet). */
const DROPPED_SPEC_FIELDS = ['rollbackTo', 'templateGeneration'];

/** In policy/v1beta1 an empty PDB selector selects no pod; in policy/v1 it selects every pod of the namespace. */
function emptyPdbSelector(object: K8sObject): boolean {
	const selector = object.get(['spec', 'selector']);
	return object.kind === 'PodDisruptionBudget' && selector !== undefined && selector !== null && isEmptySelector(selector);
}

/**
 * The quick fix for a mechanical move: the new apiVersion, plus the fix-ups that keep the object's
 * meaning. None when the move would change behaviour or the object lacks what the new version needs.
 */
function mechanicalFix(object: K8sObject, move: ApiMove): FixPlan | undefined {
	if (!move.mechanical || !move.replacement) return undefined;
	const ops: FixOp[] = [{ op: 'set', path: ['apiVersion'], value: move.replacement }];
	const extras: string[] = [];
	if (SELECTOR_REQUIRED.has(object.kind)) {
		const selector = object.get(['spec', 'selector']);
		if (selector === undefined || selector === null) {
			const labels = object.templateLabels;
			// Without template labels there is nothing to select on: the user must choose a selector.
			if (Object.keys(labels).length === 0) return undefined;
			ops.push({ op: 'set', path: ['spec', 'selector', 'matchLabels'], value: labels });
			extras.push('add spec.selector.matchLabels from the template labels');
		}
		for (const field of DROPPED_SPEC_FIELDS) {
			if (object.get(['spec', field]) === undefined) continue;
			ops.push({ op: 'delete', path: ['spec', field] });
			extras.push(`remove spec.${field}`);
		}
	}
	if (emptyPdbSelector(object)) return undefined;
	const title = [`Change apiVersion to ${move.replacement}`, ...extras].join(', ').replace(/, ([^,]*)$/, ' and $1');
	// Safe only when nothing but the apiVersion changes and the new version means the same (RULES.md "Fix safety").
	return { title, ops, safety: move.sameSchema && extras.length === 0 ? 'safe' : 'unsafe' };
}

/** The release the manifests target: the `kubernetesVersion` setting, else the newest one the table knows. */
function targetMinor(setting: string): string {
	return setting && Number.isFinite(minorOf(setting)) ? setting : NEWEST_KNOWN_MINOR;
}

export const rule: Rule = {
	id: 'deprecated-api-version',
	title: 'API version is deprecated or removed',
	category: 'API versions',
	defaultSeverity: 'error',
	description:
		'Flags an object whose apiVersion and kind the target Kubernetes release (setting `kubernetesVersion`, default the newest release the table knows) no longer serves (error) or has deprecated (warning), such as `extensions/v1beta1` Deployments, `policy/v1beta1` PodDisruptionBudgets or `autoscaling/v2beta2` HPAs.',
	rationale:
		'The API server rejects objects of a removed API version, so a manifest that applied yesterday fails during the cluster upgrade, often in the middle of a rollout. Deprecated versions still work but have a removal date; moving early keeps the upgrade boring.',
	remediation: 'Change `apiVersion` to the replacement the message names and adapt the fields that changed between the versions (the quick fix does it where only the version changes).',
	leavesAlone:
		`Current versions, including older ones that are still served and not deprecated (\`autoscaling/v1\`); groups the table does not know (custom resources) and kinds it does not list for a group (\`storage.k8s.io/v1beta1\` VolumeAttributesClass is a current beta); versions deprecated after the target release. Without \`kubernetesVersion\` the target is ${NEWEST_KNOWN_MINOR}. The quick fix is offered only where the move is mechanical: \`policy/v1beta1\` PodDisruptionBudget (unless its selector is empty, which selects every pod in policy/v1), \`batch/v1beta1\` CronJob, \`autoscaling/v2beta2\` HPA, RBAC, PriorityClass, storage and similar moves with no schema change, and \`extensions/v1beta1\` or \`apps/v1beta*\` workloads to \`apps/v1\` (adding \`spec.selector.matchLabels\` from the template labels when absent, no fix when the template has no labels, removing \`rollbackTo\`/\`templateGeneration\`). It does not pin the old defaults apps/v1 changed (DaemonSet and apps/v1beta1 StatefulSet \`updateStrategy\` OnDelete, Deployment \`revisionHistoryLimit\`, \`progressDeadlineSeconds\`, surge settings). No fix where the schema changed (Ingress backends, CRDs, webhooks, autoscaling/v2beta1 metrics). Alpha versions are listed only where manifests commonly used them; the core v1 Endpoints deprecation of 1.33 is not an API version change and is not reported.`,
	fixKind: 'Q',
	fixSafety: 'per-fix',
	examples: {
		incorrect: `apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: web}
`,
		correct: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: web}
`,
	},
	check(ctx) {
		const { object } = ctx;
		const move = findApiMove(object.apiVersion, object.kind);
		if (!move) return;
		const target = targetMinor(ctx.config.kubernetesVersion);
		const t = minorOf(target);
		if (t < minorOf(move.deprecatedIn)) return;
		const removed = t >= minorOf(move.removedIn);
		const note = move.note ? ` (${move.note})` : '';
		const instead = move.replacement ? `use ${move.replacement}${note}${emptyPdbSelector(object) ? ' (its empty selector would select every pod of the namespace there)' : ''}` : (move.note ?? 'it has no replacement');
		const subject = `${object.apiVersion} ${object.kind}`;
		ctx.report({
			range: object.valueRange(['apiVersion']),
			severity: removed ? 'error' : 'warning',
			message: removed
				? `${subject} is not served by Kubernetes ${target} (removed in ${move.removedIn}): ${instead}.`
				: `${subject} is deprecated since Kubernetes ${move.deprecatedIn} and removed in ${move.removedIn}: ${instead}.`,
			fix: mechanicalFix(object, move),
		});
	},
};
