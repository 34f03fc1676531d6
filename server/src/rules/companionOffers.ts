// Which companion documents a workload can be given right now, whether or not a rule asks for one: a
// PodDisruptionBudget, a NetworkPolicy, a HorizontalPodAutoscaler, and for its namespace a default-deny
// NetworkPolicy and a LimitRange. The documents come from companions.ts; this module decides when each
// makes sense (never a second PDB or HPA for the same pods, never a name already taken) and what else
// must change with it, so that adding one draws no finding and clears the one it answers.
import { isPlainObject, K8sObject, Plain } from '../core/k8s';
import { compareQuantities, isValidQuantity } from '../core/quantity';
import type { Config, FixOp } from '../core/types';
import type { WorkspaceIndex } from '../core/workspace';
import { defaultDenyNetworkPolicy, horizontalPodAutoscalerFor, limitRangeFor, networkPolicyFor, podDisruptionBudgetFor } from './companions';
import { hpasTargeting, isKustomizePatch, limitRangeDefaults, objectsNamed, pdbSelects, selectorsMaybeSelecting, workloadsInNamespaceOf } from './helpers';
import { resourceValue } from './resourceRules';

export interface CompanionOffer {
	/** The action's title: "Add PodDisruptionBudget for web". */
	title: string;
	/** The object to add. */
	document: Plain;
	/** Changes to the workload that go with it (relative to the workload's root). */
	ops: FixOp[];
	/** A new file for it is named `<metadata.name>-<fileSuffix>.yaml`. */
	fileSuffix: 'pdb' | 'networkpolicy' | 'hpa' | 'limitrange';
	/** Rules whose finding on the workload it answers: it is offered as their quick fix as well. */
	answers: readonly string[];
}

const HPA_KINDS = ['Deployment', 'StatefulSet'];

function namespaceWords(workload: K8sObject): string {
	return workload.namespace === undefined ? 'this namespace' : `namespace ${workload.namespace}`;
}

/** An object of `kind` named like `document` already exists in the workload's namespace. */
function nameTaken(workspace: WorkspaceIndex, workload: K8sObject, document: Plain): boolean {
	return objectsNamed(workspace, String(document.kind), String(document.metadata.name), workload).length > 0;
}

/**
 * The HPA, with `spec.replicas` removed from the workload (hpa-replicas-conflict otherwise) and a
 * `maxReplicas` no lower than the replicas it ran with, so the autoscaler never cuts capacity the
 * workload was given on purpose.
 */
function hpaOffer(workload: K8sObject, workspace: WorkspaceIndex): CompanionOffer | undefined {
	if (!HPA_KINDS.includes(workload.kind) || hpasTargeting(workload, workspace).length) return undefined;
	const hpa = horizontalPodAutoscalerFor(workload, workspace);
	if (!hpa) return undefined;
	const replicas = workload.get(['spec', 'replicas']);
	const ops: FixOp[] = replicas === undefined ? [] : [{ op: 'delete', path: ['spec', 'replicas'] }];
	if (typeof replicas === 'number' && replicas > hpa.spec.maxReplicas) hpa.spec.maxReplicas = replicas;
	return { title: `Add HorizontalPodAutoscaler for ${hpa.metadata.name}`, document: hpa, ops, fileSuffix: 'hpa', answers: ['missing-hpa'] };
}

/**
 * The largest memory request among the namespace's containers that set no memory limit (this workload's
 * included, whether or not the index has it yet): the LimitRange's default memory limit must not be
 * below it, or the API server rejects those pods (request above limit).
 */
function largestUnlimitedMemoryRequest(workload: K8sObject, workspace: WorkspaceIndex): string | undefined {
	let largest: string | undefined;
	const workloads = [workload, ...workloadsInNamespaceOf(workload, workspace).filter((w) => w.key !== workload.key)];
	for (const container of workloads.flatMap((w) => w.containers())) {
		const request = resourceValue(container, 'requests', 'memory');
		if (resourceValue(container, 'limits', 'memory') !== undefined || !isValidQuantity(request)) continue;
		if (largest === undefined || compareQuantities(request, largest)! > 0) largest = String(request);
	}
	return largest;
}

function limitRangeOffer(workload: K8sObject, workspace: WorkspaceIndex, config: Config): CompanionOffer | undefined {
	// A second LimitRange with container defaults would leave it to chance which default applies.
	if (limitRangeDefaults(workload, workspace).length) return undefined;
	const largest = largestUnlimitedMemoryRequest(workload, workspace);
	const memoryLimit = largest !== undefined && compareQuantities(largest, config.resourceDefaults.memory)! > 0 ? largest : undefined;
	const document = limitRangeFor(workload.namespace, config.resourceDefaults, { memoryLimit });
	if (nameTaken(workspace, workload, document)) return undefined;
	return { title: `Add LimitRange for ${namespaceWords(workload)}`, document, ops: [], fileSuffix: 'limitrange', answers: ['missing-memory-limit'] };
}

/** Every companion that can be added for the workload now, in menu order. */
export function companionOffers(workload: K8sObject, workspace: WorkspaceIndex, config: Config): CompanionOffer[] {
	if (!workload.isWorkload || isKustomizePatch(workload, workspace)) return [];
	const offers: CompanionOffer[] = [];
	const add = (offer: CompanionOffer | undefined) => {
		if (offer && !nameTaken(workspace, workload, offer.document)) offers.push(offer);
	};
	// Several budgets over one pod make the eviction API refuse to evict it at all.
	const budgeted = selectorsMaybeSelecting(workspace, 'PodDisruptionBudget', workload).some((pdb) => pdbSelects(pdb, workload));
	const pdb = workload.isReplicated && !budgeted ? podDisruptionBudgetFor(workload) : undefined;
	if (pdb) add({ title: `Add PodDisruptionBudget for ${pdb.metadata.name}`, document: pdb, ops: [], fileSuffix: 'pdb', answers: ['missing-pdb'] });
	// Pods on the host network are beyond NetworkPolicies.
	const onHostNetwork = isPlainObject(workload.podSpec) && workload.podSpec.hostNetwork === true;
	const policy = onHostNetwork ? undefined : networkPolicyFor(workload);
	if (policy) add({ title: `Add NetworkPolicy for ${policy.metadata.name}`, document: policy, ops: [], fileSuffix: 'networkpolicy', answers: ['missing-network-policy'] });
	if (!onHostNetwork) add({ title: `Add default-deny NetworkPolicy for ${namespaceWords(workload)}`, document: defaultDenyNetworkPolicy(workload.namespace), ops: [], fileSuffix: 'networkpolicy', answers: [] });
	add(hpaOffer(workload, workspace));
	add(limitRangeOffer(workload, workspace, config));
	return offers;
}
