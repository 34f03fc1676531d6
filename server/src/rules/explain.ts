// Hover explanations that teach: for the key or value under the cursor, what it does in production
// (keyDocs.ts), quantities in plain numbers with the container's requests and limits side by side, what
// a selector selects in the workspace (the rules' own selection helpers), and the LimitRange that fills
// in a container's resources when the resource rules stay silent because of it. Markdown sections out;
// no LSP types, so the CLI or tests can use it as well.
import type { CursorTarget } from '../core/cursor';
import { ContainerRef, isPlainObject, K8sObject } from '../core/k8s';
import { activeRules } from '../core/linter';
import { compareQuantities, describeQuantity } from '../core/quantity';
import type { Config, Path } from '../core/types';
import type { WorkspaceIndex } from '../core/workspace';
import {
	effectiveReplicas,
	limitRangeDefaults,
	networkPolicySelects,
	objectLabel,
	workloadsInNamespaceOf,
	workloadsSelectedBy,
	workloadsSelectedByPdb,
	workloadsSelectedByService,
} from './helpers';
import { RULES_BY_ID } from './index';
import { keyDocAt, placeOf } from './keyDocs';
import { podLevelResource, ResourceField, resourceMap, resourceValue } from './resourceRules';

export interface ExplainOptions {
	workspace: WorkspaceIndex;
	/** The configuration the file is linted with (which rules are on). */
	config: Config;
	/** An object's file as the hover shows it (relative to the workspace folder). */
	fileLabel(file: string): string;
	/** False while the workspace is still being read: what a selector selects may be incomplete. */
	workspaceComplete: boolean;
}

/** Pod templates listed by name in a selector's hover; the rest are counted. */
const MAX_LISTED = 10;

const code = (value: unknown) => `\`${String(value).replace(/`/g, "'")}\``;

/** The explanations for what the cursor is on, each a markdown section; empty when there is nothing to say. */
export function explainTarget(target: CursorTarget, options: ExplainOptions): string[] {
	const { object, path, onKey } = target;
	const sections: string[] = [];
	const doc = onKey ? keyDocAt(object, path) : undefined;
	if (doc) sections.push(`**${code(doc.key)}**: ${doc.text}\n\n[Kubernetes documentation](${doc.url})`);
	const place = placeOf(object, path);
	const quantity = quantityOf(object, path);
	if (quantity) sections.push(quantity);
	if (place.container && place.rest[0] === 'resources' && (onKey || place.rest.length === 3)) sections.push(resourceTable(object, place.container, options));
	const aboutContainer = place.container && ((place.rest.length === 1 && place.rest[0] === 'resources' && onKey) || (place.rest.length === 1 && place.rest[0] === 'name'));
	if (aboutContainer) {
		const note = limitRangeNote(object, place.container!, options);
		if (note) sections.push(note);
	}
	if (onKey) {
		const selection = selectionOf(object, path, options);
		if (selection) sections.push(selection);
	}
	return sections;
}

// ---- quantities -----------------------------------------------------------------------------------

const LIMIT_RANGE_FIELDS = ['default', 'defaultRequest', 'max', 'min'];

/** The resource a quantity at `path` is for, when the path is one of the places quantities live. */
function quantityResource(object: K8sObject, path: Path): string | undefined {
	const place = placeOf(object, path);
	const [first, field, resource] = place.rest;
	const inResources = first === 'resources' && (field === 'requests' || field === 'limits') && place.rest.length === 3;
	if ((place.scope === 'container' || place.scope === 'podSpec') && inResources) return String(resource);
	if (object.kind === 'LimitRange' && path.length === 5 && path[0] === 'spec' && path[1] === 'limits' && LIMIT_RANGE_FIELDS.includes(String(path[3]))) return String(path[4]);
	if (object.kind === 'ResourceQuota' && path.length === 3 && path[0] === 'spec' && path[1] === 'hard') return String(path[2]).replace(/^(requests|limits)\./, '');
	return undefined;
}

/** `500m` = 0.5 CPU (500 millicores), for a quantity's key or value. */
function quantityOf(object: K8sObject, path: Path): string | undefined {
	const resource = quantityResource(object, path);
	const raw = object.get(path);
	if (resource === undefined || raw === undefined || raw === null) return undefined;
	const reading = describeQuantity(resource, raw);
	// `pods: "10"` reads as 10: nothing to add.
	return reading && reading !== String(raw) ? `${code(raw)} = ${reading}` : undefined;
}

// ---- requests and limits ------------------------------------------------------------------------

type Compute = 'cpu' | 'memory';
const COMPUTE: readonly Compute[] = ['cpu', 'memory'];

interface Effective {
	value: unknown;
	/** Where the value comes from when the container does not write it. */
	source?: string;
}

/** What Kubernetes will use for `resources.<field>.<resource>`: written, implied by the limit, or a LimitRange default. */
function effectiveValue(object: K8sObject, container: ContainerRef, field: ResourceField, resource: string, workspace: WorkspaceIndex): Effective | undefined {
	const written = resourceValue(container, field, resource);
	if (written !== undefined) return { value: written };
	if (field === 'requests') {
		const limit = resourceValue(container, 'limits', resource);
		if (limit !== undefined) return { value: limit, source: 'the limit (a limit alone sets the request)' };
	}
	const defaults = limitRangeDefaults(object, workspace).find((d) => (field === 'limits' ? d.defaultLimit : d.defaultRequest)[resource] !== undefined);
	if (defaults) return { value: (field === 'limits' ? defaults.defaultLimit : defaults.defaultRequest)[resource], source: `LimitRange ${code(defaults.limitRange.name ?? 'without a name')}` };
	return undefined;
}

function cell(resource: string, value: Effective | undefined, field: ResourceField): string {
	if (!value) return field === 'limits' && resource === 'cpu' ? 'none (may use idle cpu of the node)' : 'none';
	// Only the reading: the explanation of a slip (`memory: 500m`) is on the quantity's own line.
	const reading = describeQuantity(resource, value.value)?.split(': ')[0];
	const text = reading ? `${code(value.value)} = ${reading}` : `${code(value.value)} (not a valid quantity)`;
	return value.source ? `${text}, from ${value.source}` : text;
}

/**
 * The pod's QoS class from the effective values of all its containers (init containers included, as
 * the kubelet counts them): Guaranteed when every container's cpu and memory requests equal limits,
 * BestEffort when none has any, else Burstable.
 */
function qosClass(object: K8sObject, workspace: WorkspaceIndex): 'Guaranteed' | 'Burstable' | 'BestEffort' {
	let any = false;
	let guaranteed = true;
	for (const container of object.containers()) {
		for (const resource of COMPUTE) {
			const request = effectiveValue(object, container, 'requests', resource, workspace);
			const limit = effectiveValue(object, container, 'limits', resource, workspace);
			if (request || limit) any = true;
			if (!request || !limit || compareQuantities(request.value, limit.value) !== 0) guaranteed = false;
		}
	}
	return guaranteed && any ? 'Guaranteed' : any ? 'Burstable' : 'BestEffort';
}

const QOS_MEANING = {
	Guaranteed: 'the last the kernel OOM-kills when the node runs out of memory',
	Burstable: 'OOM-killed before Guaranteed pods when the node runs out of memory, and evicted early when it uses more than it requests',
	BestEffort: 'the first to be OOM-killed or evicted when the node runs short',
};

/** The container's requests and limits side by side, with where unset values come from, and the pod's QoS class. */
function resourceTable(object: K8sObject, container: ContainerRef, options: ExplainOptions): string {
	const written = new Set([...Object.keys(resourceMap(container, 'requests')), ...Object.keys(resourceMap(container, 'limits'))]);
	const resources = [...COMPUTE, ...[...written].filter((r) => !COMPUTE.includes(r as Compute)).sort()];
	const rows = resources.map((resource) => {
		const request = effectiveValue(object, container, 'requests', resource, options.workspace);
		const limit = effectiveValue(object, container, 'limits', resource, options.workspace);
		return `| ${resource} | ${cell(resource, request, 'requests')} | ${cell(resource, limit, 'limits')} |`;
	});
	const podLevel = COMPUTE.filter((r) => podLevelResource(object, 'requests', r) || podLevelResource(object, 'limits', r));
	const qos = podLevel.length ? undefined : qosClass(object, options.workspace);
	const footer = qos ? `Pod QoS class: **${qos}**, ${QOS_MEANING[qos]}.` : `The pod sets ${podLevel.join(' and ')} in its own \`spec.resources\`: its containers share that budget.`;
	const name = container.name !== undefined ? ` of container ${code(container.name)}` : '';
	return [`**Requests and limits${name}**`, '', '| | request | limit |', '|---|---|---|', ...rows, '', footer].join('\n');
}

const LIMIT_RANGE_RULES: { field: ResourceField; resource: Compute; ruleId: string }[] = [
	{ field: 'limits', resource: 'memory', ruleId: 'missing-memory-limit' },
	{ field: 'limits', resource: 'cpu', ruleId: 'missing-cpu-limit' },
	{ field: 'requests', resource: 'cpu', ruleId: 'missing-resource-requests' },
	{ field: 'requests', resource: 'memory', ruleId: 'missing-resource-requests' },
];

/**
 * Which LimitRange fills in what the container leaves unset, and which resource rules stay silent
 * because of it: otherwise a missing limit looks overlooked by the linter.
 */
function limitRangeNote(object: K8sObject, container: ContainerRef, options: ExplainOptions): string | undefined {
	const byLimitRange = new Map<K8sObject, { filled: string[]; rules: Set<string> }>();
	for (const { field, resource, ruleId } of LIMIT_RANGE_RULES) {
		if (podLevelResource(object, field, resource) || resourceValue(container, field, resource) !== undefined) continue;
		if (field === 'requests' && resourceValue(container, 'limits', resource) !== undefined) continue;
		const defaults = limitRangeDefaults(object, options.workspace).find((d) => (field === 'limits' ? d.defaultLimit : d.defaultRequest)[resource] !== undefined);
		if (!defaults) continue;
		const entry = byLimitRange.get(defaults.limitRange) ?? { filled: [], rules: new Set<string>() };
		entry.filled.push(`${code(`${field}.${resource}`)}: ${code((field === 'limits' ? defaults.defaultLimit : defaults.defaultRequest)[resource])}`);
		const rule = RULES_BY_ID.get(ruleId);
		if (rule && activeRules({ rules: [rule], config: options.config }).length) entry.rules.add(ruleId);
		byLimitRange.set(defaults.limitRange, entry);
	}
	const notes = [...byLimitRange].map(([limitRange, { filled, rules }]) => {
		const silent = rules.size ? ` That is why ${[...rules].map(code).join(' and ')} ${rules.size > 1 ? 'do' : 'does'} not report this container.` : '';
		return `**LimitRange ${code(limitRange.name ?? 'without a name')}** (${options.fileLabel(limitRange.file)}) gives this container what it leaves unset when the pod is created: ${filled.join(', ')}.${silent}`;
	});
	return notes.length ? notes.join('\n\n') : undefined;
}

// ---- selectors ----------------------------------------------------------------------------------

const CONTROLLERS = ['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet'];

/** What the selector whose key is at `path` selects, or undefined when the key is no selector of pods. */
function selectionOf(object: K8sObject, path: Path, options: ExplainOptions): string | undefined {
	const at = path.join('.');
	const { workspace } = options;
	let selected: K8sObject[];
	if (at === 'spec.selector' && CONTROLLERS.includes(object.kind)) {
		const raw = object.get(['spec', 'selector']);
		// a ReplicationController's selector is a plain map of labels
		const selector = object.kind === 'ReplicationController' && isPlainObject(raw) ? { matchLabels: raw } : raw;
		selected = workloadsSelectedBy(object, selector, workspace, { emptySelectsAll: false });
		const lines = [selected.length ? `Selects ${listOf(selected, object, options)}` : 'Selects no pod template in the workspace.'];
		if (!selected.some((w) => w.key === object.key)) lines.push(`It does not select its own pod template: the API server rejects the ${object.kind}.`);
		if (selected.some((w) => w.key !== object.key)) lines.push('Controllers whose selectors overlap fight over the same pods and behave unpredictably: give each workload a label of its own.');
		return withCompleteness(lines.join('\n\n'), options);
	}
	if (at === 'spec.selector' && object.kind === 'Service') {
		const raw = object.get(['spec', 'selector']);
		if (!isPlainObject(raw) || Object.keys(raw).length === 0) return 'No selector: the Service\'s endpoints are managed by hand (EndpointSlices), not chosen by labels.';
		selected = workloadsSelectedByService(object, workspace);
	} else if (at === 'spec.selector' && object.kind === 'PodDisruptionBudget') {
		selected = workloadsSelectedByPdb(object, workspace);
	} else if (at === 'spec.podSelector' && object.kind === 'NetworkPolicy') {
		selected = workloadsInNamespaceOf(object, workspace).filter((w) => networkPolicySelects(object, w));
	} else return undefined;
	const text = selected.length ? `Selects ${listOf(selected, object, options)}` : 'Selects no pod template in the workspace.';
	return withCompleteness(text, options);
}

/** `2 pod templates in the workspace:` and the list, by kind, name, file and replica count, in file order. */
function listOf(workloads: K8sObject[], self: K8sObject, options: ExplainOptions): string {
	const heading = `**${workloads.length}** pod ${workloads.length === 1 ? 'template' : 'templates'} in the workspace:`;
	const labelled = workloads.map((w) => ({ w, file: options.fileLabel(w.file) }));
	labelled.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.w.docIndex - b.w.docIndex));
	const items = labelled.slice(0, MAX_LISTED).map(({ w, file }) => {
		const count = w.isReplicated ? effectiveReplicas(w, options.workspace) : undefined;
		const replicas = count === undefined ? '' : `, ${count} ${count === 1 ? 'replica' : 'replicas'}`;
		return `- ${objectLabel(w)} (${file}${replicas})${w.key === self.key ? ', this one' : ''}`;
	});
	if (workloads.length > MAX_LISTED) items.push(`- and ${workloads.length - MAX_LISTED} more`);
	return [heading, ...items].join('\n');
}

function withCompleteness(text: string, options: ExplainOptions): string {
	return options.workspaceComplete ? text : `${text}\n\n(The workspace is still being read: the count may grow.)`;
}
