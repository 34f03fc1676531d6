import assert from 'node:assert/strict';
import { segmentAt, TemplateError, TemplateSet, type CallContext, type ExecuteOptions, type Rendered, type ValueRef } from '../../../../server/src/engines/template';

const PASSTHROUGH = new Set(['quote', 'toYaml', 'nindent', 'indent', 'default', 'toString', 'int', 'trim']);

const funcs = {
	quote: (v: unknown) => `"${String(v)}"`,
	upper: (v: unknown) => String(v).toUpperCase(),
	default: (fallback: unknown, v: unknown) => (v === null || v === '' ? fallback : v),
	include(this: CallContext, name: unknown, data: unknown) {
		return this.include(String(name), data);
	},
};

const funcsWithTpl = {
	tpl(this: CallContext, text: unknown, data: unknown) {
		return this.tpl(String(text), data);
	},
};

/** Every character of the output is covered, in order, and text segments copy their source. */
function assertWellFormed(rendered: Rendered, sources: Record<string, string>): void {
	let at = 0;
	for (const s of rendered.segments) {
		assert.equal(s.outStart, at, 'segments are contiguous');
		assert.ok(s.outEnd > s.outStart, 'segments are not empty');
		const source = sources[s.file];
		assert.ok(source !== undefined, `segment file ${s.file} is a parsed file`);
		if (s.kind === 'text') assert.equal(rendered.text.slice(s.outStart, s.outEnd), source.slice(s.srcStart, s.srcEnd));
		else assert.match(source.slice(s.srcStart, s.srcEnd), /^\{\{[\s\S]*\}\}$/);
		at = s.outEnd;
	}
	assert.equal(at, rendered.text.length, 'segments cover the output');
}

function setup(main: string, helpers = '') {
	const sources: Record<string, string> = { 'templates/main.yaml': main, 'templates/_helpers.tpl': helpers };
	const set = new TemplateSet(funcs);
	set.parse('chart/templates/_helpers.tpl', helpers, 'templates/_helpers.tpl');
	set.parse('chart/templates/main.yaml', main, 'templates/main.yaml');
	const values = { image: { repository: 'nginx', tag: 'v1' }, ports: [{ name: 'http', port: 80n }], replicas: 3n, labels: { app: 'web' }, empty: '' };
	const options: ExecuteOptions = { originOf: (c) => (c === values ? { file: 'values.yaml', path: [] } : undefined), passthrough: PASSTHROUGH };
	const rendered = set.execute('chart/templates/main.yaml', { Values: values, Release: { Name: 'r' } }, options);
	assertWellFormed(rendered, sources);
	return { rendered, sources, values, set, options };
}

/** The value ref of the action segment whose source is `action`. */
function valueOf(rendered: Rendered, sources: Record<string, string>, action: string): ValueRef | undefined | 'no segment' {
	const segment = rendered.segments.find((s) => s.kind === 'action' && sources[s.file].slice(s.srcStart, s.srcEnd) === action);
	return segment ? segment.value : 'no segment';
}

describe('template engine: source map', () => {
	it('text and action segments cover the output, with trimmed text mapped to what was copied', () => {
		const main = 'a: {{ .Values.replicas }}\nb:   {{- "x" -}}   \nc: {{ if true }}yes{{ end }}\n';
		const { rendered } = setup(main);
		assert.equal(rendered.text, 'a: 3\nb:xc: yes\n');
		assert.deepEqual(
			rendered.segments.map((s) => [s.kind, rendered.text.slice(s.outStart, s.outEnd), main.slice(s.srcStart, s.srcEnd)]),
			[
				['text', 'a: ', 'a: '],
				['action', '3', '{{ .Values.replicas }}'],
				['text', '\nb:', '\nb:'],
				['action', 'x', '{{- "x" -}}'],
				['text', 'c: ', 'c: '],
				['text', 'yes', 'yes'],
				['text', '\n', '\n'],
			],
		);
	});

	it('text written by a template call points into the called template\'s file; include output is one action', () => {
		const helpers = '{{ define "labels" }}app: {{ .Values.labels.app }}{{ end }}{{ define "name" }}{{ .Release.Name }}-web{{ end }}';
		const main = 'metadata:\n  {{ template "labels" . }}\n  name: {{ include "name" . }}\n';
		const { rendered } = setup(main, helpers);
		assert.equal(rendered.text, 'metadata:\n  app: web\n  name: r-web\n');
		const files = rendered.segments.map((s) => `${s.kind}:${s.file}:${rendered.text.slice(s.outStart, s.outEnd)}`);
		assert.deepEqual(files, [
			'text:templates/main.yaml:metadata:\n  ',
			'text:templates/_helpers.tpl:app: ',
			'action:templates/_helpers.tpl:web',
			'text:templates/main.yaml:\n  name: ',
			'action:templates/main.yaml:r-web',
			'text:templates/main.yaml:\n',
		]);
	});

	it('an action printing a value of the values tree knows its path', () => {
		const main = '{{ .Values.image.tag }} {{ .Values.replicas }} {{ index .Values.ports 0 "port" }} {{ .Values.image }} {{ .Release.Name }} {{ "lit" }}';
		const { rendered, sources } = setup(main);
		const v = (a: string) => valueOf(rendered, sources, a);
		assert.deepEqual(v('{{ .Values.image.tag }}'), { file: 'values.yaml', path: ['image', 'tag'] });
		assert.deepEqual(v('{{ .Values.replicas }}'), { file: 'values.yaml', path: ['replicas'] });
		assert.deepEqual(v('{{ index .Values.ports 0 "port" }}'), { file: 'values.yaml', path: ['ports', 0, 'port'] });
		assert.deepEqual(v('{{ .Values.image }}'), { file: 'values.yaml', path: ['image'] });
		assert.equal(v('{{ .Release.Name }}'), undefined);
		assert.equal(v('{{ "lit" }}'), undefined);
	});

	it('variables, with and range keep origins', () => {
		const main = '{{ $img := .Values.image }}{{ $img.tag }}|{{ with .Values.image }}{{ .repository }}{{ end }}|{{ range $i, $p := .Values.ports }}{{ $p.port }}{{ $p }}{{ end }}|{{ range .Values.ports }}{{ .name }}{{ end }}';
		const { rendered, sources } = setup(main);
		const v = (a: string) => valueOf(rendered, sources, a);
		assert.deepEqual(v('{{ $img.tag }}'), { file: 'values.yaml', path: ['image', 'tag'] });
		assert.deepEqual(v('{{ .repository }}'), { file: 'values.yaml', path: ['image', 'repository'] });
		assert.deepEqual(v('{{ $p.port }}'), { file: 'values.yaml', path: ['ports', 0, 'port'] });
		assert.deepEqual(v('{{ $p }}'), { file: 'values.yaml', path: ['ports', 0] });
		assert.deepEqual(v('{{ .name }}'), { file: 'values.yaml', path: ['ports', 0, 'name'] });
	});

	it('passthrough functions keep the origin, other functions drop it', () => {
		const main = '{{ .Values.image.tag | quote }} {{ quote .Values.replicas }} {{ .Values.image.tag | upper }} {{ .Values.empty | default "d" }} {{ default "d" .Values.image.tag }} {{ printf "%s" .Values.image.tag }}';
		const { rendered, sources } = setup(main);
		const v = (a: string) => valueOf(rendered, sources, a);
		assert.deepEqual(v('{{ .Values.image.tag | quote }}'), { file: 'values.yaml', path: ['image', 'tag'] });
		assert.deepEqual(v('{{ quote .Values.replicas }}'), { file: 'values.yaml', path: ['replicas'] });
		assert.equal(v('{{ .Values.image.tag | upper }}'), undefined);
		assert.deepEqual(v('{{ .Values.empty | default "d" }}'), { file: 'values.yaml', path: ['empty'] });
		assert.deepEqual(v('{{ default "d" .Values.image.tag }}'), { file: 'values.yaml', path: ['image', 'tag'] });
		assert.equal(v('{{ printf "%s" .Values.image.tag }}'), undefined);
		const { rendered: r2, sources: s2 } = setup('{{ or .Values.empty .Values.image.tag }}');
		assert.equal(valueOf(r2, s2, '{{ or .Values.empty .Values.image.tag }}'), undefined, 'or is not passthrough here');
	});

	it('a container with its own origin (e.g. from another values file) wins over the derived path', () => {
		const set = new TemplateSet({});
		set.parse('t', '{{ .Values.sub.key }}');
		const sub = { key: 'v' };
		const values = { sub };
		const originOf = (c: object) => (c === values ? { file: 'values.yaml', path: [] } : c === sub ? { file: 'override.yaml', path: ['sub'] } : undefined);
		const rendered = set.execute('t', { Values: values }, { originOf });
		assert.deepEqual(rendered.segments[0].value, { file: 'override.yaml', path: ['sub', 'key'] });
	});

	it('segmentAt finds the segment of an output offset', () => {
		const { rendered } = setup('a: {{ .Values.replicas }}\nb: x\n');
		assert.equal(rendered.text, 'a: 3\nb: x\n');
		assert.equal(segmentAt(rendered, 0)?.kind, 'text');
		assert.equal(segmentAt(rendered, 3)?.kind, 'action');
		assert.equal(segmentAt(rendered, 4)?.kind, 'text');
		assert.equal(segmentAt(rendered, rendered.text.length), rendered.segments[rendered.segments.length - 1]);
		assert.equal(segmentAt(rendered, 99), undefined);
	});

	it('an error inside tpl text has no file; the wrapping error is at the calling action', () => {
		const set = new TemplateSet(funcsWithTpl);
		set.parse('main', 'x: {{ tpl "{{ .a.b }}" . }}', 'templates/main.yaml');
		assert.throws(() => set.execute('main', { a: 1n }), (e: TemplateError) => {
			assert.equal(e.file, 'templates/main.yaml');
			assert.equal('x: {{ tpl "{{ .a.b }}" . }}'.slice(e.srcStart, e.srcEnd), 'tpl "{{ .a.b }}" .');
			assert.equal(e.inner?.file, '');
			assert.equal(e.goMessage, 'template: main:1:6: executing "main" at <tpl "{{ .a.b }}" .>: error calling tpl: template: main:1:5: executing "main" at <.a.b>: can\'t evaluate field b in type interface {}');
			return true;
		});
	});

	it('originOfKey names the origin of one key of a merged map, before the container\'s', () => {
		const set = new TemplateSet({});
		set.parse('t', '{{ .Values.a }} {{ .Values.b }}');
		const values = { a: 'from-set', b: 'default' };
		const rendered = set.execute('t', { Values: values }, {
			originOf: (c) => (c === values ? { file: 'values.yaml', path: [] } : undefined),
			originOfKey: (c, key) => (c === values && key === 'a' ? { file: '--set', path: ['a'] } : undefined),
		});
		assert.deepEqual(rendered.segments.filter((s) => s.kind === 'action').map((s) => s.value), [{ file: '--set', path: ['a'] }, { file: 'values.yaml', path: ['b'] }]);
	});

	it('tpl of a text without a body renders nothing (it does not run the calling template again)', () => {
		const set = new TemplateSet(funcsWithTpl);
		set.parse('main', '[{{ tpl "" . }}][{{ tpl "{{/* c */}}" . }}]');
		assert.equal(set.execute('main', {}).text, '[][]');
	});

	it('TemplateSet.tpl renders a text in a copy-on-write view, with its segments in the given file', () => {
		const set = new TemplateSet({});
		set.parse('helpers', '{{ define "name" }}web{{ end }}');
		const rendered = set.tpl('values.yaml', '{{ define "local" }}L{{ end }}x-{{ template "name" }}-{{ template "local" }}', {}, { file: 'values.yaml' });
		assert.equal(rendered.text, 'x-web-L');
		assert.deepEqual(rendered.segments.map((s) => s.file), ['values.yaml', 'helpers', 'values.yaml', 'values.yaml']);
		assert.equal(set.has('local'), false);
		assert.equal(set.clone().has('name'), true);
	});

	it('without originOf no value refs are made', () => {
		const set = new TemplateSet({});
		set.parse('t', '{{ .a.b }}');
		const rendered = set.execute('t', { a: { b: 1n } });
		assert.deepEqual(rendered.segments, [{ outStart: 0, outEnd: 1, file: 't', srcStart: 0, srcEnd: 10, kind: 'action' }]);
	});
});
