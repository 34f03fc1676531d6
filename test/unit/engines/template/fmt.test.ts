// Go's fmt as templates use it. The expected strings are Go's (the same cases run against the real helm
// in differential.test.ts).
import assert from 'node:assert/strict';
import { formatFloat, formatValue, GO_TYPE, GoNumber, sprint, sprintf, sprintln } from '../../../../server/src/engines/template';

class Version {
	static goType = '*semver.Version';
	constructor(public Major: bigint) {}
	String(): string {
		return `v${this.Major}.0.0`;
	}
}

class Point {
	static goType = 'main.Point';
	constructor(
		public X: bigint,
		public Y: string,
	) {}
}

describe('template engine: fmt', () => {
	it('float64 %v is strconv g with the shortest representation', () => {
		assert.equal(sprintf('%v %v %v %v %v', [1000000, 100000, 0.0001, 0.00001, 123456789]), '1e+06 100000 0.0001 1e-05 1.23456789e+08');
		assert.deepEqual([1e21, 1e20, 5e-324, 1.7976931348623157e308, 0.1 + 0.2, -0, 3.5, 0].map((x) => formatFloat(x)), ['1e+21', '1e+20', '5e-324', '1.7976931348623157e+308', '0.30000000000000004', '-0', '3.5', '0']);
		assert.equal(sprintf('%v %v %v', [Infinity, -Infinity, NaN]), '+Inf -Inf NaN');
	});

	it('%e %f %g with precision round the exact value half to even', () => {
		assert.equal(sprintf('%e %E %.2e %f %.0f %.1f %g %G %.3g %8.3f|%-8.2f|%+.1e', [1234.5678, 0.000123, 5, 2.5, 2.5, 0.05, 1e21, 1e-7, 2, 3.14159, 2.5, -1]), '1.234568e+03 1.230000E-04 5.00e+00 2.500000 2 0.1 1e+21 1E-07 2    3.142|2.50    |-1.0e+00');
		assert.equal(sprintf('%.0f %.0f %.0f %.0f %.1f %.2f', [0.5, 1.5, 2.5, -0.5, 0.25, 1.005]), '0 2 2 -0 0.2 1.00');
		assert.equal(sprintf('%6.2f|%+08.3f|%-8.1e|% .2f', [3.14159, -2.5, 12345.678, 1]), '  3.14|-002.500|1.2e+04 | 1.00');
		assert.equal(sprintf('%x %X %.1x', [3.5, -0.1, 1]), '0x1.cp+01 -0X1.999999999999AP-04 0x1.0p+00');
	});

	it('integers: bases, flags, width, precision, characters', () => {
		assert.equal(
			sprintf('%d %5d %-5d| %05d %+d % d %x %X %#x %o %#o %O %b %#b %c %q %U %#U', [42n, 42n, 42n, -42n, 42n, 42n, 255n, 255n, 255n, 8n, 8n, 8n, 5n, 5n, 65n, 65n, 9731n, 9731n]),
			"42    42 42   | -0042 +42  42 ff FF 0xff 10 010 0o10 101 0b101 A 'A' U+2603 U+2603 '☃'",
		);
		assert.equal(sprintf('%.3d|%.0d|%8.3d|%x', [7n, 0n, -7n, -255n]), '007||    -007|-ff');
	});

	it('strings: %s %q %x, width in runes, precision truncates', () => {
		assert.equal(sprintf('%s|%10s|%-10s|%.2s|%q|%#q|%+q|%x|% x|%X|%05s', ['hé', 'right', 'left', 'trunc', 'q"uote\n', 'back', 'ünï', 'hex', 'hex', 'hé', 'z']), 'hé|     right|left      |tr|"q\\"uote\\n"|`back`|"\\u00fcn\\u00ef"|686578|68 65 78|68C3A9|0000z');
		assert.equal(sprintf('%q', ['\x07\x00é😀\u200b']), '"\\a\\x00é😀\\u200b"');
	});

	it('wrong types, missing and extra arguments, bad verbs', () => {
		assert.equal(sprintf('%d %s %d %t', ['str', 1n, 1.5, 1n]), '%!d(string=str) %!s(int=1) %!d(float64=1.5) %!t(int=1)');
		assert.equal(sprintf('%d %d', [1n]), '1 %!d(MISSING)');
		assert.equal(sprintf('%d', [1n, 2n, 'x', null]), '1%!(EXTRA int=2, string=x, <nil>)');
		assert.equal(sprintf('%!', []), '%!!(MISSING)');
		assert.equal(sprintf('%', []), '%!(NOVERB)');
		assert.equal(sprintf('%z', [1n]), '%!z(int=1)');
		assert.equal(sprintf('%d %s', [null, null]), '%!d(<nil>) %!s(<nil>)');
		assert.equal(sprintf('100%%', []), '100%');
	});

	it('argument indexes and * widths', () => {
		assert.equal(sprintf('%[2]d %[1]d', [1n, 2n]), '2 1');
		assert.equal(sprintf('%*d|%-*d|%.*f', [5n, 1n, 4n, 2n, 2n, 3.14159]), '    1|2   |3.14');
		assert.equal(sprintf('%*d', ['x', 1n]), '%!(BADWIDTH)1');
		assert.equal(sprintf('%[3]d', [1n]), '%!d(BADINDEX)');
	});

	it('composite values: lists, sorted maps, nil, bytes, structs and Stringers', () => {
		assert.equal(formatValue([1, 'two', 3.5, true, null]), '[1 two 3.5 true <nil>]');
		assert.equal(formatValue({ b: 2, a: 'x', c: [1n, 2n] }), 'map[a:x b:2 c:[1 2]]');
		assert.equal(sprintf('%d|%s', [[1n, 'a'], { k: 1 }]), '[1 %!d(string=a)]|map[k:%!s(float64=1)]');
		assert.equal(formatValue(null), '<nil>');
		assert.equal(sprintf('%v %s %x', [new Uint8Array([104, 105]), new Uint8Array([104, 105]), new Uint8Array([104, 105])]), '[104 105] hi 6869');
		assert.equal(sprintf('%v %+v %T', [new Point(1n, 'a'), new Point(2n, 'b'), new Point(0n, '')]), '{1 a} {X:2 Y:b} main.Point');
		assert.equal(sprintf('%v %s %T [%5v]', [new Version(1n), new Version(2n), new Version(3n), new Version(4n)]), 'v1.0.0 v2.0.0 *semver.Version [v4.0.0]');
		const values = { a: 1 };
		Object.defineProperty(values, GO_TYPE, { value: 'chartutil.Values' });
		assert.equal(sprintf('%T %v', [values, values]), 'chartutil.Values map[a:1]');
	});

	it('the # flag, %b of floats, %#v Go syntax, %U of negatives, %T and %x precision (outputs of helm)', () => {
		assert.equal(sprintf('%-#0.5G|%-+# 7.4d|%-+# 5s', [2.5, -4, 1e-7]), '2.5000|%!d(float64=-4.000 )|%!s(float64=+1.00000e-07)');
		assert.equal(sprintf('%b|%#012.1b', [2, -2.5]), '4503599627370496p-51|-5629499534213120p-51');
		assert.equal(sprintf('%-+#.6v', [[1, 'two', 3.5, true]]), '[]interface {}{1, "two", 3.5, true}');
		assert.equal(sprintf('%+#0.7v', [{ inner: { deep: 'd', num: 7 } }]), 'map[string]interface {}{"inner":map[string]interface {}{"deep":"d", "num":7}}');
		assert.equal(sprintf('%#v|%#v|%#v', [[null], new Point(1n, 'a'), new GoNumber('uint8', 5n)]), '[]interface {}{interface {}(nil)}|main.Point{X:1, Y:"a"}|0x5');
		assert.equal(sprintf('%0.4U|%+#3.5T|%.2X|%# 6.7x', [-7n, 'x', 'hé', 'héllo wörld']), 'U+FFFFFFFFFFFFFFF9|strin|68C3|0x68 0xc3 0xa9 0x6c 0x6c 0x6f 0x20');
	});

	it('Sprint puts spaces between operands that are not strings; Sprintln between all', () => {
		assert.equal(sprint([1n, 2n, 'a', 'b', 3n, null]), '1 2ab3 <nil>');
		assert.equal(sprintln([1n, 'a', null]), '1 a <nil>\n');
	});
});
