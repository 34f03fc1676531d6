// Differential tests: templates generated from the grammar (fast-check) and a fixed list of tricky ones
// are rendered by the real helm (Go's text/template with Helm's missingkey=zero) and by the engine;
// any difference in text or error message fails with the case. The default run is one batch of cases in
// a single chart (a few helm runs); BOSUN_TEMPLATE_DIFF_RUNS and BOSUN_TEMPLATE_DIFF_SEED change it.
// Helm 3.17 is built with Go 1.23: the generator avoids `range` over an integer (Go 1.24). Helm's Sprig
// library replaces the builtin `slice`, so slice is tested against Go's documentation only (builtins test).
// Keys like `n` or `y` are booleans to Helm's YAML 1.1 reader, so the values avoid them.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { GO_TYPE, TemplateError, TemplateSet } from '../../../../server/src/engines/template';
import { helmBinary } from '../../../helpers/oracle';
import { caseFile, helmParseError, renderWithHelm, type OracleCase, type OracleResult } from './helmOracle';
import { skipBecause } from '../../../helpers/skip';

const VALUES = `s: hello
e: ""
num: 3
f: 2.5
big: 1000000
small: 0.00001
neg: -4
t: true
z: false
nul: null
l: [1, two, 3.5, true]
m: {b: 2, a: x, c: [1, 2]}
nested: {inner: {deep: d, num: 7}}
empty: {}
el: []
q: 'say "hi" <b> & ''x'' = y'
u: "héllo wörld ✓"
ünï: {wört: w}
keys: {b: 1, B: 2, "ä": 3, "a": 4, "_": 5, "1": 6, "\U0001F600": 7, "\uFFFD": 8}
`;

const FIELDS = ['.s', '.e', '.num', '.f', '.big', '.small', '.neg', '.t', '.z', '.nul', '.l', '.m', '.m.a', '.m.b', '.m.c', '.nested.inner.deep', '.nested.inner.num', '.nested.inner', '.empty', '.el', '.missing', '.m.missing', '$.s', '$.num', '.q', '.u'];
const LITERALS = ['0', '1', '-3', '42', '1.5', '2.0', '1e3', '0x1F', "'a'", '"x"', '""', '"a b"', 'true', 'false', '"%"', '1000000.0', '0.1'];
const VERBS = 'vdsqxXobeEfgGtTcU%'.split('');

const text = fc.array(fc.constantFrom('a', ' ', '\n', 'x: ', '- ', '  ', ':', '.', '\t', '}'), { maxLength: 4 }).map((p) => p.join(''));

const printfFormat = fc
	.array(
		fc.oneof(
			fc.constantFrom('a', ' ', '[', ']', '|'),
			fc.tuple(fc.subarray(['-', '+', '#', ' ', '0']), fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }), fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }), fc.constantFrom(...VERBS)).map(([flags, width, prec, verb]) => `%${flags.join('')}${width ?? ''}${prec === undefined ? '' : '.' + prec}${verb}`),
		),
		{ minLength: 1, maxLength: 3 },
	)
	.map((parts) => JSON.stringify(parts.join('')));

function operand(depth: number, vars: string[]): fc.Arbitrary<string> {
	const leaves = [fc.constantFrom(...FIELDS), fc.constantFrom(...LITERALS), ...(vars.length > 0 ? [fc.constantFrom(...vars)] : [])];
	if (depth <= 0) return fc.oneof(...leaves);
	return fc.oneof({ weight: 3, arbitrary: fc.oneof(...leaves) }, { weight: 2, arbitrary: call(depth - 1, vars).map((c) => `(${c})`) });
}

function call(depth: number, vars: string[]): fc.Arbitrary<string> {
	const arg = operand(depth, vars);
	return fc.oneof(
		fc.tuple(fc.constantFrom('not', 'len', 'html', 'js', 'urlquery', 'print'), arg).map(([f, a]) => `${f} ${a}`),
		fc.tuple(fc.constantFrom('eq', 'ne', 'lt', 'le', 'gt', 'ge', 'and', 'or', 'print'), arg, arg).map(([f, a, b]) => `${f} ${a} ${b}`),
		fc.tuple(fc.constantFrom('eq', 'and', 'or', 'print', 'println'), arg, arg, arg).map(([f, a, b, c]) => `${f} ${a} ${b} ${c}`),
		fc.tuple(fc.constantFrom('.l', '.m', '.m.c', '.s', '.nested', '.el', '.missing'), fc.constantFrom('0', '1', '2', '4', '-1', '"a"', '"inner"', '"c"', '1.5'), fc.option(fc.constantFrom('0', '"deep"', '1'), { nil: undefined })).map(([c, i, j]) => `index ${c} ${i}${j ? ' ' + j : ''}`),
		fc.tuple(printfFormat, fc.array(arg, { maxLength: 3 })).map(([f, args]) => ['printf', f, ...args].join(' ')),
	);
}

function pipeline(depth: number, vars: string[]): fc.Arbitrary<string> {
	const tail = fc.oneof(fc.constantFrom('print', 'not', 'len', 'html', 'js', 'urlquery', 'printf "%v"', 'printf "%q %d"', 'eq 1', 'eq "hello"', 'lt 2.0', 'ne .s', 'and .t', 'or .e'));
	return fc.tuple(fc.oneof(operand(depth, vars), call(depth, vars)), fc.array(tail, { maxLength: 2 })).map(([head, tails]) => [head, ...tails].join(' | '));
}

function action(body: string): fc.Arbitrary<string> {
	return fc.tuple(fc.constantFrom('{{ ', '{{- ', '{{'), fc.constantFrom(' }}', ' -}}', '}}')).map(([l, r]) => `${l}${body}${r}`);
}

function statements(depth: number, vars: string[], inRange: boolean): fc.Arbitrary<string> {
	const printed = pipeline(1, vars).chain(action);
	const assignable = vars.filter((v) => v === '$a' || v === '$b');
	const assignment = assignable.length > 0 ? [fc.constantFrom(...assignable).chain((v) => pipeline(1, vars).map((p) => `{{ ${v} = ${p} }}`))] : [];
	const simple = fc.oneof(text, printed, fc.constant('{{/* note */}}'), ...assignment);
	const controls: fc.Arbitrary<string>[] = [];
	if (inRange) controls.push(fc.tuple(pipeline(0, vars), fc.constantFrom('break', 'continue')).map(([p, k]) => `{{ if ${p} }}{{ ${k} }}{{ end }}`));
	if (depth > 0) {
		const inner = statements(depth - 1, vars, inRange);
		controls.push(
			fc.tuple(pipeline(1, vars), inner, fc.option(fc.tuple(fc.option(pipeline(1, vars), { nil: undefined }), inner), { nil: undefined })).map(([p, a, alt]) => {
				if (!alt) return `{{ if ${p} }}${a}{{ end }}`;
				const [elif, b] = alt;
				return elif ? `{{ if ${p} }}${a}{{ else if ${elif} }}${b}{{ end }}` : `{{ if ${p} }}${a}{{ else }}${b}{{ end }}`;
			}),
			fc.tuple(pipeline(1, vars), statements(depth - 1, vars, inRange), fc.option(inner, { nil: undefined })).map(([p, a, b]) => (b === undefined ? `{{ with ${p} }}{{ . }}${a}{{ end }}` : `{{- with ${p} }}{{ printf "%v" . }}${a}{{ else }}${b}{{ end }}`)),
			fc.tuple(fc.constantFrom('.l', '.m', '.el', '.empty', '.nested', '.missing', '.m.c', '.s', '.num'), statements(depth - 1, [...vars, '$i', '$v'], true), fc.option(inner, { nil: undefined })).map(([c, a, b]) => `{{ range $i, $v := ${c} }}[{{ $i }}:{{ $v }}]${a}${b === undefined ? '' : `{{ else }}${b}`}{{ end }}`),
			fc.tuple(fc.constantFrom('.l', '.m'), statements(depth - 1, vars, true)).map(([c, a]) => `{{ range ${c} }}<{{ . }}>${a}{{ end }}`),
		);
	}
	if (depth > 0) {
		controls.push(
			pipeline(1, vars).map((p) => `{{ template "SUB" ${p} }}`),
			fc.tuple(fc.constantFrom('.m', '.nested', '.l', '.s', '.missing'), statements(depth - 1, vars, inRange)).map(([p, a]) => `{{- with $x := ${p} }}{{ $x }}{{ $ | len }}${a}{{ end -}}`),
		);
	}
	const statement = controls.length > 0 ? fc.oneof({ weight: 3, arbitrary: simple }, { weight: 1, arbitrary: fc.oneof(...controls) }) : simple;
	return fc.array(statement, { minLength: 1, maxLength: 4 }).map((s) => s.join(''));
}

/** Turns some `{{ ` into `{{- ` and some ` }}` into ` -}}`, on control actions too. */
function withTrimMarkers(text: string, flags: boolean[]): string {
	let i = 0;
	return text.replace(/\{\{ | \}\}/g, (m) => (flags[i++ % flags.length] ? (m === '{{ ' ? '{{- ' : ' -}}') : m));
}

const templateCase = fc
	.tuple(pipeline(1, []), pipeline(1, []), statements(2, ['$a', '$b'], false), statements(0, [], false), fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }))
	.map(([a, b, rest, sub, trims]) => ({ body: withTrimMarkers(`{{ $a := ${a} }}{{ $b := ${b} }}${rest}`, trims), sub }));

/** printf never fails, so hundreds of these run in one helm invocation: every verb, flag, width and precision on every kind of value. */
const PRINTF_ARGS = ['0', '1', '-7', '255', '65', '9731', '0.1', '1.0', '-2.5', '123456.789', '1e21', '1e-7', '1e6', '0.000123', '"hé"', '"q\\"uote"', '""', '"\\tab\\n"', 'true', 'false', 'nil', '.l', '.m', '.f', '.big', '.small', '.neg', '.num', '.s', '.u', '.q', '.nul', '.missing', '.nested', '.e', "'x'"];
const printfCase = fc
	.tuple(
		fc.array(
			fc.tuple(fc.subarray(['-', '+', '#', ' ', '0']), fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }), fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }), fc.constantFrom(...'vdsqxXobOeEfFgGtTcU'.split(''))),
			{ minLength: 1, maxLength: 4 },
		),
		fc.array(fc.constantFrom(...PRINTF_ARGS), { minLength: 0, maxLength: 5 }),
	)
	.map(([specs, args]) => {
		const format = specs.map(([flags, width, prec, verb]) => `%${flags.join('')}${width ?? ''}${prec === undefined ? '' : '.' + prec}${verb}`).join('|');
		return `{{ printf ${JSON.stringify(format)} ${args.join(' ')} }}`;
	});

/** Token soup: mostly malformed templates, for the lexer's and parser's error messages and lines. */
const SOUP = [' ', 'if ', 'else ', 'end', 'range ', 'with ', 'template ', 'break', 'continue', '"s"', '$x', '$', ' := ', ' = ', ' | ', '(', ')', '.a', '.s', '.', 'nil', '1', '1.5', "'c'", 'eq ', 'index ', 'len ', 'printf ', '"%d"', ', ', '/*', '*/', '`', 'x', '\n', '$i', '0x', '"\\q"', "'", '"', '#', 'true', '-', '3k', '}', '{{', '\r\n'];
const soupAction = fc.tuple(fc.constantFrom('{{', '{{- ', '{{/* c */'), fc.array(fc.constantFrom(...SOUP), { maxLength: 5 }), fc.constantFrom('}}', ' -}}', '}}', '', '*/}}')).map(([open, inner, close]) => open + inner.join('') + close);
const soup = fc.array(fc.oneof(soupAction, fc.constantFrom('a', '\n', ' ', '}}')), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));

/** Hand-written cases for behaviour a generator rarely reaches. */
const FIXED: string[] = [
	'{{ printf "%v %v %v %v %v" 1000000.0 100000.0 0.0001 0.00001 123456789.0 }}',
	'{{ printf "%e %E %.2e %f %.0f %.1f %g %G %.3g %8.3f|%-8.2f|%+.1e" 1234.5678 0.000123 5.0 2.5 2.5 0.05 1e21 1e-7 2.0 3.14159 2.5 -1.0 }}',
	'{{ printf "%.0f %.0f %.0f %.0f %.1f %.2f" 0.5 1.5 2.5 -0.5 0.25 1.005 }}',
	'{{ printf "%d %5d %-5d| %05d %+d % d %x %X %#x %o %#o %O %b %#b %c %q %U %#U" 42 42 42 -42 42 42 255 255 255 8 8 8 5 5 65 65 9731 9731 }}',
	'{{ printf "%s|%10s|%-10s|%.2s|%q|%#q|%+q|%x|% x|%X|%05s" "hé" "right" "left" "trunc" "q\\"uote\\n" "back" "ünï" "hex" "hex" "hé" "z" }}',
	'{{ printf "%t %v %5t" true false true }} {{ printf "%d" "str" }} {{ printf "%s" 1 }} {{ printf "%d" 1.5 }} {{ printf "%t" 1 }}',
	'{{ printf "%d %d" 1 }} {{ printf "%d" 1 2 "x" nil }} {{ printf "%!" }} {{ printf "%" }} {{ printf "%z" 1 }} {{ printf "%[2]d %[1]d" 1 2 }} {{ printf "%*d|%-*d|%.*f" 5 1 4 2 2 3.14159 }}',
	'{{ printf "%v %d %s %q" .l .l .l .l }} {{ printf "%v|%s|%d" .m .m .m }} {{ printf "%v %T %T %T %T %T" .nested .l .m .s .num .t }}',
	'{{ printf "%v %s %d %T" nil nil nil nil }} {{ print nil 1 "a" 2 3 "b" "c" }} {{ println 1 "a" nil }}',
	'{{ printf "%6.2v|%-6v|%06v|%x|%X" 3.14159 "ab" 12 3.5 "hi" }}',
	'{{ printf "%v %v %v %v" .num .f .big .small }} {{ .big }} {{ .num }} {{ .f }} {{ .neg }} {{ .small }}',
	'{{ html .q }} {{ js .q }} {{ urlquery .q }} {{ html .u }} {{ js .u }} {{ urlquery .u }} {{ html 1 "a" }} {{ js nil }} {{ urlquery .missing }}',
	'{{ len .s }} {{ len .u }} {{ len .l }} {{ len .m }} {{ len .empty }} {{ len .el }}',
	'{{ index .l 0 }} {{ index .m "a" }} {{ index .m.c 1 }} {{ index .nested "inner" "deep" }} {{ index .m "zz" }} {{ index "abc" 1 }}',
	'{{ eq .s "hello" }} {{ eq .num 3.0 }} {{ eq "a" "b" "a" }} {{ ne .s "x" }} {{ lt "a" "b" }} {{ le 2.5 .f }} {{ gt .big 1.0 }} {{ ge 1 1 }} {{ eq .missing nil }} {{ eq .nul .missing }}',
	'{{ and 1 0 }} {{ and 1 2 }} {{ or 0 "" }} {{ or 0 "x" }} {{ and .t .s }} {{ or .e .z }} {{ not .el }} {{ not .m }} {{ and }}',
	'{{ eq .num 3 }}',
	'{{ lt 1 1.5 }}',
	'{{ lt true false }}',
	'{{ eq .l .l }}',
	'{{ index .l 4 }}',
	'{{ index .l 9 }}',
	'{{ index .s "a" }}',
	'{{ .s.foo }}',
	'{{ .missing.foo }}',
	'{{ .nul.foo }}',
	'{{ len .missing }}',
	'{{ len 3 }}',
	'{{ template "nope" }}',
	'{{ range .s }}{{ end }}',
	'{{ printf 1 }}',
	'{{ printf .num }}',
	'{{ 1 | printf "%v" }} {{ .l | len }} {{ "x" | printf "%s-%s" "y" }} {{ .s | eq "hello" | not }}',
	'{{ with .m }}{{ .a }}{{ $.s }}{{ end }}{{ with .missing }}no{{ else with .nested }}{{ .inner.deep }}{{ end }}',
	'{{ range $k, $v := .m }}{{ $k }}={{ $v }};{{ end }}{{ range .el }}x{{ else }}empty{{ end }}{{ range $i, $v := .l }}{{ if eq $i 2 }}{{ break }}{{ end }}{{ $v }}{{ end }}',
	'a\n  {{- "b" -}}  \n c {{- /* comment */ -}} d {{- 3 }}{{-3}}',
	'{{ define "inner" }}[{{ . }}]{{ end }}{{ template "inner" .s }}{{ template "inner" }}{{ block "blk" .num }}<{{ . }}>{{ end }}',
	"{{ 'a' }} {{ '\\n' | printf \"%q\" }} {{ 0x1F }} {{ 1e3 }} {{ 010 }} {{ -0 }} {{ 1_000 }} {{ 0b101 }} {{ 0o17 }}",
	'{{ $x := .l }}{{ $x = .m }}{{ $x.a }} {{ (index .l 1) }} {{ (.nested.inner).deep }}',
	'{{ .l.foo }}',
	'{{ "a" "b" }}',
	'{{ nil }}',
	'{{ .s 1 }}',
	'{{ call .s }}',
	'{{ $x := 1 }}{{ $x.y }}',
	'{{ .ünï }}|{{ .ünï.wört }}|{{ index . "ünï" "wört" }}',
	'a \r\n {{- 1 -}} \r\n b\r\n{{ if true -}}\r\n  c\r\n{{- end }}\r\n',
	'{{ range $k, $v := .keys }}{{ $k }},{{ end }}',
	'{{ $i := 0 }}{{ range $i = .l }}{{ end }}{{ $i }} {{ range $i, $e := .el }}{{ else }}{{ $i }}|{{ $e }}{{ end }}',
	'{{ with $x := .m }}{{ $x.a }}{{ else }}{{ $x }}{{ end }} {{ with $y := .missing }}{{ else }}[{{ $y }}]{{ end }}',
	'{{ printf "%v" (index .m "c") }} {{ (index .m "c" | len) }} {{ .m.c | print }}',
];

function engineResult(c: OracleCase, data: unknown): OracleResult {
	const set = new TemplateSet({}, { missingKey: 'zero' });
	const file = caseFile(c);
	try {
		set.parse(file.name, file.text);
	} catch (e) {
		if (e instanceof TemplateError) return { ok: false, error: helmParseError(e.goMessage) };
		throw e;
	}
	try {
		return { ok: true, text: set.execute(c.id, data).text };
	} catch (e) {
		if (e instanceof TemplateError) return { ok: false, error: e.goMessage };
		throw e;
	}
}

describe('template engine: differential against helm (Go text/template)', function () {
	this.timeout(300_000);
	const helm = helmBinary();
	const values = parseYaml(VALUES) as Record<string, unknown>;
	Object.defineProperty(values, GO_TYPE, { value: 'chartutil.Values' });

	before(function () {
		if (!helm.path) {
			skipBecause(this, `the helm oracle is unavailable (${helm.reason})`);
		}
	});

	function compare(cases: OracleCase[], describeCase: (c: OracleCase) => string): void {
		const engine = new Map(cases.map((c) => [c.id, engineResult(c, values)]));
		const expectFailure = new Set(cases.filter((c) => !engine.get(c.id)!.ok).map((c) => c.id));
		const expected = renderWithHelm(helm.path!, VALUES, cases, expectFailure);
		const failures: string[] = [];
		for (const c of cases) {
			const want = expected.get(c.id);
			const got = engine.get(c.id);
			try {
				assert.deepEqual(got, want);
			} catch {
				failures.push(`${describeCase(c)}\n  template: ${JSON.stringify(c.body)}\n  helm:     ${JSON.stringify(want)}\n  engine:   ${JSON.stringify(got)}`);
			}
		}
		assert.equal(failures.length, 0, `${failures.length} of ${cases.length} cases differ:\n${failures.join('\n')}`);
	}

	it('hand-written cases render and fail exactly as in helm', () => {
		compare(
			FIXED.map((body, i) => ({ id: `c${i}`, body })),
			(c) => `fixed case ${c.id}`,
		);
	});

	/** Samples `count` cases (env `countVariable` overrides) with the shared seed and compares them. */
	function compareGenerated<T>(label: string, countVariable: string, defaultCount: number, arbitrary: fc.Arbitrary<T>, toCase: (sample: T, id: string) => OracleCase): void {
		const count = Number(process.env[countVariable] ?? defaultCount);
		const seed = Number(process.env.BOSUN_TEMPLATE_DIFF_SEED ?? 20261206);
		console.log(`      ${count} ${label}, seed ${seed} (${countVariable} and BOSUN_TEMPLATE_DIFF_SEED to change)`);
		compare(
			fc.sample(arbitrary, { numRuns: count, seed }).map((sample, i) => toCase(sample, `c${i}`)),
			(c) => `${label}, seed ${seed}, case ${c.id}`,
		);
	}

	it('printf with generated verbs, flags, widths and values prints exactly as in helm', () => {
		compareGenerated('printf calls', 'BOSUN_TEMPLATE_DIFF_PRINTF', 300, printfCase, (body, id) => ({ id, body }));
	});

	it('token soup fails to parse (or renders) exactly as in helm', () => {
		compareGenerated('token soups', 'BOSUN_TEMPLATE_DIFF_SOUP', 30, soup, (body, id) => ({ id, body }));
	});

	it('generated templates render and fail exactly as in helm', () => {
		compareGenerated('generated templates', 'BOSUN_TEMPLATE_DIFF_RUNS', 100, templateCase, ({ body, sub }, id) => ({ id, body: body.split('"SUB"').join(`"${id}_sub"`), sub }));
	});
});
