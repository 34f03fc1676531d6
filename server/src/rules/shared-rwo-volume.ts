// shared-rwo-volume: workloads that can run several pods at once mounting a ReadWriteOnce(Pod) claim.
import { isPlainObject, K8sObject } from '../core/k8s';
import type { Rule } from '../core/rule';
import type { WorkspaceIndex } from '../core/workspace';
import { effectiveReplicas, hpasTargeting, objectLabel, objectsNamed } from './helpers';

const SINGLE_WRITER_MODES = ['ReadWriteOnce', 'ReadWriteOncePod'];

/** How many pods the workload may run at once, for the message; undefined when it is limited to one. */
function concurrentPods(workload: K8sObject, workspace: WorkspaceIndex): string | undefined {
	if (workload.kind === 'DaemonSet') return 'one pod per node';
	if (!workload.isReplicated) return undefined;
	const replicas = effectiveReplicas(workload, workspace);
	const maxReplicas = Math.max(0, ...hpasTargeting(workload, workspace).map((hpa) => Number(hpa.get(['spec', 'maxReplicas'])) || 0));
	if (maxReplicas > 1 && maxReplicas > replicas) return `up to ${maxReplicas} pods (HorizontalPodAutoscaler maxReplicas)`;
	return replicas > 1 ? `${replicas} pods` : undefined;
}

export const rule: Rule = {
	id: 'shared-rwo-volume',
	title: 'ReadWriteOnce claim shared by several pods',
	category: 'Stateless first',
	defaultSeverity: 'warning',
	description: 'Flags a workload that can run more than one pod at once (replicas above 1, an HPA allowing more than 1, any DaemonSet) whose pod spec mounts a PersistentVolumeClaim that the workspace declares `ReadWriteOnce` or `ReadWriteOncePod`.',
	rationale:
		'A ReadWriteOnce volume attaches to one node (ReadWriteOncePod: to one pod). The second replica scheduled on another node hangs in ContainerCreating with a Multi-Attach error, so scaling out, rolling updates and node drains stall exactly when capacity is needed.',
	remediation: 'Give each replica its own claim (a StatefulSet with `volumeClaimTemplates`), use a ReadWriteMany storage class, or run a single replica.',
	leavesAlone:
		'Claims not declared in the workspace, or declared in another namespace (an unset namespace only matches an unset namespace); claims whose access modes include `ReadWriteMany`; workloads limited to one pod (one replica and no HPA allowing more, bare Pods, Jobs and CronJobs); StatefulSet `volumeClaimTemplates`, which give every replica its own claim. A one-replica Deployment with the RollingUpdate strategy briefly runs two pods during a rollout; that is not flagged (`recreate-strategy` covers the trade-off).',
	fixKind: '-',
	kinds: ['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet'],
	crossResource: true,
	examples: {
		incorrect: `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: uploads
  namespace: shop
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 20Gi
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
          volumeMounts:
            - {name: uploads, mountPath: /srv/uploads}
      volumes:
        - name: uploads
          persistentVolumeClaim:
            claimName: uploads
`,
		correct: `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: uploads
  namespace: shop
spec:
  accessModes: [ReadWriteMany]
  storageClassName: efs
  resources:
    requests:
      storage: 20Gi
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
          volumeMounts:
            - {name: uploads, mountPath: /srv/uploads}
      volumes:
        - name: uploads
          persistentVolumeClaim:
            claimName: uploads
`,
	},
	check(ctx) {
		const { object, workspace } = ctx;
		const volumes = object.podSpec?.volumes;
		const specPath = object.podSpecPath;
		if (!Array.isArray(volumes) || !specPath) return;
		const pods = concurrentPods(object, workspace);
		if (!pods) return;
		volumes.forEach((volume, i) => {
			const claimName = isPlainObject(volume) && isPlainObject(volume.persistentVolumeClaim) ? volume.persistentVolumeClaim.claimName : undefined;
			if (typeof claimName !== 'string') return;
			for (const claim of objectsNamed(workspace, 'PersistentVolumeClaim', claimName, object)) {
				const modes = claim.get(['spec', 'accessModes']);
				if (!Array.isArray(modes) || modes.includes('ReadWriteMany')) continue;
				const mode = SINGLE_WRITER_MODES.find((m) => modes.includes(m));
				if (!mode) continue;
				ctx.report({
					range: object.valueRange([...specPath, 'volumes', i, 'persistentVolumeClaim', 'claimName']),
					message: `Claim "${claimName}" is ${mode} but ${objectLabel(object)} can run ${pods}: ${mode === 'ReadWriteOncePod' ? 'only one pod can use it' : 'pods on other nodes cannot attach it'}.`,
				});
				return;
			}
		});
	},
};
