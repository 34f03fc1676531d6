import assert from 'node:assert/strict';
import { parseFile, SegmentCache, segmentStarts } from '../../../server/src/core/document';
import { analyzeFile, lintText } from '../../../server/src/core/linter';
import { DEFAULT_CONFIG } from '../../../server/src/core/config';
import type { Rule } from '../../../server/src/core/rule';

describe('core: documents', () => {
	it('splits at --- lines only at column 0', () => {
		const text = 'a: 1\n---\nb: |\n  --- not a marker\n--- # c\nc: 3\n---x: 4\n';
		assert.deepEqual(segmentStarts(text), [0, 5, 33]);
	});

	it('keeps files with directives whole', () => {
		assert.deepEqual(segmentStarts('%YAML 1.2\n---\na: 1\n---\nb: 2\n'), [0]);
	});

	it('maps node offsets back to the file', () => {
		const text = 'a: 1\n---\nkind: Pod\n';
		const file = parseFile(text);
		assert.equal(file.segments.length, 2);
		const seg = file.segments[1];
		const doc = seg.docs[0];
		const range = (doc.contents as any).items[0].key.range;
		assert.equal(text.slice(seg.offset + range[0], seg.offset + range[1]), 'kind');
	});

	it('reuses unchanged segments from the cache', () => {
		const cache = new SegmentCache();
		const a = parseFile('x: 1\n---\ny: 2\n', cache);
		const b = parseFile('x: 1\n---\ny: 3\n', cache);
		assert.equal(a.segments[0].docs[0], b.segments[0].docs[0]);
		assert.notEqual(a.segments[1].docs[0], b.segments[1].docs[0]);
	});
});

describe('core: Kubernetes view', () => {
	it('ignores YAML that is not Kubernetes, including broken YAML', () => {
		const a = analyzeFile('ci.yaml', 'jobs:\n  build:\n    runs-on: ubuntu\n---\nfoo: [unclosed\n');
		assert.equal(a.objects.length, 0);
		assert.deepEqual(a.documentFindings, []);
	});

	it('reports one syntax error per Kubernetes-looking document', () => {
		const a = analyzeFile('x.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n  bad: : :\n---\napiVersion: v1\nkind: ConfigMap\n');
		assert.equal(a.documentFindings.length, 1);
		assert.equal(a.documentFindings[0].ruleId, 'syntax-error');
		assert.equal(a.objects.length, 1);
		assert.equal(a.objects[0].kind, 'ConfigMap');
	});

	it('resolves anchors, aliases and merge keys in values', () => {
		const a = analyzeFile('x.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: &l {app: p}\n  annotations:\n    <<: *l\n    extra: "1"\nspec:\n  containers: []\n');
		const o = a.objects[0];
		assert.deepEqual(o.annotations, { app: 'p', extra: '1' });
		assert.equal(o.labels.app, 'p');
	});

	it('reads List items as objects with their own ranges', () => {
		const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: b}\n';
		const a = analyzeFile('x.yaml', text);
		assert.deepEqual(a.objects.map((o) => `${o.kind}/${o.name}`), ['ConfigMap/a', 'Service/b']);
		const r = a.objects[1].kindRange();
		assert.equal(text.slice(r.start, r.end), 'kind: Service');
	});

	it('knows pod specs, app containers, init containers and native sidecars', () => {
		const a = analyzeFile('x.yaml', `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - {name: init, image: i}
            - {name: side, image: s, restartPolicy: Always}
          containers:
            - {name: main, image: m}
`);
		const o = a.objects[0];
		assert.deepEqual(o.podSpecPath, ['spec', 'jobTemplate', 'spec', 'template', 'spec']);
		assert.deepEqual(o.containers().map((c) => `${c.name}:${c.kind}:${c.isApp}`), ['init:init:false', 'side:sidecar:true', 'main:container:true']);
		assert.equal(o.isLongRunning, false);
	});

	it('stops alias bombs with a diagnostic instead of expanding them', () => {
		let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
		for (let i = 1; i < 9; i++) text += `  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
		const started = Date.now();
		const a = analyzeFile('bomb.yaml', text);
		assert.ok(Date.now() - started < 2000);
		assert.equal(a.objects.length, 0);
		assert.equal(a.documentFindings.length, 1);
		assert.match(a.documentFindings[0].message, /alias/i);
	});

	it('isolates a failing rule: reported once, other rules still run', () => {
		const broken: Rule = { id: 'broken', title: 't', category: 'Labels', defaultSeverity: 'warning', description: 'd', rationale: 'r', remediation: 'x.', fixKind: '-', examples: { incorrect: '', correct: '' }, check() { throw new Error('boom'); } };
		const working: Rule = { ...broken, id: 'working', check(ctx) { ctx.report({ range: ctx.object.kindRange(), message: 'seen' }); } };
		const findings = lintText('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n', { rules: [broken, working], config: DEFAULT_CONFIG });
		assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['internal-error', 'working']);
		assert.match(findings.find((f) => f.ruleId === 'internal-error')!.message, /Rule broken failed on this document/);
	});
});
