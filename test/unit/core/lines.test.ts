import assert from 'node:assert/strict';
import { LineIndex } from '../../../server/src/core/lines';
import { changedSpan } from '../../../server/src/core/textChange';

/** Every position of the text, as the index answers them. */
function positions(lines: LineIndex): string {
	const out: string[] = [];
	for (let offset = 0; offset <= lines.text.length; offset++) {
		const { line, character } = lines.position(offset);
		out.push(`${line}:${character}`);
	}
	return `${lines.lineCount} lines; ${out.join(' ')}`;
}

describe('core: line index', () => {
	it('ends lines at LF, CRLF and a lone CR; inside a CRLF is the end of its line', () => {
		const lines = new LineIndex('a\nb\r\nc\rd');
		assert.equal(lines.lineCount, 4);
		assert.deepEqual(lines.position(4), { line: 1, character: 1 });
		assert.deepEqual(lines.position(7), { line: 3, character: 0 });
		assert.equal(lines.offset({ line: 2, character: 0 }), 5);
	});

	it('built from the index of an earlier version, answers as an index built from scratch', () => {
		let seed = 5;
		const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
		const alphabet = ['a', 'b', '\n', '\r', '\r\n', ' ', '-'];
		const piece = (length: number) => Array.from({ length }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
		for (let step = 0; step < 3000; step++) {
			// now and then a text longer than the comparison chunks
			const text = piece(step % 100 === 0 ? 12000 : Math.floor(rand() * 60));
			const at = Math.floor(rand() * (text.length + 1));
			const edited = text.slice(0, at) + piece(Math.floor(rand() * 4)) + text.slice(Math.min(text.length, at + Math.floor(rand() * 5)));
			const where = `step ${step}: ${JSON.stringify(text.length > 200 ? text.slice(Math.max(0, at - 20), at + 20) : text)} → ${JSON.stringify(edited.length > 200 ? edited.slice(Math.max(0, at - 20), at + 20) : edited)}`;
			assert.equal(positions(new LineIndex(edited, new LineIndex(text))), positions(new LineIndex(edited)), where);
		}
	});

	it('searched from a line at or before an offset\'s, finds the same position', () => {
		const text = Array.from({ length: 500 }, (_, i) => 'x'.repeat(i % 7) + (i % 5 === 0 ? '\r\n' : i % 11 === 0 ? '\r' : '\n')).join('');
		const lines = new LineIndex(text);
		for (let offset = 0; offset <= text.length; offset += 3) {
			const want = lines.position(offset);
			for (const from of [0, want.line >> 1, Math.max(0, want.line - 1), want.line]) assert.deepEqual(lines.positionAfter(offset, from), want, `offset ${offset} from line ${from}`);
		}
	});
});

describe('core: changed span', () => {
	it('is the stretch between the common prefix and the common suffix', () => {
		assert.deepEqual(changedSpan('abcdef', 'abXdef'), { start: 2, beforeEnd: 3, afterEnd: 3 });
		assert.deepEqual(changedSpan('aaaa', 'aaaaa'), { start: 4, beforeEnd: 4, afterEnd: 5 });
		assert.deepEqual(changedSpan('same', 'same'), { start: 4, beforeEnd: 4, afterEnd: 4 });
		const long = 'x'.repeat(10000);
		assert.deepEqual(changedSpan(long + 'a' + long, long + 'bb' + long), { start: 10000, beforeEnd: 10001, afterEnd: 10002 });
	});
});
