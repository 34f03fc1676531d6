// The workspace index: every Kubernetes object the linter can see, by file and by kind. Cross-resource
// rules (PDBs, NetworkPolicies, Services, HPAs, LimitRanges, PVCs, PriorityClasses) query it. The CLI
// fills it from its inputs; the server keeps it current from open documents and file events.
import type { K8sObject } from './k8s';

export class WorkspaceIndex {
	private byFile = new Map<string, K8sObject[]>();
	private kindCache: Map<string, K8sObject[]> | null = null;
	/** Bumped on every change, so callers can tell whether cross-resource results may have changed. */
	version = 0;

	setFile(file: string, objects: K8sObject[]): void {
		this.byFile.set(file, objects);
		this.kindCache = null;
		this.version++;
	}

	deleteFile(file: string): boolean {
		const had = this.byFile.delete(file);
		if (had) {
			this.kindCache = null;
			this.version++;
		}
		return had;
	}

	hasFile(file: string): boolean {
		return this.byFile.has(file);
	}

	files(): string[] {
		return [...this.byFile.keys()];
	}

	objectsOf(file: string): K8sObject[] {
		return this.byFile.get(file) ?? [];
	}

	all(): K8sObject[] {
		return [...this.byFile.values()].flat();
	}

	ofKind(kind: string): K8sObject[] {
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
		return ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']
			.flatMap((k) => this.ofKind(k))
			.filter((o) => o.isWorkload);
	}
}

/** Namespace equality for matching: unset is its own "unspecified" namespace, distinct from `default`. */
export function sameNamespace(a: K8sObject, b: K8sObject): boolean {
	return (a.namespace ?? null) === (b.namespace ?? null);
}
