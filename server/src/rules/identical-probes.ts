// identical-probes: an app container whose livenessProbe and readinessProbe are the same probe.
import { deepEqual } from '../core/fix/values';
import { isPlainObject, WORKLOAD_KINDS } from '../core/k8s';
import type { Rule } from '../core/rule';
import { containerLabel } from './helpers';

export const rule: Rule = {
	id: 'identical-probes',
	title: 'Liveness and readiness probes are identical',
	category: 'Health checks',
	defaultSeverity: 'info',
	description: 'Flags an app container whose `livenessProbe` and `readinessProbe` are identical in every field, compared as written.',
	rationale:
		'Readiness answers "should this pod get traffic now?", liveness answers "is this process beyond repair?". When both run the same check, a pod that is only overloaded or waiting on a slow dependency fails liveness at the same moment it fails readiness, and the kubelet restarts it instead of just taking it out of the Service: restarts cascade across replicas exactly when the system is under stress.',
	remediation: 'Make the liveness probe check only that the process itself responds (a cheap endpoint that does not call dependencies), and give it a higher `failureThreshold` or longer `periodSeconds` than the readiness probe.',
	leavesAlone:
		'Probes that differ in any field, even only in `failureThreshold` or `periodSeconds`. Probes are compared as written after resolving anchors and merge keys: key order is ignored, defaults are not filled in, so `periodSeconds: 10` written on one probe only makes them different. A startupProbe equal to either probe is not flagged. Plain init containers cannot have probes and are not checked.',
	fixKind: '-',
	kinds: WORKLOAD_KINDS,
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
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
          readinessProbe:
            httpGet: {path: /healthz, port: 8080}
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
          livenessProbe:
            httpGet: {path: /livez, port: 8080}
            failureThreshold: 6
          readinessProbe:
            httpGet: {path: /readyz, port: 8080}
`,
	},
	check(ctx) {
		const { object } = ctx;
		for (const container of object.appContainers()) {
			const { livenessProbe, readinessProbe } = container.value;
			if (!isPlainObject(livenessProbe) || !isPlainObject(readinessProbe) || !deepEqual(livenessProbe, readinessProbe)) continue;
			ctx.report({
				range: object.containerRange(container),
				message: `${containerLabel(container)} has identical livenessProbe and readinessProbe: when it is only overloaded, both fail together and the kubelet restarts it instead of taking it out of traffic.`,
			});
		}
	},
};
