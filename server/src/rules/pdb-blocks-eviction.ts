// pdb-blocks-eviction: PodDisruptionBudgets that can never allow an eviction.
import type { K8sObject } from '../core/k8s';
import type { Rule } from '../core/rule';
import type { WorkspaceIndex } from '../core/workspace';
import { effectiveReplicas, objectLabel, workloadsSelectedByPdb } from './helpers';

/** An IntOrString budget: `2` or `"50%"`; undefined when unreadable. */
function parseBudget(value: unknown): { amount: number; percent: boolean } | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? { amount: value, percent: false } : undefined;
	if (typeof value !== 'string') return undefined;
	const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(value);
	return m ? { amount: Number(m[1]), percent: m[2] === '%' } : undefined;
}

/**
 * Total replicas of the selected workloads, with the names for the message; undefined when a selected
 * workload's pod count is unknown (a DaemonSet runs one pod per node, Jobs come and go).
 */
function selectedReplicas(pdb: K8sObject, workspace: WorkspaceIndex): { total: number; names: string[] } | undefined {
	const selected = workloadsSelectedByPdb(pdb, workspace);
	if (!selected.length) return undefined;
	let total = 0;
	for (const w of selected) {
		if (w.isReplicated) total += effectiveReplicas(w, workspace);
		else if (w.kind === 'Pod') total += 1;
		else return undefined;
	}
	return { total, names: selected.map(objectLabel) };
}

export const rule: Rule = {
	id: 'pdb-blocks-eviction',
	title: 'PodDisruptionBudget blocks every eviction',
	category: 'Zero downtime',
	defaultSeverity: 'warning',
	description: 'Flags a PodDisruptionBudget that can never allow an eviction: `maxUnavailable: 0` or `0%`, `minAvailable: 100%`, or a `minAvailable` at least the total replica count of the workspace workloads it selects.',
	rationale:
		'A budget that allows zero disruptions makes `kubectl drain` retry forever: node upgrades, cluster-autoscaler scale-downs and maintenance hang until someone deletes the budget or the pods by hand, which is exactly the protection the budget was meant to give.',
	remediation: 'Allow at least one disruption: `maxUnavailable: 1`, or a `minAvailable` below the replica count (and run more replicas if one is all there is).',
	leavesAlone:
		'Budgets that allow at least one disruption. `minAvailable` budgets that select no workload of the workspace (their pod count is unknown), or that select a DaemonSet, Job or CronJob (pod count unknown), or workloads scaled to zero. Replica counts follow the HPA\'s `minReplicas` when an HPA targets the workload; a percentage is taken of the total and rounded up, as the disruption controller does.',
	fixKind: '-',
	kinds: ['PodDisruptionBudget'],
	crossResource: true,
	examples: {
		incorrect: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 0
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
		const { object, workspace } = ctx;
		const maxUnavailable = parseBudget(object.get(['spec', 'maxUnavailable']));
		if (maxUnavailable && maxUnavailable.amount === 0) {
			ctx.report({
				range: object.valueRange(['spec', 'maxUnavailable']),
				message: `${objectLabel(object)} allows no pod to be unavailable: every eviction is refused and node drains hang.`,
			});
		}
		const minAvailable = parseBudget(object.get(['spec', 'minAvailable']));
		if (!minAvailable) return;
		if (minAvailable.percent && minAvailable.amount >= 100) {
			ctx.report({
				range: object.valueRange(['spec', 'minAvailable']),
				message: `${objectLabel(object)} requires ${minAvailable.amount}% of its pods available: every eviction is refused and node drains hang.`,
			});
			return;
		}
		const selected = selectedReplicas(object, workspace);
		if (!selected || selected.total <= 0) return;
		const needed = minAvailable.percent ? Math.ceil((selected.total * minAvailable.amount) / 100) : minAvailable.amount;
		if (needed < selected.total) return;
		ctx.report({
			range: object.valueRange(['spec', 'minAvailable']),
			message: `${objectLabel(object)} requires ${needed} available pod${needed === 1 ? '' : 's'} of the ${selected.total} replica${selected.total === 1 ? '' : 's'} of ${selected.names.join(', ')}: every eviction is refused and node drains hang.`,
		});
	},
};
