import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../../server/src/core/config';
import { SegmentCache } from '../../../server/src/core/document';
import { IncrementalLint, lintIncremental } from '../../../server/src/core/incremental';
import { analyzeFile, FileAnalysis, lintAnalysis } from '../../../server/src/core/linter';
import type { Finding } from '../../../server/src/core/types';
import { WorkspaceIndex } from '../../../server/src/core/workspace';
import { RULES } from '../../../server/src/rules';
import { skipBecause } from '../../helpers/skip';

const CORPUS = join(__dirname, '../../../../shared/corpus');
const MICROSERVICES = 'real/GoogleCloudPlatform__microservices-demo/release/kubernetes-manifests.yaml';

/** Deterministic pseudo-random numbers (mulberry32), so a failure replays. */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Edit = (text: string, at: number, pick: <T>(items: T[]) => T) => string;

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;

/** Edits a person makes while typing, plus ones that move documents and change kinds, labels and selectors. */
const EDITS: Record<string, Edit> = {
	'type a character': (text, at, pick) => text.slice(0, at) + pick(['x', ' ', ':', '-', '\n', '1']) + text.slice(at),
	'delete a character': (text, at) => text.slice(0, at) + text.slice(at + 1),
	'delete a line': (text, at) => {
		const start = lineStart(text, at);
		const end = text.indexOf('\n', at);
		return text.slice(0, start) + (end < 0 ? '' : text.slice(end + 1));
	},
	'split a document': (text, at) => text.slice(0, lineStart(text, at)) + '---\n' + text.slice(lineStart(text, at)),
	'join two documents': (text, at) => {
		const marker = text.indexOf('\n---', at);
		return marker < 0 ? text : text.slice(0, marker + 1) + text.slice(text.indexOf('\n', marker + 1) + 1);
	},
	'change a label value': (text, at, pick) => {
		const label = text.indexOf('app: ', at);
		return label < 0 ? text : text.slice(0, label + 5) + pick(['other-', 'web', '']) + text.slice(label + 5);
	},
	'change a kind': (text, at, pick) => {
		const kind = text.indexOf('kind: ', at);
		return kind < 0 ? text : text.slice(0, kind + 6) + pick(['Deployment\n#', 'NetworkPolicy\n#', 'X']) + text.slice(kind + 6);
	},
	'change a name': (text, at, pick) => {
		const name = text.indexOf('name: ', at);
		return name < 0 ? text : text.slice(0, name + 6) + pick(['x', 'web', 'frontend']) + text.slice(name + 6);
	},
	'add a namespace': (text, at) => {
		const metadata = text.indexOf('metadata:\n', at);
		return metadata < 0 ? text : text.slice(0, metadata + 10) + '  namespace: shop\n' + text.slice(metadata + 10);
	},
	// edits that leave the document's value as it was: its objects keep their value (adoptEqualValue)
	'add a comment line': (text, at) => text.slice(0, lineStart(text, at)) + '# a note\n' + text.slice(lineStart(text, at)),
	'add trailing spaces': (text, at) => {
		const end = text.indexOf('\n', at);
		return end < 0 ? text : text.slice(0, end) + '  ' + text.slice(end);
	},
};

/** Findings as a full lint of fresh parses (no shared cache, new objects) reports them. */
function fullLint(files: Record<string, string>, file: string): Finding[] {
	const workspace = new WorkspaceIndex();
	const analyses = Object.entries(files).map(([name, text]) => analyzeFile(name, text));
	for (const a of analyses) workspace.setFile(a.file, a.objects);
	return lintAnalysis(analyses.find((a) => a.file === file)!, { rules: RULES, config: DEFAULT_CONFIG, workspace });
}

/** Why two finding lists differ, for the failure message. */
function firstDifference(got: Finding[], want: Finding[]): string {
	const i = got.findIndex((f, j) => JSON.stringify(f) !== JSON.stringify(want[j]));
	return `${got.length} vs ${want.length} findings; first difference at ${i}:\n got  ${JSON.stringify(got[i])}\n want ${JSON.stringify(want[i])}`;
}

/**
 * Apply `steps` random edits to `edited` (other files change now and then) and check after each that the
 * incremental result equals a full lint. Returns how many objects were reused in total.
 */
function replay(files: Record<string, string>, edited: string, steps: number, seed: number, fromPrevious = false, othersEdited = 0.2): { reused: number; checked: number; repeated: number } {
	const rand = random(seed);
	const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)];
	const cache = new SegmentCache();
	const workspace = new WorkspaceIndex();
	// With `fromPrevious`, each version is analysed from the one before, as the server does.
	const analyses = new Map<string, FileAnalysis>();
	const analyze = (name: string) => {
		const analysis = analyzeFile(name, files[name], cache, {}, fromPrevious ? analyses.get(name) : undefined);
		analyses.set(name, analysis);
		return analysis;
	};
	for (const name of Object.keys(files)) workspace.setFile(name, analyze(name).objects);
	let previous: IncrementalLint | undefined;
	const totals = { reused: 0, checked: 0, repeated: 0 };
	const others = Object.keys(files).filter((f) => f !== edited);
	for (let step = 0; step <= steps; step++) {
		const name = step > 0 && others.length && rand() < othersEdited ? pick(others) : edited;
		const edit = pick(Object.keys(EDITS));
		if (step > 0) files[name] = EDITS[edit](files[name], Math.floor(rand() * files[name].length), pick);
		const analysis = analyze(edited);
		if (name !== edited) workspace.setFile(name, analyze(name).objects);
		workspace.setFile(edited, analysis.objects);
		const result = lintIncremental(previous, analysis, { rules: RULES, config: DEFAULT_CONFIG, workspace });
		const want = fullLint(files, edited);
		assert.deepEqual(result.findings, want, `seed ${seed}, step ${step} (${edit} in ${name}): ${firstDifference(result.findings, want)}`);
		if (step > 0) {
			totals.reused += result.reuse.objectsReused;
			totals.checked += result.reuse.objectsChecked;
			totals.repeated += result.reuse.runsRepeated;
		}
		previous = result;
	}
	return totals;
}

describe('core: incremental linting', () => {
	before(function () {
		if (!existsSync(join(CORPUS, MICROSERVICES))) skipBecause(this, `the corpus (${join(CORPUS, MICROSERVICES)}) is not present`);
	});

	const corpus = (path: string) => readFileSync(join(CORPUS, path), 'utf8');

	it('equals a full lint after each of 60 random edits of a 1k-line file, and reuses untouched objects', () => {
		const totals = replay({ 'typical.yaml': corpus('synthetic/typical-1k.yaml') }, 'typical.yaml', 60, 1);
		assert.ok(totals.reused > totals.checked * 5, `reused ${totals.reused} objects, checked ${totals.checked}`);
	});

	it('equals a full lint when other files of the workspace change (cross-resource rules run again)', () => {
		const files = {
			'demo.yaml': corpus(MICROSERVICES),
			'policies.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels:\n      app: frontend\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: lonely\nspec:\n  selector:\n    app: web\n',
			'limits.yaml': 'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: defaults\nspec:\n  limits:\n    - type: Container\n      default:\n        memory: 256Mi\n',
			'autoscaling.yaml': [
				'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: frontend\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: frontend}\n  minReplicas: 2\n  maxReplicas: 5\n',
				'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: cart\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: cartservice}\n  minReplicas: 3\n  maxReplicas: 5\n',
				'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: frontend\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: frontend\n',
				// selects every pod of shop: dangling until an edit moves a workload there
				'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: everything\n  namespace: shop\nspec:\n  minAvailable: 1\n  selector: {}\n',
			].join('---\n'),
		};
		const totals = replay({ ...files }, 'demo.yaml', 60, 7);
		assert.ok(totals.repeated > 0, 'no cross-resource run was repeated');
		assert.ok(totals.reused > 0, 'nothing was reused');
		// the autoscalers and budgets, while the workloads they target and select change
		const policies = replay({ ...files }, 'autoscaling.yaml', 60, 8, false, 0.8);
		assert.ok(policies.repeated > 0, 'no cross-resource run of the autoscaling file was repeated');
	});

	it('equals a full lint when each version is analysed from the one before, as the server does', () => {
		const files = {
			'typical.yaml': corpus('synthetic/typical-1k.yaml'),
			'policies.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels:\n      app: frontend\n',
		};
		const totals = replay(files, 'typical.yaml', 80, 3, true);
		assert.ok(totals.reused > totals.checked * 5, `reused ${totals.reused} objects, checked ${totals.checked}`);
	});

	it('repeats no cross-resource run after an edit that leaves every value as it was', () => {
		const text = corpus(MICROSERVICES);
		const cache = new SegmentCache();
		const workspace = new WorkspaceIndex();
		const options = { rules: RULES, config: DEFAULT_CONFIG, workspace };
		const before = analyzeFile('a.yaml', text, cache);
		workspace.setFile('a.yaml', before.objects);
		const first = lintIncremental(undefined, before, options);
		const at = text.indexOf('kind: Deployment');
		const edited = text.slice(0, at) + '# the email service\n' + text.slice(at);
		const after = analyzeFile('a.yaml', edited, cache, {}, before);
		const version = workspace.version;
		workspace.setFile('a.yaml', after.objects);
		assert.ok(!workspace.changedSince('Deployment', version), 'the commented Deployment counts as changed');
		const second = lintIncremental(first, after, options);
		assert.equal(second.reuse.objectsChecked, 1, 'the edited document is checked again: its ranges moved');
		assert.equal(second.reuse.runsRepeated, 0);
		assert.deepEqual(second.findings, fullLint({ 'a.yaml': edited }, 'a.yaml'));
	});

	it('after an edit of a workload, checks again only the selectors of its namespace', () => {
		const deployment = (name: string, namespace: string, image: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - {name: app, image: ${image}}\n`;
		const service = (name: string, namespace: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  selector: {app: ${name}}\n  ports: [{port: 80}]\n`;
		const workspace = new WorkspaceIndex();
		const options = { rules: RULES, config: DEFAULT_CONFIG, workspace };
		const services = analyzeFile('services.yaml', [service('web', 'shop'), service('api', 'shop'), service('web', 'prod')].join('---\n'));
		workspace.setFile('services.yaml', services.objects);
		const deployments = (image: string) => [deployment('web', 'shop', image), deployment('api', 'shop', 'api:1'), deployment('web', 'prod', 'web:1')].join('---\n');
		const cache = new SegmentCache(); // the untouched Deployments keep their values
		workspace.setFile('deployments.yaml', analyzeFile('deployments.yaml', deployments('web:1'), cache).objects);
		const first = lintIncremental(undefined, services, options);
		workspace.setFile('deployments.yaml', analyzeFile('deployments.yaml', deployments('web:2'), cache).objects);
		const second = lintIncremental(first, services, options);
		assert.equal(second.reuse.runsRepeated, 1, 'only the Service selecting app=web in shop');
		assert.deepEqual(second.findings, lintAnalysis(services, options));
	});

	it('after a workload appears in a namespace, checks again the selectors of every pod there', () => {
		const budget = 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: everything\n  namespace: shop\nspec:\n  minAvailable: 1\n  selector: {}\n';
		const pod = (namespace: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: ${namespace}\nspec:\n  containers:\n    - {name: app, image: web:1}\n`;
		const workspace = new WorkspaceIndex();
		const options = { rules: RULES, config: DEFAULT_CONFIG, workspace };
		const budgets = analyzeFile('budgets.yaml', budget);
		workspace.setFile('budgets.yaml', budgets.objects);
		const first = lintIncremental(undefined, budgets, options);
		assert.ok(first.findings.some((f) => f.ruleId === 'dangling-pdb'));
		workspace.setFile('pods.yaml', analyzeFile('pods.yaml', pod('prod')).objects);
		const elsewhere = lintIncremental(first, budgets, options);
		assert.equal(elsewhere.reuse.runsRepeated, 0, 'a pod in prod changes nothing in shop');
		workspace.setFile('pods.yaml', analyzeFile('pods.yaml', pod('shop')).objects);
		const here = lintIncremental(elsewhere, budgets, options);
		assert.ok(here.reuse.runsRepeated > 0);
		assert.ok(!here.findings.some((f) => f.ruleId === 'dangling-pdb'));
		assert.deepEqual(here.findings, lintAnalysis(budgets, options));
	});

	it('shifts reused findings when a document before them grows', () => {
		const text = corpus(MICROSERVICES);
		const cache = new SegmentCache();
		const first = lintIncremental(undefined, analyzeFile('a.yaml', text, cache), { rules: RULES, config: DEFAULT_CONFIG });
		const edited = text.replace('name: emailservice', 'name: emailservice-v2');
		const second = lintIncremental(first, analyzeFile('a.yaml', edited, cache), { rules: RULES, config: DEFAULT_CONFIG });
		assert.equal(second.reuse.objectsChecked, 1);
		assert.deepEqual(second.findings, fullLint({ 'a.yaml': edited }, 'a.yaml'));
		const last = (r: IncrementalLint) => r.findings[r.findings.length - 1].range.start;
		assert.equal(last(second), last(first) + 3);
	});

	it('starts over when the configuration changes', () => {
		const text = corpus(MICROSERVICES);
		const cache = new SegmentCache();
		const first = lintIncremental(undefined, analyzeFile('a.yaml', text, cache), { rules: RULES, config: DEFAULT_CONFIG });
		const config = { ...DEFAULT_CONFIG, rules: { ...DEFAULT_CONFIG.rules, 'missing-namespace': 'off' as const } };
		const second = lintIncremental(first, analyzeFile('a.yaml', text, cache), { rules: RULES, config });
		assert.equal(second.reuse.objectsReused, 0);
		assert.ok(!second.findings.some((f) => f.ruleId === 'missing-namespace'));
		assert.ok(first.findings.some((f) => f.ruleId === 'missing-namespace'));
	});
});
