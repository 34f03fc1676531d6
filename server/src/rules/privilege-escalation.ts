// privilege-escalation: containers whose allowPrivilegeEscalation is not explicitly false.
import { ContainerRef, WORKLOAD_KINDS } from '../core/k8s';
import type { Rule } from '../core/rule';
import { capabilityName, checkContainerFlag, containerSecurityContext, stringItems } from './securityHelpers';

/**
 * The API server rejects `allowPrivilegeEscalation: false` next to `privileged: true` or an added
 * CAP_SYS_ADMIN (both imply escalation), so no fix is offered there.
 */
function escalationCanBeDisabled(container: ContainerRef): boolean {
	const sc = containerSecurityContext(container);
	if (sc.privileged === true) return false;
	const add = stringItems(sc.capabilities?.add);
	return !add.some(({ item }) => capabilityName(item) === 'SYS_ADMIN');
}

export const rule: Rule = {
	id: 'privilege-escalation',
	title: 'Container allows privilege escalation',
	category: 'Container security',
	defaultSeverity: 'warning',
	description: 'Flags a container (init containers and native sidecars included) whose `securityContext.allowPrivilegeEscalation` is not `false`.',
	rationale:
		'Unless `allowPrivilegeEscalation` is `false`, the kernel lets a process gain more privileges than its parent (setuid binaries, file capabilities). An attacker with code execution in the container can then climb to root inside it, one step closer to the node.',
	remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container.',
	leavesAlone:
		'Containers that set `allowPrivilegeEscalation: false`. The field exists only on containers, so a pod-level value does not count. Windows pods (`spec.os.name: windows`) are skipped: the field is Linux-only and rejected there. No quick fix is offered for a privileged container or one adding `SYS_ADMIN`: the API server rejects `false` next to those.',
	fixKind: 'Q',
	fixSafety: 'unsafe',
	kinds: WORKLOAD_KINDS,
	examples: {
		incorrect: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: ghcr.io/acme/api:2.3.0
`,
		correct: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: ghcr.io/acme/api:2.3.0
      securityContext:
        allowPrivilegeEscalation: false
`,
	},
	check(ctx) {
		checkContainerFlag(ctx, {
			field: 'allowPrivilegeEscalation',
			want: false,
			explicitMessage: (label, value) => `${label} sets allowPrivilegeEscalation: ${String(value)}: its processes can gain more privileges than their parent (setuid binaries).`,
			absentMessage: (label) => `${label} does not set allowPrivilegeEscalation: false: its processes can gain more privileges than their parent (setuid binaries).`,
			canFix: escalationCanBeDisabled,
		});
	},
};
