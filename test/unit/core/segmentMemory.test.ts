import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { SegmentCache } from '../../../server/src/core/document';

// Typing in a large file: every keystroke is a new version of the whole text, and the SegmentCache
// keeps the edited document. The cache must not keep each version's full text alive through it.
// Measured in a child process, where the heap can be collected on demand.
const SCRIPT = `
const { analyzeFile } = require(${JSON.stringify(join(__dirname, '../../../server/src/core/linter'))});
const { SegmentCache } = require(${JSON.stringify(join(__dirname, '../../../server/src/core/document'))});
const doc = (i) => 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: cm-' + i + '\\ndata:\\n  key: ' + 'v'.repeat(900) + '\\n';
let text = Array.from({ length: 2000 }, (_, i) => doc(i)).join('---\\n');
const cache = new SegmentCache();
let analysis = analyzeFile('big.yaml', text, cache);
const heap = () => { global.gc(); global.gc(); return process.memoryUsage().heapUsed; };
const before = heap();
const at = text.length >> 1;
for (let i = 0; i < 20; i++) {
	text = text.slice(0, at) + 'x' + text.slice(at);
	analysis = analyzeFile('big.yaml', text, cache);
}
process.stdout.write(JSON.stringify({ textBytes: text.length, grewBy: heap() - before }));
`;

describe('core: segment cache memory', () => {
	it('keeps no earlier version of the text alive while typing', () => {
		const out = execFileSync(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', '-e', SCRIPT], { encoding: 'utf8', cwd: join(__dirname, '../../..') });
		const { textBytes, grewBy } = JSON.parse(out);
		// 20 retained versions would be 20 × the text; a few edited documents are a few kilobytes.
		assert.ok(grewBy < textBytes * 2, `the heap grew by ${(grewBy / 1e6).toFixed(1)} MB after 20 keystrokes in a ${(textBytes / 1e6).toFixed(1)} MB text`);
	});
});

describe('core: segment cache budget', () => {
	const segment = (text: string) => ({ text, docs: [], errors: [], duplicateKeys: [], templateAction: -1 });

	it('drops the least recently used segments when the text budget is spent', () => {
		const cache = new SegmentCache(100, 30);
		for (const text of ['a'.repeat(10), 'b'.repeat(10), 'c'.repeat(10)]) cache.set(text, segment(text));
		assert.ok(cache.get('a'.repeat(10)), 'a is used again, so b is now the oldest');
		cache.set('d'.repeat(10), segment('d'.repeat(10)));
		assert.equal(cache.get('b'.repeat(10)), undefined);
		assert.ok(cache.get('a'.repeat(10)));
		assert.ok(cache.get('d'.repeat(10)));
	});

	it('still bounds the number of segments', () => {
		const cache = new SegmentCache(4, 1000);
		for (let i = 0; i < 10; i++) cache.set(`segment ${i}`, segment(`segment ${i}`));
		assert.equal(cache.get('segment 0'), undefined);
		assert.ok(cache.get('segment 9'));
	});
});
