// missing-pdb: replicated workloads with several replicas that no PodDisruptionBudget selects.
import type { Rule } from '../core/rule';
import { pdbCompanion } from './companions';
import { effectiveReplicas, isKustomizePatch, objectLabel, pdbSelects, selectorsMaybeSelecting } from './helpers';

export const rule: Rule = {
	id: 'missing-pdb',
	title: 'Workload has no PodDisruptionBudget',
	category: 'Zero downtime',
	defaultSeverity: 'warning',
	description: 'Flags a replicated workload (Deployment, StatefulSet, ReplicaSet, ReplicationController) with more than one replica whose pods no PodDisruptionBudget of its namespace selects.',
	rationale:
		'Node drains (upgrades, autoscaler scale-downs, maintenance) evict pods through the eviction API, which only holds back when a PodDisruptionBudget says so. Without one, a drain may evict every replica at the same time and the service goes down although it runs several pods.',
	remediation: 'Add a PodDisruptionBudget (policy/v1) whose selector matches the pod labels, with `maxUnavailable: 1` (or a `minAvailable` below the replica count).',
	leavesAlone:
		'Single replicas (explicit, default, or an HPA\'s `minReplicas` of 1, which counts instead of `replicas`): a budget could only block drains (see `pdb-blocks-eviction`). DaemonSets, Jobs and bare Pods. PDBs select pods: a PDB matching the workload\'s own `metadata.labels` does not count. A policy/v1 `selector: {}` selects every pod of its namespace, a missing selector none; a policy/v1beta1 empty selector selects none. An unset namespace only matches an unset namespace (namespaces compare as written: one a kustomization assigns at build time is not applied). Files listed as Kustomize patches. The generated PDB copies the workload\'s `spec.selector` (matchLabels and matchExpressions), else its template labels; there is none when both are empty.',
	fixKind: 'G',
	fixSafety: 'unsafe',
	kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'],
	crossResource: true,
	examples: {
		incorrect: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
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
  namespace: shop
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
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: shop
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: web}
`,
	},
	check(ctx) {
		const { object, workspace } = ctx;
		if (!object.isReplicated || isKustomizePatch(object, workspace)) return;
		const replicas = effectiveReplicas(object, workspace);
		if (!(replicas > 1)) return;
		if (selectorsMaybeSelecting(workspace, 'PodDisruptionBudget', object).some((pdb) => pdbSelects(pdb, object))) return;
		ctx.report({
			range: object.kindRange(),
			message: `No PodDisruptionBudget selects the ${replicas} replicas of ${objectLabel(object)}: a node drain may evict them all at once.`,
			fix: pdbCompanion(object),
		});
	},
};
