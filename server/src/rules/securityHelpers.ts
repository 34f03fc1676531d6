// Helpers shared by the container-security rules: where a container's securityContext value comes
// from (a container value overrides the pod's), Windows pods, and the common shape "a container
// boolean that must be X" (an explicit bad value is range case 1, an absent one case 2).
import { ContainerRef, isPlainObject, K8sObject, Plain } from '../core/k8s';
import type { RuleContext, RuleReport } from '../core/rule';
import type { FixPlan, Path } from '../core/types';
import { containerLabel } from './helpers';

export function containerSecurityContext(container: ContainerRef): Plain {
	const sc = container.value.securityContext;
	return isPlainObject(sc) ? sc : {};
}

export function podSecurityContext(object: K8sObject): Plain {
	const sc = object.podSpec?.securityContext;
	return isPlainObject(sc) ? sc : {};
}

export interface EffectiveSetting {
	/** The value the kubelet uses; undefined when neither level sets it. */
	value: unknown;
	/** Where that value is written (relative to the object), or null when it is unset. */
	path: Path | null;
	level: 'container' | 'pod' | 'unset';
}

const isSet = (v: unknown) => v !== undefined && v !== null;

/**
 * A field of the container's effective security context. Fields that exist in both the pod's and the
 * container's securityContext (runAsUser, runAsNonRoot, ...) are inherited from the pod unless the
 * container sets them; container-only fields simply read `undefined` at pod level.
 */
export function effectiveSetting(object: K8sObject, container: ContainerRef, field: string): EffectiveSetting {
	const own = containerSecurityContext(container)[field];
	if (isSet(own)) return { value: own, path: [...container.path, 'securityContext', field], level: 'container' };
	const pod = podSecurityContext(object)[field];
	if (isSet(pod) && object.podSpecPath) return { value: pod, path: [...object.podSpecPath, 'securityContext', field], level: 'pod' };
	return { value: undefined, path: null, level: 'unset' };
}

/**
 * Pods declared for Windows nodes: the API server rejects the Linux-only container fields
 * (allowPrivilegeEscalation, readOnlyRootFilesystem, capabilities, privileged, runAsUser) there,
 * so the hardening rules built on them do not apply.
 */
export function isWindowsPod(object: K8sObject): boolean {
	const os = object.podSpec?.os;
	return isPlainObject(os) && os.name === 'windows';
}

/**
 * Reports through `ctx`, dropping a second report on the same range: one YAML value can be shared by
 * several containers through an anchor, and RULES.md wants one finding per offending value.
 */
export function oncePerRange(ctx: RuleContext): (report: RuleReport) => void {
	const seen = new Set<string>();
	return (report) => {
		const key = report.range ? `${report.range.start}:${report.range.end}` : '';
		if (key && seen.has(key)) return;
		seen.add(key);
		ctx.report(report);
	};
}

export interface ContainerFlagCheck {
	/** The container securityContext field. */
	field: string;
	/** The only value that satisfies the rule. */
	want: boolean;
	/** Message for an explicit wrong value, given the container's label ("Container \"web\""). */
	explicitMessage: (label: string, value: unknown) => string;
	/** Message for an absent field. */
	absentMessage: (label: string) => string;
	/** Whether setting the field to `want` is valid for this container (the API server may reject it). */
	canFix?: (container: ContainerRef) => boolean;
	/** Containers the rule leaves alone (another rule speaks for them); every container when absent. */
	skip?: (container: ContainerRef) => boolean;
}

/**
 * The shape of privilege-escalation and writable-root-filesystem: every container's own
 * securityContext field must be `want`. An explicit other value sits on that value (range case 1),
 * an absent one on the container's name (case 2); the fix sets the field.
 */
export function checkContainerFlag(ctx: RuleContext, check: ContainerFlagCheck): void {
	const { object } = ctx;
	if (isWindowsPod(object)) return;
	const report = oncePerRange(ctx);
	for (const container of object.containers()) {
		if (check.skip?.(container)) continue;
		const value = containerSecurityContext(container)[check.field];
		if (value === check.want) continue;
		const path = [...container.path, 'securityContext', check.field];
		const fix: FixPlan | undefined =
			check.canFix && !check.canFix(container) ? undefined : { title: `Set ${check.field}: ${check.want}`, ops: [{ op: 'set', path, value: check.want }] };
		const label = containerLabel(container);
		if (isSet(value)) report({ range: object.valueRange(path), message: check.explicitMessage(label, value), fix });
		else report({ range: object.containerRange(container), message: check.absentMessage(label), fix });
	}
}

/** The string items of a list, with their index (other items skipped). */
export function stringItems(list: unknown): { item: string; index: number }[] {
	if (!Array.isArray(list)) return [];
	return list.flatMap((item, index) => (typeof item === 'string' ? [{ item, index }] : []));
}

/** A Linux capability name as the runtimes read it: case-insensitive, with or without `CAP_`. */
export function capabilityName(raw: string): string {
	const upper = raw.trim().toUpperCase();
	return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}
