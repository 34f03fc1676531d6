// dangerous-capabilities: containers adding ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE or SYS_MODULE.
import { WORKLOAD_KINDS } from '../core/k8s';
import type { Rule } from '../core/rule';
import { containerLabel } from './helpers';
import { capabilityName, containerSecurityContext, oncePerRange, stringItems } from './securityHelpers';

/** What each dangerous capability hands to the container, for the message. */
const DANGEROUS: Record<string, string> = {
	ALL: 'every Linux capability, nearly the power of a privileged container',
	SYS_ADMIN: 'the catch-all administration capability (mounts, namespaces, many kernel interfaces), a common container escape route',
	NET_ADMIN: 'control over interfaces, routes and firewall rules of its network namespace (the node\'s, with hostNetwork)',
	SYS_PTRACE: 'the power to trace other processes and read their memory',
	SYS_MODULE: 'the power to load kernel modules: arbitrary code in the node\'s kernel',
};

export const rule: Rule = {
	id: 'dangerous-capabilities',
	title: 'Container adds a dangerous capability',
	category: 'Container security',
	defaultSeverity: 'warning',
	description: 'Flags each `ALL`, `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE` or `SYS_MODULE` entry in a container\'s `securityContext.capabilities.add` (init containers and native sidecars included).',
	rationale:
		'These capabilities give a process powers over the kernel, the network or other processes that defeat the isolation a container is supposed to have; a compromise of such a container is close to a compromise of the node.',
	remediation: 'Remove the capability from `capabilities.add`; if the workload truly needs it, isolate it on dedicated nodes and document why.',
	leavesAlone:
		'Capabilities under `drop`, and added capabilities outside the list (for example `NET_BIND_SERVICE`, `CHOWN`, `NET_RAW`). Names are compared as the container runtimes read them: case-insensitive, with or without the `CAP_` prefix. Privileged containers are `privileged-container`\'s finding.',
	fixKind: '-',
	kinds: WORKLOAD_KINDS,
	examples: {
		incorrect: `apiVersion: v1
kind: Pod
metadata:
  name: vpn
spec:
  containers:
    - name: wireguard
      image: ghcr.io/acme/wireguard:1.0.20210914
      securityContext:
        capabilities:
          add: [NET_ADMIN]
`,
		correct: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: ghcr.io/acme/web:1.4.2
      securityContext:
        capabilities:
          drop: [ALL]
          add: [NET_BIND_SERVICE]
`,
	},
	check(ctx) {
		const { object } = ctx;
		const report = oncePerRange(ctx);
		for (const container of object.containers()) {
			const add = containerSecurityContext(container).capabilities?.add;
			for (const { item, index } of stringItems(add)) {
				const name = capabilityName(item);
				if (!(name in DANGEROUS)) continue;
				report({
					range: object.valueRange([...container.path, 'securityContext', 'capabilities', 'add', index]),
					message: `${containerLabel(container)} adds capability ${name}: ${DANGEROUS[name]}.`,
				});
			}
		}
	},
};
