// Every document Bosun writes for the user is valid Kubernetes: each generated companion (through the
// same offers the editor makes) and each contributed snippet expanded with its defaults is checked
// offline against the API's OpenAPI schema (kubernetes-models), unknown fields included.
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { analyzeFile } from '../../server/src/core/linter';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { companionOffers } from '../../server/src/rules/companionOffers';
import { schemaProblems } from '../helpers/k8sSchema';
import { expandSnippet, SNIPPETS } from '../helpers/snippets';
import { docs, workload, WorkloadOptions } from '../helpers/workspaceManifests';

/** The companion documents offered for every workload of `code`, the file being the whole workspace. */
function offeredDocuments(code: string): { title: string; document: Record<string, unknown> }[] {
	const analysis = analyzeFile('main.yaml', code);
	const workspace = new WorkspaceIndex();
	workspace.setFile('main.yaml', analysis.objects);
	return analysis.objects.flatMap((object) => companionOffers(object, workspace, DEFAULT_CONFIG).map((offer) => ({ title: offer.title, document: offer.document })));
}

const serving: WorkloadOptions = {
	replicas: 3,
	labels: { app: 'web', tier: 'front' },
	metadataLabels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'shop' },
	container: { ports: [{ name: 'http', containerPort: 8080 }, { containerPort: 9090, protocol: 'UDP' }], resources: { requests: { cpu: '250m', memory: '256Mi' } } },
};

/** A container snippet is a fragment: it is checked inside a Pod's only container. */
function podAround(containerFields: Record<string, unknown>): Record<string, unknown> {
	return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'ghcr.io/acme/app:1.0.0', ...containerFields }] } };
}

describe('Kubernetes schema of generated documents', () => {
	it('catches what it must: a wrong type and an unknown field', () => {
		assert.deepEqual(schemaProblems({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'x' }, spec: { maxUnavailable: 1 } }), []);
		assert.equal(schemaProblems({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'x' }, spec: { maxUnavailable: true } }).length, 1);
		assert.deepEqual(schemaProblems({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'x' }, spec: { maxUnavailabel: 1 } }), ['/spec/maxUnavailabel: unknown field']);
	});

	for (const kind of ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DaemonSet', 'Pod']) {
		for (const namespace of ['shop', undefined]) {
			it(`every companion offered for a ${kind} ${namespace ? 'in a namespace' : 'without namespace'} is valid`, () => {
				const offered = offeredDocuments(docs(workload('web', { ...serving, kind, namespace })));
				assert.ok(offered.length >= 3, `offers: ${offered.map((o) => o.title).join(', ')}`);
				for (const { title, document } of offered) assert.deepEqual(schemaProblems(document), [], `${title}:\n${JSON.stringify(document, null, 1)}`);
			});
		}
	}

	it('covers every kind of companion: PodDisruptionBudget, NetworkPolicy, default deny, HorizontalPodAutoscaler, LimitRange', () => {
		const kinds = new Set(offeredDocuments(docs(workload('web', { ...serving, namespace: 'shop' }))).map((o) => `${o.document.kind} ${(o.document.metadata as { name: string }).name}`));
		assert.deepEqual([...kinds].sort(), ['HorizontalPodAutoscaler web', 'LimitRange container-defaults', 'NetworkPolicy default-deny', 'NetworkPolicy web', 'PodDisruptionBudget web']);
	});

	it('a PodDisruptionBudget copying matchExpressions and a policy on every port are valid', () => {
		const deployment = workload('web', { ...serving, namespace: 'shop', container: {} });
		deployment.spec.selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['back'] }] };
		const offered = offeredDocuments(docs(deployment));
		assert.ok(offered.some((o) => o.document.kind === 'PodDisruptionBudget'));
		for (const { title, document } of offered) assert.deepEqual(schemaProblems(document), [], title);
	});

	for (const [name, snippet] of Object.entries(SNIPPETS)) {
		it(`snippet ${snippet.prefix} (${name}) expands to valid objects`, () => {
			const values = parseAllDocuments(expandSnippet(snippet.body)).map((d) => d.toJS());
			assert.ok(values.length > 0);
			for (const value of values) {
				const object = value.apiVersion && value.kind ? value : podAround(value);
				assert.deepEqual(schemaProblems(object), [], `${snippet.prefix}:\n${JSON.stringify(object, null, 1)}`);
			}
		});
	}
});
