// missing-network-policy: long-running workloads whose pods no NetworkPolicy of the workspace selects.
import type { Rule } from '../core/rule';
import { networkPolicyCompanion } from './companions';
import { isKustomizePatch, networkPolicySelects, objectLabel, selectorsMaybeSelecting } from './helpers';

export const rule: Rule = {
	id: 'missing-network-policy',
	title: 'Pods not selected by any NetworkPolicy',
	category: 'Network policies',
	defaultSeverity: 'warning',
	description: 'Flags a long-running workload whose pod template labels no NetworkPolicy of its namespace selects.',
	rationale:
		'Pods that no NetworkPolicy selects accept traffic from every pod of the cluster and may connect anywhere. One compromised or misconfigured workload can then reach databases and internal APIs it has no business talking to.',
	remediation: 'Add a NetworkPolicy whose `podSelector` selects the pod template labels and allows only the traffic the workload needs, or a namespace-wide default-deny policy (`podSelector: {}`).',
	leavesAlone:
		'Pods selected by any policy of the same namespace, whatever its rules (an egress-only policy counts); `podSelector: {}` selects every pod of its namespace. Jobs, CronJobs and run-to-completion Pods. Pods with `hostNetwork: true`: they use the node network, which NetworkPolicies do not govern (see `host-namespaces`). A policy matching the workload\'s own `metadata.labels` does not count: policies select pods. An unset namespace only matches an unset namespace (namespaces compare as written: one a kustomization assigns at build time is not applied). Files listed as Kustomize patches. Policies of other engines (Calico, Cilium) are not read. The generated NetworkPolicy admits pods of the same namespace on the app containers\' declared ports (every port when none is declared); there is none when the pod template has no labels.',
	fixKind: 'G',
	fixSafety: 'unsafe',
	kinds: ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet'],
	crossResource: true,
	examples: {
		incorrect: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
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
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: web}
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector: {}
`,
	},
	check(ctx) {
		const { object, workspace } = ctx;
		// pods on the host network bypass the pod network, where NetworkPolicies are enforced
		if (!object.isLongRunning || object.podSpec?.hostNetwork === true || isKustomizePatch(object, workspace)) return;
		if (selectorsMaybeSelecting(workspace, 'NetworkPolicy', object).some((policy) => networkPolicySelects(policy, object))) return;
		ctx.report({
			range: object.kindRange(),
			message: `No NetworkPolicy selects the pods of ${objectLabel(object)}: they accept traffic from anywhere in the cluster.`,
			fix: networkPolicyCompanion(object),
		});
	},
};
