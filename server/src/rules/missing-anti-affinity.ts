// missing-anti-affinity: replicated workloads with several replicas and nothing spreading them over nodes.
import type { K8sObject } from '../core/k8s';
import type { Rule } from '../core/rule';
import type { FixPlan } from '../core/types';
import { effectiveReplicas, isKustomizePatch, objectLabel } from './helpers';

/** topologySpreadConstraints on the hostname, soft (ScheduleAnyway), selecting the template labels. */
function spreadFix(object: K8sObject): FixPlan | undefined {
	const specPath = object.podSpecPath;
	const labels = object.templateLabels;
	// without template labels the constraint would count every pod of the namespace
	if (!specPath || !Object.keys(labels).length) return undefined;
	return {
		title: 'Spread pods over nodes (topologySpreadConstraints on kubernetes.io/hostname)',
		ops: [
			{
				op: 'set',
				path: [...specPath, 'topologySpreadConstraints'],
				value: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { ...labels } } }],
			},
		],
	};
}

export const rule: Rule = {
	id: 'missing-anti-affinity',
	title: 'Replicas may all land on one node',
	category: 'Zero downtime',
	defaultSeverity: 'info',
	description: 'Flags a replicated workload with more than one replica whose pod spec has neither `affinity.podAntiAffinity` nor `topologySpreadConstraints`.',
	rationale:
		'The scheduler spreads replicas only loosely by default. Nothing stops it from packing every replica on the same node, and then one node failure or drain takes all of them down at once, despite the replica count.',
	remediation: 'Add `topologySpreadConstraints` on `kubernetes.io/hostname` (or a zone key) selecting the pod labels, or a `podAntiAffinity` rule.',
	leavesAlone:
		'Workloads with either `podAntiAffinity` or a non-empty `topologySpreadConstraints`, whatever their topology key; `podAffinity` and `nodeAffinity` do not spread. One replica (explicit, default, or an HPA\'s `minReplicas` of 1, which counts instead of `replicas`); DaemonSets (one pod per node already), Jobs and bare Pods. Files listed as Kustomize patches. Cluster-wide default spreading configured in the scheduler is not visible here. The quick fix inserts a soft (`ScheduleAnyway`) spread on `kubernetes.io/hostname`; it is not offered when the pod template has no labels.',
	fixKind: 'Q',
	fixSafety: 'safe',
	kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'],
	crossResource: true,
	examples: {
		incorrect: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
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
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels: {app: web}
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
`,
	},
	check(ctx) {
		const { object, workspace } = ctx;
		const spec = object.podSpec;
		if (!spec || !object.isReplicated || isKustomizePatch(object, workspace)) return;
		const replicas = effectiveReplicas(object, workspace);
		if (!(replicas > 1)) return;
		const antiAffinity = spec.affinity?.podAntiAffinity;
		const spread = spec.topologySpreadConstraints;
		if ((antiAffinity !== undefined && antiAffinity !== null) || (Array.isArray(spread) && spread.length)) return;
		ctx.report({
			range: object.kindRange(),
			message: `${objectLabel(object)} runs ${replicas} replicas with neither podAntiAffinity nor topologySpreadConstraints: they may all land on one node.`,
			fix: spreadFix(object),
		});
	},
};
