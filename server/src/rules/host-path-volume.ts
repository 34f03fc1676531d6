// host-path-volume: pod-spec volumes of type hostPath, with the node's most sensitive paths called out.
import { isPlainObject, WORKLOAD_KINDS } from '../core/k8s';
import type { Rule } from '../core/rule';

/** Host paths that hand over the node: what each one is, and what mounting it gives. */
const RUNTIME_SOCKET = 'it controls every container on the node';
const CRITICAL_PATHS: Record<string, [string, string]> = {
	'/': ["the node's root filesystem", 'it exposes every file of the node'],
	'/var/run/docker.sock': ['the Docker socket', RUNTIME_SOCKET],
	'/run/docker.sock': ['the Docker socket', RUNTIME_SOCKET],
	'/var/run/containerd/containerd.sock': ['the containerd socket', RUNTIME_SOCKET],
	'/run/containerd/containerd.sock': ['the containerd socket', RUNTIME_SOCKET],
	'/var/run/crio/crio.sock': ['the CRI-O socket', RUNTIME_SOCKET],
	'/run/crio/crio.sock': ['the CRI-O socket', RUNTIME_SOCKET],
};

/** `/var/log/` and `/var//log` name the same directory as `/var/log`. */
function normalizeHostPath(path: string): string {
	const collapsed = path.replace(/\/+/g, '/');
	return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
}

export const rule: Rule = {
	id: 'host-path-volume',
	title: 'Pod mounts a hostPath volume',
	category: 'Stateless first',
	defaultSeverity: 'warning',
	description: 'Flags each `hostPath` volume of a pod spec; the message names the path and calls out the node root and container runtime sockets (such as `/var/run/docker.sock`) as critical.',
	rationale:
		'A hostPath volume ties the pod to the files of whichever node it lands on: data does not follow the pod when it is rescheduled, and the container gains access to the node itself. Writable mounts of system paths or the container runtime socket are a direct route to taking over the node.',
	remediation: 'Use a PersistentVolumeClaim, `emptyDir`, ConfigMap or Secret volume instead; keep hostPath for node agents that need it, mounted read-only and as narrow as possible.',
	leavesAlone:
		'Every other volume type (emptyDir, PVCs, ConfigMaps, Secrets, projected, CSI, downwardAPI), whatever its mount path. Every hostPath is reported, read-only mounts included: the node coupling remains. PersistentVolumes of type hostPath are not pod specs and are not checked.',
	fixKind: '-',
	kinds: WORKLOAD_KINDS,
	examples: {
		incorrect: `apiVersion: v1
kind: Pod
metadata:
  name: ci-runner
spec:
  containers:
    - name: runner
      image: ghcr.io/acme/ci-runner:2.19.0
      volumeMounts:
        - name: docker-sock
          mountPath: /var/run/docker.sock
  volumes:
    - name: docker-sock
      hostPath:
        path: /var/run/docker.sock
`,
		correct: `apiVersion: v1
kind: Pod
metadata:
  name: ci-runner
spec:
  containers:
    - name: runner
      image: ghcr.io/acme/ci-runner:2.19.0
      volumeMounts:
        - name: workspace
          mountPath: /workspace
  volumes:
    - name: workspace
      emptyDir: {}
`,
	},
	check(ctx) {
		const { object } = ctx;
		const specPath = object.podSpecPath;
		const volumes = object.podSpec?.volumes;
		if (!specPath || !Array.isArray(volumes)) return;
		volumes.forEach((volume, i) => {
			if (!isPlainObject(volume) || !isPlainObject(volume.hostPath)) return;
			const hostPath = volume.hostPath.path;
			const volumePath = [...specPath, 'volumes', i, 'hostPath'];
			const name = typeof volume.name === 'string' ? `Volume "${volume.name}"` : 'A volume';
			if (typeof hostPath !== 'string') {
				ctx.report({ range: object.keyRange(volumePath), message: `${name} is a hostPath volume: the pod reads and writes the node's own files.` });
				return;
			}
			const critical = CRITICAL_PATHS[normalizeHostPath(hostPath)];
			ctx.report({
				range: object.valueRange([...volumePath, 'path']),
				message: critical
					? `${name} mounts ${hostPath} (${critical[0]}) from the node: critical, ${critical[1]}.`
					: `${name} mounts ${hostPath} from the node: the pod depends on that node's files and can reach them.`,
			});
		});
	},
};
