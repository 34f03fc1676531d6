// Where a plan's user-chosen values sit in its verified edits (snippet placeholders in the editor): the
// exact ranges in block and flow style, and no placeholders (plain text instead) when a path is not a
// scalar the plan sets.
import assert from 'node:assert/strict';
import { analyzeFile } from '../../../server/src/core/linter';
import { placeholderEdits, planToEdits } from '../../../server/src/core/fix';
import type { FixPlan } from '../../../server/src/core/types';

const container = ['spec', 'containers', 0];

function located(text: string, plan: FixPlan): string[] | null {
	const analysis = analyzeFile('main.yaml', text);
	const object = analysis.objects[0];
	const edits = planToEdits(analysis, object, plan);
	assert.ok(edits, 'the plan renders');
	const result = placeholderEdits(analysis, object, plan, edits);
	return result && result.flatMap((e) => e.placeholders.map((p) => e.newText.slice(p.start, p.end)));
}

describe('fix engine: placeholders', () => {
	const block = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: p\n      image: p:1\n      resources:\n        requests:\n          cpu: 250m\n';

	it('finds each placeholder value in block style, including one that YAML must quote', () => {
		const limits = [...container, 'resources', 'limits'];
		const plan: FixPlan = {
			title: 'limits',
			ops: [{ op: 'set', path: limits, value: { cpu: '1', memory: '128Mi' } }],
			placeholders: [
				[...limits, 'cpu'],
				[...limits, 'memory'],
			],
		};
		assert.deepEqual(located(block, plan), ['"1"', '128Mi']);
	});

	it('finds them in a flow map', () => {
		const flow = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: p, image: "p:1", ports: [{name: http, containerPort: 80}]}]}\n';
		const path = [...container, 'readinessProbe'];
		const plan: FixPlan = { title: 'probe', ops: [{ op: 'set', path, value: { httpGet: { path: '/', port: 'http' } } }], placeholders: [[...path, 'httpGet', 'path'], [...path, 'httpGet', 'port']] };
		assert.deepEqual(located(flow, plan), ['/', 'http']);
	});

	it('reports none when a placeholder is not a scalar the plan sets', () => {
		const path = [...container, 'resources', 'limits'];
		assert.equal(located(block, { title: 'limits', ops: [{ op: 'set', path, value: { cpu: '1' } }], placeholders: [path] }), null, 'a map is no placeholder');
		assert.equal(located(block, { title: 'limits', ops: [{ op: 'set', path, value: { cpu: '1' } }], placeholders: [['metadata', 'name']] }), null, 'a path the plan does not set');
		assert.equal(located(block, { title: 'limits', ops: [{ op: 'set', path, value: { cpu: '1' } }] }), null, 'no placeholders at all');
	});
});
