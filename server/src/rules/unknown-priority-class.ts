// unknown-priority-class: priorityClassName values that name neither a built-in class nor a PriorityClass
// of the workspace.
import type { Rule } from '../core/rule';
import { hasPlaceholder, objectLabel, workspaceMemo } from './helpers';

const BUILT_IN_CLASSES = ['system-cluster-critical', 'system-node-critical'];

export const rule: Rule = {
	id: 'unknown-priority-class',
	title: 'Unknown priority class',
	category: 'Priority',
	defaultSeverity: 'info',
	description: 'Flags a `priorityClassName` that is neither `system-cluster-critical`, `system-node-critical` nor a PriorityClass declared in the workspace.',
	rationale:
		'The API server rejects pods whose priority class does not exist: the Deployment is accepted, but its ReplicaSet cannot create a single pod, and the failure only shows in events. A typo in a class name is an outage at the next rollout.',
	remediation: 'Use the name of an existing PriorityClass, or add the PriorityClass manifest next to the workload.',
	leavesAlone:
		'The built-in `system-cluster-critical` and `system-node-critical`; PriorityClasses declared anywhere in the workspace (they are cluster-scoped, so any namespace matches). Every workload kind is checked, Jobs, CronJobs and run-to-completion Pods included. An empty `priorityClassName` (no class), and template placeholders (`{{ .Values.priorityClassName }}`). Classes created outside the linted files (by a platform team) are flagged: lint them together, or suppress the rule.',
	fixKind: '-',
	kinds: ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'],
	crossResource: true,
	examples: {
		incorrect: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  priorityClassName: high-priority
  containers:
    - name: web
      image: ghcr.io/acme/web:1.4.2
`,
		correct: `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high-priority
value: 100000
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  priorityClassName: high-priority
  containers:
    - name: web
      image: ghcr.io/acme/web:1.4.2
`,
	},
	check(ctx) {
		const { object, workspace } = ctx;
		const specPath = object.podSpecPath;
		const name = object.podSpec?.priorityClassName;
		if (!specPath || (typeof name !== 'string' && typeof name !== 'number') || name === '' || BUILT_IN_CLASSES.includes(String(name)) || hasPlaceholder(name)) return;
		const declared = workspaceMemo(workspace, 'priority-class-names', () => new Set(workspace.ofKind('PriorityClass').map((c) => c.name)));
		if (declared.has(String(name))) return;
		ctx.report({
			range: object.valueRange([...specPath, 'priorityClassName']),
			message: `Priority class "${name}" of ${objectLabel(object)} is not declared in the workspace: the API server rejects its pods if the class does not exist.`,
		});
	},
};
