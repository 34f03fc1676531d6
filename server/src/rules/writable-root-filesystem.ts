// writable-root-filesystem: containers without readOnlyRootFilesystem: true.
import { WORKLOAD_KINDS } from '../core/k8s';
import type { Rule } from '../core/rule';
import { checkContainerFlag } from './securityHelpers';

export const rule: Rule = {
	id: 'writable-root-filesystem',
	title: 'Container root filesystem is writable',
	category: 'Container security',
	defaultSeverity: 'info',
	description: 'Flags a container (init containers and native sidecars included) without `securityContext.readOnlyRootFilesystem: true`.',
	rationale:
		'A writable root filesystem lets an intruder drop tools and binaries or tamper with the application in place, and lets the application itself write state that vanishes on restart. A read-only root, with `emptyDir` volumes where writes are really needed, makes both visible.',
	remediation: 'Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` volume at each path the process must write to (for example `/tmp`).',
	leavesAlone:
		'Containers that set `readOnlyRootFilesystem: true`. The field exists only on containers. Windows pods (`spec.os.name: windows`) are skipped: the field is rejected there. The quick fix does not add the `emptyDir` volumes a process may need for scratch space.',
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
      securityContext:
        readOnlyRootFilesystem: false
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
        readOnlyRootFilesystem: true
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir: {}
`,
	},
	check(ctx) {
		checkContainerFlag(ctx, {
			field: 'readOnlyRootFilesystem',
			want: true,
			explicitMessage: (label, value) => `${label} sets readOnlyRootFilesystem: ${String(value)}: anything in the container can modify its filesystem.`,
			absentMessage: (label) => `${label} does not set readOnlyRootFilesystem: true: anything in the container can modify its filesystem.`,
		});
	},
};
