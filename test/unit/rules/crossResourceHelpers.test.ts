// The workspace lookups behind the cross-resource rules: path comparison for kustomizations (CLI paths
// and editor URIs), Kustomize patches, selection semantics and index invalidation on workspace change.
import assert from 'node:assert/strict';
import { analyzeFile } from '../../../server/src/core/linter';
import { WorkspaceIndex } from '../../../server/src/core/workspace';
import {
	comparablePath,
	effectiveReplicas,
	hpasTargeting,
	isKustomizePatch,
	kustomizeAssignsNamespace,
	networkPolicySelects,
	pdbSelects,
	resolveAgainst,
	selectorsMaybeSelecting,
	serviceSelects,
	workloadsMaybeSelectedBy,
	workloadsSelectedBy,
	workloadsSelectedByPdb,
	workloadsSelectedByService,
} from '../../../server/src/rules/helpers';
import type { K8sObject } from '../../../server/src/core/k8s';
import { docs, hpa, networkPolicy, pdb, service, workload } from '../../helpers/workspaceManifests';

function workspaceOf(files: Record<string, string>): WorkspaceIndex {
	const ws = new WorkspaceIndex();
	for (const [file, text] of Object.entries(files)) ws.setFile(file, analyzeFile(file, text).objects);
	return ws;
}

const kustomization = (fields: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${fields}`;

describe('cross-resource helpers', () => {
	describe('comparablePath / resolveAgainst', () => {
		it('normalizes CLI paths', () => {
			assert.equal(comparablePath('./a/./b/../c.yaml'), 'a/c.yaml');
			assert.equal(comparablePath('a\\b.yaml'), 'a/b.yaml');
			assert.equal(comparablePath('../x/y.yaml'), '../x/y.yaml');
		});
		it('turns file URIs into decoded paths and keeps other schemes', () => {
			assert.equal(comparablePath('file:///home/me/my%20app/k.yaml'), '/home/me/my app/k.yaml');
			assert.equal(comparablePath('file:///c%3A/repo/k.yaml'), '/c:/repo/k.yaml');
			assert.equal(comparablePath('vscode-vfs://github/acme/repo/./k.yaml'), 'vscode-vfs://github/acme/repo/k.yaml');
		});
		it('resolves references against the kustomization folder', () => {
			assert.equal(resolveAgainst('kustomization.yaml', 'deploy.yaml'), 'deploy.yaml');
			assert.equal(resolveAgainst('overlays/prod/kustomization.yaml', '../../base'), 'base');
			assert.equal(resolveAgainst('file:///repo/overlays/kustomization.yaml', '../base/x.yaml'), '/repo/base/x.yaml');
			assert.equal(resolveAgainst('/kustomization.yaml', 'x.yaml'), '/x.yaml');
			assert.equal(resolveAgainst('a/kustomization.yaml', '/abs/x.yaml'), '/abs/x.yaml');
		});
	});

	describe('Kustomize', () => {
		it('assigns namespaces to files listed by URI-named kustomizations, through included folders', () => {
			const ws = workspaceOf({
				'file:///repo/overlays/prod/kustomization.yaml': kustomization('namespace: prod\nresources: [../../base]\npatches:\n  - path: replicas.yaml\n    target: {kind: Deployment}\n'),
				'file:///repo/base/kustomization.yaml': kustomization('resources: [web.yaml]\n'),
				'file:///repo/base/web.yaml': docs(workload('web')),
				'file:///repo/overlays/prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 3}\n',
				'file:///repo/other/web.yaml': docs(workload('other')),
			});
			const byFile = (f: string) => ws.objectsOf(f)[0];
			assert.equal(kustomizeAssignsNamespace(byFile('file:///repo/base/web.yaml'), ws), true);
			assert.equal(kustomizeAssignsNamespace(byFile('file:///repo/other/web.yaml'), ws), false);
			assert.equal(isKustomizePatch(byFile('file:///repo/overlays/prod/replicas.yaml'), ws), true);
			assert.equal(isKustomizePatch(byFile('file:///repo/base/web.yaml'), ws), false);
		});
		it('recognizes patchesJson6902 paths and ignores inline strategic-merge patches', () => {
			const ws = workspaceOf({
				'kustomization.yaml': kustomization('patchesJson6902:\n  - path: json.yaml\n    target: {kind: Deployment, name: web}\npatchesStrategicMerge:\n  - |\n    apiVersion: apps/v1\n    kind: Deployment\n'),
				'json.yaml': docs(workload('web')),
			});
			assert.equal(isKustomizePatch(ws.objectsOf('json.yaml')[0], ws), true);
		});
		it('a cycle of kustomizations including each other terminates', () => {
			const ws = workspaceOf({
				'a/kustomization.yaml': kustomization('namespace: a\nresources: [../b]\n'),
				'b/kustomization.yaml': kustomization('resources: [../a, web.yaml]\n'),
				'b/web.yaml': docs(workload('web')),
			});
			assert.equal(kustomizeAssignsNamespace(ws.objectsOf('b/web.yaml')[0], ws), true);
		});
	});

	describe('selection', () => {
		const [web] = workspaceOf({ 'w.yaml': docs(workload('web', { namespace: 'shop' })) }).objectsOf('w.yaml');
		const objectOf = (o: Record<string, unknown>) => analyzeFile('x.yaml', docs(o)).objects[0];
		it('PDB: policy/v1 {} selects all, a missing selector none, policy/v1beta1 {} none', () => {
			assert.equal(pdbSelects(objectOf(pdb('p', { selector: {} }, { namespace: 'shop' })), web), true);
			assert.equal(pdbSelects(objectOf(pdb('p', { maxUnavailable: 1 }, { namespace: 'shop' })), web), false);
			assert.equal(pdbSelects(objectOf(pdb('p', { selector: {} }, { namespace: 'shop', apiVersion: 'policy/v1beta1' })), web), false);
			assert.equal(pdbSelects(objectOf(pdb('p', { selector: { matchLabels: { app: 'web' } } }, { namespace: 'shop', apiVersion: 'policy/v1beta1' })), web), true);
			assert.equal(pdbSelects(objectOf(pdb('p', { selector: {} })), web), false, 'unset namespace is not shop');
		});
		it('NetworkPolicy: an absent podSelector reads as {} and selects all', () => {
			assert.equal(networkPolicySelects(objectOf(networkPolicy('n', undefined, { namespace: 'shop' })), web), true);
			assert.equal(networkPolicySelects(objectOf(networkPolicy('n', { matchLabels: { app: 'db' } }, { namespace: 'shop' })), web), false);
		});
	});

	it('label indexes give every selection a test would find, in workspace order', () => {
		// deterministic pseudo-random workspaces: labels and selectors from a small alphabet, controller labels among them
		let seed = 3;
		const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
		const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
		const keys = ['app', 'tier', 'pod-template-hash', 'job-name', 'constructor'];
		const values = ['web', 'db', '1', 'web-0'];
		const namespaces = [undefined, 'shop'];
		const labelsOf = () => Object.fromEntries(keys.filter(() => rand() < 0.5).map((k) => [k, pick(values)]));
		const labelSelector = () => {
			if (rand() < 0.1) return pick([{}, 'everything', undefined]);
			const operators = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
			const expressions = keys.filter(() => rand() < 0.2).map((key) => ({ key, operator: pick(operators), values: values.filter(() => rand() < 0.4) }));
			return { matchLabels: rand() < 0.7 ? labelsOf() : undefined, ...(expressions.length ? { matchExpressions: expressions } : {}) };
		};
		for (let round = 0; round < 40; round++) {
			const objects = [];
			for (let i = 0; i < 12; i++) objects.push(workload(`w${i}`, { kind: pick(['Deployment', 'StatefulSet', 'Job', 'Pod']), namespace: pick(namespaces), labels: labelsOf() }));
			for (let i = 0; i < 6; i++) {
				objects.push(service(`s${i}`, { selector: labelsOf() }, { namespace: pick(namespaces) }));
				objects.push(pdb(`p${i}`, { selector: labelSelector() }, { namespace: pick(namespaces) }));
				objects.push(networkPolicy(`n${i}`, labelSelector() as Record<string, unknown> | undefined, { namespace: pick(namespaces) }));
			}
			const ws = workspaceOf({ 'all.yaml': docs(...objects) });
			const all = ws.objectsOf('all.yaml');
			const workloads = ws.workloads(); // the order of workspace lookups: by kind, then as indexed
			const where = `round ${round}`;
			const names = (list: Iterable<K8sObject>) => [...list].map((o) => o.name);
			for (const owner of all.filter((o) => o.kind === 'Service')) {
				assert.deepEqual(names(workloadsSelectedByService(owner, ws)), names(workloads.filter((w) => serviceSelects(owner, w))), `${where}: ${owner.name}`);
			}
			for (const owner of all.filter((o) => o.kind === 'PodDisruptionBudget')) {
				assert.deepEqual(names(workloadsSelectedByPdb(owner, ws)), names(workloads.filter((w) => pdbSelects(owner, w))), `${where}: ${owner.name}`);
			}
			for (const owner of all.filter((o) => o.kind === 'NetworkPolicy')) {
				const selector = owner.get(['spec', 'podSelector']);
				const selected = names(workloads.filter((w) => networkPolicySelects(owner, w)));
				assert.deepEqual(names(workloadsMaybeSelectedBy(owner, selector, ws).filter((w) => networkPolicySelects(owner, w))), selected, `${where}: ${owner.name}`);
				// what a podSelector selects, an empty one everything
				assert.deepEqual(names(workloadsSelectedBy(owner, selector, ws, { emptySelectsAll: true })), selected, `${where}: ${owner.name}`);
			}
			for (const w of workloads) {
				for (const [kind, test] of [['NetworkPolicy', networkPolicySelects], ['PodDisruptionBudget', pdbSelects]] as const) {
					const found = selectorsMaybeSelecting(ws, kind, w).filter((o) => test(o, w));
					assert.deepEqual(names(found).sort(), names(all.filter((o) => o.kind === kind && test(o, w))).sort(), `${where}: ${kind} selecting ${w.name}`);
				}
			}
		}
	});

	it('indexes follow workspace changes', () => {
		const ws = workspaceOf({ 'w.yaml': docs(workload('web', { replicas: 3 })), 's.yaml': docs(service('web', { selector: { app: 'web' } })) });
		const [web] = ws.objectsOf('w.yaml');
		const [svc] = ws.objectsOf('s.yaml');
		assert.equal(effectiveReplicas(web, ws), 3);
		assert.equal(workloadsSelectedByService(svc, ws).length, 1);
		ws.setFile('h.yaml', analyzeFile('h.yaml', docs(hpa('web', { name: 'web' }, { spec: { minReplicas: 2 } }))).objects);
		assert.equal(hpasTargeting(web, ws).length, 1);
		assert.equal(effectiveReplicas(web, ws), 2);
		ws.deleteFile('w.yaml');
		assert.equal(workloadsSelectedByService(svc, ws).length, 0);
	});
});
