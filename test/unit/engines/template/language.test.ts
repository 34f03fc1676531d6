import assert from 'node:assert/strict';
import { GO_METHODS, TemplateError, TemplateSet } from '../../../../server/src/engines/template';
import { failure, NAME, render } from './helpers';

class Release {
	static goType = '*chart.Release';
	constructor(
		public Name: string,
		public Revision: bigint,
	) {}
	Greet(who: string): string {
		return `hello ${who} from ${this.Name}`;
	}
	Fail(): string {
		throw new Error('method failed');
	}
}

describe('template engine: language', () => {
	describe('text and actions', () => {
		it('copies text and prints actions', () => {
			assert.equal(render('a {{ "b" }} c'), 'a b c');
			assert.equal(render('{{ 1 }}{{ 2 }}'), '12');
		});

		it('trims spaces with {{- and -}} only when followed or preceded by a space', () => {
			assert.equal(render('a  \n {{- "b" -}} \n  c'), 'abc');
			assert.equal(render('a {{- "b" }} c'), 'ab c');
			assert.equal(render('{{ 3 }} {{- 4 }}'), '34');
			assert.equal(render('{{-3}}'), '-3');
			assert.equal(render('x\n\t {{- /* comment */ -}} \n y'), 'xy');
		});

		it('drops comments', () => {
			assert.equal(render('a{{/* a comment */}}b'), 'ab');
			assert.equal(render('a{{- /* multi\nline */}} b'), 'a b');
		});

		it('allows newlines inside actions', () => {
			assert.equal(render('{{ if\n true }}x{{ end }}'), 'x');
		});

		it('prints <no value> for a missing key and <nil> only through fmt', () => {
			assert.equal(render('{{ .nope }}|{{ print .nope }}|{{ printf "%v" .nope }}'), '<no value>|<nil>|<nil>');
		});
	});

	it('the examples of the Go documentation all print "output"', () => {
		const examples = [
			'{{"\\"output\\""}}',
			'{{`"output"`}}',
			'{{printf "%q" "output"}}',
			'{{"output" | printf "%q"}}',
			'{{printf "%q" (print "out" "put")}}',
			'{{"put" | printf "%s%s" "out" | printf "%q"}}',
			'{{"output" | printf "%s" | printf "%q"}}',
			'{{with "output"}}{{printf "%q" .}}{{end}}',
			'{{with $x := "output" | printf "%q"}}{{$x}}{{end}}',
			'{{with $x := "output"}}{{printf "%q" $x}}{{end}}',
			'{{with $x := "output"}}{{$x | printf "%q"}}{{end}}',
		];
		assert.deepEqual(examples.map((t) => render(t)), examples.map(() => '"output"'));
	});

	describe('literals', () => {
		it('ints, floats, chars, hex, octal, strings and raw strings', () => {
			assert.equal(render('{{ 1 }} {{ 1.0 }} {{ 1e3 }} {{ 0x1F }} {{ 010 }} {{ 0b11 }} {{ \'a\' }} {{ -2 }} {{ 1.5e-7 }}'), '1 1 1000 31 8 3 97 -2 1.5e-07');
			assert.equal(render("{{ '\\n' }} {{ '\\x41' }} {{ '\\u00e9' }} {{ '\\'' }} {{ 'é' }}"), '10 65 233 39 233');
			assert.equal(render('{{ printf "%T %T %T %T" 1 1.0 \'a\' 0x10 }}'), 'int float64 int int');
			assert.equal(render('{{ "a\\tb\\u00e9\\x41" }}|{{ `raw\\n` }}'), 'a\tbéA|raw\\n');
			assert.equal(render('{{ true }} {{ false }}'), 'true false');
		});

		it('reports malformed numbers and strings with Go words', () => {
			assert.equal(failure('{{ 9223372036854775808 }}'), `template: ${NAME}:1:3: executing "${NAME}" at <9223372036854775808>: 9223372036854775808 overflows int`);
			assert.equal(failure('{{ 3k }}'), `template: ${NAME}:1: bad number syntax: "3k"`);
			assert.equal(failure('{{ "abc }}'), `template: ${NAME}:1: unterminated quoted string`);
			assert.equal(failure('{{ "\\q" }}'), `template: ${NAME}:1: invalid syntax`);
		});
	});

	describe('fields, variables and methods', () => {
		it('walks field chains on maps', () => {
			assert.equal(render('{{ .a.b.c }}', { a: { b: { c: 'deep' } } }), 'deep');
			assert.equal(render('{{ $.a }}{{ with .a }}{{ $.a.b.c }}{{ end }}', { a: { b: { c: 'x' } } }), 'map[b:map[c:x]]x');
		});

		it('never reads inherited properties of a map', () => {
			assert.equal(render('{{ .constructor }}|{{ .toString }}|{{ .__proto__ }}', {}), '<no value>|<no value>|<no value>');
		});

		it('declares, assigns and scopes variables per block', () => {
			assert.equal(render('{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ end }}{{ $x }}'), '2');
			assert.equal(failure('{{ if true }}{{ $y := 3 }}{{ end }}{{ $y }}'), `template: ${NAME}:1: undefined variable "$y"`);
			assert.equal(render('{{ $x := .a }}{{ $x.b }}', { a: { b: 'v' } }), 'v');
		});

		it('reads struct fields and calls methods with arguments', () => {
			const data = { Release: new Release('web', 3n) };
			assert.equal(render('{{ .Release.Name }} {{ .Release.Revision }} {{ .Release.Greet "you" }} {{ "me" | .Release.Greet }}', data), 'web 3 hello you from web hello me from web');
			// a struct read out of a map is an interface {} to Go; the struct's own type shows when it is dot
			assert.equal(failure('{{ .Release.Nope }}', data), `template: ${NAME}:1:11: executing "${NAME}" at <.Release.Nope>: can't evaluate field Nope in type interface {}`);
			assert.equal(failure('{{ .Nope }}', data.Release), `template: ${NAME}:1:3: executing "${NAME}" at <.Nope>: can't evaluate field Nope in type *chart.Release`);
			assert.equal(failure('{{ .Release.Name 1 }}', data), `template: ${NAME}:1:11: executing "${NAME}" at <.Release.Name>: Name has arguments but cannot be invoked as function`);
			assert.equal(failure('{{ .Release.Fail }}', data), `template: ${NAME}:1:11: executing "${NAME}" at <.Release.Fail>: error calling Fail: method failed`);
		});

		it('a map may carry methods (GO_METHODS), looked up before its keys as for Helm\'s Files', () => {
			const files = { 'a.txt': new Uint8Array([104]) };
			Object.defineProperty(files, GO_METHODS, { value: { Get: (name: unknown) => `content of ${String(name)}` } });
			assert.equal(render('{{ .Files.Get "a.txt" }}', { Files: files }), 'content of a.txt');
		});

		it('names of Object.prototype are neither keywords nor functions unless defined', () => {
			assert.equal(render('{{ toString 1 }}', {}, { funcs: { toString: (v: unknown) => `s${String(v)}` } }), 's1');
			assert.equal(failure('{{ constructor }}'), `template: ${NAME}:1: function "constructor" not defined`);
			assert.equal(failure('{{ hasOwnProperty 1 }}'), `template: ${NAME}:1: function "hasOwnProperty" not defined`);
		});

		it('a getter of a struct reads as a field', () => {
			class Version {
				static goType = '*semver.Version';
				get Major(): bigint {
					return 1n;
				}
			}
			assert.equal(render('{{ .v.Major }}', { v: new Version() }), '1');
			assert.equal(failure('{{ .v.Major 2 }}', { v: new Version() }), `template: ${NAME}:1:5: executing "${NAME}" at <.v.Major>: Major has arguments but cannot be invoked as function`);
		});

		it('field of a parenthesized pipeline', () => {
			assert.equal(render('{{ (index .l 0).name }}', { l: [{ name: 'first' }] }), 'first');
		});

		it('Go errors for fields of non-maps and nil', () => {
			assert.equal(failure('{{ $x := 1 }}{{ $x.foo }}'), `template: ${NAME}:1:18: executing "${NAME}" at <$x.foo>: can't evaluate field foo in type int`);
			assert.equal(failure('{{ .a.b.c }}', { a: 1 }), `template: ${NAME}:1:5: executing "${NAME}" at <.a.b.c>: can't evaluate field b in type interface {}`);
			assert.equal(failure('{{ .a.b }}', { a: null }), `template: ${NAME}:1:5: executing "${NAME}" at <.a.b>: nil pointer evaluating interface {}.b`);
			assert.equal(failure('{{ .a 1 }}', { a: 1 }), `template: ${NAME}:1:3: executing "${NAME}" at <.a>: a is not a method but has arguments`);
			assert.equal(failure('{{ nil }}'), `template: ${NAME}:1:3: executing "${NAME}" at <nil>: nil is not a command`);
			assert.equal(failure('{{ 1 2 }}'), `template: ${NAME}:1:3: executing "${NAME}" at <1>: can't give argument to non-function 1`);
		});
	});

	describe('missing keys', () => {
		const data = { a: {} };
		it('default: no value, and fields of no value are no value', () => {
			assert.equal(render('{{ .a.nope }}|{{ .a.nope.deeper }}', data), '<no value>|<no value>');
		});
		it('zero: a nil interface, whose fields are a nil pointer error', () => {
			assert.equal(render('{{ .a.nope }}', data, { missingKey: 'zero' }), '<no value>');
			assert.equal(failure('{{ .a.nope.deeper }}', data, { missingKey: 'zero' }), `template: ${NAME}:1:5: executing "${NAME}" at <.a.nope.deeper>: nil pointer evaluating interface {}.deeper`);
		});
		it('error: map has no entry for key', () => {
			assert.equal(failure('{{ .a.nope }}', data, { missingKey: 'error' }), `template: ${NAME}:1:5: executing "${NAME}" at <.a.nope>: map has no entry for key "nope"`);
		});
	});

	describe('pipelines', () => {
		it('passes the piped value as the last argument', () => {
			assert.equal(render('{{ "b" | printf "%s-%s" "a" }}'), 'a-b');
			assert.equal(render('{{ 3 | eq 3 }} {{ 2 | lt 1 }}'), 'true true');
		});
		it('parenthesized pipelines', () => {
			assert.equal(render('{{ printf "%d" (len (print "abc")) }}'), '3');
		});
		it('rejects a literal after the first stage', () => {
			assert.equal(failure('{{ 1 | 2 }}'), `template: ${NAME}:1: non executable command in pipeline stage 2`);
		});
	});

	describe('if / else if / else', () => {
		it('follows Go truthiness', () => {
			const t = '{{ if . }}T{{ else }}F{{ end }}';
			const truth = [true, 1n, -1n, 0.5, 'x', [0], { k: 0 }, new Release('a', 1n)].map((v) => render(t, v));
			const falsity = [false, 0n, 0, '', [], {}, null, undefined].map((v) => render(t, v));
			assert.deepEqual(truth, ['T', 'T', 'T', 'T', 'T', 'T', 'T', 'T']);
			assert.deepEqual(falsity, ['F', 'F', 'F', 'F', 'F', 'F', 'F', 'F']);
		});
		it('chains else if', () => {
			const t = '{{ if eq . 1 }}one{{ else if eq . 2 }}two{{ else }}many{{ end }}';
			assert.deepEqual([1n, 2n, 3n].map((v) => render(t, v)), ['one', 'two', 'many']);
		});
		it('variables declared in the condition are visible in both branches', () => {
			assert.equal(render('{{ if $x := .a }}{{ $x }}{{ else }}none {{ $x }}{{ end }}', { a: '' }), 'none ');
		});
	});

	describe('with', () => {
		it('sets dot, else and else with', () => {
			assert.equal(render('{{ with .a }}{{ . }}{{ end }}', { a: 'x' }), 'x');
			assert.equal(render('{{ with .a }}{{ . }}{{ else }}none{{ end }}', { a: '' }), 'none');
			assert.equal(render('{{ with .a }}a{{ else with .b }}{{ . }}{{ else }}none{{ end }}', { a: 0n, b: 'b' }), 'b');
		});
	});

	describe('range', () => {
		it('arrays, with one and two variables', () => {
			assert.equal(render('{{ range . }}{{ . }},{{ end }}', ['a', 'b']), 'a,b,');
			assert.equal(render('{{ range $v := . }}{{ $v }}{{ end }}', ['a', 'b']), 'ab');
			assert.equal(render('{{ range $i, $v := . }}{{ $i }}={{ $v }} {{ end }}', ['a', 'b']), '0=a 1=b ');
		});
		it('maps in sorted key order', () => {
			assert.equal(render('{{ range $k, $v := . }}{{ $k }}={{ $v }} {{ end }}', { b: 2n, a: 1n, C: 3n }), 'C=3 a=1 b=2 ');
		});
		it('map keys in Go string order (code points), bytes as uint8', () => {
			assert.equal(render('{{ range $k, $v := . }}{{ $k }}{{ end }}', { '\u{1F600}': 1, '\uFFFD': 2, b: 3, B: 4 }), 'Bb\uFFFD\u{1F600}');
			assert.equal(render('{{ range . }}{{ printf "%T=%v " . . }}{{ end }}', new Uint8Array([104, 105])), 'uint8=104 uint8=105 ');
		});
		it('integers', () => {
			assert.equal(render('{{ range 3 }}{{ . }}{{ end }}|{{ range $i := 2 }}{{ $i }}{{ end }}|{{ range 0 }}x{{ else }}empty{{ end }}'), '012|01|empty');
			assert.equal(failure('{{ range $i, $v := 3 }}{{ end }}'), `template: ${NAME}:1:19: executing "${NAME}" at <3>: can't use 3 to iterate over more than one variable`);
		});
		it('else for empty collections and no value', () => {
			assert.equal(render('{{ range .l }}x{{ else }}empty{{ end }}', { l: [] }), 'empty');
			assert.equal(render('{{ range .nope }}x{{ else }}empty{{ end }}', {}), 'empty');
			assert.equal(render('{{ range .m }}x{{ else }}empty{{ end }}', { m: {} }), 'empty');
		});
		it('break and continue', () => {
			assert.equal(render('{{ range . }}{{ if eq . 3 }}{{ break }}{{ end }}{{ if eq . 1 }}{{ continue }}{{ end }}{{ . }}{{ end }}', [0n, 1n, 2n, 3n, 4n]), '02');
			assert.equal(failure('{{ break }}'), `template: ${NAME}:1: {{break}} outside {{range}}`);
		});
		it('cannot range over a scalar', () => {
			assert.equal(failure('{{ range 3.5 }}x{{ end }}'), `template: ${NAME}:1:9: executing "${NAME}" at <3.5>: range can't iterate over 3.5`);
			assert.equal(failure('{{ range "abc" }}x{{ end }}'), `template: ${NAME}:1:9: executing "${NAME}" at <"abc">: range can't iterate over abc`);
		});
		it('the variables of an iteration do not leak into the next one', () => {
			assert.equal(render('{{ range . }}{{ $x := . }}{{ $x }}{{ end }}', ['a', 'b']), 'ab');
		});
		it('assignment form range $i, $v = ...', () => {
			assert.equal(render('{{ $i := 0 }}{{ $v := 0 }}{{ range $i, $v = . }}{{ end }}{{ $i }}{{ $v }}', ['a', 'b']), '1b');
		});
	});

	describe('define, template, block', () => {
		it('defines and calls templates with a pipeline as dot', () => {
			assert.equal(render('{{ define "t" }}<{{ . }}>{{ end }}{{ template "t" "x" }}{{ template "t" }}'), '<x><<no value>>');
		});
		it('templates see only their own variables', () => {
			assert.equal(failure('{{ define "t" }}{{ $x }}{{ end }}{{ $x := 1 }}{{ template "t" }}'), `template: ${NAME}:1: undefined variable "$x"`);
		});
		it('block defines and runs a template; a later define replaces it', () => {
			assert.equal(render('{{ block "b" . }}default {{ . }}{{ end }}', 'x'), 'default x');
			const set = new TemplateSet({});
			set.parse('base', '[{{ block "content" . }}base{{ end }}]');
			set.parse('override', '{{ define "content" }}over{{ end }}');
			assert.equal(set.execute('base', null).text, '[over]');
		});
		it('reports a missing template and duplicate definitions', () => {
			assert.equal(failure('{{ template "q" }}'), `template: ${NAME}:1:12: executing "${NAME}" at <{{template "q"}}>: template "q" not defined`);
			assert.equal(failure('{{ define "a" }}1{{ end }}{{ define "a" }}2{{ end }}'), `template: ${NAME}:1: template: multiple definition of template "a"`);
		});
		it('has() and names() list the templates', () => {
			const set = new TemplateSet({});
			set.parse('main', '{{ define "b" }}{{ end }}{{ define "a" }}x{{ end }}');
			assert.deepEqual(set.names(), ['a', 'b', 'main']);
			assert.equal(set.has('a'), true);
			assert.equal(set.has('c'), false);
		});
		it('an error inside a define names the executing template and the file position', () => {
			const set = new TemplateSet({});
			set.parse('x/templates/_helpers.tpl', '{{ define "h" }}\n  {{ .a.b }}{{ end }}');
			set.parse(NAME, 'a: {{ template "h" . }}');
			assert.throws(() => set.execute(NAME, { a: 1n }), (e: TemplateError) => {
				assert.equal(e.goMessage, 'template: x/templates/_helpers.tpl:2:7: executing "h" at <.a.b>: can\'t evaluate field b in type interface {}');
				assert.equal(e.file, 'x/templates/_helpers.tpl');
				assert.equal(e.templateName, 'h');
				return true;
			});
		});
	});

	describe('parse errors', () => {
		const cases: [string, string][] = [
			['{{ foo }}', 'function "foo" not defined'],
			['{{ if true }}', 'unexpected EOF'],
			['{{ end }}', 'unexpected {{end}}'],
			['{{ else }}', 'unexpected {{else}}'],
			['{{ if }}{{ end }}', 'missing value for if'],
			['{{ .a', 'unclosed action'],
			['{{ (1 }}', 'unclosed left paren'],
			['{{ 1) }}', 'unexpected right paren'],
			['{{ $x }}', 'undefined variable "$x"'],
			['{{ .a# }}', "bad character U+0023 '#'"],
			['{{ .a}x }}', "bad character U+007D '}'"],
			["{{ '' }}", 'invalid syntax'],
			['{{$x)}}', 'undefined variable "$x"'],
			['{{$x.s/* -}}', 'undefined variable "$x"'],
			["{{ 'ab' }}", "malformed character constant: 'ab'"],
			["{{ '\\q' }}", 'invalid syntax'],
			['{{$i}with }}', "bad character U+007D '}'"],
			['{{ template .x }}', 'unexpected ".x" in template clause'],
			['{{ template . }}', 'unexpected <.> in template clause'],
			['{{/* x */ }}', 'comment ends before closing delimiter'],
			['{{/* x', 'unclosed comment'],
			['{{ range $a, $b, $c := . }}{{ end }}', 'too many declarations in range'],
			['{{ 1 . }}', 'missing value for command'],
		];
		for (const [text, message] of cases) {
			it(`${text} -> ${message}`, () => {
				if (message === 'missing value for command') {
					// a literal followed by dot is two operands of one command: a runtime error in Go
					assert.match(failure(text), /can't give argument to non-function 1/);
					return;
				}
				assert.equal(failure(text), `template: ${NAME}:1: ${message}`);
			});
		}
		it('counts lines and says where a multi-line action started', () => {
			assert.equal(failure('a\nb\n{{ if true }}\n{{ nope }}{{ end }}'), `template: ${NAME}:4: function "nope" not defined`);
			assert.equal(failure('{{ "a"\n\n  |'), `template: ${NAME}:3: unclosed action started at ${NAME}:1`);
			// the line of the last token read: the parser looked past $x for a := on line 2
			assert.equal(failure('{{- $x\nbreak }}'), `template: ${NAME}:2: undefined variable "$x"`);
		});
		it('a parse error carries the file and offsets of the bad token', () => {
			const set = new TemplateSet({});
			assert.throws(() => set.parse('t', 'ok {{ nope 1 }}', 'chart/templates/t.yaml'), (e: TemplateError) => {
				assert.equal(e.file, 'chart/templates/t.yaml');
				assert.equal('ok {{ nope 1 }}'.slice(e.srcStart, e.srcEnd), 'nope');
				return true;
			});
		});
	});
});
