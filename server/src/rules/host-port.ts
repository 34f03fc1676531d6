// host-port: container ports bound to the node's own address with `hostPort`.
import { isPlainObject, WORKLOAD_KINDS } from '../core/k8s';
import type { Rule } from '../core/rule';
import { containerLabel } from './helpers';

/** `hostPort: 0` (or an empty value) is how the API spells "no host port". */
function isHostPortSet(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '' && value !== 0 && value !== '0';
}

export const rule: Rule = {
	id: 'host-port',
	title: 'Container binds a host port',
	category: 'Container security',
	defaultSeverity: 'warning',
	description: 'Flags each container port (init containers and native sidecars included) that sets `hostPort`; in a DaemonSet, the finding is information.',
	rationale:
		'A host port binds the port on the node itself: only one pod using it fits on each node, so extra replicas stay Pending and rolling updates can stall, and the port is reachable on the node\'s address from outside the cluster, where NetworkPolicies do not apply. A DaemonSet runs one pod per node anyway (node agents often need a host port), so it is reported as information.',
	remediation: 'Remove `hostPort` and expose the port through a Service (ClusterIP, NodePort or LoadBalancer) or an Ingress; keep it only for node agents that must be reached on the node\'s address.',
	leavesAlone:
		'Pods with `hostNetwork: true`: they use the node\'s ports by definition, and host-namespaces speaks for them. Ports without `hostPort` or with `hostPort: 0` (unset). Keys named `hostPort` outside a container\'s `ports` (a ConfigMap\'s data). Ephemeral containers are ignored.',
	fixKind: '-',
	kinds: WORKLOAD_KINDS,
	examples: {
		incorrect: `apiVersion: v1
kind: Pod
metadata:
  name: proxy
spec:
  containers:
    - name: proxy
      image: ghcr.io/acme/proxy:2.1.0
      ports:
        - containerPort: 8080
          hostPort: 80
`,
		correct: `apiVersion: v1
kind: Pod
metadata:
  name: proxy
spec:
  containers:
    - name: proxy
      image: ghcr.io/acme/proxy:2.1.0
      ports:
        - containerPort: 8080
`,
	},
	check(ctx) {
		const { object } = ctx;
		if (!object.podSpec || object.podSpec.hostNetwork === true) return;
		const daemonSet = object.kind === 'DaemonSet';
		for (const container of object.containers()) {
			const ports = container.value.ports;
			if (!Array.isArray(ports)) continue;
			ports.forEach((port, i) => {
				if (!isPlainObject(port) || !isHostPortSet(port.hostPort)) return;
				const target = port.containerPort !== undefined ? ` (containerPort ${String(port.containerPort)})` : '';
				const binds = `${containerLabel(container)} binds host port ${String(port.hostPort)}${target}`;
				ctx.report({
					range: object.valueRange([...container.path, 'ports', i, 'hostPort']),
					severity: daemonSet ? 'info' : undefined,
					message: daemonSet
						? `${binds}: the port is open on every node's address, outside the cluster's network policies (expected only of a node agent).`
						: `${binds}: at most one such pod fits on each node, and the port is open on the node's address, outside the cluster's network policies.`,
				});
			});
		}
	},
};
