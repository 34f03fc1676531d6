// Helpers shared by rule modules: container ports, LimitRange defaults, HPA targeting and pod selection
// across the workspace. Kept here so each rule stays a few lines of intent.
import { isPlainObject, K8sObject, ContainerRef } from '../core/k8s';
import { isEmptySelector, matchesLabelSelector, matchesMapSelector } from '../core/selectors';
import { sameNamespace, WorkspaceIndex } from '../core/workspace';

export interface DeclaredPort {
	name?: string;
	containerPort?: number;
}

export function declaredPorts(container: ContainerRef): DeclaredPort[] {
	const ports = container.value.ports;
	if (!Array.isArray(ports)) return [];
	return ports.filter(isPlainObject).map((p) => ({
		name: typeof p.name === 'string' ? p.name : undefined,
		containerPort: typeof p.containerPort === 'number' ? p.containerPort : Number.isFinite(Number(p.containerPort)) ? Number(p.containerPort) : undefined,
	}));
}

/** The port a generated probe uses: the first declared port, by name when it is named. */
export function probePort(container: ContainerRef): string | number | undefined {
	const first = declaredPorts(container)[0];
	return first?.name ?? first?.containerPort;
}

export function containerLabel(container: ContainerRef): string {
	return container.name !== undefined ? `Container "${container.name}"` : 'A container without a name';
}

// ---- LimitRange defaulting ------------------------------------------------------------------------

export interface LimitRangeDefaults {
	limitRange: K8sObject;
	defaultLimit: Record<string, unknown>;
	defaultRequest: Record<string, unknown>;
}

/**
 * Container defaults the LimitRanges of the object's namespace give, following the API server:
 * default limit from `default`, else `max`; default request from `defaultRequest`, else the default
 * limit, else `min`. One entry per LimitRange with a `type: Container` item.
 */
export function limitRangeDefaults(object: K8sObject, workspace: WorkspaceIndex): LimitRangeDefaults[] {
	const out: LimitRangeDefaults[] = [];
	for (const lr of workspace.ofKind('LimitRange')) {
		if (!sameNamespace(lr, object)) continue;
		const limits = lr.get(['spec', 'limits']);
		if (!Array.isArray(limits)) continue;
		for (const item of limits) {
			if (!isPlainObject(item) || item.type !== 'Container') continue;
			const pick = (v: unknown) => (isPlainObject(v) ? v : {});
			const defaultLimit = { ...pick(item.max), ...pick(item.default) };
			const defaultRequest = { ...pick(item.min), ...defaultLimit, ...pick(item.defaultRequest) };
			out.push({ limitRange: lr, defaultLimit, defaultRequest });
		}
	}
	return out;
}

/** The LimitRange that gives containers of this object a default for `resources.<kind>.<resource>`. */
export function limitRangeProviding(object: K8sObject, workspace: WorkspaceIndex, kind: 'limits' | 'requests', resource: string): K8sObject | undefined {
	return limitRangeDefaults(object, workspace).find((d) => (kind === 'limits' ? d.defaultLimit : d.defaultRequest)[resource] !== undefined)?.limitRange;
}

// ---- selection ----------------------------------------------------------------------------------

/** Workloads of the workspace whose pod template labels a LabelSelector selects, in the same namespace. */
export function workloadsSelectedBy(selectorOwner: K8sObject, selector: unknown, workspace: WorkspaceIndex, opts: { emptySelectsAll: boolean }): K8sObject[] {
	if (isEmptySelector(selector) && !opts.emptySelectsAll) return [];
	return workspace.workloads().filter((w) => sameNamespace(w, selectorOwner) && matchesLabelSelector(selector, w.templateLabels));
}

/** Workloads a Service's plain-map selector selects (an empty or absent selector selects nothing). */
export function workloadsSelectedByService(service: K8sObject, workspace: WorkspaceIndex): K8sObject[] {
	const selector = service.get(['spec', 'selector']);
	if (!isPlainObject(selector) || Object.keys(selector).length === 0) return [];
	return workspace.workloads().filter((w) => sameNamespace(w, service) && matchesMapSelector(selector, w.templateLabels));
}

// ---- autoscaling --------------------------------------------------------------------------------

/** HPAs of the workspace whose scaleTargetRef names this workload (kind, name, namespace). */
export function hpasTargeting(object: K8sObject, workspace: WorkspaceIndex): K8sObject[] {
	return workspace.ofKind('HorizontalPodAutoscaler').filter((hpa) => {
		const ref = hpa.get(['spec', 'scaleTargetRef']);
		return isPlainObject(ref) && ref.kind === object.kind && ref.name === object.name && sameNamespace(hpa, object);
	});
}

/**
 * The replica count RULES.md uses: `spec.replicas` (1 when unset); when an HPA targets the workload,
 * the HPA's `minReplicas` (default 1) counts instead.
 */
export function effectiveReplicas(object: K8sObject, workspace: WorkspaceIndex): number {
	const hpa = hpasTargeting(object, workspace)[0];
	if (hpa) {
		const min = hpa.get(['spec', 'minReplicas']);
		return typeof min === 'number' ? min : 1;
	}
	return object.replicas;
}
