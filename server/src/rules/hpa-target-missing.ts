// hpa-target-missing: HPAs whose scaleTargetRef names no object of the workspace.
import { distance } from 'fastest-levenshtein';
import type { K8sObject } from '../core/k8s';
import type { Rule } from '../core/rule';
import type { WorkspaceIndex } from '../core/workspace';
import { hpaTarget, namespacePhrase, objectLabel, objectsNamed, ofKindInNamespace } from './helpers';

/** The kinds an HPA usually scales, searched for a near miss besides the kind it names. */
const SCALED_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];

/**
 * The object of the HPA's namespace it most likely meant: the same name under another kind, or a name a
 * few edits away (`cart` for `carts`), the named kind first; undefined when nothing is that close.
 */
function closestTarget(hpa: K8sObject, kind: string, name: string, workspace: WorkspaceIndex): K8sObject | undefined {
	const limit = Math.max(1, Math.floor(name.length / 3));
	let best: K8sObject | undefined;
	let bestScore = Infinity;
	for (const candidateKind of new Set([kind, ...SCALED_KINDS])) {
		for (const candidate of ofKindInNamespace(workspace, candidateKind, hpa)) {
			if (candidate.name === undefined || Math.abs(candidate.name.length - name.length) > limit) continue;
			const edits = distance(candidate.name, name);
			const score = edits * 2 + (candidateKind === kind ? 0 : 1);
			if (edits <= limit && score < bestScore) [best, bestScore] = [candidate, score];
		}
	}
	return best;
}

export const rule: Rule = {
	id: 'hpa-target-missing',
	title: 'HPA target not found',
	category: 'Autoscaling',
	defaultSeverity: 'info',
	description: 'Flags a HorizontalPodAutoscaler whose `scaleTargetRef` names no object (same kind, name and namespace) in the workspace; the message suggests the closest workload of the namespace (the same name under another kind, or a name a few edits away).',
	rationale:
		'An HPA whose target does not exist scales nothing: after a rename or a kind change (Deployment to StatefulSet) the workload silently runs at a fixed size while the HPA reports `FailedGetScale`.',
	remediation: 'Make `scaleTargetRef.kind` and `scaleTargetRef.name` match the workload, in the HPA\'s own namespace.',
	leavesAlone:
		'Targets of any kind found in the workspace, custom resources with a scale subresource (e.g. Argo Rollouts) included; `scaleTargetRef.apiVersion` is not compared. An HPA scales objects of its own namespace only, and an unset namespace only matches an unset namespace. HPAs without `scaleTargetRef.name` (the API server rejects them), or whose target is a template placeholder (`{{ include "app.fullname" . }}`).',
	fixKind: '-',
	kinds: ['HorizontalPodAutoscaler'],
	crossResource: true,
	examples: {
		incorrect: `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web-frontend}
  minReplicas: 2
  maxReplicas: 10
`,
		correct: `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
`,
	},
	check(ctx) {
		const { object, workspace } = ctx;
		const target = hpaTarget(object);
		if (!target) return;
		const { kind, name } = target;
		if (objectsNamed(workspace, kind, name, object).length) return;
		const closest = closestTarget(object, kind, name, workspace);
		ctx.report({
			range: object.valueRange(['spec', 'scaleTargetRef', 'name']),
			message: `${objectLabel(object)} targets ${kind} "${name}", which is not in the workspace ${namespacePhrase(object)}: it scales nothing.${closest ? ` Did you mean ${objectLabel(closest)}?` : ''}`,
		});
	},
};
