// probe-port-unknown: httpGet and tcpSocket probes whose named port the probing container does not declare.
import { ContainerRef, isPlainObject, WORKLOAD_KINDS } from '../core/k8s';
import type { Rule } from '../core/rule';
import { containerLabel, declaredPorts, isKustomizePatch } from './helpers';
import { isPlaceholder } from './placeholders';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
/** Handlers whose port may be a name; grpc takes a number only, exec has no port. */
const NAMED_PORT_HANDLERS = ['httpGet', 'tcpSocket'] as const;

function portNames(container: ContainerRef): string[] {
	return declaredPorts(container).flatMap((p) => (p.name === undefined ? [] : [p.name]));
}

export const rule: Rule = {
	id: 'probe-port-unknown',
	title: 'Probe uses an undeclared port name',
	category: 'Health checks',
	defaultSeverity: 'error',
	description: 'Flags an httpGet or tcpSocket liveness, readiness or startup probe whose port is a name that the same container does not declare in its `ports`.',
	rationale:
		'The kubelet resolves a named probe port against the probing container\'s own `ports` list. When the name is not there the probe can never run, so it fails every time: a readiness probe keeps the pod out of its Service forever and a liveness probe restarts the container in a loop. The API server accepts the manifest, so nothing complains before rollout.',
	remediation: 'Declare the port with that `name` in the container\'s `ports`, or refer to a declared name or to the port number.',
	leavesAlone:
		'Numeric ports, declared or not (the kubelet probes the number as given), including numbers written as strings; template placeholders (`{{ .Values.port }}`, `${PORT}`); grpc probes (numeric only) and exec probes; ports declared by a sibling container are not resolved (the probe fails there too, so it is flagged). Files a kustomization in the workspace lists as patches (partial objects, whose ports may be in the base). Lifecycle hooks (`postStart`/`preStop` httpGet) are not checked. Plain init containers cannot have probes and are not checked.',
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
          ports:
            - name: http
              containerPort: 8080
          livenessProbe:
            httpGet: {path: /healthz, port: health}
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
            httpGet: {path: /healthz, port: http}
`,
	},
	check(ctx) {
		const { object } = ctx;
		// a kustomize patch is a partial object: the ports may be declared in the base it patches
		if (isKustomizePatch(object, ctx.workspace)) return;
		for (const container of object.appContainers()) {
			const names = portNames(container);
			for (const probe of PROBES) {
				const spec = container.value[probe];
				if (!isPlainObject(spec)) continue;
				for (const handler of NAMED_PORT_HANDLERS) {
					const port = isPlainObject(spec[handler]) ? spec[handler].port : undefined;
					if (typeof port !== 'string' || /^\d+$/.test(port) || isPlaceholder(port) || names.includes(port)) continue;
					const sibling = object.containers().find((c) => c !== container && portNames(c).includes(port));
					const elsewhere = sibling ? `; container "${sibling.name ?? '(unnamed)'}" declares it, but the kubelet resolves probe ports on the probing container only` : '';
					ctx.report({
						range: object.valueRange([...container.path, probe, handler, 'port']),
						message: `${containerLabel(container)}: ${probe} port "${port}" is not one of its port names (${names.length ? names.join(', ') : 'it declares none'})${elsewhere}, so the probe always fails.`,
					});
				}
			}
		}
	},
};
