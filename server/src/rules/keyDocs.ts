// What the keys that matter in production do, for the hover: a short explanation and the Kubernetes
// documentation page. A key is explained only where it means that thing: `selector` under a workload,
// Service or PodDisruptionBudget spec, `maxUnavailable` in a PodDisruptionBudget and, with another text,
// in a Deployment's rolling update; never the same word inside a ConfigMap's data or an annotation.
import { CLUSTER_SCOPED_KINDS, ContainerRef, K8sObject } from '../core/k8s';
import type { Path } from '../core/types';

export interface KeyDoc {
	/** The key as shown in the hover title. */
	key: string;
	/** Markdown: what the key does in a running cluster. */
	text: string;
	/** kubernetes.io documentation. */
	url: string;
}

/** Where a path lies in an object: in a container, the pod spec, the pod template, or the object itself. */
export interface KeyPlace {
	scope: 'container' | 'podSpec' | 'podTemplate' | 'object';
	/** The path below that scope. */
	rest: Path;
	container?: ContainerRef;
}

function startsWith(path: Path, prefix: Path): boolean {
	return prefix.length <= path.length && prefix.every((step, i) => path[i] === step);
}

/** The most specific scope holding `path`: a container's keys mean something else than the object's. */
export function placeOf(object: K8sObject, path: Path): KeyPlace {
	if (object.isWorkload) {
		const container = object.containers().find((c) => startsWith(path, c.path));
		if (container) return { scope: 'container', rest: path.slice(container.path.length), container };
		const spec = object.podSpecPath!;
		if (startsWith(path, spec)) return { scope: 'podSpec', rest: path.slice(spec.length) };
		const template = object.podTemplatePath!;
		if (template.length && startsWith(path, template)) return { scope: 'podTemplate', rest: path.slice(template.length) };
	}
	return { scope: 'object', rest: path };
}

/** `container:securityContext.runAsUser`, `podSpec:volumes.*.hostPath`: a place as a table key. */
function placeKey(place: KeyPlace): string {
	return `${place.scope}:${place.rest.map((step) => (typeof step === 'number' ? '*' : step)).join('.')}`;
}

const DOCS = 'https://kubernetes.io/docs';
const PROBES = `${DOCS}/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/`;
const RESOURCES = `${DOCS}/concepts/configuration/manage-resources-containers/`;
const SECURITY_CONTEXT = `${DOCS}/tasks/configure-pod-container/security-context/`;
const POD_SECURITY_STANDARDS = `${DOCS}/concepts/security/pod-security-standards/`;
const LABELS = `${DOCS}/concepts/overview/working-with-objects/labels/`;
const DEPLOYMENT = `${DOCS}/concepts/workloads/controllers/deployment/`;
const PDB = `${DOCS}/tasks/run-application/configure-pdb/`;
const HPA = `${DOCS}/tasks/run-application/horizontal-pod-autoscale/`;
const SERVICE_ACCOUNTS = `${DOCS}/tasks/configure-pod-container/configure-service-account/`;

const CONTROLLER_KINDS = ['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet'];
const REPLICATED = ['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet'];

/** Fields of a container's SecurityContext that PodSecurityContext does not have. */
const CONTAINER_ONLY_SECURITY = ['allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'privileged', 'capabilities'];

const SECURITY_FIELDS: Record<string, Omit<KeyDoc, 'key'>> = {
	runAsNonRoot: {
		text: 'The kubelet refuses to start the container when it would run as root (UID 0), judged from `runAsUser` or else the image\'s `USER`. The image must then run as a numeric non-root user, or `runAsUser` must set one.',
		url: SECURITY_CONTEXT,
	},
	runAsUser: {
		text: 'The UID the container\'s process runs as, overriding the image\'s `USER`. `0` is root: a container escape or a writable host mount then becomes root access on the node. Pick a non-zero UID the image\'s files allow.',
		url: SECURITY_CONTEXT,
	},
	allowPrivilegeEscalation: {
		text: 'Whether a process may gain more privileges than its parent (setuid binaries, file capabilities); it sets the kernel\'s `no_new_privs` flag. `false` closes the usual path from a compromised app user to root. It is always true for privileged containers and those with `CAP_SYS_ADMIN`.',
		url: SECURITY_CONTEXT,
	},
	readOnlyRootFilesystem: {
		text: 'Mounts the container\'s root filesystem read-only: an intruder cannot drop tools or alter the app, and nothing piles up on the node\'s disk. Give the app the writable paths it needs as `emptyDir` volumes (e.g. on `/tmp`).',
		url: SECURITY_CONTEXT,
	},
	privileged: {
		text: 'Runs the container with every capability and access to all host devices: effectively root on the node. Only node agents (some network and storage drivers) need it; the baseline Pod Security Standard forbids it.',
		url: POD_SECURITY_STANDARDS,
	},
	capabilities: {
		text: 'Linux capabilities added to or dropped from the runtime\'s default set. Drop `ALL` and add back only what the app needs (e.g. `NET_BIND_SERVICE` to bind a port below 1024); `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE` and `SYS_MODULE` come close to root on the node.',
		url: `${SECURITY_CONTEXT}#set-capabilities-for-a-container`,
	},
};

interface Entry {
	/** A placeKey. */
	at: string;
	/** Only for these object kinds. */
	kinds?: readonly string[];
	doc: KeyDoc | ((object: K8sObject) => KeyDoc);
}

const entry = (at: string, key: string, text: string, url: string, kinds?: readonly string[]): Entry => ({ at, kinds, doc: { key, text, url } });

const ENTRIES: Entry[] = [
	// ---- containers
	entry('container:livenessProbe', 'livenessProbe', 'The kubelet runs this check for the container\'s whole life and restarts the container after `failureThreshold` failures in a row. It rescues a process that hangs without exiting. A probe that depends on a database or another service restarts healthy pods during someone else\'s outage: check the process itself, and give slow starters a `startupProbe` rather than a long `initialDelaySeconds`.', PROBES),
	entry('container:readinessProbe', 'readinessProbe', 'While this check fails, the pod is taken out of the endpoints of every Service that selects it: no traffic, no restart. Rolling updates wait for new pods to become ready before removing old ones, so without it traffic reaches pods that are still starting, and a broken version rolls out completely.', PROBES),
	entry('container:startupProbe', 'startupProbe', 'Runs first and holds back the liveness and readiness probes until it succeeds once; the container is restarted when it has not succeeded within `failureThreshold` × `periodSeconds`. It lets a slow-starting app keep a tight liveness probe.', PROBES),
	entry('container:resources', 'resources', 'What the container asks for (`requests`: the scheduler places the pod where they fit, and the node reserves them) and the most it may use (`limits`, enforced at run time: cpu above the limit is throttled, memory above it gets the container OOM-killed). Together they give the pod its QoS class, which decides who is evicted first when a node runs short.', RESOURCES),
	entry('container:resources.requests', 'requests', 'Capacity reserved for the container on its node: the scheduler places the pod only where the sum of requests fits, and an HorizontalPodAutoscaler measures utilization against them. A container without requests is scheduled as if it needed nothing and is among the first evicted under pressure. A limit without a request sets the request to the limit.', `${RESOURCES}#requests-and-limits`),
	entry('container:resources.limits', 'limits', 'The ceiling enforced at run time: cpu use above `limits.cpu` is throttled, memory use above `limits.memory` gets the container OOM-killed and restarted. Requests may not exceed limits; requests equal to limits for cpu and memory in every container give the pod the Guaranteed QoS class, evicted last.', `${RESOURCES}#requests-and-limits`),
	entry('container:image', 'image', 'The container image: `registry/repository:tag` or `@sha256:<digest>`. A tag can be moved to other content, a digest cannot: pinning by digest makes every node run the same bytes. With `latest` or no tag, nodes may run different builds and a rollback does not roll the code back.', `${DOCS}/concepts/containers/images/`),
	entry('container:imagePullPolicy', 'imagePullPolicy', 'When the kubelet pulls the image: `IfNotPresent` uses the node\'s copy when there is one, `Always` asks the registry on every container start (the default for `:latest` or no tag), `Never` uses only what the node has. With immutable tags or digests, `IfNotPresent` keeps restarts independent of the registry.', `${DOCS}/concepts/containers/images/#image-pull-policy`),
	entry('container:securityContext', 'securityContext', 'Privilege settings of this container: user, privilege escalation, root filesystem, Linux capabilities, seccomp. Its fields override the pod-level `securityContext` one by one. The restricted Pod Security Standard asks for `runAsNonRoot: true`, `allowPrivilegeEscalation: false`, dropping `ALL` capabilities and a seccomp profile.', SECURITY_CONTEXT),
	...Object.entries(SECURITY_FIELDS).map(([key, doc]): Entry => entry(`container:securityContext.${key}`, key, doc.text, doc.url)),
	// ---- pod spec
	entry('podSpec:securityContext', 'securityContext', 'Defaults for every container of the pod (`runAsUser`, `runAsNonRoot`, `fsGroup`, `seccompProfile`...); a container\'s own `securityContext` overrides them field by field. `allowPrivilegeEscalation`, `privileged`, `capabilities` and `readOnlyRootFilesystem` exist only per container.', SECURITY_CONTEXT),
	...Object.entries(SECURITY_FIELDS).map(([key, doc]): Entry =>
		CONTAINER_ONLY_SECURITY.includes(key)
			? entry(`podSpec:securityContext.${key}`, key, `A pod-level \`securityContext\` has no \`${key}\`: Kubernetes drops it (strict field validation warns), so it protects nothing here. Set it in each container's \`securityContext\`.`, doc.url)
			: entry(`podSpec:securityContext.${key}`, key, `${doc.text} Set at pod level, it applies to every container that does not set its own.`, doc.url),
	),
	entry('podSpec:priorityClassName', 'priorityClassName', 'Names a PriorityClass. When the cluster is full, the scheduler preempts (evicts) pods of lower priority to place pods of higher priority, and under node pressure the kubelet evicts lower priorities first. Without one, pods get the cluster\'s default priority (usually 0), and critical services compete with batch jobs.', `${DOCS}/concepts/scheduling-eviction/pod-priority-preemption/`),
	entry('podSpec:serviceAccountName', 'serviceAccountName', 'The ServiceAccount whose identity the pod uses against the Kubernetes API (and cloud services through workload identity). Unset, it is the namespace\'s `default` account, shared by every workload that does not choose. Give each workload its own account with only the RBAC it needs.', SERVICE_ACCOUNTS),
	entry('podSpec:automountServiceAccountToken', 'automountServiceAccountToken', 'Whether the ServiceAccount\'s API token is mounted into the containers (under `/var/run/secrets/kubernetes.io/serviceaccount`). An app that never calls the Kubernetes API should set `false`: a token on disk is the first thing an intruder uses. Set on the pod, it wins over the ServiceAccount\'s setting.', `${SERVICE_ACCOUNTS}#opt-out-of-api-credential-automounting`),
	entry('podSpec:hostNetwork', 'hostNetwork', 'Runs the pod in the node\'s network namespace: it sees every interface of the node, binds ports on the node itself (two replicas cannot share a node), and NetworkPolicies do not apply to it. Meant for node agents only; the baseline Pod Security Standard forbids it.', `${POD_SECURITY_STANDARDS}#baseline`),
	entry('podSpec:volumes.*.hostPath', 'hostPath', 'Mounts a file or directory of the node into the pod. The pod then depends on what that one node holds, loses it when rescheduled, and can read or change the host: `/var/run/docker.sock` or `/` amount to root on the node. Use a PersistentVolumeClaim, a ConfigMap or an `emptyDir` instead.', `${DOCS}/concepts/storage/volumes/#hostpath`),
	entry('podSpec:topologySpreadConstraints', 'topologySpreadConstraints', 'Spreads matching pods across topology domains (nodes with `kubernetes.io/hostname`, zones with `topology.kubernetes.io/zone`): `maxSkew` bounds the difference between domains, `whenUnsatisfiable` chooses between waiting (`DoNotSchedule`) and best effort (`ScheduleAnyway`). Replicas on several nodes and zones survive the loss of one.', `${DOCS}/concepts/scheduling-eviction/topology-spread-constraints/`),
	entry('podSpec:affinity.podAntiAffinity', 'podAntiAffinity', 'Keeps the pod off nodes (or zones, per `topologyKey`) that already run matching pods. `requiredDuringSchedulingIgnoredDuringExecution` leaves pods Pending when no such node is free; `preferredDuringSchedulingIgnoredDuringExecution` spreads where it can. Without spreading, every replica may land on one node and go down with it.', `${DOCS}/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity`),
	// ---- pod template
	entry('podTemplate:metadata.labels', 'labels', 'The labels of every pod created from this template. Selectors match these, not the object\'s own labels: the workload\'s `spec.selector`, Services, NetworkPolicies, PodDisruptionBudgets and anti-affinity terms. Changing them changes what selects the pods.', LABELS),
	// ---- objects
	{
		at: 'object:metadata.labels',
		doc: (object) =>
			object.kind === 'Pod'
				? { key: 'labels', text: 'The labels of this Pod: Services, NetworkPolicies and PodDisruptionBudgets select it by them, and `kubectl get -l` finds it.', url: LABELS }
				: { key: 'labels', text: `Identify the ${object.kind} for people and tools: \`kubectl get -l\`, dashboards, cost reports and policies select by them. ${object.isWorkload ? 'They do not decide which pods Services and policies select: the pod template\'s labels do. ' : ''}The recommended set starts with \`app.kubernetes.io/name\`.`, url: `${DOCS}/concepts/overview/working-with-objects/common-labels/` },
	},
	{
		at: 'object:metadata.namespace',
		doc: (object) =>
			CLUSTER_SCOPED_KINDS.has(object.kind)
				? { key: 'namespace', text: `${object.kind} is cluster-scoped: Kubernetes ignores its namespace.`, url: `${DOCS}/concepts/overview/working-with-objects/namespaces/#not-all-objects-are-in-a-namespace` }
				: { key: 'namespace', text: 'The namespace the object lives in. Names are unique per namespace, and RBAC, ResourceQuotas, LimitRanges, NetworkPolicies and selectors stop at its boundary. Unset, the object goes wherever `kubectl -n` or the current context points, which differs between people and pipelines.', url: `${DOCS}/concepts/overview/working-with-objects/namespaces/` },
	},
	entry('object:spec.replicas', 'replicas', 'How many pods the controller keeps running. One replica means downtime on every node drain, rollout or crash; two or more, spread across nodes and guarded by a PodDisruptionBudget, keep the service up. Leave it out when an HorizontalPodAutoscaler manages the workload, or every apply resets the scale (removing it from a manifest `kubectl apply` already manages can drop the count to 1 once; the HPA docs describe the migration).', `${DEPLOYMENT}#scaling-a-deployment`, REPLICATED),
	entry('object:spec.strategy', 'strategy', 'How the Deployment replaces pods on an update. `RollingUpdate` (the default) swaps them a few at a time within `maxSurge` and `maxUnavailable`, waiting for readiness. `Recreate` stops every old pod before starting new ones: downtime on every rollout, but never two versions side by side.', `${DEPLOYMENT}#strategy`, ['Deployment']),
	entry('object:spec.strategy.rollingUpdate.maxUnavailable', 'maxUnavailable', 'How far below the desired replica count a rolling update may go (default 25%, rounded down). With `0`, new pods must become ready before old ones stop, and `maxSurge` must allow extra pods. This bounds rollouts only; node drains follow PodDisruptionBudgets.', `${DEPLOYMENT}#max-unavailable`, ['Deployment']),
	entry('object:spec.strategy.rollingUpdate.maxSurge', 'maxSurge', 'How far above the desired replica count a rolling update may go (default 25%, rounded up): extra pods that need room on the nodes while the rollout lasts.', `${DEPLOYMENT}#max-surge`, ['Deployment']),
	entry('object:spec.selector', 'selector', 'Which pods this controller owns: it must select the template\'s labels (the API server rejects the object otherwise) and cannot change after creation. Two controllers whose selectors overlap fight over the same pods.', `${LABELS}#label-selectors`, CONTROLLER_KINDS),
	entry('object:spec.selector', 'selector', 'Ready pods whose labels match every pair become the Service\'s endpoints and receive its traffic. Without a selector, the endpoints are managed by hand (EndpointSlices).', `${DOCS}/concepts/services-networking/service/#services-without-selectors`, ['Service']),
	entry('object:spec.selector', 'selector', 'The pods this budget protects from voluntary disruptions (drains, evictions). With policy/v1, `{}` selects every pod of the namespace. A pod that several budgets select cannot be evicted at all.', `${PDB}#specifying-a-poddisruptionbudget`, ['PodDisruptionBudget']),
	entry('object:spec.minAvailable', 'minAvailable', 'How many selected pods (a number or a percentage) must stay available during voluntary disruptions: an eviction that would go below it is refused, and the drain waits. Equal to the replica count, it blocks every drain; `maxUnavailable` keeps working when the workload scales.', `${PDB}#think-about-how-your-application-reacts-to-disruptions`, ['PodDisruptionBudget']),
	entry('object:spec.maxUnavailable', 'maxUnavailable', 'How many selected pods (a number or a percentage) may be down at once during voluntary disruptions. `1` lets drains go one pod at a time; `0` refuses every eviction and stalls node upgrades. Crashes and node failures are not bounded by it.', `${PDB}#think-about-how-your-application-reacts-to-disruptions`, ['PodDisruptionBudget']),
	entry('object:spec.minReplicas', 'minReplicas', 'The fewest pods the autoscaler scales down to (default 1). At 1, a quiet hour leaves a single pod, and its next drain or crash is an outage; 2 or more keep a spare.', HPA, ['HorizontalPodAutoscaler']),
	entry('object:spec.maxReplicas', 'maxReplicas', 'The most pods the autoscaler scales up to: a cap on cost and on the load passed to dependencies (databases, rate-limited APIs). At the cap, more traffic only makes responses slower.', HPA, ['HorizontalPodAutoscaler']),
	entry('object:spec.podSelector', 'podSelector', 'The pods of its own namespace this policy applies to; `{}` selects every one. Once any policy selects a pod for a direction (`policyTypes`: Ingress, Egress), only the traffic some policy allows gets through in that direction.', `${DOCS}/concepts/services-networking/network-policies/`, ['NetworkPolicy']),
	entry('object:automountServiceAccountToken', 'automountServiceAccountToken', 'Whether pods using this ServiceAccount get its API token mounted; a pod\'s own `automountServiceAccountToken` overrides it. Accounts of apps that never call the Kubernetes API should set `false`.', `${SERVICE_ACCOUNTS}#opt-out-of-api-credential-automounting`, ['ServiceAccount']),
];

const BY_PLACE = new Map<string, Entry[]>();
for (const e of ENTRIES) BY_PLACE.set(e.at, [...(BY_PLACE.get(e.at) ?? []), e]);

/** The explanation of the key at `path` of `object`, when it is one that matters there. */
export function keyDocAt(object: K8sObject, path: Path): KeyDoc | undefined {
	const found = BY_PLACE.get(placeKey(placeOf(object, path)))?.find((e) => !e.kinds || e.kinds.includes(object.kind));
	if (!found) return undefined;
	return typeof found.doc === 'function' ? found.doc(object) : found.doc;
}

