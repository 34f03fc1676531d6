import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

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
