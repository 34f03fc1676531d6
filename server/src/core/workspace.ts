// The workspace index: every Kubernetes object the linter can see, by file and by kind. Cross-resource
// rules (PDBs, NetworkPolicies, Services, HPAs, LimitRanges, PVCs, PriorityClasses) query it. The CLI
// fills it from its inputs; the server keeps it current from open documents and file events.
import { WORKLOAD_KINDS, type K8sObject } from './k8s';

/** Read by a query of the whole workspace (`all()`, the file list): every kind counts. */
export const ANY_KIND = '*';

/**
 * Finer reads than a kind, for lookups that depend on part of the workspace only (see trackReads): the
 * objects of a kind (ANY_KIND: of any kind) in one namespace, unset apart from every name...
 */
export function namespaceRead(kind: string, namespace: string | undefined): string {
	return `${kind}@${namespace === undefined ? '\u0000unset' : namespace}`;
}

/** ...and the workloads of a namespace whose pod template carries the label `key: value`. */
export function labelRead(namespace: string | undefined, key: string, value: string): string {
	return `${namespaceRead('pod-label', namespace)}\u0000${key}\u0000${value}`;
}

export class WorkspaceIndex {
	private byFile = new Map<string, K8sObject[]>();
	private kindCache: Map<string, K8sObject[]> | null = null;
	private workloadCache: K8sObject[] | null = null;
	/** Bumped on every change, so callers can tell whether cross-resource results may have changed. */
	version = 0;
	/**
	 * Version at which objects of each kind last changed (ANY_KIND: any change at all), and those of each
	 * finer read (namespaceRead, labelRead).
	 */
	private kindChanged = new Map<string, number>();
	/** While a read is tracked (trackReads), the kinds queried so far. */
	private readSink: Set<string> | null = null;
	/**
	 * Every read a tracked run made. Only changes to these are recorded at the finer grains: a read no run
	 * made has no run to re-check, and a run that makes it later comes after the change. The CLI, which
	 * tracks nothing, records kinds only; the server records the labels and namespaces its open files read.
	 */
	private knownReads = new Set<string>();

	setFile(file: string, objects: K8sObject[]): void {
		const previous = this.byFile.get(file) ?? [];
		this.byFile.set(file, objects);
		this.changed(changedKinds(previous, objects, this.knownReads));
	}

	deleteFile(file: string): boolean {
		const previous = this.byFile.get(file);
		const had = this.byFile.delete(file);
		if (had) this.changed(changedKinds(previous ?? [], [], this.knownReads));
		return had;
	}

	private changed(kinds: Set<string>): void {
		this.kindCache = null;
		this.workloadCache = null;
		this.version++;
		for (const kind of kinds) this.kindChanged.set(kind, this.version);
		if (kinds.size) this.kindChanged.set(ANY_KIND, this.version);
	}

	/**
	 * Whether objects of `kind` (ANY_KIND: of any kind; or a finer read) were added, removed or changed
	 * after `version`. An object re-indexed with the same value (an untouched document of an edited file)
	 * is no change.
	 */
	changedSince(kind: string, version: number): boolean {
		return (this.kindChanged.get(kind) ?? 0) > version;
	}

	/**
	 * Run `fn` without recording what it reads: a lookup table built for the whole workspace, whose users
	 * note the finer reads their answers depend on (noteReads) instead of everything the table read.
	 */
	untracked<T>(fn: () => T): T {
		const sink = this.readSink;
		this.readSink = null;
		try {
			return fn();
		} finally {
			this.readSink = sink;
		}
	}

	/**
	 * Run `fn` and return the kinds it queried (ANY_KIND for whole-workspace queries), so a caller can tell
	 * later, with changedSince, whether its result may have changed. Nested tracking reports to both.
	 */
	trackReads<T>(fn: () => T): { result: T; reads: ReadonlySet<string> } {
		const outer = this.readSink;
		const reads = new Set<string>();
		this.readSink = reads;
		try {
			return { result: fn(), reads };
		} finally {
			this.readSink = outer;
			if (outer) for (const kind of reads) outer.add(kind);
			for (const kind of reads) this.knownReads.add(kind);
		}
	}

	/** Count reads made earlier on the current tracker's behalf (a memoised query answered without reading). */
	noteReads(kinds: Iterable<string>): void {
		const sink = this.readSink;
		if (sink) for (const kind of kinds) sink.add(kind);
	}

	hasFile(file: string): boolean {
		this.readSink?.add(ANY_KIND);
		return this.byFile.has(file);
	}

	files(): string[] {
		this.readSink?.add(ANY_KIND);
		return [...this.byFile.keys()];
	}

	objectsOf(file: string): K8sObject[] {
		this.readSink?.add(ANY_KIND);
		return this.byFile.get(file) ?? [];
	}

	all(): K8sObject[] {
		this.readSink?.add(ANY_KIND);
		return [...this.byFile.values()].flat();
	}

	ofKind(kind: string): K8sObject[] {
		this.readSink?.add(kind);
		if (!this.kindCache) {
			this.kindCache = new Map();
			for (const objects of this.byFile.values()) {
				for (const o of objects) {
					let list = this.kindCache.get(o.kind);
					if (!list) this.kindCache.set(o.kind, (list = []));
					list.push(o);
				}
			}
		}
		return this.kindCache.get(kind) ?? [];
	}

	/** Objects whose pods a selector can match: every workload (pod templates, bare Pods). */
	workloads(): K8sObject[] {
		if (!this.workloadCache) this.workloadCache = WORKLOAD_KINDS.flatMap((k) => this.ofKind(k)).filter((o) => o.isWorkload);
		else this.noteReads(WORKLOAD_KINDS);
		return this.workloadCache;
	}
}

/**
 * The reads that objects differing between two lists of one file change: their kinds, and the finer reads
 * of them (namespaceRead, labelRead). Objects are compared by value identity: an untouched document keeps
 * its resolved value (see objectsOfDocument), an edited one gets a new one.
 */
function changedKinds(before: readonly K8sObject[], after: readonly K8sObject[], known: ReadonlySet<string>): Set<string> {
	const unmatched = new Map<unknown, number>();
	for (const o of before) unmatched.set(o.value, (unmatched.get(o.value) ?? 0) + 1);
	const kinds = new Set<string>();
	for (const o of after) {
		const count = unmatched.get(o.value);
		if (count) unmatched.set(o.value, count - 1);
		else addReadsOf(o, kinds, known);
	}
	for (const o of before) {
		const count = unmatched.get(o.value);
		if (count) {
			unmatched.set(o.value, count - 1);
			addReadsOf(o, kinds, known);
		}
	}
	return kinds;
}

/** The reads a changed object changes: its kind, and the finer reads of it that some run made (`known`). */
function addReadsOf(object: K8sObject, reads: Set<string>, known: ReadonlySet<string>): void {
	reads.add(object.kind);
	if (!known.size) return;
	const add = (read: string) => known.has(read) && reads.add(read);
	add(namespaceRead(object.kind, object.namespace));
	add(namespaceRead(ANY_KIND, object.namespace));
	if (object.isWorkload) for (const [key, value] of Object.entries(object.templateLabels)) add(labelRead(object.namespace, key, value));
}

/** Namespace equality for matching: unset is its own "unspecified" namespace, distinct from `default`. */
export function sameNamespace(a: K8sObject, b: K8sObject): boolean {
	return (a.namespace ?? null) === (b.namespace ?? null);
}
