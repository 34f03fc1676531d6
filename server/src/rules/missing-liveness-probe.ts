// missing-liveness-probe: app containers of long-running workloads without a livenessProbe.
import type { Rule } from '../core/rule';
import { checkMissingProbe } from './probeRules';

export const rule: Rule = {
	id: 'missing-liveness-probe',
	title: 'Container has no liveness probe',
	category: 'Health checks',
	defaultSeverity: 'warning',
	description: 'Flags an app container of a long-running workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, restartable Pod) that has no `livenessProbe`.',
	rationale:
		'Without a liveness probe the kubelet only restarts a container whose process exits. A process that deadlocks, leaks into an unusable state or hangs on a dependency keeps running and keeps receiving traffic until someone notices by hand.',
	remediation: 'Add a `livenessProbe` that checks the process is alive (a cheap TCP or HTTP check that does not depend on downstream services).',
	leavesAlone: 'Jobs and CronJobs, Pods with `restartPolicy: Never` or `OnFailure`, and plain init containers (they run to completion). Native sidecars (`initContainers` with `restartPolicy: Always`) are app containers and are checked. The quick fix adds a `tcpSocket` check on the first declared TCP port with a `failureThreshold` twice the readiness probe\'s (6 by default), so an overloaded pod leaves the Service before it is restarted and the two probes never match; without a declared TCP port there is no fix.',
	fixKind: 'Q',
	fixSafety: 'unsafe',
	kinds: ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet'],
	examples: {
		incorrect: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
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
          ports:
            - name: http
              containerPort: 8080
`,
		correct: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
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
          ports:
            - name: http
              containerPort: 8080
          livenessProbe:
            tcpSocket:
              port: http
`,
	},
	check(ctx) {
		checkMissingProbe(ctx, 'livenessProbe', 'a hung process is never restarted.');
	},
};
