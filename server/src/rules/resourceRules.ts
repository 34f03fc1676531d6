// The shared shape of the resource rules: reading a container's `requests` and `limits`, and the two
// "missing limit" rules (memory, cpu) with their LimitRange exemption and their quick fix, and the one
// fix that answers them together on a container with no `resources:` at all.
import { ContainerRef, isPlainObject, K8sObject, WORKLOAD_KINDS } from '../core/k8s';
import type { RuleContext } from '../core/rule';
import type { Finding, FixOp, FixPlan, Path } from '../core/types';
import { compareQuantities, isValidQuantity, parseQuantity } from '../core/quantity';
import { containerLabel, isKustomizePatch, limitRangeDefaults, limitRangeProviding } from './helpers';

export type ResourceField = 'requests' | 'limits';
export type ComputeResource = 'cpu' | 'memory';

/** Resource rules look at every workload kind: all containers, init containers included. */
export const RESOURCE_RULE_KINDS: readonly string[] = WORKLOAD_KINDS;

export function resourcesPath(container: ContainerRef, field: ResourceField, resource?: string): Path {
	return resource === undefined ? [...container.path, 'resources', field] : [...container.path, 'resources', field, resource];
}

/** The container's `resources.<field>` map (resolved), or an empty one when absent or not a map. */
export function resourceMap(container: ContainerRef, field: ResourceField): Record<string, unknown> {
	const resources = container.value.resources;
	const map = isPlainObject(resources) ? resources[field] : undefined;
	return isPlainObject(map) ? map : {};
}

/** `resources.<field>.<resource>` as written, or undefined when unset (an empty `cpu:` counts as unset). */
export function resourceValue(container: ContainerRef, field: ResourceField, resource: string): unknown {
	const value = resourceMap(container, field)[resource];
	return value === null ? undefined : value;
}

/**
 * Whether the pod spec sets `resources.<field>.<resource>` for the whole pod (pod-level resources,
 * Kubernetes 1.32+): its containers then share that budget and need no value of their own.
 */
export function podLevelResource(object: K8sObject, field: ResourceField, resource: string): boolean {
	const resources = object.podSpec?.resources;
	const map = isPlainObject(resources) ? resources[field] : undefined;
	return isPlainObject(map) && map[resource] !== undefined && map[resource] !== null;
}

/**
 * A cpu quantity times two, in the units Kubernetes would print (`250m` -> `500m`, `1` -> `2`), or
 * undefined when it is not a valid quantity. Rounded up to whole millicores, the finest cpu unit.
 */
export function doubledCpu(raw: unknown): string | undefined {
	const cores = parseQuantity(raw);
	if (cores === null) return undefined;
	const millis = Math.max(1, Math.ceil(cores * 2000 - 1e-9));
	return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/**
 * The limit a quick fix inserts, read from what the container has: its own request, else the request a
 * LimitRange of the namespace defaults, else the configured default. Memory gets that value (a memory
 * limit equal to the request is what the remediation advises); cpu gets twice it, the headroom the
 * remediation advises, so a burst is not throttled at once. The limit is never below the request. A
 * container without its own request gets one too: Kubernetes would otherwise copy the new limit into
 * the request and change how the pod is scheduled. None when the request is written but is not a valid
 * quantity (invalid-quantity says so). The values are the user's to choose (snippet placeholders).
 */
function limitFix(ctx: RuleContext, container: ContainerRef, resource: ComputeResource): FixPlan | undefined {
	const request = resourceValue(container, 'requests', resource);
	if (request !== undefined && !isValidQuantity(request)) return undefined;
	const defaulted = limitRangeDefaults(ctx.object, ctx.workspace).find((d) => d.defaultRequest[resource] !== undefined)?.defaultRequest[resource];
	const base = request ?? (isValidQuantity(defaulted) ? defaulted : ctx.config.resourceDefaults[resource]);
	const limit = resource === 'cpu' ? doubledCpu(base) : base;
	if (limit === undefined || (request !== undefined && (compareQuantities(limit, request) ?? -1) < 0)) return undefined;
	const limitPath = resourcesPath(container, 'limits', resource);
	const ops: FixOp[] = [{ op: 'set', path: limitPath, value: limit }];
	const placeholders: Path[] = [limitPath];
	if (request === undefined) {
		const requestPath = resourcesPath(container, 'requests', resource);
		ops.unshift({ op: 'set', path: requestPath, value: base });
		placeholders.unshift(requestPath);
	}
	return {
		title: request === undefined ? `Add requests ${resource}: ${String(base)} and limits ${resource}: ${String(limit)}` : `Add limits ${resource}: ${String(limit)}`,
		ops,
		placeholders,
	};
}

/**
 * Every container without `limits.<resource>`, unless a LimitRange gives containers a default limit or
 * the pod spec limits the whole pod. Kustomize patches are partial objects: their base has the rest.
 */
export function checkMissingLimit(ctx: RuleContext, resource: ComputeResource, consequence: string): void {
	const { object, workspace } = ctx;
	if (isKustomizePatch(object, workspace) || podLevelResource(object, 'limits', resource) || limitRangeProviding(object, workspace, 'limits', resource)) return;
	for (const container of object.containers()) {
		if (resourceValue(container, 'limits', resource) !== undefined) continue;
		ctx.report({
			range: object.containerRange(container),
			message: `${containerLabel(container)} has no ${resource} limit: ${consequence}`,
			fix: limitFix(ctx, container, resource),
		});
	}
}

/** The rules whose findings on a container without `resources:` share that one cause. */
export const RESOURCE_FINDING_RULES: readonly string[] = ['missing-resource-requests', 'missing-memory-limit', 'missing-cpu-limit'];

/** A fix plan that answers several findings at once. */
export interface RelatedFix {
	plan: FixPlan;
	answers: Finding[];
}

/**
 * One fix per container of `object` that has no `resources:` key and more than one resource finding
 * among `findings`: the findings' own plans merged, so it writes exactly what they would one by one
 * (their values, placeholders and safety), as one `resources` map. A container that has part of its
 * resources keeps the separate fixes.
 */
export function combinedResourceFixes(object: K8sObject, findings: readonly Finding[]): RelatedFix[] {
	const out: RelatedFix[] = [];
	for (const container of object.containers()) {
		if (container.value.resources !== undefined) continue;
		const range = object.containerRange(container);
		const answers = findings.filter(
			(f) => f.objectKey === object.key && f.fix && RESOURCE_FINDING_RULES.includes(f.ruleId) && f.range.start === range.start && f.range.end === range.end,
		);
		if (answers.length < 2) continue;
		const name = container.name !== undefined ? ` to container "${container.name}"` : '';
		// A limit's fix also sets the request it leaves headroom above: its value wins over the requests
		// fix's for the same key, so each limit agrees with its request. Each key is set once.
		const limitsFirst = [...answers].sort((a, b) => Number(a.ruleId === 'missing-resource-requests') - Number(b.ruleId === 'missing-resource-requests'));
		const key = (path: Path) => JSON.stringify(path);
		const ops = new Map<string, FixOp>();
		for (const op of limitsFirst.flatMap((f) => f.fix!.ops)) {
			const at = op.op === 'appendDocument' ? `document ${ops.size}` : `${op.op} ${key(op.path)}`;
			if (!ops.has(at)) ops.set(at, op);
		}
		const placeholders = new Map(limitsFirst.flatMap((f) => f.fix!.placeholders ?? []).map((path) => [key(path), path]));
		const plan: FixPlan = {
			title: `Add requests and limits${name}`,
			ops: [...ops.values()],
			safety: answers.every((f) => f.fix!.safety === 'safe') ? 'safe' : 'unsafe',
			placeholders: [...placeholders.values()],
		};
		out.push({ plan, answers });
	}
	return out;
}
