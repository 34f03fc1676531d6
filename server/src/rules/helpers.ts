// Helpers shared by rule modules: container ports, LimitRange defaults, HPA targeting and pod selection
// across the workspace. Kept here so each rule stays a few lines of intent.
import { isPlainObject, K8sObject, ContainerRef, WORKLOAD_KINDS } from '../core/k8s';
import { isEmptySelector, matchesLabelSelector } from '../core/selectors';
import { ANY_KIND, labelRead, namespaceRead, sameNamespace, WorkspaceIndex } from '../core/workspace';
import { isPlaceholder } from './placeholders';

export interface DeclaredPort {
	name?: string;
	containerPort?: number;
	/** As written (`TCP` when unset). */
	protocol?: string;
}

export function declaredPorts(container: ContainerRef): DeclaredPort[] {
	const ports = container.value.ports;
	if (!Array.isArray(ports)) return [];
	return ports.filter(isPlainObject).map((p) => ({
		name: typeof p.name === 'string' ? p.name : undefined,
		containerPort: typeof p.containerPort === 'number' ? p.containerPort : Number.isFinite(Number(p.containerPort)) ? Number(p.containerPort) : undefined,
		protocol: typeof p.protocol === 'string' ? p.protocol : undefined,
	}));
}

/**
 * The port a generated probe uses: the first declared TCP port (probes cannot check a UDP or SCTP
 * port), by name when it is named; undefined when none is declared.
 */
export function probePort(container: ContainerRef): string | number | undefined {
	const first = declaredPorts(container).find((p) => (p.protocol ?? 'TCP').toUpperCase() === 'TCP' && (p.name !== undefined || p.containerPort !== undefined));
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

// ---- workspace lookups --------------------------------------------------------------------------

const memos = new WeakMap<WorkspaceIndex, { version: number; values: Map<string, { value: unknown; reads: ReadonlySet<string> }> }>();

/**
 * A value derived from the whole workspace, built once per workspace version. Cross-resource rules run
 * once per object; these indexes keep a file with hundreds of workloads from costing a scan per object.
 * Every use counts as reading what the build read, so incremental linting sees the dependency.
 */
export function workspaceMemo<T>(workspace: WorkspaceIndex, key: string, build: () => T): T {
	let memo = memos.get(workspace);
	if (!memo || memo.version !== workspace.version) memos.set(workspace, (memo = { version: workspace.version, values: new Map() }));
	let entry = memo.values.get(key);
	if (!entry) {
		const { result, reads } = workspace.trackReads(build);
		memo.values.set(key, (entry = { value: result, reads }));
	} else workspace.noteReads(entry.reads);
	return entry.value as T;
}

const NO_READS: ReadonlySet<string> = new Set();

/**
 * A lookup table over the whole workspace, built once per workspace version like workspaceMemo, but a use
 * counts as reading nothing: each caller notes the finer reads its answer depends on (the objects of one
 * namespace, the workloads with one label; see namespaceRead and labelRead), so that an edit re-runs
 * only the checks of objects it can affect.
 */
function lookupTable<T>(workspace: WorkspaceIndex, key: string, build: () => T): T {
	let memo = memos.get(workspace);
	if (!memo || memo.version !== workspace.version) memos.set(workspace, (memo = { version: workspace.version, values: new Map() }));
	let entry = memo.values.get(key);
	if (!entry) memo.values.set(key, (entry = { value: workspace.untracked(build), reads: NO_READS }));
	return entry.value as T;
}

/** A namespace as a map key, keeping unset apart from every real name (as `sameNamespace` does). */
function namespaceKey(namespace: string | undefined): string {
	return namespace === undefined ? '\u0000unset' : namespace;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const item of items) {
		const k = key(item);
		const list = out.get(k);
		if (list) list.push(item);
		else out.set(k, [item]);
	}
	return out;
}

/** Objects of `kind` in the namespace of `owner` (unset matches unset only). */
export function ofKindInNamespace(workspace: WorkspaceIndex, kind: string, owner: K8sObject): K8sObject[] {
	const byNamespace = lookupTable(workspace, `kind-by-namespace:${kind}`, () => groupBy(workspace.ofKind(kind), (o) => namespaceKey(o.namespace)));
	workspace.noteReads([namespaceRead(kind, owner.namespace)]);
	return byNamespace.get(namespaceKey(owner.namespace)) ?? [];
}

/** Workloads (pod templates and bare Pods) in the namespace of `owner`. */
export function workloadsInNamespaceOf(owner: K8sObject, workspace: WorkspaceIndex): K8sObject[] {
	const byNamespace = lookupTable(workspace, 'workloads-by-namespace', () => groupBy(workspace.workloads(), (o) => namespaceKey(o.namespace)));
	workspace.noteReads(WORKLOAD_KINDS.map((kind) => namespaceRead(kind, owner.namespace)));
	return byNamespace.get(namespaceKey(owner.namespace)) ?? [];
}

/** Objects of every kind in the namespace of `owner`. */
export function objectsInNamespaceOf(owner: K8sObject, workspace: WorkspaceIndex): K8sObject[] {
	const byNamespace = lookupTable(workspace, 'objects-by-namespace', () => groupBy(workspace.all(), (o) => namespaceKey(o.namespace)));
	workspace.noteReads([namespaceRead(ANY_KIND, owner.namespace)]);
	return byNamespace.get(namespaceKey(owner.namespace)) ?? [];
}

const identity = (kind: unknown, namespace: string | undefined, name: unknown) => `${String(kind)}\u0000${namespaceKey(namespace)}\u0000${String(name)}`;

/** Objects of the workspace with this kind and name in the namespace of `owner`. */
export function objectsNamed(workspace: WorkspaceIndex, kind: string, name: string, owner: K8sObject): K8sObject[] {
	// one table per kind: after an edit, only the kinds looked up are indexed again
	const byIdentity = lookupTable(workspace, `objects-by-identity:${kind}`, () => groupBy(workspace.ofKind(kind), (o) => identity(o.kind, o.namespace, o.name)));
	workspace.noteReads([namespaceRead(kind, owner.namespace)]);
	return byIdentity.get(identity(kind, owner.namespace, name)) ?? [];
}

/** Where a cross-resource lookup searched, for messages: `in namespace "shop"`, or the unset namespace. */
export function namespacePhrase(object: K8sObject): string {
	return object.namespace === undefined ? 'among objects without a namespace' : `in namespace "${object.namespace}"`;
}

/** `Deployment "web"`, for messages; an object named by the API server from its `generateName` prefix says so. */
export function objectLabel(object: K8sObject): string {
	if (object.name !== undefined) return `${object.kind} "${object.name}"`;
	const prefix = object.get(['metadata', 'generateName']);
	return typeof prefix === 'string' && prefix !== '' ? `${object.kind} with generateName "${prefix}"` : `${object.kind} without a name`;
}

// ---- selection ----------------------------------------------------------------------------------

/** The label keys controllerAddsLabel knows (each a case below): a pod carries another label only if its template does. */
const CONTROLLER_LABEL_KEYS: ReadonlySet<string> = new Set([
	'pod-template-hash',
	'controller-revision-hash',
	'pod-template-generation',
	'statefulset.kubernetes.io/pod-name',
	'apps.kubernetes.io/pod-index',
	'job-name',
	'batch.kubernetes.io/job-name',
	'controller-uid',
	'batch.kubernetes.io/controller-uid',
	'batch.kubernetes.io/job-completion-index',
]);

/**
 * Whether a pod of the workload carries `key` (with `value`, when given) although its template does not:
 * labels the controllers add to every pod at run time (`pod-template-hash`, `controller-revision-hash`,
 * a StatefulSet pod's `statefulset.kubernetes.io/pod-name`, a Job pod's `job-name`...). Selectors such as
 * a per-pod Service on `statefulset.kubernetes.io/pod-name: db-0` select those pods.
 */
export function controllerAddsLabel(workload: K8sObject, key: string, value?: string): boolean {
	if (!CONTROLLER_LABEL_KEYS.has(key)) return false;
	const kind = workload.kind;
	const name = workload.name ?? '';
	const numeric = value === undefined || /^\d+$/.test(value);
	switch (key) {
		case 'pod-template-hash':
			return kind === 'Deployment';
		case 'controller-revision-hash':
			return kind === 'StatefulSet' || kind === 'DaemonSet';
		case 'pod-template-generation':
			return kind === 'DaemonSet' && numeric;
		case 'statefulset.kubernetes.io/pod-name':
			return kind === 'StatefulSet' && (value === undefined || (value.startsWith(`${name}-`) && /^\d+$/.test(value.slice(name.length + 1))));
		case 'apps.kubernetes.io/pod-index':
			return kind === 'StatefulSet' && numeric;
		case 'job-name':
		case 'batch.kubernetes.io/job-name':
			// a CronJob's Jobs are named <cronjob>-<scheduled time>
			return (kind === 'Job' && (value === undefined || value === name)) || (kind === 'CronJob' && (value === undefined || value.startsWith(`${name}-`)));
		case 'controller-uid':
		case 'batch.kubernetes.io/controller-uid':
			return kind === 'Job' || kind === 'CronJob';
		case 'batch.kubernetes.io/job-completion-index':
			return (kind === 'Job' || kind === 'CronJob') && numeric;
		default:
			return false;
	}
}

/** Label keys a selector requires, with the values it accepts ([undefined]: any), read once per selector. */
const wantedBySelector = new WeakMap<object, [string, (string | undefined)[]][]>();

function wantedLabels(selector: Record<string, any>): [string, (string | undefined)[]][] {
	let wanted = wantedBySelector.get(selector);
	if (!wanted) {
		wanted = [];
		if (isPlainObject(selector.matchLabels)) for (const [k, v] of Object.entries(selector.matchLabels)) wanted.push([k, [String(v)]]);
		if (Array.isArray(selector.matchExpressions)) {
			for (const e of selector.matchExpressions) {
				if (!isPlainObject(e)) continue;
				if (e.operator === 'In' && Array.isArray(e.values)) wanted.push([String(e.key), e.values.map(String)]);
				else if (e.operator === 'Exists') wanted.push([String(e.key), [undefined]]);
			}
		}
		// resolved values never change (see objectsOfDocument), so the selector object is a safe key
		wantedBySelector.set(selector, wanted);
	}
	return wanted;
}

/**
 * The labels a pod of the workload carries, as far as a LabelSelector asks: the template labels, plus the
 * controller-added labels the selector requires (matchLabels, `In`, `Exists`) when a pod can carry them.
 */
function podLabelsFor(workload: K8sObject, selector: unknown): Record<string, string> {
	const labels = workload.templateLabels;
	if (!isPlainObject(selector)) return labels;
	let out = labels;
	for (const [key, values] of wantedLabels(selector)) {
		if (key in out) continue;
		const found = values.findIndex((v) => controllerAddsLabel(workload, key, v));
		// `Exists` asks for no value: any stands for the one the controller assigns
		if (found >= 0) out = { ...out, [key]: values[found] ?? 'controller-assigned' };
	}
	return out;
}

/**
 * A selector (or any value) holding a template placeholder (`{{ .Values.app }}`, `${APP}`) somewhere:
 * what it selects or names is only known once the file is rendered, so lookups leave it alone.
 */
export function hasPlaceholder(value: unknown): boolean {
	if (isPlaceholder(value)) return true;
	if (Array.isArray(value)) return value.some(hasPlaceholder);
	return isPlainObject(value) && Object.entries(value).some(([k, v]) => isPlaceholder(k) || hasPlaceholder(v));
}

/** Workloads of the workspace whose pods a LabelSelector selects, in the same namespace. */
export function workloadsSelectedBy(selectorOwner: K8sObject, selector: unknown, workspace: WorkspaceIndex, opts: { emptySelectsAll: boolean }): K8sObject[] {
	if (isEmptySelector(selector) && !opts.emptySelectsAll) return [];
	return workloadsMaybeSelectedBy(selectorOwner, selector, workspace).filter((w) => matchesLabelSelector(selector, podLabelsFor(w, selector)));
}

/** Workloads a Service's plain-map selector selects (an empty or absent selector selects nothing). */
export function workloadsSelectedByService(service: K8sObject, workspace: WorkspaceIndex): K8sObject[] {
	return workloadsMaybeSelectedByService(service, workspace).filter((w) => serviceSelects(service, w));
}

// A selector names labels a pod must carry; a pod carries a label no controller adds only when its
// template does. So the workloads a selector may select are those whose template has one label it
// requires, and the selectors that may select a workload are those requiring one of its labels (or none
// it could lack): indexes by label keep a Service, a PodDisruptionBudget or a NetworkPolicy from being
// tested against every workload of its namespace, and every workload against every policy. Each rule
// still applies its own selection test to the candidates.

/** The labels a LabelSelector requires with one value (matchLabels, `In` with one value), no controller label among them. */
function requiredLabels(selector: unknown): [string, string][] {
	if (!isPlainObject(selector)) return [];
	const pairs: [string, string][] = [];
	if (isPlainObject(selector.matchLabels)) for (const [k, v] of Object.entries(selector.matchLabels)) pairs.push([k, String(v)]);
	if (Array.isArray(selector.matchExpressions)) {
		for (const e of selector.matchExpressions) {
			if (isPlainObject(e) && e.operator === 'In' && Array.isArray(e.values) && e.values.length === 1) pairs.push([String(e.key), String(e.values[0])]);
		}
	}
	return pairs.filter(([k]) => !CONTROLLER_LABEL_KEYS.has(k));
}

/**
 * The workloads in the namespace of `owner` whose template carries every label of `required` as far as one
 * label tells: those with the rarest of them, in workspace order (all of the namespace's when `required` is
 * empty). A superset of those a selector requiring these labels selects.
 */
function workloadsWithLabels(owner: K8sObject, required: readonly [string, string][], workspace: WorkspaceIndex): K8sObject[] {
	if (!required.length) return workloadsInNamespaceOf(owner, workspace);
	const byLabel = lookupTable(workspace, 'workloads-by-label', () => {
		const index = new Map<string, K8sObject[]>();
		for (const w of workspace.workloads()) {
			for (const [k, v] of Object.entries(w.templateLabels)) {
				const key = labelRead(w.namespace, k, v);
				const list = index.get(key);
				if (list) list.push(w);
				else index.set(key, [w]);
			}
		}
		return index;
	});
	let rarest: K8sObject[] | undefined;
	let read = '';
	for (const [k, v] of required) {
		const list = byLabel.get(labelRead(owner.namespace, k, v)) ?? [];
		if (!rarest || list.length < rarest.length) [rarest, read] = [list, labelRead(owner.namespace, k, v)];
	}
	// what the caller selects carries this label: workloads that do not, before or after a change, cannot alter it
	workspace.noteReads([read]);
	return rarest ?? [];
}

/** Candidates for a LabelSelector of `owner`: a superset of the workloads it selects, in workspace order. */
export function workloadsMaybeSelectedBy(owner: K8sObject, selector: unknown, workspace: WorkspaceIndex): K8sObject[] {
	return workloadsWithLabels(owner, requiredLabels(selector), workspace);
}

/** Candidates for a Service's selector (see serviceSelects): a superset of the workloads it selects, in workspace order. */
export function workloadsMaybeSelectedByService(service: K8sObject, workspace: WorkspaceIndex): K8sObject[] {
	return workloadsWithLabels(service, (serviceSelectorPairs(service) ?? []).filter(([k]) => !CONTROLLER_LABEL_KEYS.has(k)), workspace);
}

/** Where the LabelSelector of the kinds selectorsMaybeSelecting knows sits. */
const SELECTOR_PATHS = { NetworkPolicy: ['spec', 'podSelector'], PodDisruptionBudget: ['spec', 'selector'] } as const;

/**
 * Objects of `kind` in the namespace of `workload` whose selector may select it, in no particular order: a
 * superset of those selecting it. Each is indexed under one label its selector requires, or kept with
 * those to test always (an empty selector, one on controller labels or expressions only).
 */
export function selectorsMaybeSelecting(workspace: WorkspaceIndex, kind: keyof typeof SELECTOR_PATHS, workload: K8sObject): K8sObject[] {
	const index = lookupTable(workspace, `selectors-by-label:${kind}`, () => {
		const always = new Map<string, K8sObject[]>();
		const byLabel = new Map<string, K8sObject[]>();
		for (const object of workspace.ofKind(kind)) {
			const [first] = requiredLabels(object.get([...SELECTOR_PATHS[kind]]));
			const key = first ? labelRead(object.namespace, first[0], first[1]) : namespaceKey(object.namespace);
			const into = first ? byLabel : always;
			const list = into.get(key);
			if (list) list.push(object);
			else into.set(key, [object]);
		}
		return { always, byLabel };
	});
	workspace.noteReads([namespaceRead(kind, workload.namespace)]);
	const candidates = [...(index.always.get(namespaceKey(workload.namespace)) ?? [])];
	for (const [k, v] of Object.entries(workload.templateLabels)) {
		const list = index.byLabel.get(labelRead(workload.namespace, k, v));
		if (list) candidates.push(...list);
	}
	return candidates;
}

/** A Service's selector as `[label, value]` pairs (values as strings); null when absent or empty. */
const serviceSelectors = new WeakMap<K8sObject, [string, string][] | null>();

function serviceSelectorPairs(service: K8sObject): [string, string][] | null {
	let pairs = serviceSelectors.get(service);
	if (pairs === undefined) {
		const selector = service.get(['spec', 'selector']);
		pairs = isPlainObject(selector) && Object.keys(selector).length > 0 ? Object.entries(selector).map(([k, v]): [string, string] => [k, String(v)]) : null;
		serviceSelectors.set(service, pairs);
	}
	return pairs;
}

/**
 * A Service selects the workload's pods: same namespace and a non-empty selector they satisfy. Called for
 * every Service and workload pair of a namespace, so the selector is read once per Service.
 */
export function serviceSelects(service: K8sObject, workload: K8sObject): boolean {
	const pairs = serviceSelectorPairs(service);
	if (!pairs || !sameNamespace(service, workload)) return false;
	const labels = workload.templateLabels;
	// an indexed loop: this runs for every Service and workload pair of a namespace
	for (let i = 0; i < pairs.length; i++) {
		const key = pairs[i][0];
		const value = pairs[i][1];
		if (labels[key] !== value && (key in labels || !controllerAddsLabel(workload, key, value))) return false;
	}
	return true;
}

/** A NetworkPolicy's podSelector and whether it is empty, read once per policy (every workload asks). */
const policySelectors = new WeakMap<K8sObject, { selector: unknown; empty: boolean }>();

function policySelector(policy: K8sObject): { selector: unknown; empty: boolean } {
	let entry = policySelectors.get(policy);
	if (!entry) {
		const selector = policy.get(['spec', 'podSelector']);
		policySelectors.set(policy, (entry = { selector, empty: isEmptySelector(selector) }));
	}
	return entry;
}

/**
 * A NetworkPolicy selects the workload's pods. `podSelector` is a required, non-pointer field in the
 * API: absent reads as `{}`, which selects every pod of the policy's namespace.
 */
export function networkPolicySelects(policy: K8sObject, workload: K8sObject): boolean {
	if (!sameNamespace(policy, workload)) return false;
	const { selector, empty } = policySelector(policy);
	return empty || matchesLabelSelector(selector, podLabelsFor(workload, selector));
}

/**
 * A PodDisruptionBudget selects the workload's pods. policy/v1: `selector: {}` selects every pod of the
 * namespace, a missing (null) selector none; policy/v1beta1: an empty selector selects none.
 */
export function pdbSelects(pdb: K8sObject, workload: K8sObject): boolean {
	const selector = pdb.get(['spec', 'selector']);
	if (!isPlainObject(selector) || !sameNamespace(pdb, workload)) return false;
	if (isEmptySelector(selector)) return pdb.apiVersion !== 'policy/v1beta1';
	return matchesLabelSelector(selector, podLabelsFor(workload, selector));
}

/** Workloads of the workspace whose pods the PodDisruptionBudget selects. */
export function workloadsSelectedByPdb(pdb: K8sObject, workspace: WorkspaceIndex): K8sObject[] {
	return workloadsMaybeSelectedBy(pdb, pdb.get(['spec', 'selector']), workspace).filter((w) => pdbSelects(pdb, w));
}

// ---- autoscaling --------------------------------------------------------------------------------

/** HPAs of the workspace whose scaleTargetRef names this workload (kind, name, namespace). */
export function hpasTargeting(object: K8sObject, workspace: WorkspaceIndex): K8sObject[] {
	return hpasByTarget(workspace, object.namespace).get(identity(object.kind, object.namespace, object.name)) ?? [];
}

/**
 * The kind and name an HPA's scaleTargetRef names, or undefined when there is nothing to match on: no
 * name (the API server rejects it) or a template placeholder, known only once rendered.
 */
export function hpaTarget(hpa: K8sObject): { kind: string; name: string } | undefined {
	const kind = hpa.get(['spec', 'scaleTargetRef', 'kind']);
	const name = hpa.get(['spec', 'scaleTargetRef', 'name']);
	if ((typeof name !== 'string' && typeof name !== 'number') || hasPlaceholder(name) || hasPlaceholder(kind)) return undefined;
	return { kind: String(kind), name: String(name) };
}

/** The HPAs of the workspace whose scaleTargetRef names the same kind, name and namespace as `hpa`'s (itself included). */
export function hpasSharingTarget(hpa: K8sObject, workspace: WorkspaceIndex): K8sObject[] {
	const key = hpaTargetKey(hpa);
	return key === '' ? [hpa] : (hpasByTarget(workspace, hpa.namespace).get(key) ?? [hpa]);
}

function hpaTargetKey(hpa: K8sObject): string {
	const ref = hpa.get(['spec', 'scaleTargetRef']);
	return isPlainObject(ref) ? identity(ref.kind, hpa.namespace, ref.name) : '';
}

/** HPAs by what they target; a lookup reads the HPAs of `namespace`, where those targeting its objects are. */
function hpasByTarget(workspace: WorkspaceIndex, namespace: string | undefined): Map<string, K8sObject[]> {
	const byTarget = lookupTable(workspace, 'hpas-by-target', () => groupBy(workspace.ofKind('HorizontalPodAutoscaler'), hpaTargetKey));
	workspace.noteReads([namespaceRead('HorizontalPodAutoscaler', namespace)]);
	return byTarget;
}

/** An HPA's `minReplicas`, 1 when unset (the API default). */
export function hpaMinReplicas(hpa: K8sObject): number {
	const min = hpa.get(['spec', 'minReplicas']);
	return typeof min === 'number' ? min : 1;
}

/**
 * The replica count RULES.md uses: `spec.replicas` (1 when unset); when an HPA targets the workload,
 * the HPA's `minReplicas` (default 1) counts instead.
 */
export function effectiveReplicas(object: K8sObject, workspace: WorkspaceIndex): number {
	const hpa = hpasTargeting(object, workspace)[0];
	return hpa ? hpaMinReplicas(hpa) : object.replicas;
}

/**
 * Whether a container declares a request or a limit for `resource` (a limit alone implies the request),
 * or a LimitRange of the workload's namespace defaults one.
 */
export function hasRequestFor(container: ContainerRef, resource: string, workload: K8sObject, workspace: WorkspaceIndex): boolean {
	const resources = isPlainObject(container.value.resources) ? container.value.resources : {};
	const declared = (kind: 'requests' | 'limits') => isPlainObject(resources[kind]) && resources[kind][resource] !== undefined && resources[kind][resource] !== null;
	return declared('requests') || declared('limits') || limitRangeProviding(workload, workspace, 'requests', resource) !== undefined;
}

// ---- Kustomize ----------------------------------------------------------------------------------

/** comparablePath's answers by file reference. */
const comparablePaths = new Map<string, string>();

/**
 * A file reference as comparable text: `file://` URIs (the editor) become their decoded path, other URIs
 * keep their scheme and authority, backslashes become `/`, and `.`/`..` steps are resolved. CLI paths
 * stay relative to the working directory, so two references to one file compare equal.
 */
export function comparablePath(file: string): string {
	let comparable = comparablePaths.get(file);
	if (comparable === undefined) {
		const [prefix, path] = splitUri(file);
		comparable = prefix + normalizeSteps(path);
		// every object of a file asks, for several rules: remember the answer (a file name, bounded by the workspace)
		if (comparablePaths.size >= 50000) comparablePaths.clear();
		comparablePaths.set(file, comparable);
	}
	return comparable;
}

/** Resolve `ref` (a path in a kustomization) against the folder of `fromFile`, as comparable text. */
export function resolveAgainst(fromFile: string, ref: string): string {
	const [prefix, path] = splitUri(fromFile);
	const folder = folderOf(normalizeSteps(path));
	const target = ref.replace(/\\/g, '/');
	return prefix + normalizeSteps(target.startsWith('/') || !folder ? target : `${folder}/${target}`);
}

/** The folder part of a normalized path: '' for a bare name (the working directory), '/' at the root. */
function folderOf(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash < 0 ? '' : path.slice(0, slash) || '/';
}

function splitUri(file: string): [string, string] {
	const uri = /^([a-zA-Z][a-zA-Z0-9+.-]+:)\/\/([^/]*)(.*)$/.exec(file);
	if (!uri) return ['', file.replace(/\\/g, '/')];
	let path = uri[3];
	try {
		path = decodeURIComponent(path);
	} catch {
		// a malformed escape stays as written; it still compares equal to itself
	}
	return [uri[1].toLowerCase() === 'file:' ? '' : `${uri[1]}//${uri[2]}`, path];
}

function normalizeSteps(path: string): string {
	const absolute = path.startsWith('/');
	const out: string[] = [];
	for (const step of path.split('/')) {
		if (step === '' || step === '.') continue;
		if (step === '..' && out.length && out[out.length - 1] !== '..') out.pop();
		else if (step !== '..' || !absolute) out.push(step);
	}
	return (absolute ? '/' : '') + out.join('/');
}

interface KustomizeIndex {
	/** Files a kustomization with `namespace:` lists, directly or through the kustomizations it includes. */
	namespaced: Set<string>;
	/** Files listed as patches by any kustomization. */
	patches: Set<string>;
}

const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

function isKustomization(object: K8sObject): boolean {
	return (object.kind === 'Kustomization' || object.kind === 'Component') && object.apiVersion.startsWith('kustomize.config.k8s.io/');
}

function stringItems(list: unknown): string[] {
	return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
}

/** Patch files a kustomization lists: `patches` and `patchesJson6902` entries with `path`, `patchesStrategicMerge` file names. */
function patchRefs(kustomization: K8sObject): string[] {
	const withPath = (list: unknown) => (Array.isArray(list) ? list.map((p) => (isPlainObject(p) ? p.path : p)).filter((p): p is string => typeof p === 'string') : []);
	const refs = [...withPath(kustomization.get(['patches'])), ...withPath(kustomization.get(['patchesJson6902'])), ...stringItems(kustomization.get(['patchesStrategicMerge']))];
	// an inline strategic-merge patch is YAML text, not a file name
	return refs.filter((r) => !r.includes('\n')).map((r) => resolveAgainst(kustomization.file, r));
}

function kustomizeIndex(workspace: WorkspaceIndex): KustomizeIndex {
	return workspaceMemo(workspace, 'kustomize', () => {
		const kustomizations = [...workspace.ofKind('Kustomization'), ...workspace.ofKind('Component')].filter(isKustomization);
		const byFolder = groupBy(
			kustomizations.filter((k) => KUSTOMIZATION_FILE.test(comparablePath(k.file))),
			(k) => resolveAgainst(k.file, '.'),
		);
		const index: KustomizeIndex = { namespaced: new Set(), patches: new Set() };
		const visited = new Set<K8sObject>();
		const assign = (k: K8sObject) => {
			if (visited.has(k)) return;
			visited.add(k);
			for (const ref of patchRefs(k)) index.namespaced.add(ref);
			for (const raw of ['resources', 'bases', 'components'].flatMap((field) => stringItems(k.get([field])))) {
				const ref = resolveAgainst(k.file, raw);
				index.namespaced.add(ref);
				// a folder entry includes that folder's kustomization, which the namespace reaches too
				for (const included of byFolder.get(ref) ?? []) assign(included);
			}
		};
		for (const k of kustomizations) {
			for (const ref of patchRefs(k)) index.patches.add(ref);
			const namespace = k.get(['namespace']);
			if (typeof namespace === 'string' && namespace !== '') assign(k);
		}
		return index;
	});
}

/** The object's file is listed as a patch by a kustomization: a partial object the "missing X" rules skip. */
export function isKustomizePatch(object: K8sObject, workspace: WorkspaceIndex): boolean {
	const { patches } = kustomizeIndex(workspace);
	return patches.size > 0 && patches.has(comparablePath(object.file));
}

/** A kustomization of the workspace assigns a namespace to the object's file. */
export function kustomizeAssignsNamespace(object: K8sObject, workspace: WorkspaceIndex): boolean {
	const { namespaced } = kustomizeIndex(workspace);
	return namespaced.size > 0 && namespaced.has(comparablePath(object.file));
}
