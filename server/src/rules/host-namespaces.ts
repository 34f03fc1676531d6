// host-namespaces: pod specs sharing the node's network, PID or IPC namespace.
import { WORKLOAD_KINDS } from '../core/k8s';
import type { Rule } from '../core/rule';

/** What sharing each host namespace exposes, for the message. */
const HOST_NAMESPACES: Record<string, string> = {
	hostNetwork: "the node's network namespace: its interfaces, its localhost services and every port it listens on",
	hostPID: "the node's process namespace: every process on the node is visible and can be signalled or traced",
	hostIPC: "the node's IPC namespace: shared memory and semaphores of every process on the node",
};

export const rule: Rule = {
	id: 'host-namespaces',
	title: 'Pod shares a host namespace',
	category: 'Container security',
	defaultSeverity: 'warning',
	description: 'Flags a pod spec with `hostNetwork`, `hostPID` or `hostIPC` set to `true` (one finding per value).',
	rationale:
		'Sharing a node namespace removes a layer of isolation between the pod and the node: the pod sees and can reach what the node sees. Only node-level agents (CNI, node exporters, storage drivers) have a reason to do it.',
	remediation: 'Remove `hostNetwork`, `hostPID` and `hostIPC` (they default to `false`); expose ports through a Service or `hostPort` instead of the host network.',
	leavesAlone: 'Flags unset or `false`; `hostPort` and `shareProcessNamespace` (which shares processes between the pod\'s own containers only).',
	fixKind: '-',
	kinds: WORKLOAD_KINDS,
	examples: {
		incorrect: `apiVersion: v1
kind: Pod
metadata:
  name: debugger
spec:
  hostPID: true
  containers:
    - name: debug
      image: busybox:1.36
`,
		correct: `apiVersion: v1
kind: Pod
metadata:
  name: debugger
spec:
  shareProcessNamespace: true
  containers:
    - name: debug
      image: busybox:1.36
`,
	},
	check(ctx) {
		const { object } = ctx;
		const spec = object.podSpec;
		const specPath = object.podSpecPath;
		if (!spec || !specPath) return;
		for (const [field, exposure] of Object.entries(HOST_NAMESPACES)) {
			if (spec[field] !== true) continue;
			ctx.report({ range: object.valueRange([...specPath, field]), message: `${field}: true shares ${exposure}.` });
		}
	},
};
