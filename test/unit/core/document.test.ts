import assert from 'node:assert/strict';
import { parseFile, reparseFile, SegmentCache, segmentStarts } from '../../../server/src/core/document';
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

	it('reparses an edited text into the segments a fresh parse finds', () => {
		// deterministic pseudo-random edits with the characters that make or break markers and directives
		let seed = 11;
		const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
		const pieces = ['\n---\n', '---', '\n', '\r\n', '\r', ' ', '-', '#', 'a: 1', 'b: [', '\u2028', 'x'];
		// a directive keeps a file whole until it goes: rare, so that most steps have documents to keep
		const piece = () => (rand() < 0.02 ? '%' : pieces[Math.floor(rand() * pieces.length)]);
		const cache = new SegmentCache();
		let text = 'a: 1\n---\nb: 2\n--- # c\nc: 3\n---\nd: 4\n';
		let previous = parseFile(text, cache);
		for (let step = 0; step < 2000; step++) {
			const at = Math.floor(rand() * (text.length + 1));
			const removed = Math.floor(rand() * 4);
			const inserted = Array.from({ length: Math.floor(rand() * 3) }, piece).join('');
			text = text.slice(0, at) + inserted + text.slice(Math.min(text.length, at + removed));
			if (step % 200 === 0) text = 'a: 1\n---\nb: 2\n--- # c\nc: 3\n---\nd: 4\n'.repeat(3);
			const { parsed } = reparseFile(text, previous, cache);
			const fresh = parseFile(text);
			const where = `step ${step}: ${JSON.stringify(text)}`;
			assert.deepEqual(parsed.segments.map((seg) => seg.offset), fresh.segments.map((seg) => seg.offset), where);
			assert.deepEqual(parsed.segments.map((seg) => seg.text), fresh.segments.map((seg) => seg.text), where);
			assert.deepEqual(parsed.segments.map((seg) => seg.docs.map((d) => d.toJS())), fresh.segments.map((seg) => seg.docs.map((d) => d.toJS())), where);
			previous = parsed;
		}
	});

	it('keeps the segments before and after an edit, and says which ones it replaced', () => {
		const text = 'a: 1\n---\nb: 2\n---\nc: 3\n';
		const first = parseFile(text, new SegmentCache());
		const { parsed, removed, added } = reparseFile(text.replace('b: 2', 'b: 22'), first);
		assert.equal(parsed.segments[0], first.segments[0]);
		assert.equal(parsed.segments[2].docs, first.segments[2].docs);
		assert.equal(parsed.segments[2].offset, first.segments[2].offset + 1);
		assert.deepEqual(removed, [first.segments[1]]);
		assert.deepEqual(added, [parsed.segments[1]]);
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
