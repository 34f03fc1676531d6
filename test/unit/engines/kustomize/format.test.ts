// The output format of `kubectl kustomize` (Go yaml.v2 through JSON): key order, quoting, literal blocks,
// folding past column 80. The expected text was printed by kubectl 1.31 for the same object.
import assert from 'node:assert/strict';
import { formatObject } from '../../../../server/src/engines/kustomize/format';

describe('kustomize output format', () => {
	it('writes scalars, lists and maps as kubectl kustomize does', () => {
		const words = 'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt';
		const value = {
			apiVersion: 'v1',
			kind: 'ConfigMap',
			metadata: {
				name: 'cm',
				annotations: {
					long: `${words} uuuu`,
					quoted: `* ${words}`,
					dq: `tab\there ${words}`,
					lead: '  x\ny\n',
					trail: 'x  \ny',
					star: '*',
					colon: 'a: b',
					num: '012',
					e: '',
					dash: '- a',
					q: "it's",
				},
			},
			data: { list: 'x' },
			list: [`${words} uuuu`, ['a', 'b'], ['c', 'd'], {}, [], { k: `${words} uuuu`, j: ['x'] }],
		};
		assert.equal(formatObject(value), [
			'apiVersion: v1',
			'data:',
			'  list: x',
			'kind: ConfigMap',
			'list:',
			'- aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp',
			'  qqqq rrrr ssss tttt uuuu',
			'- - a',
			'  - b',
			'- - c',
			'  - d',
			'- {}',
			'- []',
			'- j:',
			'  - x',
			'  k: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp',
			'    qqqq rrrr ssss tttt uuuu',
			'metadata:',
			'  annotations:',
			"    colon: 'a: b'",
			"    dash: '- a'",
			'    dq: "tab\\there aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm',
			'      nnnn oooo pppp qqqq rrrr ssss tttt"',
			'    e: ""',
			'    lead: |2',
			'        x',
			'      y',
			'    long: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo',
			'      pppp qqqq rrrr ssss tttt uuuu',
			'    num: "012"',
			"    q: it's",
			"    quoted: '* aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn",
			"      oooo pppp qqqq rrrr ssss tttt'",
			"    star: '*'",
			'    trail: "x  \\ny"',
			'  name: cm',
			'',
		].join('\n'));
	});

	it('writes numbers as Go does after the JSON round trip', () => {
		const out = formatObject({ v: [1234567.5, 123456.5, 0.00012, 0.0000123, 1234567, 99999999.99, -25000000000, 1e-7, 1e20, 0.5, -0] });
		assert.equal(out, 'v:\n- 1.2345675e+06\n- 123456.5\n- 0.00012\n- 1.23e-05\n- 1234567\n- 9.999999999e+07\n- -25000000000\n- 1e-07\n- 1e+20\n- 0.5\n- 0\n');
	});

	it('quotes strings YAML 1.1 would read as booleans, numbers, dates or null', () => {
		const out = formatObject({ v: ['yes', 'on', 'off', 'y', 'N', '1.5', '1e3', '0x1F', '2024-01-02', 'null', '~', '1:30', 'true', 'plain', '.inf'] });
		assert.equal(out, 'v:\n- "yes"\n- "on"\n- "off"\n- "y"\n- "N"\n- "1.5"\n- "1e3"\n- "0x1F"\n- "2024-01-02"\n- "null"\n- "~"\n- "1:30"\n- "true"\n- plain\n- ".inf"\n');
	});
});
