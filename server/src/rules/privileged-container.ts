// privileged-container: containers (init containers included) running with `privileged: true`.
import { WORKLOAD_KINDS } from '../core/k8s';
import type { Rule } from '../core/rule';
import { containerLabel } from './helpers';
import { containerSecurityContext, oncePerRange } from './securityHelpers';

export const rule: Rule = {
	id: 'privileged-container',
	title: 'Container runs privileged',
	category: 'Container security',
	defaultSeverity: 'error',
	description: 'Flags a container (init containers and native sidecars included) whose `securityContext.privileged` is `true`.',
	rationale:
		'A privileged container gets every capability, every host device and no seccomp or AppArmor confinement: it is root on the node. A compromise of the process, or of its image, is a compromise of the node and of every pod on it.',
	remediation: 'Remove `privileged: true` (or set it to `false`) and grant only the specific capabilities the process needs under `capabilities.add`.',
	leavesAlone:
		'Containers without `privileged` or with `privileged: false`. Other risky settings (allowPrivilegeEscalation, added capabilities, host namespaces) are reported by their own rules. Ephemeral containers are not checked.',
	fixKind: 'Q',
	fixSafety: 'unsafe',
	kinds: WORKLOAD_KINDS,
	examples: {
		incorrect: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels: {app: node-agent}
  template:
    metadata:
      labels: {app: node-agent}
    spec:
      containers:
        - name: agent
          image: ghcr.io/acme/node-agent:1.5.0
          securityContext:
            privileged: true
`,
		correct: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels: {app: node-agent}
  template:
    metadata:
      labels: {app: node-agent}
    spec:
      containers:
        - name: agent
          image: ghcr.io/acme/node-agent:1.5.0
          securityContext:
            privileged: false
            capabilities:
              add: [NET_RAW]
`,
	},
	check(ctx) {
		const { object } = ctx;
		const report = oncePerRange(ctx);
		for (const container of object.containers()) {
			if (containerSecurityContext(container).privileged !== true) continue;
			const path = [...container.path, 'securityContext', 'privileged'];
			report({
				range: object.valueRange(path),
				message: `${containerLabel(container)} runs privileged: it has full access to the node's devices and kernel, as root on the host.`,
				fix: { title: 'Set privileged: false', ops: [{ op: 'set', path, value: false }] },
			});
		}
	},
};
