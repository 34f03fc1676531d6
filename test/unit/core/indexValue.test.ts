// The workspace index keeps closed files' objects pruned and detached (core/indexValue.ts): linting any
// file against them must give exactly the findings it gets against whole, parsed objects.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../../server/src/core/config';
import { indexValueOf } from '../../../server/src/core/indexValue';
import { K8sObject } from '../../../server/src/core/k8s';
import { analyzeFile, FileAnalysis, lintAnalysis } from '../../../server/src/core/linter';
import { WorkspaceIndex } from '../../../server/src/core/workspace';
import { RULES } from '../../../server/src/rules';
import { skipBecause } from '../../helpers/skip';

const SHARED = join(__dirname, '../../../../shared');

function yamlFilesUnder(dir: string, out: string[] = []): string[] {
	for (const name of readdirSync(dir).sort()) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) yamlFilesUnder(path, out);
		else if (/\.ya?ml$/.test(name)) out.push(path);
	}
	return out;
}

function detachedCopy(objects: K8sObject[]): K8sObject[] {
	return objects.map((o) => K8sObject.detached(o.file, o.docIndex, o.rootPath, indexValueOf(o.value)));
}

/** Each file linted against a workspace of whole objects, then against one where the other files are detached. */
function compareWorkspace(analyses: FileAnalysis[]): { files: number; findings: number } {
	const whole = new WorkspaceIndex();
	for (const a of analyses) whole.setFile(a.file, a.objects);
	const pruned = new WorkspaceIndex();
	for (const a of analyses) pruned.setFile(a.file, detachedCopy(a.objects));
	let findings = 0;
	for (const a of analyses) {
		const expected = lintAnalysis(a, { rules: RULES, config: DEFAULT_CONFIG, workspace: whole });
		const own = pruned.objectsOf(a.file);
		pruned.setFile(a.file, a.objects);
		const actual = lintAnalysis(a, { rules: RULES, config: DEFAULT_CONFIG, workspace: pruned });
		pruned.setFile(a.file, own);
		const strip = (list: typeof expected) => list.map(({ fix, ...f }) => ({ ...f, fix: fix?.title }));
		assert.deepEqual(strip(actual), strip(expected), a.file);
		findings += expected.length;
	}
	return { files: analyses.length, findings };
}

describe('index values: pruned, detached objects', () => {
	it('drops payloads no cross-resource rule reads and keeps identity, labels and pod templates', () => {
		const [configMap, crd, rollout] = analyzeFile(
			'x.yaml',
			`apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  labels: {app: web}
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"huge": true}'
    team: shop
  managedFields: [{manager: kubectl}]
data:
  big: "${'x'.repeat(1000)}"
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: rollouts.argoproj.io}
spec:
  group: argoproj.io
  names: {kind: Rollout, plural: rollouts}
  scope: Namespaced
  versions: [{name: v1alpha1, schema: {openAPIV3Schema: {type: object}}}]
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1}]}
  strategy: {canary: {steps: [{setWeight: 20}]}}
`,
		).objects.map((o) => indexValueOf(o.value));
		assert.deepEqual(configMap, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', labels: { app: 'web' }, annotations: { team: 'shop' } } });
		assert.deepEqual(crd.spec, { group: 'argoproj.io', names: { kind: 'Rollout', plural: 'rollouts' }, scope: 'Namespaced' });
		assert.deepEqual(Object.keys(rollout.spec), ['replicas', 'selector', 'template']);
	});

	it('a detached object answers value queries and reports no ranges', () => {
		const [deployment] = analyzeFile('d.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {app: web}}\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: web:1}]}\n').objects;
		const detached = detachedCopy([deployment])[0];
		assert.equal(detached.isDetached, true);
		assert.equal(deployment.isDetached, false);
		assert.equal(detached.key, deployment.key);
		assert.deepEqual(detached.templateLabels, { app: 'web' });
		assert.deepEqual(detached.containers().map((c) => c.name), ['web']);
		assert.equal(detached.valueRange(['spec']), null);
	});

	it('linting against pruned objects gives the findings of whole ones (a workspace of every kind)', () => {
		const dir = join(__dirname, '../../../examples');
		const result = compareWorkspace(yamlFilesUnder(dir).map((f) => analyzeFile(f, readFileSync(f, 'utf8'))));
		assert.ok(result.findings > 10, `findings compared: ${result.findings}`);
	});

	it('the same over the real-world corpus, linted as one workspace', function () {
		this.timeout(120000);
		const real = join(SHARED, 'corpus/real');
		if (!existsSync(real)) skipBecause(this, `the corpus (${real}) is not present`);
		const result = compareWorkspace(yamlFilesUnder(real).map((f) => analyzeFile(f, readFileSync(f, 'utf8'))));
		assert.ok(result.files > 500 && result.findings > 1000, `compared ${result.files} files, ${result.findings} findings`);
	});

	it('the same over every acceptance fixture folder linted as one workspace', function () {
		this.timeout(120000);
		const fixtures = join(SHARED, 'acceptance');
		if (!existsSync(fixtures)) skipBecause(this, `the acceptance fixtures (${fixtures}) are not present`);
		let findings = 0;
		for (const rule of readdirSync(fixtures).filter((n) => statSync(join(fixtures, n)).isDirectory())) {
			const files = yamlFilesUnder(join(fixtures, rule));
			findings += compareWorkspace(files.map((f) => analyzeFile(f, readFileSync(f, 'utf8')))).findings;
		}
		assert.ok(findings > 100, `findings compared: ${findings}`);
	});
});
