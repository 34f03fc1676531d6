// Hostile sizes and shapes through the whole lint pipeline (parse, Kubernetes view, every rule): alias
// bombs, 10,000 levels of nesting in each YAML construct, huge scalars, many documents. Each finishes
// with a clear finding, and the documents around it are still linted. Nothing here measures time: mocha's
// timeout stops a hang, and speed is measured by `npm run bench`.
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { lintText } from '../../server/src/core/linter';
import { MAX_NESTING_DEPTH } from '../../server/src/core/nesting';
import type { Finding } from '../../server/src/core/types';
import { RULES } from '../../server/src/rules';

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n';

/** Lint with every rule. */
function lintAll(text: string): Finding[] {
	return lintText(text, { rules: RULES, config: DEFAULT_CONFIG });
}

function assertInside(text: string, findings: Finding[]): void {
	for (const f of findings) assert.ok(0 <= f.range.start && f.range.start <= f.range.end && f.range.end <= text.length, JSON.stringify(f.range));
}

const DEPTH = 10000;
const NESTINGS: Record<string, string> = {
	'flow sequences': `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`,
	'unclosed flow sequences': '['.repeat(DEPTH),
	'flow mappings': `${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`,
	'compact block sequences': `\n${'- '.repeat(DEPTH)}x`,
	'block mappings': `\n${Array.from({ length: DEPTH }, (_, i) => `${' '.repeat(i + 4)}k:`).join('\n')} 1`,
	// Each line opens a sequence and a mapping: two levels.
	'block sequences of mappings': `\n${Array.from({ length: DEPTH / 2 }, (_, i) => `${' '.repeat(2 * i + 4)}- k:`).join('\n')} 1`,
};

describe('robustness: limits', () => {
	for (const [shape, nested] of Object.entries(NESTINGS)) {
		it(`a document with ${DEPTH} levels of ${shape} gets one clear finding, and its neighbours are linted`, () => {
			const text = `${POD}---\n${CONFIG_MAP}data:\n  x: ${nested}\n---\n${POD}`;
			const findings = lintAll(text);
			assertInside(text, findings);
			const deep = findings.filter((f) => f.message.includes('nests collections more than'));
			assert.equal(deep.length, 1);
			assert.equal(deep[0].message, `Document not linted: it nests collections more than ${MAX_NESTING_DEPTH} levels deep (Kubernetes manifests nest far less).`);
			const secondStart = text.indexOf('---\n') + 4;
			const thirdStart = text.lastIndexOf('---\n') + 4;
			assert.ok(deep[0].range.start >= secondStart && deep[0].range.start < thirdStart);
			assert.equal(findings.filter((f) => f.range.start >= secondStart && f.range.start < thirdStart).length, 1, 'nothing else on the deep document');
			assert.ok(findings.some((f) => f.range.start < secondStart && f.ruleId === 'latest-image-tag'), 'the first Pod is linted');
			assert.ok(findings.some((f) => f.range.start >= thirdStart && f.ruleId === 'latest-image-tag'), 'the last Pod is linted');
		});
	}

	it('lints a document nested as deep as the limit allows', () => {
		const depth = MAX_NESTING_DEPTH - 2; // below the root mapping and `data`
		const text = `${CONFIG_MAP}data:\n  x: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
		assert.deepEqual(lintAll(text).filter((f) => f.ruleId === 'syntax-error'), []);
		const deeper = `${CONFIG_MAP}data:\n  x: ${'['.repeat(depth + 1)}${']'.repeat(depth + 1)}\n`;
		assert.match(lintAll(deeper).map((f) => f.message).join('\n'), /nests collections more than/);
	});

	it('stops a billion-laughs alias bomb with one clear finding', () => {
		let text = `${CONFIG_MAP}data:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
		for (let i = 1; i < 10; i++) text += `  l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
		const findings = lintAll(`${text}---\n${POD}`);
		const bomb = findings.filter((f) => f.range.start < text.length);
		assert.equal(bomb.length, 1);
		assert.equal(bomb[0].ruleId, 'syntax-error');
		assert.match(bomb[0].message, /^Document not linted: .*alias/);
		assert.ok(findings.some((f) => f.ruleId === 'latest-image-tag'), 'the Pod after the bomb is linted');
	});

	it('stops a merge-key bomb the same way', () => {
		let text = `${CONFIG_MAP}data:\n  m0: &m0 {a: 1}\n`;
		for (let i = 1; i < 40; i++) text += `  m${i}: &m${i} {<<: [*m${i - 1}, *m${i - 1}], k${i}: ${i}}\n`;
		const findings = lintAll(text);
		assert.equal(findings.length, 1);
		assert.match(findings[0].message, /^Document not linted: .*alias/);
	});

	it('reports a line of 100,000 stray `}` (as many syntax errors) as one finding', () => {
		const text = `${CONFIG_MAP}data:\n  x: ${'}'.repeat(100000)}\n---\n${POD}`;
		const findings = lintAll(text);
		const syntax = findings.filter((f) => f.ruleId === 'syntax-error');
		assert.equal(syntax.length, 1);
		assert.match(syntax[0].message, /^YAML syntax error: .*\(and \d+ more in this document\)$/);
		assert.ok(findings.some((f) => f.ruleId === 'latest-image-tag'), 'the Pod after it is linted');
	});

	it('lints a pod whose values are megabyte scalars', () => {
		const huge = 'x'.repeat(2_000_000);
		const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${huge}\n  annotations:\n    a: "${huge}"\n    b: |\n      ${huge}\nspec:\n  containers:\n    - name: c\n      image: ${huge}:latest\n      command: [${huge}]\n      resources: {limits: {cpu: ${huge}}}\n`;
		const findings = lintAll(text);
		assertInside(text, findings);
		assert.ok(findings.some((f) => f.ruleId === 'latest-image-tag'));
	});

	it('lints a ConfigMap of 100,000 keys in linear time and points at the one repeated key', () => {
		const text = `${CONFIG_MAP}data:\n${Array.from({ length: 100000 }, (_, i) => `  k${i}: v${i}\n`).join('')}  k5: again\n`;
		// Checking each key against every earlier one took over a minute here: mocha's timeout catches that.
		const findings = lintAll(text);
		const duplicates = findings.filter((f) => f.message.startsWith('Map keys must be unique'));
		assert.equal(duplicates.length, 1);
		assert.equal(text.slice(duplicates[0].range.start, duplicates[0].range.end), 'k5');
		assert.equal(duplicates[0].range.start, text.lastIndexOf('k5: again'));
	});

	it('lints a file of three thousand small documents', () => {
		const text = Array.from({ length: 3000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm${i}\n  namespace: ns\n`).join('---\n');
		const findings = lintAll(text);
		assertInside(text, findings);
		assert.ok(!findings.some((f) => f.ruleId === 'syntax-error' || f.ruleId === 'internal-error'));
	});
});
