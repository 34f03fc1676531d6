// Suppression: Bosun's own annotations and comments, and the peer linters' annotations mapped to the
// equivalent Bosun rules (one table, documented in docs/suppression.md), so a team moving from
// kube-linter, Polaris, kube-score or Checkov keeps its reviewed exceptions.
import type { K8sObject } from './k8s';

/** Peer check name → Bosun rule ids. Keys are prefixed with the peer: `kube-linter:`, `polaris:`, `kube-score:`, `checkov:`. */
export const PEER_CHECKS: Record<string, string[]> = {
	// kube-linter (ignore-check.kube-linter.io/<check>)
	'kube-linter:no-liveness-probe': ['missing-liveness-probe'],
	'kube-linter:no-readiness-probe': ['missing-readiness-probe'],
	'kube-linter:unset-cpu-requirements': ['missing-resource-requests', 'missing-cpu-limit'],
	'kube-linter:unset-memory-requirements': ['missing-resource-requests', 'missing-memory-limit'],
	'kube-linter:latest-tag': ['latest-image-tag'],
	'kube-linter:privileged-container': ['privileged-container'],
	'kube-linter:privilege-escalation-container': ['privilege-escalation'],
	'kube-linter:run-as-non-root': ['run-as-root'],
	'kube-linter:no-read-only-root-fs': ['writable-root-filesystem'],
	'kube-linter:host-network': ['host-namespaces'],
	'kube-linter:host-pid': ['host-namespaces'],
	'kube-linter:host-ipc': ['host-namespaces'],
	'kube-linter:sensitive-host-mounts': ['host-path-volume'],
	'kube-linter:docker-sock': ['host-path-volume'],
	'kube-linter:drop-net-raw-capability': ['capabilities-not-dropped'],
	'kube-linter:default-service-account': ['default-service-account'],
	'kube-linter:dangling-service': ['dangling-service'],
	'kube-linter:dangling-networkpolicy': ['dangling-network-policy'],
	'kube-linter:dangling-horizontalpodautoscaler': ['hpa-target-missing'],
	'kube-linter:non-isolated-pod': ['missing-network-policy'],
	'kube-linter:no-anti-affinity': ['missing-anti-affinity'],
	'kube-linter:minimum-three-replicas': ['single-replica'],
	'kube-linter:hpa-minimum-three-replicas': ['hpa-min-replicas'],
	'kube-linter:mismatching-selector': ['selector-mismatch'],
	'kube-linter:pdb-max-unavailable': ['pdb-blocks-eviction'],
	'kube-linter:pdb-min-available': ['pdb-blocks-eviction'],
	'kube-linter:no-rolling-update-strategy': ['recreate-strategy'],
	'kube-linter:use-namespace': ['default-namespace'],
	'kube-linter:priority-class-name': ['missing-priority-class'],
	'kube-linter:access-to-secrets': ['rbac-secret-read'],
	'kube-linter:wildcard-in-rules': ['rbac-wildcard'],
	'kube-linter:cluster-admin-role-binding': ['rbac-cluster-admin-binding'],
	'kube-linter:required-label-owner': ['missing-labels'],
	// Polaris (polaris.fairwinds.com/<check>-exempt)
	'polaris:livenessProbeMissing': ['missing-liveness-probe'],
	'polaris:readinessProbeMissing': ['missing-readiness-probe'],
	'polaris:cpuRequestsMissing': ['missing-resource-requests'],
	'polaris:memoryRequestsMissing': ['missing-resource-requests'],
	'polaris:cpuLimitsMissing': ['missing-cpu-limit'],
	'polaris:memoryLimitsMissing': ['missing-memory-limit'],
	'polaris:tagNotSpecified': ['latest-image-tag'],
	'polaris:privilegeEscalationAllowed': ['privilege-escalation'],
	'polaris:runAsRootAllowed': ['run-as-root'],
	'polaris:runAsPrivileged': ['privileged-container'],
	'polaris:notReadOnlyRootFilesystem': ['writable-root-filesystem'],
	'polaris:insecureCapabilities': ['capabilities-not-dropped'],
	'polaris:dangerousCapabilities': ['dangerous-capabilities'],
	'polaris:hostNetworkSet': ['host-namespaces'],
	'polaris:hostPIDSet': ['host-namespaces'],
	'polaris:hostIPCSet': ['host-namespaces'],
	'polaris:hostPortSet': ['host-port'],
	'polaris:hostPathSet': ['host-path-volume'],
	'polaris:deploymentMissingReplicas': ['single-replica'],
	'polaris:missingPodDisruptionBudget': ['missing-pdb'],
	'polaris:topologySpreadConstraint': ['missing-anti-affinity'],
	'polaris:priorityClassNotSet': ['missing-priority-class'],
	'polaris:automountServiceAccountToken': ['default-service-account'],
	'polaris:missingNetworkPolicy': ['missing-network-policy'],
	'polaris:clusterrolePodExecAttach': ['rbac-pod-exec'],
	'polaris:rolePodExecAttach': ['rbac-pod-exec'],
	'polaris:clusterrolebindingClusterAdmin': ['rbac-cluster-admin-binding'],
	'polaris:rolebindingClusterAdminClusterRole': ['rbac-cluster-admin-binding'],
	'polaris:hpaMinAvailability': ['hpa-min-replicas'],
	'polaris:pdbDisruptionsIsZero': ['pdb-blocks-eviction'],
	// kube-score (kube-score/ignore: <check>[,<check>])
	'kube-score:pod-probes': ['missing-liveness-probe', 'missing-readiness-probe'],
	'kube-score:pod-probes-identical': ['identical-probes'],
	'kube-score:container-resources': ['missing-resource-requests', 'missing-memory-limit', 'missing-cpu-limit'],
	'kube-score:container-image-tag': ['latest-image-tag'],
	'kube-score:container-security-context-privileged': ['privileged-container'],
	'kube-score:container-security-context-user-group-id': ['run-as-root'],
	'kube-score:container-security-context-readonlyrootfilesystem': ['writable-root-filesystem'],
	'kube-score:pod-networkpolicy': ['missing-network-policy'],
	'kube-score:networkpolicy-targets-pod': ['dangling-network-policy'],
	'kube-score:deployment-has-poddisruptionbudget': ['missing-pdb'],
	'kube-score:statefulset-has-poddisruptionbudget': ['missing-pdb'],
	'kube-score:deployment-has-host-podantiaffinity': ['missing-anti-affinity'],
	'kube-score:statefulset-has-host-podantiaffinity': ['missing-anti-affinity'],
	'kube-score:service-targets-pod': ['dangling-service'],
	'kube-score:deployment-replicas': ['single-replica'],
	'kube-score:horizontalpodautoscaler-has-target': ['hpa-target-missing'],
	'kube-score:poddisruptionbudget-has-policy': ['pdb-blocks-eviction'],
	'kube-score:deployment-strategy': ['recreate-strategy'],
	'kube-score:deployment-targeted-by-hpa-does-not-have-replicas-configured': ['hpa-replicas-conflict'],
	'kube-score:stable-version': ['deprecated-api-version'],
	// Checkov (checkov.io/skip<N>: <CHECK_ID>=<reason>)
	'checkov:CKV_K8S_8': ['missing-liveness-probe'],
	'checkov:CKV_K8S_9': ['missing-readiness-probe'],
	'checkov:CKV_K8S_10': ['missing-resource-requests'],
	'checkov:CKV_K8S_11': ['missing-cpu-limit'],
	'checkov:CKV_K8S_12': ['missing-resource-requests'],
	'checkov:CKV_K8S_13': ['missing-memory-limit'],
	'checkov:CKV_K8S_14': ['latest-image-tag'],
	'checkov:CKV_K8S_16': ['privileged-container'],
	'checkov:CKV_K8S_17': ['host-namespaces'],
	'checkov:CKV_K8S_18': ['host-namespaces'],
	'checkov:CKV_K8S_19': ['host-namespaces'],
	'checkov:CKV_K8S_20': ['privilege-escalation'],
	'checkov:CKV_K8S_21': ['default-namespace'],
	'checkov:CKV_K8S_22': ['writable-root-filesystem'],
	'checkov:CKV_K8S_23': ['run-as-root'],
	'checkov:CKV_K8S_26': ['host-port'],
	'checkov:CKV_K8S_27': ['host-path-volume'],
	'checkov:CKV_K8S_28': ['capabilities-not-dropped'],
	'checkov:CKV_K8S_37': ['capabilities-not-dropped'],
	'checkov:CKV_K8S_38': ['default-service-account'],
	'checkov:CKV_K8S_39': ['dangerous-capabilities'],
	'checkov:CKV_K8S_41': ['default-service-account'],
	'checkov:CKV_K8S_49': ['rbac-wildcard'],
};

const ALL = '*';

/** Rule ids an object's annotations suppress (`*` = every rule). */
export function suppressedByAnnotations(annotations: Record<string, string>): Set<string> {
	const out = new Set<string>();
	const addPeer = (peerKey: string) => PEER_CHECKS[peerKey]?.forEach((id) => out.add(id));
	for (const [key, value] of Object.entries(annotations)) {
		let m: RegExpExecArray | null;
		if (key === 'bosun.dev/ignore-all' || key === 'kube-linter.io/ignore-all') out.add(ALL);
		else if ((m = /^ignore-check\.bosun\.dev\/(.+)$/.exec(key))) out.add(m[1]);
		else if ((m = /^ignore-check\.kube-linter\.io\/(.+)$/.exec(key))) addPeer(`kube-linter:${m[1]}`);
		else if (key === 'polaris.fairwinds.com/exempt' && value === 'true') out.add(ALL);
		else if ((m = /^polaris\.fairwinds\.com\/(.+)-exempt$/.exec(key)) && value === 'true') addPeer(`polaris:${m[1]}`);
		else if (key === 'kube-score/ignore') value.split(',').forEach((c) => addPeer(`kube-score:${c.trim()}`));
		else if (/^checkov\.io\/skip\d+$/.test(key)) addPeer(`checkov:${value.split('=')[0].trim()}`);
	}
	return out;
}

export function isSuppressed(set: ReadonlySet<string>, ruleId: string): boolean {
	return set.has(ALL) || set.has(ruleId);
}

/** Annotations of the object and of its pod template both count. */
export function objectSuppressions(object: K8sObject): Set<string> {
	return suppressedByAnnotations({ ...object.templateAnnotations, ...object.annotations });
}

const DISABLE_NEXT_LINE = /^\s*#\s*bosun-disable-next-line(?:\s+(.*))?$/;
const DISABLE_DOCUMENT = /^\s*#\s*bosun-disable(?:\s+(.*))?$/;

function parseIds(list: string | undefined): string[] {
	const ids = (list ?? '').split(/[\s,]+/).filter(Boolean).filter((s) => !s.startsWith('--'));
	return ids.length ? ids : [ALL];
}

/** `# bosun-disable <ids>` comment lines at the top of a document segment (before its first content). */
export function documentDisables(segmentText: string): Set<string> {
	const out = new Set<string>();
	for (const line of segmentText.split('\n')) {
		const trimmed = line.trim();
		if (trimmed === '' || trimmed === '---') continue;
		if (!trimmed.startsWith('#')) break;
		const m = DISABLE_DOCUMENT.exec(trimmed);
		if (m && !trimmed.includes('bosun-disable-next-line')) parseIds(m[1]).forEach((id) => out.add(id));
	}
	return out;
}

/** Rule ids a `# bosun-disable-next-line` comment on the line before `offset` suppresses. */
export function nextLineDisables(text: string, offset: number): Set<string> | null {
	const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
	if (lineStart === 0) return null;
	const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
	const prev = text.slice(prevStart, lineStart - 1).replace(/\r$/, '');
	const m = DISABLE_NEXT_LINE.exec(prev);
	return m ? new Set(parseIds(m[1])) : null;
}
