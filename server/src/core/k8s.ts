// The Kubernetes view of a parsed document: which objects it holds (a `kind: List` contributes its
// items), their identity (kind, name, namespace, labels), where the pod spec of each workload kind
// lives, and which containers are app containers, plain init containers or native sidecars.
// Values are read from the resolved JS form (aliases and merges applied); ranges come from the nodes.
import { Document, isMap, isSeq, Node } from 'yaml';
import type { Segment } from './document';
import type { OffsetRange, Path } from './types';
import { firstPair, keyRange, nodeAt, nodeRange, pairAt, pairRange } from './yamlNav';

/** Maximum number of alias expansions per document; a billion-laughs document stops here. */
export const MAX_ALIAS_COUNT = 10000;

export const WORKLOAD_KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'] as const;
export const REPLICATED_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];

const POD_TEMPLATE_PATHS: Record<string, Path> = {
	Pod: [],
	Deployment: ['spec', 'template'],
	ReplicaSet: ['spec', 'template'],
	ReplicationController: ['spec', 'template'],
	StatefulSet: ['spec', 'template'],
	DaemonSet: ['spec', 'template'],
	Job: ['spec', 'template'],
	CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export const CLUSTER_SCOPED_KINDS = new Set([
	'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'PriorityClass',
	'IngressClass', 'RuntimeClass', 'CustomResourceDefinition', 'MutatingWebhookConfiguration',
	'ValidatingWebhookConfiguration', 'APIService', 'CSIDriver', 'CSINode', 'VolumeAttachment',
	'CertificateSigningRequest', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
	'ComponentStatus', 'PodSecurityPolicy', 'ClusterIssuer',
]);

/** Built-in namespaced kinds: namespace rules check these and leave custom resources alone. */
export const NAMESPACED_KINDS = new Set([
	'Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob',
	'Service', 'ConfigMap', 'Secret', 'ServiceAccount', 'Role', 'RoleBinding', 'PersistentVolumeClaim',
	'Ingress', 'NetworkPolicy', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'LimitRange', 'ResourceQuota',
	'Endpoints', 'EndpointSlice', 'Event', 'PodTemplate', 'Lease', 'ControllerRevision', 'CSIStorageCapacity',
]);

/** The place of a detached object's syntax: an empty document, so range queries find nothing. */
const DETACHED_DOCUMENT = new Document() as Document.Parsed;
const DETACHED_SEGMENT: Segment = Object.freeze({ offset: 0, text: '', docs: [], errors: [], duplicateKeys: [], templateAction: -1 });

export type ContainerKind = 'container' | 'init' | 'sidecar';

export interface ContainerRef {
	name: string | undefined;
	/** Resolved container value (plain JS). */
	value: Record<string, any>;
	/** Path of the container map, relative to the object's root. */
	path: Path;
	kind: ContainerKind;
	/** App containers: `containers` plus native sidecars. Probe rules look at these only. */
	isApp: boolean;
}

export type Plain = Record<string, any>;

export function isPlainObject(v: unknown): v is Plain {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringOrUndefined(v: unknown): string | undefined {
	return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function stringMap(v: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (isPlainObject(v)) for (const [k, val] of Object.entries(v)) if (val !== null && val !== undefined) out[k] = String(val);
	return out;
}

export class K8sObject {
	readonly apiVersion: string;
	readonly kind: string;
	readonly name: string | undefined;
	readonly namespace: string | undefined;
	readonly labels: Record<string, string>;
	readonly annotations: Record<string, string>;
	private containerCache?: ContainerRef[];
	// Derived views, computed on first use: rules ask for the same ranges and labels many times per object
	// (every container rule reports at the container's name), and the value never changes after parsing.
	private rootCache?: Node | null;
	private kindRangeCache?: OffsetRange;
	private containerRanges?: Map<ContainerRef, OffsetRange>;
	private templateLabelsCache?: Record<string, string>;
	private podSpecCache?: { spec: Plain | undefined };
	private keyCache?: string;

	constructor(
		/** File path or URI the object comes from. */
		readonly file: string,
		readonly segment: Segment,
		readonly doc: Document.Parsed,
		/** Index of the document within the file (0-based, across segments). */
		readonly docIndex: number,
		/** Path of the object's root node inside the document: [] or ['items', i] for List items. */
		readonly rootPath: Path,
		readonly value: Plain,
		/** This object before its document moved (see movedTo): what was read from the value is kept. */
		movedFrom?: K8sObject,
	) {
		if (movedFrom) {
			this.apiVersion = movedFrom.apiVersion;
			this.kind = movedFrom.kind;
			this.name = movedFrom.name;
			this.namespace = movedFrom.namespace;
			this.labels = movedFrom.labels;
			this.annotations = movedFrom.annotations;
			this.containerCache = movedFrom.containerCache;
			this.rootCache = movedFrom.rootCache;
			this.templateLabelsCache = movedFrom.templateLabelsCache;
			this.podSpecCache = movedFrom.podSpecCache;
			return;
		}
		this.apiVersion = String(value.apiVersion);
		this.kind = String(value.kind);
		const metadata = isPlainObject(value.metadata) ? value.metadata : {};
		this.name = stringOrUndefined(metadata.name);
		this.namespace = stringOrUndefined(metadata.namespace);
		this.labels = stringMap(metadata.labels);
		this.annotations = stringMap(metadata.annotations);
	}

	/**
	 * An object of a file that is not kept parsed (the workspace index of closed files, see indexValue.ts):
	 * no syntax tree, so it reports no ranges. Only the objects of the file being linted report findings.
	 */
	static detached(file: string, docIndex: number, rootPath: Path, value: Plain): K8sObject {
		return new K8sObject(file, DETACHED_SEGMENT, DETACHED_DOCUMENT, docIndex, rootPath, value);
	}

	/** Whether this object has no syntax tree (see detached). */
	get isDetached(): boolean {
		return this.segment === DETACHED_SEGMENT;
	}

	/**
	 * The same object after an edit before its document moved that document (`segment` is where it now
	 * starts, `docIndex` its place). What was read from the value and the document is kept; ranges, which
	 * depend on where the document starts, are not.
	 */
	movedTo(segment: Segment, docIndex: number): K8sObject {
		return new K8sObject(this.file, segment, this.doc, docIndex, this.rootPath, this.value, this);
	}

	/** Stable identity within a lint run: file, document and List item. */
	get key(): string {
		// asked for every object after every keystroke; a moved object (movedTo) has a key of its own
		this.keyCache ??= `${this.file}#${this.docIndex}${this.rootPath.length ? `/${this.rootPath.join('/')}` : ''}`;
		return this.keyCache;
	}

	get group(): string {
		const slash = this.apiVersion.indexOf('/');
		return slash < 0 ? '' : this.apiVersion.slice(0, slash);
	}

	/** The resolved value at `path` (plain JS), or undefined. */
	get(path: Path): any {
		let current: any = this.value;
		for (const step of path) {
			if (current === null || typeof current !== 'object') return undefined;
			current = current[step as any];
		}
		return current;
	}

	has(path: Path): boolean {
		return this.get(path) !== undefined;
	}

	private get root(): Node | null {
		if (this.rootCache === undefined) this.rootCache = nodeAt(this.doc, this.doc.contents, this.rootPath);
		return this.rootCache;
	}

	node(path: Path): Node | null {
		return nodeAt(this.doc, this.root, path);
	}

	private abs(r: [number, number] | null): OffsetRange | null {
		return r ? { start: r[0] + this.segment.offset, end: r[1] + this.segment.offset } : null;
	}

	/** Range of the value at `path`. */
	valueRange(path: Path): OffsetRange | null {
		return this.abs(nodeRange(this.node(path)));
	}

	/** Range of the `key: value` pair whose key is the last step of `path`. */
	pairRange(path: Path): OffsetRange | null {
		return this.abs(pairRange(pairAt(this.doc, this.root, path)));
	}

	/** Range of the key whose name is the last step of `path`. */
	keyRange(path: Path): OffsetRange | null {
		return this.abs(keyRange(pairAt(this.doc, this.root, path)));
	}

	/** Range case 3 of RULES.md: the object's `kind` pair. */
	kindRange(): OffsetRange {
		this.kindRangeCache ??= this.pairRange(['kind']) ?? this.abs(nodeRange(this.root)) ?? { start: this.segment.offset, end: this.segment.offset };
		// a copy: findings own their ranges
		return { ...this.kindRangeCache };
	}

	/** Range case 2 of RULES.md: the container's `name` pair, or its first pair when it has no name. */
	containerRange(container: ContainerRef): OffsetRange {
		let range = this.containerRanges?.get(container);
		if (!range) {
			range =
				this.pairRange([...container.path, 'name']) ??
				this.abs(pairRange(firstPair(this.doc, this.node(container.path)))) ??
				this.valueRange(container.path) ??
				this.kindRange();
			(this.containerRanges ??= new Map()).set(container, range);
		}
		return { ...range };
	}

	// ---- workloads -------------------------------------------------------------------------------

	get isWorkload(): boolean {
		return this.kind in POD_TEMPLATE_PATHS && this.podSpec !== undefined;
	}

	/** Path of the pod template (the object holding `metadata` and `spec`); [] for a bare Pod. */
	get podTemplatePath(): Path | null {
		return POD_TEMPLATE_PATHS[this.kind] ?? null;
	}

	get podSpecPath(): Path | null {
		const t = this.podTemplatePath;
		return t ? [...t, 'spec'] : null;
	}

	get podSpec(): Plain | undefined {
		if (!this.podSpecCache) {
			const p = this.podSpecPath;
			const spec = p ? this.get(p) : undefined;
			this.podSpecCache = { spec: isPlainObject(spec) ? spec : undefined };
		}
		return this.podSpecCache.spec;
	}

	/** Labels of the pods this object creates (the template's, or a bare Pod's own). Shared: do not modify. */
	get templateLabels(): Record<string, string> {
		if (!this.templateLabelsCache) {
			const t = this.podTemplatePath;
			this.templateLabelsCache = t ? stringMap(this.get([...t, 'metadata', 'labels'])) : {};
		}
		return this.templateLabelsCache;
	}

	get templateAnnotations(): Record<string, string> {
		const t = this.podTemplatePath;
		return t && t.length ? stringMap(this.get([...t, 'metadata', 'annotations'])) : {};
	}

	/** A workload other than Job and CronJob; a bare Pod only with restartPolicy unset or Always. */
	get isLongRunning(): boolean {
		if (!this.isWorkload || this.kind === 'Job' || this.kind === 'CronJob') return false;
		if (this.kind === 'Pod') {
			const policy = this.podSpec?.restartPolicy;
			return policy === undefined || policy === null || policy === 'Always';
		}
		return true;
	}

	get isReplicated(): boolean {
		return REPLICATED_KINDS.includes(this.kind) && this.isWorkload;
	}

	/** `spec.replicas` as written (1 when unset); HPA adjustments are the caller's business. */
	get replicas(): number {
		const r = this.get(['spec', 'replicas']);
		return typeof r === 'number' ? r : r === undefined || r === null ? 1 : Number(r);
	}

	/** Every container of the pod spec, init containers included, ephemeral containers ignored. */
	containers(): ContainerRef[] {
		if (this.containerCache) return this.containerCache;
		const out: ContainerRef[] = [];
		const specPath = this.podSpecPath;
		const spec = this.podSpec;
		if (specPath && spec) {
			const add = (field: 'initContainers' | 'containers') => {
				const list = spec[field];
				if (!Array.isArray(list)) return;
				list.forEach((c, i) => {
					if (!isPlainObject(c)) return;
					const kind: ContainerKind = field === 'containers' ? 'container' : c.restartPolicy === 'Always' ? 'sidecar' : 'init';
					out.push({ name: stringOrUndefined(c.name), value: c, path: [...specPath, field, i], kind, isApp: kind !== 'init' });
				});
			};
			add('initContainers');
			add('containers');
		}
		return (this.containerCache = out);
	}

	appContainers(): ContainerRef[] {
		return this.containers().filter((c) => c.isApp);
	}

	get isNamespacedBuiltin(): boolean {
		return NAMESPACED_KINDS.has(this.kind);
	}
}

export interface DocumentObjects {
	objects: K8sObject[];
	/** The document could not be turned into values (e.g. too many aliases). */
	problem?: { message: string };
}

function isK8sRoot(v: unknown): v is Plain {
	return isPlainObject(v) && typeof v.apiVersion === 'string' && typeof v.kind === 'string';
}

/**
 * Resolved values per parsed document. Documents are shared through the SegmentCache, so a document an
 * edit did not touch keeps its value: no second toJS, and the same value object, which lets the workspace
 * index and incremental linting tell unchanged objects by identity. Values are never modified.
 */
const resolvedValues = new WeakMap<Document.Parsed, { value: unknown } | { error: string }>();

function resolvedValue(doc: Document.Parsed): { value: unknown } | { error: string } {
	let resolved = resolvedValues.get(doc);
	if (!resolved) {
		try {
			resolved = { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
		} catch (e) {
			resolved = { error: (e as Error).message };
		}
		resolvedValues.set(doc, resolved);
	}
	return resolved;
}

/**
 * After an edit, give `doc` (the document as now parsed) the resolved value of `before` (the document it
 * replaced) when the two values are equal, keys in the same order: an edit that leaves the value alone
 * (a comment, spacing, quoting, a key's flow style) then changes no object for the workspace index and
 * for incremental linting, which tell objects apart by their value's identity. Its ranges still come
 * from `doc`. False when the values differ or either document does not resolve.
 */
export function adoptEqualValue(doc: Document.Parsed, before: Document.Parsed): boolean {
	const previous = resolvedValues.get(before);
	if (!previous || !('value' in previous) || resolvedValues.get(doc) === previous) return false;
	const current = resolvedValue(doc);
	if (!('value' in current) || !equalValues(current.value, previous.value, { budget: EQUALITY_BUDGET })) return false;
	resolvedValues.set(doc, previous);
	return true;
}

/** Values compared per adoption at most: aliases can make a value far larger than its text. */
const EQUALITY_BUDGET = 100000;

/** Deep equality of resolved values, object keys in order (messages list labels as written). */
function equalValues(a: unknown, b: unknown, left: { budget: number }): boolean {
	if (--left.budget < 0) return false;
	if (Object.is(a, b)) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
	if (Array.isArray(a)) {
		const other = b as unknown[];
		if (a.length !== other.length) return false;
		for (let i = 0; i < a.length; i++) if (!equalValues(a[i], other[i], left)) return false;
		return true;
	}
	if (Object.getPrototypeOf(a) !== Object.prototype && Object.getPrototypeOf(a) !== null) return false;
	const keys = Object.keys(a);
	const otherKeys = Object.keys(b);
	if (keys.length !== otherKeys.length) return false;
	for (let i = 0; i < keys.length; i++) {
		if (keys[i] !== otherKeys[i] || !equalValues((a as Plain)[keys[i]], (b as Plain)[keys[i]], left)) return false;
	}
	return true;
}

/** The Kubernetes objects of one parsed document; none for YAML that is not Kubernetes. */
export function objectsOfDocument(file: string, segment: Segment, doc: Document.Parsed, docIndex: number): DocumentObjects {
	if (!isMap(doc.contents)) return { objects: [] };
	const resolved = resolvedValue(doc);
	if ('error' in resolved) return { objects: [], problem: { message: `Document not linted: ${resolved.error}` } };
	const value = resolved.value;
	if (!isK8sRoot(value)) return { objects: [] };
	const items = (value as Plain).items;
	if (/List$/.test(value.kind) && Array.isArray(items) && isSeq(nodeAt(doc, doc.contents, ['items']))) {
		const objects: K8sObject[] = [];
		items.forEach((item, i) => {
			if (isK8sRoot(item)) objects.push(new K8sObject(file, segment, doc, docIndex, ['items', i], item));
		});
		return { objects };
	}
	return { objects: [new K8sObject(file, segment, doc, docIndex, [], value)] };
}
