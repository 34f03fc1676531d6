// The Helm engine's function library and YAML on their own, with expectations taken from the Sprig and
// Helm documentation and from helm 3.17's output.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { GoNumber, TemplateSet } from '../../../../server/src/engines/template';
import { helmFunctions } from '../../../../server/src/engines/helm/helmFunctions';
import { marshalGoYaml, parseGoYaml, compareYamlKeys } from '../../../../server/src/engines/helm/goYaml';
import { compileRe2 } from '../../../../server/src/engines/helm/re2';
import { semverCompare } from '../../../../server/src/engines/helm/semver';
import { applySet, ValueOrigins } from '../../../../server/src/engines/helm/values';
import { renderChart, formatHelmTemplateOutput } from '../../../../server/src/engines/helm';

function render(text: string, data: unknown = {}): string {
	const set = new TemplateSet(helmFunctions(), { missingKey: 'zero' });
	set.parse('t', text);
	return set.execute('t', data).text;
}

describe('helm functions', () => {
	it('string functions follow Sprig', () => {
		assert.equal(render('{{ "hello" | upper }} {{ trunc 3 "abcdef" }} {{ trunc -2 "abcdef" }} {{ "  x " | trim }}'), 'HELLO abc ef x');
		assert.equal(render('{{ quote "a\\"b" 1 }} {{ squote "x" }} {{ "a b c" | replace " " "-" }}'), '"a\\"b" "1" \'x\' a-b-c');
		assert.equal(render('{{ "x\\ny" | indent 2 }}|{{ "x" | nindent 2 }}'), '  x\n  y|\n  x');
		assert.equal(render('{{ trimSuffix "-" "a-" }} {{ trimPrefix "v" "v1" }} {{ title "hello world" }} {{ repeat 3 "ab" }}'), 'a 1 Hello World ababab');
		assert.equal(render('{{ splitList "," "a,b" | join "+" }} {{ (split "." "a.b")._1 }} {{ substr 1 3 "abcd" }}'), 'a+b b bc');
	});

	it('integer math returns int64 and float math float64', () => {
		assert.equal(render('{{ add 1 2 3 }} {{ sub 5 7 }} {{ mul 2 3 }} {{ div 7 2 }} {{ mod 7 2 }} {{ max 1 5 3 }} {{ min 4 2 }}'), '6 -2 6 3 1 5 2');
		assert.equal(render('{{ typeOf (add 1 2) }} {{ kindOf 1 }} {{ typeOf 1.5 }} {{ addf 1.1 2.2 }}'), 'int64 int float64 3.3');
		assert.equal(render('{{ 7 | toString }} {{ (toString 8) }}'), '7 8', 'a function named like an Object.prototype method parses');
		assert.equal(render('{{ add1 "41" }} {{ int64 "12" }} {{ int "3.0" }} {{ float64 "1.5" }}'), '42 12 3 1.5');
		assert.throws(() => render('{{ div 1 0 }}'), /error calling div: runtime error: integer divide by zero/);
		assert.throws(() => render('{{ dig "a" "b" "none" (dict "a" 1) }}'), /interface conversion: interface \{\} is int, not map\[string\]interface \{\}/);
		assert.throws(() => render('{{ substr 3 1 "abcd" }}'), /error calling substr: runtime error: slice bounds out of range \[3:1\]/);
		assert.throws(() => render('{{ substr -1 9 "abc" }}'), /slice bounds out of range \[:9\] with length 3/);
		assert.equal(render('{{ substr -1 2 "abc" }} {{ substr 1 -1 "abc" }} {{ substr 1 99 "abc" }}'), 'ab bc bc');
	});

	it('defaults, emptiness, ternary, coalesce and required', () => {
		assert.equal(render('{{ default "d" "" }} {{ default "d" "v" }} {{ empty 0 }} {{ empty (list) }} {{ ternary "y" "n" true }} {{ coalesce "" "b" }}'), 'd v true true y b');
		assert.throws(() => render('{{ required "need it" .missing }}'), /HELM\[need it\]HELM/);
		assert.throws(() => render('{{ fail "stop" }}'), /HELM\[stop\]HELM/);
	});

	it('lists and dicts', () => {
		assert.equal(render('{{ list 1 2 3 | last }} {{ list 1 2 | first }} {{ rest (list 1 2 3) }} {{ uniq (list 1 1 2) }} {{ has 2 (list 1 2) }}'), '3 1 [2 3] [1 2] true');
		assert.equal(render('{{ $d := dict "a" 1 "b" 2 }}{{ keys $d | sortAlpha }} {{ get $d "a" }} {{ hasKey $d "c" }} {{ pick $d "a" }} {{ omit $d "a" }}'), '[a b] 1 false map[a:1] map[b:2]');
		assert.equal(render('{{ $d := dict "a" (dict "x" 1) }}{{ $_ := merge $d (dict "a" (dict "y" 2) "b" 3) }}{{ toJson $d }}'), '{"a":{"x":1,"y":2},"b":3}');
		assert.equal(render('{{ dig "a" "b" "none" (dict "a" (dict "b" "found")) }} {{ until 3 }} {{ seq 3 }}'), 'found [0 1 2] 1 2 3');
	});

	it('encodings and hashes', () => {
		assert.equal(render('{{ b64enc "hello" }} {{ b64dec "aGVsbG8=" }} {{ b32enc "hi" }} {{ sha256sum "a" | trunc 8 }} {{ adler32sum "a" }} {{ sha1sum "a" | trunc 6 }}'), 'aGVsbG8= hello NBUQ==== ca978112 6422626 86f7e4');
	});

	it('regular expressions have RE2 syntax and reject what RE2 rejects', () => {
		assert.equal(render('{{ regexMatch "^[a-z]+\\\\d$" "abc1" }} {{ regexReplaceAll "(a)(b)" "abab" "${2}$1" }} {{ regexFindAll "[0-9]+" "a1b22c333" 2 }}'), 'true baba [1 22]');
		assert.equal(render('{{ regexSplit "," "a,b,c" -1 }} {{ regexQuoteMeta "a.b" }} {{ regexMatch "(?=x)" "x" }}'), '[a b c] a\\.b false');
		assert.throws(() => compileRe2('(?<=a)b'), /invalid or unsupported Perl syntax/);
		assert.throws(() => compileRe2('(a)\\1'), /invalid escape sequence/);
		assert.throws(() => compileRe2('a{1001}'), /invalid repeat count/);
		assert.equal(compileRe2('\\s+').test('\u00a0'), false, 'RE2 \\s is ASCII whitespace only');
		assert.equal(compileRe2('[[:alpha:]]+').test('abc'), true);
	});

	it('semverCompare follows Masterminds semver', () => {
		assert.equal(semverCompare('>=1.19-0', 'v1.32.0'), true);
		assert.equal(semverCompare('>=1.19', '1.20.0-rc.1'), false, 'a pre-release needs a pre-release constraint');
		assert.equal(semverCompare('~1.2.3', '1.2.9'), true);
		assert.equal(semverCompare('^1.2', '2.0.0'), false);
		assert.equal(semverCompare('1.2 - 1.4', '1.3.7'), true);
		assert.equal(semverCompare('<1.0.0 || >=2.0.0', '2.1.0'), true);
		assert.equal(render('{{ (semver "1.2.3").Minor }}'), '2');
	});

	it('toYaml writes go-yaml v2 text: sorted keys, unindented sequences, quoting only when needed', () => {
		const value = { b: [1, 'yes', 'a: b'], a: { '1': 1.5, x: null }, c: 'line1\nline2\n', d: 1e6, e: 'y' };
		assert.equal(marshalGoYaml(value), 'a:\n  "1": 1.5\n  x: null\nb:\n- 1\n- "yes"\n- \'a: b\'\nc: |\n  line1\n  line2\nd: 1000000\ne: "y"\n');
		assert.equal(render('{{ toYaml .x }}', { x: { k: 'v' } }), 'k: v');
		assert.ok(['a10', 'a9', '_x', 'B'].sort(compareYamlKeys).join(',') === '_x,B,a9,a10');
	});

	it('fromYaml reads YAML 1.1 scalars as go-yaml does, numbers as float64', () => {
		const parsed = parseGoYaml('a: yes\nb: 0755\nc: 1.0\nd: "1"\n').value;
		assert.deepEqual(parsed, { a: true, b: 493, c: 1, d: '1' });
		assert.equal(render('{{ (fromYaml "a: [") | toJson }}').startsWith('{"Error":'), true);
		assert.equal(render('{{ fromYamlArray "- 1\\n- x" | toJson }}'), '[1,"x"]');
	});

	it('toJson escapes HTML as encoding/json does; toToml writes TOML', () => {
		assert.equal(render('{{ toJson .x }}', { x: { a: '<b>', n: 1.5 } }), '{"a":"\\u003cb\\u003e","n":1.5}');
		assert.equal(render('{{ toToml .x }}', { x: { a: 'v', t: { k: 1n } } }), 'a = "v"\n\n[t]\n  k = 1\n');
	});

	it('random and time functions are deterministic', () => {
		assert.equal(render('{{ randAlphaNum 5 }} {{ uuidv4 }} {{ now | date "2006-01-02" }}'), '01234 00000000-0000-4000-8000-000000000000 2024-01-01');
		assert.equal(render('{{ lookup "v1" "Secret" "ns" "name" | len }}'), '0');
	});
});

describe('helm --set parsing', () => {
	function set(text: string, asString = false): unknown {
		const data = {};
		applySet(data, text, asString, new ValueOrigins());
		return data;
	}

	it('reads paths, lists, indexes and types as strvals does', () => {
		const v = set('a.b=1,c=true,d=null,e=007,f={x,y},g[1].h=z') as Record<string, unknown>;
		assert.ok(v.a && (v.a as { b: unknown }).b instanceof GoNumber);
		assert.equal(v.c, true);
		assert.equal(v.d, null);
		assert.equal(v.e, '007');
		assert.deepEqual(v.f, ['x', 'y']);
		assert.deepEqual(v.g, [null, { h: 'z' }]);
		assert.deepEqual(set('a=1', true), { a: '1' });
		assert.deepEqual(set('a\\.b=c'), { 'a.b': 'c' });
		assert.throws(() => set('a'), /key "a" has no value/);
	});
});

describe('renderChart', () => {
	const chart = (templates: Record<string, string>, values = 'x: 1\n') =>
		new Map<string, string>([['Chart.yaml', 'apiVersion: v2\nname: c\nversion: 0.1.0\n'], ['values.yaml', values], ...Object.entries(templates)]);

	it('returns errors instead of throwing, worded as Helm does', () => {
		assert.deepEqual(renderChart(chart({ 'templates/a.yaml': '{{ fail "boom" }}' })).errors.map((e) => e.message), ['execution error at (c/templates/a.yaml:1:3): boom']);
		assert.deepEqual(renderChart(chart({ 'templates/a.yaml': '{{ nope 1 }}' })).errors.map((e) => e.message), ['parse error at (c/templates/a.yaml:1): function "nope" not defined']);
		assert.match(renderChart(new Map([['values.yaml', 'a: 1']])).errors[0].message, /Chart.yaml/);
		// tpl's text is a template named gotpl, its errors wrapped as Helm 3.17 wraps them
		assert.deepEqual(renderChart(chart({ 'templates/a.yaml': 'a: {{ tpl "{{ .Values.q.y }}" . }}' })).errors.map((e) => e.message), [
			'template: c/templates/a.yaml:1:6: executing "c/templates/a.yaml" at <tpl "{{ .Values.q.y }}" .>: error calling tpl: error during tpl function execution for "{{ .Values.q.y }}": template: gotpl:1:10: executing "gotpl" at <.Values.q.y>: nil pointer evaluating interface {}.y',
		]);
		assert.deepEqual(renderChart(chart({ 'templates/a.yaml': 'a: {{ tpl "{{ nope }}" . }}' })).errors.map((e) => e.message), [
			'template: c/templates/a.yaml:1:6: executing "c/templates/a.yaml" at <tpl "{{ nope }}" .>: error calling tpl: cannot parse template "{{ nope }}": template: gotpl:1: function "nope" not defined',
		]);
		assert.equal(renderChart(new Map([['Chart.yaml', 'apiVersion: v2\nname: lib\nversion: 1.0.0\ntype: library\n']])).errors[0].message, 'library charts are not installable');
	});

	it('tpl of an empty text or of defines only renders nothing (the calling template does not run again)', () => {
		const r = renderChart(chart({ 'templates/a.yaml': 'a: {{ tpl .Values.empty $ | quote }}\nb: {{ tpl "{{ define \\"z\\" }}z{{ end }}" . | quote }}\n' }, 'empty: ""\n'));
		assert.deepEqual(r.errors, []);
		assert.equal(formatHelmTemplateOutput(r), '---\n# Source: c/templates/a.yaml\na: ""\nb: ""\n');
	});

	it('places a YAML error of the output on the template text that printed it', () => {
		const template = 'kind: A\nmetadata:\n  name: x\nbad: a: b\n';
		const r = renderChart(chart({ 'templates/a.yaml': template }));
		assert.equal(r.errors.length, 1);
		assert.equal(r.errors[0].message, 'YAML parse error on c/templates/a.yaml: error converting YAML to JSON: yaml: mapping values are not allowed in this context');
		assert.equal(r.errors[0].file, 'templates/a.yaml');
		assert.ok(r.errors[0].srcStart >= template.indexOf('bad') && r.errors[0].srcStart < template.length, String(r.errors[0].srcStart));
	});

	it('words YAML errors of the output as go-yaml does (messages taken from helm 3.17)', () => {
		const cases: [string, string][] = [
			['a: 1\nb\nc: 2\n', "yaml: line 3: could not find expected ':'"],
			['a: b: c\n', 'yaml: mapping values are not allowed in this context'],
			['a:\n  - x\n y: 1\n', 'yaml: line 2: did not find expected key'],
			['a:\n\tb: 1\n', 'yaml: line 2: found character that cannot start any token'],
			['a: [1, 2\n', "yaml: line 1: did not find expected ',' or ']'"],
			['a: "x\n', 'yaml: found unexpected end of stream'],
			['a: *nope\n', "yaml: unknown anchor 'nope' referenced"],
		];
		for (const [output, message] of cases) {
			const r = renderChart(chart({ 'templates/a.yaml': output }));
			assert.deepEqual(r.errors.map((e) => e.message), [`YAML parse error on c/templates/a.yaml: error converting YAML to JSON: ${message}`], output);
		}
	});

	it('stops an endless range with a clear error', () => {
		const r = renderChart(chart({ 'templates/a.yaml': '{{ range until 100000000 }}x{{ end }}' }));
		assert.equal(r.manifests.length, 0);
		assert.equal(r.errors.length, 1);
	});

	it('drops <no value>, empty files and partials, and maps output to template text and values', () => {
		const r = renderChart(chart({ 'templates/_p.tpl': '{{ define "p" }}x{{ end }}', 'templates/empty.yaml': '{{ if false }}a: 1{{ end }}', 'templates/a.yaml': 'kind: ConfigMap\nv: {{ .Values.x }}\nm: {{ .Values.missing }}\n' }));
		assert.deepEqual(r.errors, []);
		assert.equal(formatHelmTemplateOutput(r), '---\n# Source: c/templates/a.yaml\nkind: ConfigMap\nv: 1\nm:\n');
		const valueSegment = r.manifests[0].segments.find((s) => s.value);
		assert.deepEqual(valueSegment?.value, { file: 'values.yaml', path: ['x'] });
		assert.equal(r.manifests[0].file, 'templates/a.yaml');
	});

	it('knows which values file (or --set) each printed value came from', () => {
		// (not `y`: YAML 1.1 reads the key `y` as true, and so does Helm)
		const files = chart({ 'templates/a.yaml': 'p: {{ .Values.a.p }}\nq: {{ .Values.a.q }}\nr: {{ .Values.a.r }}\nw: {{ .Values.w }}\n' }, 'a:\n  p: 1\n  q: 2\nw: 3\n');
		const r = renderChart(files, { valueFiles: [{ path: 'prod.yaml', text: 'a:\n  q: 20\n' }], set: ['a.r=30'] });
		assert.equal(formatHelmTemplateOutput(r), '---\n# Source: c/templates/a.yaml\np: 1\nq: 20\nr: 30\nw: 3\n');
		assert.deepEqual(r.errors, []);
		const refs = r.manifests[0].segments.filter((s) => s.value).map((s) => s.value);
		assert.deepEqual(refs, [
			{ file: 'values.yaml', path: ['a', 'p'] },
			{ file: 'prod.yaml', path: ['a', 'q'] },
			{ file: '<set>', path: ['a', 'r'] },
			{ file: 'values.yaml', path: ['w'] },
		]);
	});

	it('keeps a value\'s origin through toYaml, nindent, quote and default, not through text transformations', () => {
		const files = chart({ 'templates/a.yaml': 'labels: {{- toYaml .Values.labels | nindent 2 }}\ntag: {{ .Values.tag | quote }}\nd: {{ .Values.missing | default .Values.tag }}\nu: {{ upper .Values.tag }}\n' }, 'labels:\n  app: web\ntag: v1\n');
		const r = renderChart(files);
		assert.deepEqual(r.errors, []);
		const m = r.manifests[0];
		const valueAt = (needle: string) => m.segments.find((s) => s.outStart <= m.text.indexOf(needle) && m.text.indexOf(needle) < s.outEnd)?.value;
		assert.deepEqual(valueAt('app: web'), { file: 'values.yaml', path: ['labels'] });
		assert.deepEqual(valueAt('"v1"'), { file: 'values.yaml', path: ['tag'] });
		assert.deepEqual(valueAt('d: v1') ?? valueAt('v1\nu'), { file: 'values.yaml', path: ['tag'] });
		assert.equal(valueAt('V1'), undefined);
	});

	it('attributes a subchart default to the subchart\'s values.yaml', () => {
		const files = chart({ 'templates/a.yaml': 'a: 1\n', 'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.0.0\n', 'charts/sub/values.yaml': 'port: 80\nname: s\n', 'charts/sub/templates/s.yaml': 'port: {{ .Values.port }}\nname: {{ .Values.name }}\n' }, 'sub:\n  name: parent-set\n');
		const r = renderChart(files);
		const sub = r.manifests.find((m) => m.source === 'c/charts/sub/templates/s.yaml')!;
		assert.deepEqual(sub.segments.filter((s) => s.value).map((s) => s.value), [
			{ file: 'charts/sub/values.yaml', path: ['port'] },
			{ file: 'values.yaml', path: ['sub', 'name'] },
		]);
		assert.equal(sub.file, 'charts/sub/templates/s.yaml');
	});

	it('keeps the source map aligned after removing <no value>', () => {
		const r = renderChart(chart({ 'templates/a.yaml': 'kind: A\na: {{ .Values.missing }}{{ .Values.missing }}-{{ .Values.x }}\n' }));
		const m = r.manifests[0];
		assert.equal(m.text, 'kind: A\na: -1');
		for (const s of m.segments) {
			const src = 'kind: A\na: {{ .Values.missing }}{{ .Values.missing }}-{{ .Values.x }}\n'.slice(s.srcStart, s.srcEnd);
			if (s.kind === 'text') assert.equal(m.text.slice(s.outStart, s.outEnd), src);
			else assert.match(src, /^\{\{.*\}\}$/);
		}
		const x = m.segments.find((s) => s.value);
		assert.equal(m.text.slice(x!.outStart, x!.outEnd), '1');
	});

	it('keeps the bytes of a binary file through .Files.Get into b64enc and sha256sum', () => {
		const binary = new Uint8Array([0x42, 0x5a, 0x68, 0x39, 0xff, 0xfe, 0x00, 0xc3, 0x28, 0xe2, 0x82, 0xac]);
		const files = new Map<string, string | Uint8Array>([...chart({ 'templates/a.yaml': 'b64: {{ .Files.Get "f.bin" | b64enc }}\nsum: {{ .Files.Get "f.bin" | sha256sum }}\n' }), ['f.bin', binary]]);
		const output = formatHelmTemplateOutput(renderChart(files));
		assert.match(output, new RegExp(`b64: ${Buffer.from(binary).toString('base64').replace(/[+/]/g, '\\$&')}\n`));
		assert.match(output, new RegExp(`sum: ${createHash('sha256').update(binary).digest('hex')}`));
	});

	it('never reads files outside the chart through .Files', () => {
		const r = renderChart(chart({ 'templates/a.yaml': 'a: {{ .Files.Get "../../etc/passwd" | quote }}\nb: {{ .Files.Get "f.txt" | quote }}\n', 'f.txt': 'in' }));
		assert.equal(formatHelmTemplateOutput(r), '---\n# Source: c/templates/a.yaml\na: ""\nb: "in"\n');
	});
});
