// The Kubernetes API deprecation table deprecated-api-version reads: for each old group/version and
// kind, the minor release that deprecated it, the one that stopped serving it, its replacement and
// whether moving to the replacement is mechanical (only apiVersion changes, plus fix-ups the rule
// knows how to make). Sources: the Kubernetes "Deprecated API Migration Guide" and the API types'
// prerelease-lifecycle markers. Alpha versions are listed only where they were common in manifests.

export interface ApiMove {
	/** The old apiVersion as written: `group/version`. */
	apiVersion: string;
	kinds: readonly string[];
	/** Minor release that deprecated it ("1.21"). */
	deprecatedIn: string;
	/** Minor release that no longer serves it. */
	removedIn: string;
	/** The apiVersion to use instead; undefined when the kind has no successor. */
	replacement?: string;
	/** Whether changing apiVersion is the whole move (the rule then offers a quick fix). */
	mechanical: boolean;
	/**
	 * The replacement has the same schema and defaults, so the move cannot change what runs: the quick
	 * fix is safe (RULES.md "Fix safety"). Unset: a default or a meaning changed, the fix is unsafe.
	 */
	sameSchema?: true;
	/** What else changed, or, without a replacement, where to go instead; for the message. */
	note?: string;
}

/**
 * The newest Kubernetes minor release this table covers: the default target when `kubernetesVersion`
 * is unset. v1.32 is the last release of the migration guide that stopped serving an API version.
 */
export const NEWEST_KNOWN_MINOR = '1.32';

const WORKLOADS_SELECTOR_NOTE = 'spec.selector is required and some defaults changed';

export const API_MOVES: readonly ApiMove[] = [
	// Removed in v1.14
	{ apiVersion: 'admissionregistration.k8s.io/v1alpha1', kinds: ['InitializerConfiguration'], deprecatedIn: '1.14', removedIn: '1.14', mechanical: false, note: 'initializers were removed without a successor; use admission webhooks' },
	// Removed in v1.16
	{ apiVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', mechanical: true, note: WORKLOADS_SELECTOR_NOTE },
	{ apiVersion: 'apps/v1beta1', kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ControllerRevision'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', mechanical: true, note: WORKLOADS_SELECTOR_NOTE },
	{ apiVersion: 'apps/v1beta2', kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', mechanical: true, note: WORKLOADS_SELECTOR_NOTE },
	{ apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'networking.k8s.io/v1', mechanical: true },
	{ apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.10', removedIn: '1.16', mechanical: false, note: 'PodSecurityPolicy has no successor after policy/v1beta1 (removed in 1.25); use Pod Security admission namespace labels or a policy engine' },
	// Removed in v1.17
	{ apiVersion: 'scheduling.k8s.io/v1alpha1', kinds: ['PriorityClass'], deprecatedIn: '1.14', removedIn: '1.17', replacement: 'scheduling.k8s.io/v1', mechanical: true, sameSchema: true },
	// Removed in v1.21
	{ apiVersion: 'batch/v2alpha1', kinds: ['CronJob'], deprecatedIn: '1.8', removedIn: '1.21', replacement: 'batch/v1', mechanical: true },
	// Removed in v1.22
	{ apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], deprecatedIn: '1.16', removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1', mechanical: false, note: 'sideEffects and admissionReviewVersions are required, and failurePolicy, matchPolicy and timeoutSeconds defaults changed' },
	{ apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: ['CustomResourceDefinition'], deprecatedIn: '1.16', removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1', mechanical: false, note: 'schemas move under spec.versions[*] and must be structural' },
	{ apiVersion: 'apiregistration.k8s.io/v1beta1', kinds: ['APIService'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1', mechanical: true, sameSchema: true },
	{ apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['TokenReview'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'authentication.k8s.io/v1', mechanical: true, sameSchema: true },
	{ apiVersion: 'authorization.k8s.io/v1beta1', kinds: ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'authorization.k8s.io/v1', mechanical: false, note: 'spec.group was renamed spec.groups' },
	{ apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'certificates.k8s.io/v1', mechanical: false, note: 'spec.signerName and spec.usages are required' },
	{ apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'coordination.k8s.io/v1', mechanical: true, sameSchema: true },
	{ apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'networking.k8s.io/v1', mechanical: false, note: 'backends become service.name and service.port, spec.backend becomes spec.defaultBackend, and pathType is required' },
	{ apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'networking.k8s.io/v1', mechanical: false, note: 'backends become service.name and service.port, spec.backend becomes spec.defaultBackend, and pathType is required' },
	{ apiVersion: 'networking.k8s.io/v1beta1', kinds: ['IngressClass'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'networking.k8s.io/v1', mechanical: true, sameSchema: true },
	{ apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], deprecatedIn: '1.17', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1', mechanical: true, sameSchema: true },
	{ apiVersion: 'rbac.authorization.k8s.io/v1alpha1', kinds: ['ClusterRole', 'Role'], deprecatedIn: '1.17', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1', mechanical: true, sameSchema: true },
	{ apiVersion: 'rbac.authorization.k8s.io/v1alpha1', kinds: ['ClusterRoleBinding', 'RoleBinding'], deprecatedIn: '1.17', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1', mechanical: false, note: 'subjects name their apiGroup instead of an apiVersion' },
	{ apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'scheduling.k8s.io/v1', mechanical: true, sameSchema: true },
	{ apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'StorageClass', 'VolumeAttachment'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'storage.k8s.io/v1', mechanical: true, sameSchema: true },
	{ apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSINode'], deprecatedIn: '1.17', removedIn: '1.22', replacement: 'storage.k8s.io/v1', mechanical: true, sameSchema: true },
	// Removed in v1.25
	{ apiVersion: 'batch/v1beta1', kinds: ['CronJob'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'batch/v1', mechanical: true, sameSchema: true },
	{ apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'discovery.k8s.io/v1', mechanical: false, note: 'topology gives way to per-endpoint nodeName and zone' },
	{ apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], deprecatedIn: '1.19', removedIn: '1.25', replacement: 'events.k8s.io/v1', mechanical: false, note: 'several fields were renamed (involvedObject becomes regarding)' },
	{ apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: '1.22', removedIn: '1.25', replacement: 'autoscaling/v2', mechanical: false, note: 'metric targets move under target (targetAverageUtilization becomes target.averageUtilization)' },
	{ apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'policy/v1', mechanical: true },
	{ apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.21', removedIn: '1.25', mechanical: false, note: 'PodSecurityPolicy has no successor; use Pod Security admission namespace labels or a policy engine' },
	{ apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], deprecatedIn: '1.22', removedIn: '1.25', replacement: 'node.k8s.io/v1', mechanical: true, sameSchema: true },
	// Removed in v1.26
	{ apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: '1.23', removedIn: '1.26', replacement: 'autoscaling/v2', mechanical: true, sameSchema: true },
	{ apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.23', removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1', mechanical: false, note: 'assuredConcurrencyShares was renamed nominalConcurrencyShares (flowcontrol v1 is served from 1.29, v1beta3 from 1.26)' },
	// Removed in v1.27
	{ apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], deprecatedIn: '1.24', removedIn: '1.27', replacement: 'storage.k8s.io/v1', mechanical: true, sameSchema: true },
	// Removed in v1.29
	{ apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.26', removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1', mechanical: false, note: 'assuredConcurrencyShares was renamed nominalConcurrencyShares (flowcontrol v1 is served from 1.29)' },
	// Removed in v1.32
	{ apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.29', removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1', mechanical: false, note: 'an explicit nominalConcurrencyShares of 0 is no longer changed to 30' },
];

const byApiVersionAndKind = new Map<string, ApiMove>(API_MOVES.flatMap((move) => move.kinds.map((kind) => [`${move.apiVersion} ${kind}`, move] as const)));

/** The table entry for an object's apiVersion and kind, or undefined when that pair is current or unknown. */
export function findApiMove(apiVersion: string, kind: string): ApiMove | undefined {
	return byApiVersionAndKind.get(`${apiVersion.trim()} ${kind}`);
}

/** Minor version number of "1.25" (or "v1.25.3"); NaN when it is not a 1.x version. */
export function minorOf(version: string): number {
	const m = /^v?1\.(\d+)/.exec(version.trim());
	return m ? Number(m[1]) : NaN;
}
