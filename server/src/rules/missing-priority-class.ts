// missing-priority-class: long-running workloads whose pods have no priorityClassName.
import type { Rule } from '../core/rule';
import { objectLabel } from './helpers';

export const rule: Rule = {
	id: 'missing-priority-class',
	title: 'Workload has no priority class',
	category: 'Priority',
	defaultSeverity: 'hint',
	description: 'Flags a long-running workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, restartable Pod) whose pod spec has no `priorityClassName`.',
	rationale:
		'Without a priority class, pods get the cluster\'s default priority (usually 0, or the globalDefault class). When nodes run out of room, the scheduler cannot tell an important service from a batch job: it may preempt the service, or leave it pending while less important pods keep running.',
	remediation: 'Set `spec.template.spec.priorityClassName` (or `spec.priorityClassName` on a Pod) to a PriorityClass that reflects how important the workload is.',
	leavesAlone:
		'Jobs, CronJobs and Pods with `restartPolicy: Never` or `OnFailure`. Whether the named class exists is `unknown-priority-class`\'s business. A cluster `globalDefault` PriorityClass is not taken into account: the workload\'s own choice is what the manifest documents.',
	fixKind: '-',
	kinds: ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet'],
	examples: {
		incorrect: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
spec:
  selector:
    matchLabels: {app: checkout}
  template:
    metadata:
      labels: {app: checkout}
    spec:
      containers:
        - name: checkout
          image: ghcr.io/acme/checkout:3.1.0
`,
		correct: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
spec:
  selector:
    matchLabels: {app: checkout}
  template:
    metadata:
      labels: {app: checkout}
    spec:
      priorityClassName: business-critical
      containers:
        - name: checkout
          image: ghcr.io/acme/checkout:3.1.0
`,
	},
	check(ctx) {
		const { object } = ctx;
		if (!object.isLongRunning) return;
		const name = object.podSpec?.priorityClassName;
		if (typeof name === 'string' && name.trim() !== '') return;
		ctx.report({
			range: object.kindRange(),
			message: `${objectLabel(object)} has no priorityClassName: under resource pressure the scheduler cannot rank its pods against others.`,
		});
	},
};
