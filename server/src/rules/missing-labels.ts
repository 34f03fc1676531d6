// missing-labels: workloads and Services without the required labels (setting `requiredLabels`) on
// their metadata, and workloads without them on their pod template.
import { K8sObject, WORKLOAD_KINDS } from '../core/k8s';
import type { Rule } from '../core/rule';
import type { FixOp, Path } from '../core/types';
import { isKustomizePatch, objectLabel } from './helpers';

/** A label value the API server accepts: at most 63 characters, alphanumeric at both ends, `-_.` inside. */
const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

interface LabelMap {
	where: string;
	path: Path;
	labels: Record<string, string>;
}

/** The label maps the rule checks: metadata, plus the pod template of a workload (a bare Pod's metadata is its pod's). */
function labelMaps(object: K8sObject): LabelMap[] {
	const maps: LabelMap[] = [{ where: 'metadata', path: ['metadata', 'labels'], labels: object.labels }];
	const template = object.podTemplatePath;
	if (object.isWorkload && template && template.length > 0) {
		maps.push({ where: 'pod template', path: [...template, 'metadata', 'labels'], labels: object.templateLabels });
	}
	return maps;
}

export const rule: Rule = {
	id: 'missing-labels',
	title: 'Workload or Service without required labels',
	category: 'Labels',
	defaultSeverity: 'warning',
	description: 'Flags a workload or Service that lacks a required label (setting `requiredLabels`, default `app.kubernetes.io/name`) on `metadata.labels`, and a workload that lacks it on its pod template labels.',
	rationale:
		'Labels are how people and tools find things: `kubectl get -l`, dashboards, cost reports, log and metric queries and policies all group objects by them. Pods only carry their template\'s labels, so a label on the Deployment alone does not reach the pods that metrics and logs come from.',
	remediation: 'Add every required label to `metadata.labels`, and to `spec.template.metadata.labels` for workloads (the job template\'s pod template for CronJobs).',
	leavesAlone:
		'Objects that carry every required label; kinds other than workloads and Services. A bare Pod\'s metadata labels are its pod labels, checked once. A label written with an empty value counts as missing. Files a kustomization in the workspace lists as patches (partial objects). The quick fix adds the label to each map that lacks it, with the value the other map already has when there is one, else `metadata.name`; it never touches `spec.selector`, and offers nothing when the object has no name or the value would not be a valid label value (longer than 63 characters).',
	fixKind: 'Q',
	fixSafety: 'safe',
	kinds: [...WORKLOAD_KINDS, 'Service'],
	examples: {
		incorrect: `apiVersion: apps/v1
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
		correct: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels:
        app: web
        app.kubernetes.io/name: web
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
`,
	},
	check(ctx) {
		const { object, config, workspace } = ctx;
		// a kustomize patch is a partial object: its labels come from the base it patches
		if (isKustomizePatch(object, workspace)) return;
		const maps = labelMaps(object);
		const missing = config.requiredLabels
			.map((label) => ({ label, in: maps.filter((m) => !m.labels[label]) }))
			.filter((m) => m.in.length > 0);
		if (missing.length === 0) return;
		const ops: FixOp[] = [];
		const inserted: string[] = [];
		for (const { label, in: lacking } of missing) {
			const value = maps.map((m) => m.labels[label]).find((v) => v) ?? object.name;
			if (value === undefined || !LABEL_VALUE.test(value)) continue;
			for (const map of lacking) ops.push({ op: 'set', path: [...map.path, label], value });
			inserted.push(`${label}: ${value} (${lacking.map((m) => m.where).join(' and ')})`);
		}
		const described = missing.map((m) => `${m.label} (${m.in.map((x) => x.where).join(' and ')})`).join(', ');
		ctx.report({
			range: object.kindRange(),
			message: `${objectLabel(object)} is missing required label${missing.length > 1 ? 's' : ''} ${described}.`,
			fix: inserted.length === missing.length ? { title: `Add label${inserted.length > 1 ? 's' : ''} ${inserted.join(', ')}`, ops } : undefined,
		});
	},
};
