// YAML as Kubernetes reads it: a multi-line quoted scalar continued at its key's indentation is read
// (a syntax-error warning, the document still linted, ranges on the text as written); a repeated
// top-level apiVersion/kind says that a `---` is probably missing.
import assert from 'node:assert/strict';
import { isScalar, parseDocument } from 'yaml';
import { DEFAULT_CONFIG } from '../../../server/src/core/config';
import { parseFile } from '../../../server/src/core/document';
import { analyzeFile, lintText } from '../../../server/src/core/linter';
import { LineIndex } from '../../../server/src/core/lines';
import { originalOffsets } from '../../../server/src/core/tolerantYaml';
import { RULES } from '../../../server/src/rules';

const job = (annotation: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: import
spec:
  template:
    metadata:
      annotations:
${annotation}
    spec:
      restartPolicy: Never
      containers:
        - name: import
          image: giantswarm/tiny-tools
`;

// the closing line sits at the key's indentation: kubectl applies this, the yaml parser stops there
const atKeyIndent = job(`        example.com/init: '[
          {"name": "wait", "image": "ghcr.io/acme/tools:1.0"}
        ]'`);
const sameValueIndented = job(`        example.com/init: '[
          {"name": "wait", "image": "ghcr.io/acme/tools:1.0"}
          ]'`);

const lint = (text: string) => lintText(text, { rules: RULES, config: DEFAULT_CONFIG });
const lineOfOffset = (text: string, offset: number) => new LineIndex(text).position(offset).line + 1;

describe('core: YAML as Kubernetes reads it', () => {
	it('the yaml parser alone rejects the text (the case is real)', () => {
		assert.ok(parseDocument(atKeyIndent).errors.length > 0);
	});

	it('a quoted value continued at its key\'s indentation: a warning, and the Job is linted', () => {
		const findings = lint(atKeyIndent);
		const syntax = findings.filter((f) => f.ruleId === 'syntax-error');
		assert.equal(syntax.length, 1);
		assert.equal(syntax[0].severity, 'warning');
		assert.match(syntax[0].message, /continues at or left of its key's indentation: kubectl reads it/);
		assert.equal(lineOfOffset(atKeyIndent, syntax[0].range.start), 11);
		assert.equal(atKeyIndent.slice(syntax[0].range.start, syntax[0].range.end), "]'");
		const latest = findings.filter((f) => f.ruleId === 'latest-image-tag');
		assert.equal(latest.length, 1);
		assert.equal(atKeyIndent.slice(latest[0].range.start, latest[0].range.end), 'giantswarm/tiny-tools');
	});

	it('reads the value Kubernetes reads, and maps every range onto the text as written', () => {
		const [object] = analyzeFile('job.yaml', atKeyIndent).objects;
		const [indented] = analyzeFile('job.yaml', sameValueIndented).objects;
		assert.deepEqual(object.value, indented.value);
		const annotation = ['spec', 'template', 'metadata', 'annotations', 'example.com/init'];
		const range = object.valueRange(annotation)!;
		assert.equal(atKeyIndent.slice(range.start, range.end), `'[\n          {"name": "wait", "image": "ghcr.io/acme/tools:1.0"}\n        ]'`);
		const after = object.valueRange(['spec', 'template', 'spec', 'restartPolicy'])!;
		assert.equal(atKeyIndent.slice(after.start, after.end), 'Never');
	});

	it('double quotes with escapes, sequences, tabs and several scalars in one document', () => {
		const text = 'a:\n  b: "x \\" \n  q"\n  c: \'p\n  q\'\nd:\n  - name: x\n    value: "one\n    two"\n';
		const indented = 'a:\n  b: "x \\" \n   q"\n  c: \'p\n   q\'\nd:\n  - name: x\n    value: "one\n     two"\n';
		const segment = parseFile(text).segments[0];
		assert.deepEqual(segment.errors, []);
		assert.equal(segment.tolerated?.length, 1);
		assert.deepEqual(segment.docs[0].toJS(), parseFile(indented).segments[0].docs[0].toJS());
		assert.deepEqual(segment.docs[0].toJS(), { a: { b: 'x " q', c: 'p q' }, d: [{ name: 'x', value: 'one two' }] });
		const tab = parseFile('a:\n  b: "x\n\ty"\n').segments[0];
		assert.deepEqual([tab.errors, tab.docs[0].toJS()], [[], { a: { b: 'x y' } }]);
	});

	it('several such values in one document, in either quote style', () => {
		for (const quote of ["'", '"']) {
			const annotations = ['a', 'b', 'c', 'd', 'e'].map((k) => `        example.com/${k}: ${quote}[\n          {name: ${k}}\n        ]${quote}`).join('\n');
			const segment = parseFile(job(annotations)).segments[0];
			assert.deepEqual(segment.errors, [], quote);
			const values = segment.docs[0].toJS().spec.template.metadata.annotations;
			assert.deepEqual(values, { 'example.com/a': '[ {name: a} ]', 'example.com/b': '[ {name: b} ]', 'example.com/c': '[ {name: c} ]', 'example.com/d': '[ {name: d} ]', 'example.com/e': '[ {name: e} ]' });
		}
	});

	it('a quote that never closes (half-typed) stays an error and the document is not linted', () => {
		const text = job('        example.com/init: "never closed').replace('  name: import\n', '  name: import\n  namespace: "also\n');
		const a = analyzeFile('job.yaml', text);
		assert.equal(a.objects.length, 0);
		assert.equal(a.documentFindings[0].severity, 'error');
	});

	it('other syntax errors are not tolerated', () => {
		const segment = parseFile('a:\n  b: [1, 2\nc: "x\n  y"\n').segments[0];
		assert.ok(segment.errors.length > 0);
		assert.equal(segment.tolerated, undefined);
	});

	it('maps offsets of the re-indented copy back: inserted spaces map to where they were inserted', () => {
		const original = originalOffsets([{ at: 5, count: 2 }, { at: 10, count: 3 }]);
		assert.deepEqual([0, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 30].map(original), [0, 4, 5, 5, 5, 6, 9, 10, 10, 10, 11, 25]);
		assert.equal(originalOffsets([])(42), 42);
	});

	it('gives up on text with more broken quotes than go-yaml could be tolerating', () => {
		const text = 'apiVersion: v1\nkind: ConfigMap\ndata:\n' + '  k: "a\nb\n'.repeat(100);
		const segment = parseFile(text).segments[0];
		assert.ok(segment.errors.length > 0);
		assert.equal(segment.tolerated, undefined);
	});

	it('every node keeps a range inside the text as written', () => {
		const [doc] = parseFile(atKeyIndent).segments[0].docs;
		const ends: number[] = [];
		const walk = (node: unknown): void => {
			if (!node || typeof node !== 'object') return;
			const range = (node as { range?: number[] }).range;
			if (range) ends.push(...range);
			if (isScalar(node)) return;
			for (const item of (node as { items?: unknown[] }).items ?? []) {
				walk(item);
				walk((item as { key?: unknown }).key);
				walk((item as { value?: unknown }).value);
			}
		};
		walk(doc.contents);
		assert.ok(ends.length > 20);
		assert.ok(ends.every((o) => o >= 0 && o <= atKeyIndent.length));
	});
});

describe('core: a repeated top-level apiVersion or kind', () => {
	it('says that a --- line is probably missing, at the repeated key', () => {
		const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata: {x: "1"}\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';
		const syntax = lint(text).filter((f) => f.ruleId === 'syntax-error');
		assert.equal(syntax.length, 1);
		assert.equal(text.slice(syntax[0].range.start, syntax[0].range.end), 'apiVersion');
		assert.equal(lineOfOffset(text, syntax[0].range.start), 6);
		assert.match(syntax[0].message, /^Top-level key apiVersion repeated: a `---` line is probably missing before it\. .*the first is lost\.$/);
	});

	it('a repeated nested key keeps the plain message', () => {
		const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n';
		const [syntax] = lint(text).filter((f) => f.ruleId === 'syntax-error');
		assert.equal(syntax.message, 'Map keys must be unique; Kubernetes keeps the last value.');
	});
});
