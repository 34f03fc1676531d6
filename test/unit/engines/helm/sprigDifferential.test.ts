// Generated differential test of the function library against helm 3.17: fast-check builds a batch of
// function calls with well-typed random arguments, both render them in one chart (one helm invocation),
// and every result (its Go type and its JSON) must agree. A disagreement prints the expression.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'yaml';
import { formatHelmTemplateOutput, renderChart } from '../../../../server/src/engines/helm';
import { helmTemplateOf } from '../../../helpers/helmRun';
import { helmBinary } from '../../../helpers/oracle';
import { skipBecause } from '../../../helpers/skip';

const raw = (s: string) => '`' + s + '`';
const text = fc.constantFrom('', 'a', 'abc', 'Hello World', 'hello_world-again', '  pad  ', 'x-y_z', 'é ü', 'a\nb', 'a: b', '#c', 'yes', 'null', '1.0', '0755', 'CamelCase', 'a,b,,c', 'v1.2.3', 'tab\there', 'long ' + 'word '.repeat(20));
const smallInt = fc.integer({ min: -5, max: 12 });
const positive = fc.integer({ min: 1, max: 9 });
const list = fc.array(fc.oneof(text.map(raw), smallInt.map(String)), { maxLength: 4 }).map((items) => `(list ${items.join(' ')})`);
const dictExpr = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'Z', 'a10', 'a9', '_x', '1', 'key with space'), fc.oneof(text.map(raw), smallInt.map(String), list)), { maxLength: 4 }).map((pairs) => `(dict ${pairs.map(([k, v]) => `${raw(k)} ${v}`).join(' ')})`);
const version = fc.constantFrom('1.2.3', 'v1.32.0', '1.20.0-rc.1', '2.0.0', '0.3.1', '1.19.0-0');
const constraint = fc.constantFrom('>=1.19-0', '>=1.19', '~1.2.0', '^1.2', '<2.0.0', '1.2 - 1.4', '>1.0 <3', '!=2.0.0', '^0.3', '>= 1.2, < 2');
const pattern = fc.constantFrom('[a-z]+', '^a', '\\s+', '(\\w)(\\w)', '[[:upper:]]', 'o|l', '\\d', '.', '(?i)hello');

const expr: fc.Arbitrary<string> = fc.oneof(
	fc.tuple(fc.constantFrom('upper', 'lower', 'title', 'untitle', 'trim', 'nospace', 'initials', 'snakecase', 'kebabcase', 'swapcase', 'b64enc', 'sha256sum', 'sha1sum', 'adler32sum', 'base', 'dir', 'clean', 'ext', 'regexQuoteMeta', 'quote', 'squote', 'toString', 'toJson', 'toYaml', 'b32enc', 'camelcase'), text).map(([f, s]) => `${f} ${raw(s)}`),
	fc.tuple(fc.constantFrom('trunc', 'abbrev', 'indent', 'nindent', 'wrap'), fc.integer({ min: 0, max: 12 }), text).map(([f, n, s]) => `${f} ${n} ${raw(s)}`),
	fc.tuple(fc.constantFrom('contains', 'hasPrefix', 'hasSuffix', 'trimSuffix', 'trimPrefix', 'trimAll', 'splitList', 'split'), fc.constantFrom('a', ' ', ',', '-', 'l', ''), text).map(([f, a, s]) => `${f} ${raw(a)} ${raw(s)}`),
	fc.tuple(fc.constantFrom('a', ' ', 'o'), fc.constantFrom('', '-', 'XY'), text).map(([a, b, s]) => `replace ${raw(a)} ${raw(b)} ${raw(s)}`),
	fc.tuple(fc.constantFrom('add', 'mul', 'max', 'min', 'addf', 'mulf', 'maxf', 'minf'), fc.array(smallInt, { minLength: 1, maxLength: 3 })).map(([f, ns]) => `${f} ${ns.join(' ')}`),
	fc.tuple(fc.constantFrom('sub', 'div', 'mod', 'subf', 'divf'), smallInt, positive).map(([f, a, b]) => `${f} ${a} ${b}`),
	fc.tuple(fc.constantFrom('add1', 'floor', 'ceil', 'int', 'int64', 'float64', 'toString'), fc.oneof(smallInt.map(String), fc.constantFrom('"3.7"', '"12"', '2.5', '-1.5', '"abc"'))).map(([f, a]) => `${f} ${a}`),
	fc.tuple(fc.constantFrom('first', 'last', 'rest', 'initial', 'uniq', 'reverse', 'compact', 'sortAlpha', 'toJson', 'toYaml', 'len', 'toStrings'), list).map(([f, l]) => `${f} ${l}`),
	fc.tuple(list, list).map(([a, b]) => `concat ${a} ${b}`),
	fc.tuple(fc.constantFrom('toJson', 'toYaml', 'keys', 'toPrettyJson', 'toRawJson', 'toToml'), dictExpr).map(([f, d]) => `${f} ${d}${f === 'keys' ? ' | sortAlpha' : ''}`),
	fc.tuple(constraint, version).map(([c, v]) => `semverCompare ${raw(c)} ${raw(v)}`),
	fc.tuple(fc.constantFrom('regexMatch', 'regexFind'), pattern, text).map(([f, p, s]) => `${f} ${raw(p)} ${raw(s)}`),
	fc.tuple(pattern, text, fc.constantFrom('-', '$1', '${1}x', '')).map(([p, s, r]) => `regexReplaceAll ${raw(p)} ${raw(s)} ${raw(r)}`),
	fc.tuple(pattern, text, fc.integer({ min: -1, max: 3 })).map(([p, s, n]) => `regexFindAll ${raw(p)} ${raw(s)} ${n}`),
	fc.tuple(fc.oneof(text.map(raw), smallInt.map(String), list, fc.constant('nil')), text).map(([v, d]) => `default ${raw(d)} ${v}`),
	fc.tuple(fc.oneof(text.map(raw), smallInt.map(String), list)).map(([v]) => `empty ${v}`),
	fc.tuple(text).map(([s]) => `fromYaml ${raw('a: ' + JSON.stringify(s))} | toJson`),
	fc.tuple(fc.integer({ min: 0, max: 6 })).map(([n]) => `until ${n}`),
	fc.tuple(fc.integer({ min: -3, max: 4 }), fc.integer({ min: -3, max: 4 })).map(([a, b]) => `seq ${a} ${b}`),
	fc.tuple(text).map(([s]) => `${raw(s)} | b64enc | b64dec`),
	fc.tuple(fc.constantFrom('pick', 'omit'), dictExpr, fc.constantFrom('a', 'b', 'Z', 'nope')).map(([f, d, k]) => `${f} ${d} ${raw(k)}`),
	fc.tuple(fc.constantFrom('merge', 'mergeOverwrite'), dictExpr, dictExpr).map(([f, a, b]) => `${f} ${a} ${b}`),
	fc.tuple(dictExpr, fc.constantFrom('a', 'b', 'Z', 'nope')).map(([d, k]) => `hasKey ${d} ${raw(k)}`),
	fc.tuple(fc.constantFrom('a', 'b'), dictExpr, dictExpr).map(([k, a, b]) => `pluck ${raw(k)} ${a} ${b}`),
	fc.tuple(fc.constantFrom('(dict "a" (dict "b" 1))', '(dict "a" (dict "c" 1))', '(dict "x" 1)', '(dict)', '(dict "a" (dict "b" (list 1 2)))')).map(([d]) => `dig "a" "b" "fallback" ${d}`),
	fc.tuple(fc.oneof(text.map(raw), smallInt.map(String), list), fc.oneof(text.map(raw), smallInt.map(String))).map(([a, b]) => `coalesce ${a} ${b}`),
	// substr's bounds that Go accepts (the others panic, which would stop the whole batch)
	text.chain((s) => {
		const n = Buffer.byteLength(s);
		return fc.oneof(fc.tuple(fc.integer({ min: -2, max: -1 }), fc.integer({ min: 0, max: n })), fc.tuple(fc.integer({ min: 0, max: n }), fc.integer({ min: -2, max: n + 3 }))).filter(([a, b]) => a < 0 || b < 0 || b > n || a <= b).map(([a, b]) => `substr ${a} ${b} ${raw(s)}`);
	}),
	fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 4, max: 12 }), text).map(([a, b, s]) => `abbrevboth ${a} ${b} ${raw(s)}`),
	fc.tuple(fc.integer({ min: 1, max: 8 }), text).map(([n, s]) => `wrapWith ${n} "|" ${raw(s)}`),
	fc.tuple(fc.constantFrom('a', ' ', ','), fc.integer({ min: -1, max: 3 }), text).map(([sep, n, s]) => `splitn ${raw(sep)} ${n} ${raw(s)}`),
	fc.tuple(fc.integer({ min: -3, max: 6 }), fc.integer({ min: -3, max: 6 }), fc.integer({ min: -2, max: 3 })).map(([a, b, c]) => `untilStep ${a} ${b} ${c}`),
	fc.tuple(positive, list).map(([n, l]) => `chunk ${n} ${l}`),
	fc.tuple(fc.constantFrom('"0777"', '"123"', '"8"', '10', '"-7"')).map(([v]) => `toDecimal ${v}`),
	fc.tuple(fc.constantFrom('"12"', '"-3"', '"1.5"', '"x"', '""')).map(([v]) => `atoi ${v}`),
	fc.tuple(fc.constantFrom('1.2345', '-2.5', '2.5', '"3.14159"', '7'), fc.integer({ min: 0, max: 3 })).map(([v, p]) => `round ${v} ${p}`),
	fc.tuple(pattern, text, fc.integer({ min: -1, max: 3 })).map(([p, s, n]) => `regexSplit ${raw(p)} ${raw(s)} ${n}`),
	fc.tuple(fc.constantFrom('string', 'int', 'int64', 'float64', 'bool', '[]interface {}', 'map[string]interface {}'), fc.oneof(text.map(raw), smallInt.map(String), list, fc.constant('true'), fc.constant('(add 1 2)'), fc.constant('1.5'))).map(([t, v]) => `typeIs ${raw(t)} ${v}`),
	fc.tuple(fc.constantFrom('string', 'int', 'int64', 'float64', 'bool', 'slice', 'map'), fc.oneof(text.map(raw), smallInt.map(String), list, fc.constant('true'), fc.constant('(dict)'), fc.constant('1.5'))).map(([t, v]) => `kindIs ${raw(t)} ${v}`),
	fc.tuple(version).map(([v]) => `(semver ${raw(v)}).Minor`),
	fc.tuple(fc.constantFrom('https://user:pw@example.com:8443/a/b?x=1#frag', 'http://h/p', 'mailto:a@b', '/rel/path?q')).map(([u]) => `urlParse ${raw(u)} | toJson`),
	fc.tuple(fc.constantFrom('YQ==', 'MFRGG===', 'bad!', 'aGVsbG8', 'YQ=x', 'YQ=', 'YQ==YQ==', '=', 'Y', 'aGk=')).map(([t]) => `b64dec ${raw(t)}`),
	fc.tuple(list).map(([l]) => `toStrings ${l}`),
	fc.tuple(list, fc.oneof(text.map(raw), smallInt.map(String))).map(([l, v]) => `without ${l} ${v}`),
	fc.tuple(fc.constantFrom('ternary', 'ternary'), text, text, fc.boolean()).map(([f, a, b, c]) => `${f} ${raw(a)} ${raw(b)} ${c}`),
);

function chartFiles(expressions: string[]): Map<string, string> {
	const lines = expressions.map((e, i) => `  k${i}: {{ printf "%T|%s" (${e}) (toJson (${e})) | quote }}`);
	return new Map([
		['Chart.yaml', 'apiVersion: v2\nname: gen\nversion: 0.1.0\n'],
		['values.yaml', ''],
		['templates/cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gen\ndata:\n${lines.join('\n')}\n`],
	]);
}

describe('Sprig functions against helm (generated)', function () {
	this.timeout(60_000);

	it('agrees on a batch of generated calls', function () {
		const helm = helmBinary();
		if (!helm.path) return skipBecause(this, `the helm oracle is unavailable (${helm.reason})`);
		const expressions = fc.sample(expr, { numRuns: 1500, seed: 20261206 });
		const files = chartFiles(expressions);
		const want = helmTemplateOf(files)!;
		assert.equal(want.code, 0, want.stderr);
		const render = renderChart(files);
		assert.deepEqual(render.errors, []);
		const wantData = (parse(want.stdout.replace(/^---\n# Source: .*\n/m, '')) as { data: Record<string, string> }).data;
		const gotData = (parse(formatHelmTemplateOutput(render).replace(/^---\n# Source: .*\n/m, '')) as { data: Record<string, string> }).data;
		const disagreements = expressions.flatMap((e, i) => (wantData[`k${i}`] === gotData[`k${i}`] ? [] : [`${e}\n    helm:  ${wantData[`k${i}`]}\n    bosun: ${gotData[`k${i}`]}`]));
		assert.deepEqual(disagreements, []);
	});
});
