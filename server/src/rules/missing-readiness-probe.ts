// missing-readiness-probe: app containers of long-running workloads without a readinessProbe.
import type { Rule } from '../core/rule';
import { checkMissingProbe } from './probeRules';

export const rule: Rule = {
	id: 'missing-readiness-probe',
	title: 'Container has no readiness probe',
	category: 'Health checks',
	defaultSeverity: 'warning',
	description: 'Flags an app container of a long-running workload that has no `readinessProbe`.',
	rationale:
		'Without a readiness probe a pod receives Service traffic as soon as its containers start, before the application can answer, and keeps receiving it while it is overloaded or shutting down. Rolling updates then drop requests.',
	remediation: 'Add a `readinessProbe` that succeeds only when the container can serve requests (an HTTP endpoint such as `/ready`, or a TCP check).',
	leavesAlone: 'Jobs and CronJobs, Pods with `restartPolicy: Never` or `OnFailure`, and plain init containers. The quick fix uses `httpGet` on `/` when the first declared TCP port is named `http`, `http-*` or `web`, else `tcpSocket`; when that would equal the written liveness probe it checks more often (`periodSeconds`), so `identical-probes` stays quiet; without a declared TCP port there is no fix.',
	fixKind: 'Q',
	fixSafety: 'unsafe',
	kinds: ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet'],
	examples: {
		incorrect: `apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  containers:
    - name: redis
      image: redis:7.4
      ports:
        - name: redis
          containerPort: 6379
`,
		correct: `apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  containers:
    - name: redis
      image: redis:7.4
      ports:
        - name: redis
          containerPort: 6379
      readinessProbe:
        tcpSocket:
          port: redis
`,
	},
	check(ctx) {
		checkMissingProbe(ctx, 'readinessProbe', 'pods get traffic before they can serve it.');
	},
};
