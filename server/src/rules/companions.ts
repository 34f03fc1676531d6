// Companion documents that the G fixes append after a workload: a PodDisruptionBudget, a NetworkPolicy
// and a HorizontalPodAutoscaler for it, plus a namespace-wide default-deny NetworkPolicy and a LimitRange
// for commands that set a namespace up. Each generated object, added to the workspace, clears the finding
// it answers and draws no finding of its own (test/unit/rules/companions.test.ts proves it).
import { isPlainObject, K8sObject, Plain } from '../core/k8s';
import { isEmptySelector } from '../core/selectors';
import type { FixPlan, ResourceDefaults } from '../core/types';
import type { WorkspaceIndex } from '../core/workspace';
import { hasRequestFor } from './helpers';

/** Recommended labels a companion copies from its workload, so `kubectl get -l` finds them together. */
const COPIED_LABELS = ['app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app.kubernetes.io/part-of', 'app.kubernetes.io/component'];

function plainCopy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value));
}

function companionName(workload: K8sObject): string {
	return workload.name ?? workload.kind.toLowerCase();
}

/** Name, namespace (the workload's, so namespace matching holds) and the workload's recommended labels. */
function companionMetadata(workload: K8sObject): Plain {
	const labels: Record<string, string> = { 'app.kubernetes.io/name': workload.labels['app.kubernetes.io/name'] ?? workload.templateLabels['app.kubernetes.io/name'] ?? companionName(workload) };
	for (const key of COPIED_LABELS) if (workload.labels[key] !== undefined) labels[key] = workload.labels[key];
	return { name: companionName(workload), ...(workload.namespace !== undefined ? { namespace: workload.namespace } : {}), labels };
}

/**
 * A LabelSelector for the workload's pods: its own `spec.selector` (matchLabels and matchExpressions; a
 * ReplicationController's plain map as matchLabels), else its template labels. Undefined when neither
 * gives a requirement: an empty selector would select every pod of the namespace.
 */
export function podSelectorOf(workload: K8sObject): Plain | undefined {
	const selector = workload.get(['spec', 'selector']);
	if (workload.kind === 'ReplicationController' && isPlainObject(selector) && Object.keys(selector).length) return { matchLabels: plainCopy(selector) };
	if (workload.kind !== 'ReplicationController' && isPlainObject(selector) && !isEmptySelector(selector)) {
		const out: Plain = {};
		if (isPlainObject(selector.matchLabels) && Object.keys(selector.matchLabels).length) out.matchLabels = plainCopy(selector.matchLabels);
		if (Array.isArray(selector.matchExpressions) && selector.matchExpressions.length) out.matchExpressions = plainCopy(selector.matchExpressions);
		return out;
	}
	return Object.keys(workload.templateLabels).length ? { matchLabels: { ...workload.templateLabels } } : undefined;
}

function plan(object: Plain): FixPlan {
	return { title: `Add ${object.kind} for ${object.metadata.name}`, ops: [{ op: 'appendDocument', value: object }] };
}

/** policy/v1 PodDisruptionBudget with `maxUnavailable: 1` over the workload's selector. */
export function podDisruptionBudgetFor(workload: K8sObject): Plain | undefined {
	const selector = podSelectorOf(workload);
	if (!selector) return undefined;
	return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: companionMetadata(workload), spec: { maxUnavailable: 1, selector } };
}

/** The container ports the workload's app containers declare, as NetworkPolicy ports (TCP is the default protocol). */
function declaredNetworkPorts(workload: K8sObject): Plain[] {
	const seen = new Set<string>();
	const out: Plain[] = [];
	for (const container of workload.appContainers()) {
		const ports = Array.isArray(container.value.ports) ? container.value.ports : [];
		for (const p of ports) {
			if (!isPlainObject(p)) continue;
			const port = typeof p.containerPort === 'number' ? p.containerPort : Number(p.containerPort);
			if (!Number.isInteger(port) || port <= 0) continue;
			const protocol = typeof p.protocol === 'string' && p.protocol !== 'TCP' ? p.protocol : undefined;
			const key = `${port}/${protocol ?? 'TCP'}`;
			if (seen.has(key)) continue;
			seen.add(key);
			out.push(protocol ? { protocol, port } : { port });
		}
	}
	return out;
}

/**
 * networking.k8s.io/v1 NetworkPolicy selecting the workload's pods (its template labels), Ingress only,
 * allowing pods of the same namespace on the declared container ports (every port when none is declared).
 */
export function networkPolicyFor(workload: K8sObject): Plain | undefined {
	const labels = workload.templateLabels;
	if (!Object.keys(labels).length) return undefined;
	const ports = declaredNetworkPorts(workload);
	return {
		apiVersion: 'networking.k8s.io/v1',
		kind: 'NetworkPolicy',
		metadata: companionMetadata(workload),
		spec: {
			podSelector: { matchLabels: { ...labels } },
			policyTypes: ['Ingress'],
			ingress: [{ from: [{ podSelector: {} }], ...(ports.length ? { ports } : {}) }],
		},
	};
}

/**
 * autoscaling/v2 HorizontalPodAutoscaler on 80% CPU utilization, 2 to 5 replicas. Undefined when an app
 * container has no cpu request (nor a limit or LimitRange default): the HPA could not compute utilization.
 */
export function horizontalPodAutoscalerFor(workload: K8sObject, workspace: WorkspaceIndex): Plain | undefined {
	if (workload.appContainers().some((c) => !hasRequestFor(c, 'cpu', workload, workspace))) return undefined;
	const apiVersion = ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(workload.kind) ? 'apps/v1' : workload.apiVersion;
	return {
		apiVersion: 'autoscaling/v2',
		kind: 'HorizontalPodAutoscaler',
		metadata: companionMetadata(workload),
		spec: {
			scaleTargetRef: { apiVersion, kind: workload.kind, name: companionName(workload) },
			minReplicas: 2,
			maxReplicas: 5,
			metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
		},
	};
}

export function pdbCompanion(workload: K8sObject): FixPlan | undefined {
	const pdb = podDisruptionBudgetFor(workload);
	return pdb && plan(pdb);
}

export function networkPolicyCompanion(workload: K8sObject): FixPlan | undefined {
	const policy = networkPolicyFor(workload);
	return policy && plan(policy);
}

export function hpaCompanion(workload: K8sObject, workspace: WorkspaceIndex): FixPlan | undefined {
	const hpa = horizontalPodAutoscalerFor(workload, workspace);
	return hpa && plan(hpa);
}

/** A NetworkPolicy that selects every pod of the namespace and allows no ingress and no egress. */
export function defaultDenyNetworkPolicy(namespace: string | undefined): Plain {
	return {
		apiVersion: 'networking.k8s.io/v1',
		kind: 'NetworkPolicy',
		metadata: { name: 'default-deny', ...(namespace !== undefined ? { namespace } : {}) },
		spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
	};
}

/**
 * A LimitRange giving containers of the namespace default requests (the configured resource defaults)
 * and a default memory limit equal to the memory request, or `memoryLimit` when given (a default limit
 * below a container's own memory request would make the API server reject its pod); a cpu limit only
 * on request, since cpu limits throttle (see missing-cpu-limit).
 */
export function limitRangeFor(namespace: string | undefined, defaults: ResourceDefaults, opts: { cpuLimit?: boolean; memoryLimit?: string } = {}): Plain {
	return {
		apiVersion: 'v1',
		kind: 'LimitRange',
		metadata: { name: 'container-defaults', ...(namespace !== undefined ? { namespace } : {}) },
		spec: {
			limits: [
				{
					type: 'Container',
					defaultRequest: { cpu: defaults.cpu, memory: defaults.memory },
					default: { memory: opts.memoryLimit ?? defaults.memory, ...(opts.cpuLimit ? { cpu: defaults.cpu } : {}) },
				},
			],
		},
	};
}
