// One fix for the resource findings of a container without `resources:` (rules/resourceRules.ts): it
// answers missing-resource-requests, missing-memory-limit and missing-cpu-limit together, sets each key
// once, and its result leaves none of them; a container with part of its resources gets no such fix.
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { DEFAULT_CONFIG } from '../../../server/src/core/config';
import { applyEdits, planToEdits } from '../../../server/src/core/fix';
import { analyzeFile, lintAnalysis } from '../../../server/src/core/linter';
import { RULES } from '../../../server/src/rules';
import { combinedResourceFixes, RESOURCE_FINDING_RULES } from '../../../server/src/rules/resourceRules';

const POD = (resources: string) => `apiVersion: v1
kind: Pod
metadata:
  name: batch
spec:
  containers:
    - name: batch
      image: ghcr.io/acme/batch:3.0.1
${resources}    - name: sidecar
      image: ghcr.io/acme/sidecar:1.0.0
      resources:
        requests: {cpu: 50m}
`;

function lint(text: string) {
	const analysis = analyzeFile('pod.yaml', text);
	return { analysis, findings: lintAnalysis(analysis, { rules: RULES, config: DEFAULT_CONFIG }) };
}

describe('combined resources fix', () => {
	it('answers every resource finding of the container without resources, once per key, and clears them', () => {
		const text = POD('');
		const { analysis, findings } = lint(text);
		const [object] = analysis.objects;
		const fixes = combinedResourceFixes(object, findings);
		assert.equal(fixes.length, 1, 'only the batch container has no resources at all');
		const [fix] = fixes;
		assert.equal(fix.plan.title, 'Add requests and limits to container "batch"');
		assert.deepEqual(fix.answers.map((f) => f.ruleId).sort(), [...RESOURCE_FINDING_RULES].sort());
		const paths = fix.plan.ops.map((op) => ('path' in op ? op.path.join('.') : op.op));
		assert.equal(new Set(paths).size, paths.length, `each key set once: ${paths.join(', ')}`);
		assert.equal(fix.plan.safety, 'unsafe');
		const edits = planToEdits(analysis, object, fix.plan);
		assert.ok(edits, 'the plan renders and verifies');
		const fixed = applyEdits(text, edits);
		const batch = parseDocument(fixed).toJS().spec.containers[0];
		assert.deepEqual(Object.keys(batch.resources.requests).sort(), ['cpu', 'memory']);
		assert.deepEqual(Object.keys(batch.resources.limits).sort(), ['cpu', 'memory']);
		const left = lint(fixed).findings.filter((f) => RESOURCE_FINDING_RULES.includes(f.ruleId) && f.range.start === findings.find((g) => g.ruleId === 'missing-cpu-limit')!.range.start);
		assert.deepEqual(left.map((f) => f.ruleId), []);
	});

	it('offers nothing for a container that has part of its resources, or a single finding', () => {
		const { analysis, findings } = lint(POD('      resources:\n        requests: {cpu: 100m, memory: 128Mi}\n'));
		assert.deepEqual(combinedResourceFixes(analysis.objects[0], findings), []);
	});
});
