// Object builders for cross-resource rule tests: workloads, HPAs, PDBs, NetworkPolicies, Services and
// claims as plain objects, rendered to YAML with `docs()`. Cases then state only what differs (names,
// namespaces, selectors, replicas), and `lineOf()` finds the line a finding must start on.
import { stringify } from 'yaml';

export type Obj = Record<string, any>;

export interface WorkloadOptions {
	kind?: string;
	namespace?: string;
	/** `spec.replicas`; omitted when undefined. */
	replicas?: unknown;
	/** Pod template labels (default `{app: <name>}`); also the selector's matchLabels. */
	labels?: Record<string, string>;
	/** Extra pod spec fields. */
	podSpec?: Obj;
	/** Container fields merged into the single container `app`. */
	container?: Obj;
	metadataLabels?: Record<string, string>;
}

function metadata(name: string, namespace?: string, labels?: Record<string, string>): Obj {
	return { name, ...(namespace !== undefined ? { namespace } : {}), ...(labels ? { labels } : {}) };
}

/** A workload with one container; Deployment unless `kind` says otherwise (Pod and CronJob get their own layout). */
export function workload(name: string, options: WorkloadOptions = {}): Obj {
	const kind = options.kind ?? 'Deployment';
	const labels = options.labels ?? { app: name };
	const podSpec = { ...options.podSpec, containers: [{ name: 'app', image: 'ghcr.io/acme/app:1.0.0', ...options.container }] };
	if (kind === 'Pod') return { apiVersion: 'v1', kind, metadata: metadata(name, options.namespace, labels), spec: podSpec };
	const template = { metadata: { labels }, spec: podSpec };
	if (kind === 'CronJob') return { apiVersion: 'batch/v1', kind, metadata: metadata(name, options.namespace), spec: { schedule: '0 1 * * *', jobTemplate: { spec: { template } } } };
	if (kind === 'Job') return { apiVersion: 'batch/v1', kind, metadata: metadata(name, options.namespace), spec: { template } };
	const apiVersion = kind === 'ReplicationController' ? 'v1' : 'apps/v1';
	const selector = kind === 'ReplicationController' ? labels : { matchLabels: labels };
	return {
		apiVersion,
		kind,
		metadata: metadata(name, options.namespace, options.metadataLabels),
		spec: { ...(options.replicas !== undefined ? { replicas: options.replicas } : {}), selector, template },
	};
}

export function hpa(name: string, target: { kind?: string; name: string }, options: { namespace?: string; apiVersion?: string; spec?: Obj } = {}): Obj {
	return {
		apiVersion: options.apiVersion ?? 'autoscaling/v2',
		kind: 'HorizontalPodAutoscaler',
		metadata: metadata(name, options.namespace),
		spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: target.kind ?? 'Deployment', name: target.name }, maxReplicas: 5, ...options.spec },
	};
}

export function pdb(name: string, spec: Obj, options: { namespace?: string; apiVersion?: string } = {}): Obj {
	return { apiVersion: options.apiVersion ?? 'policy/v1', kind: 'PodDisruptionBudget', metadata: metadata(name, options.namespace), spec };
}

export function networkPolicy(name: string, podSelector: Obj | undefined, options: { namespace?: string } = {}): Obj {
	return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: metadata(name, options.namespace), spec: { ...(podSelector ? { podSelector } : {}), policyTypes: ['Ingress'] } };
}

export function service(name: string, spec: Obj, options: { namespace?: string } = {}): Obj {
	return { apiVersion: 'v1', kind: 'Service', metadata: metadata(name, options.namespace), spec: { ports: [{ port: 80 }], ...spec } };
}

export function claim(name: string, accessModes: string[], options: { namespace?: string } = {}): Obj {
	return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: metadata(name, options.namespace), spec: { accessModes, resources: { requests: { storage: '1Gi' } } } };
}

/** Objects as one multi-document YAML text. */
export function docs(...objects: Obj[]): string {
	return objects.map((o) => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}

/** 1-based line of the `occurrence`-th line containing `needle`. */
export function lineOf(code: string, needle: string, occurrence = 1): number {
	const lines = code.split('\n');
	let seen = 0;
	for (let i = 0; i < lines.length; i++) if (lines[i].includes(needle) && ++seen === occurrence) return i + 1;
	throw new Error(`"${needle}" (occurrence ${occurrence}) not found in:\n${code}`);
}
