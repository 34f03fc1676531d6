import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TemplateError, TemplateSet, type CallContext } from '../../../../server/src/engines/template';

function run(text: string, options: ConstructorParameters<typeof TemplateSet>[1] = {}, data: unknown = {}) {
	const set = new TemplateSet(
		{
			include(this: CallContext, name: unknown, d: unknown) {
				return this.include(String(name), d);
			},
			tpl(this: CallContext, t: unknown, d: unknown) {
				return this.tpl(String(t), d);
			},
		},
		options,
	);
	set.parse('t', text);
	return set.execute('t', data).text;
}

function limitError(fn: () => unknown): TemplateError {
	try {
		fn();
	} catch (e) {
		assert.ok(e instanceof TemplateError, `expected a TemplateError, got ${String(e)}`);
		return e;
	}
	assert.fail('expected a TemplateError');
}

describe('template engine: limits and robustness', () => {
	it('maxSteps stops a huge range with a clear error', () => {
		const e = limitError(() => run('{{ range 100000000 }}{{ end }}', { maxSteps: 10_000 }));
		assert.equal(e.kind, 'limit');
		assert.equal(e.goMessage, 'template: t:1:9: executing "t" at <100000000>: evaluation stopped after 10000 steps');
		assert.equal(run('{{ range 5 }}{{ . }}{{ end }}', { maxSteps: 10_000 }), '01234');
	});

	it('maxOutput stops output growth', () => {
		const e = limitError(() => run('{{ range 1000 }}0123456789{{ end }}', { maxOutput: 500 }));
		assert.equal(e.kind, 'limit');
		assert.match(e.goMessage, /output exceeds 500 characters$/);
	});

	it('maxDepth stops template recursion and include recursion', () => {
		const e = limitError(() => run('{{ define "r" }}x{{ template "r" . }}{{ end }}{{ template "r" . }}', { maxDepth: 50 }));
		assert.match(e.goMessage, /executing "r" at <\{\{template "r" \.\}\}>: exceeded maximum template depth \(50\)$/);
		const inc = limitError(() => run('{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}', { maxDepth: 50 }));
		assert.equal(inc.kind, 'limit');
		assert.match(inc.goMessage, /exceeded maximum template depth \(50\)$/);
		const viaTpl = limitError(() => run('{{ tpl "{{ tpl .t . }}" . }}', { maxDepth: 20 }, { t: '{{ tpl .t . }}' }));
		assert.match(viaTpl.goMessage, /exceeded maximum template depth \(20\)$/);
	});

	it('include recursion deeper than the JavaScript stack is a limit error at the include', () => {
		const e = limitError(() => run('{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}', { maxDepth: 1_000_000 }));
		assert.equal(e.kind, 'limit');
		assert.match(e.goMessage, /^template: t:1:19: executing "r" at <include "r" \.>: exceeded maximum template depth \(the JavaScript stack ran out at depth \d+\)$/);
	});

	it('deep nesting in the text is a parse error, not a crash', () => {
		const parens = '{{ ' + '('.repeat(5000) + '1' + ')'.repeat(5000) + ' }}';
		assert.match(limitError(() => run(parens)).goMessage, /^template: t:1: max expression depth exceeded$/);
		const ifs = '{{ if true }}'.repeat(20000) + 'x' + '{{ end }}'.repeat(20000);
		const e = limitError(() => run(ifs));
		assert.equal(e.kind, 'parse');
	});

	it('cyclic data is a clear error when printed; odd JavaScript values print', () => {
		const cyclic: Record<string, unknown> = {};
		cyclic.self = cyclic;
		assert.match(limitError(() => run('{{ . }}', {}, cyclic)).goMessage, /^template: t:1:3: executing "t" at <\{\{\.\}\}>: can't print \{\{\.\}\}: value nested more than 500 levels deep \(a cycle\?\)$/);
		assert.match(limitError(() => run('{{ print . }}', {}, cyclic)).goMessage, /error calling print: value nested more than 500 levels deep/);
		assert.equal(run('{{ .s }}', {}, { s: Symbol('x') }), 'Symbol(x)');
		assert.equal(run('{{ .self.self.self | len }}', {}, cyclic), '1');
	});

	it('a function throwing something that is not an Error still becomes a TemplateError', () => {
		const set = new TemplateSet({
			odd: () => {
				throw 'a string';
			},
		});
		set.parse('t', '{{ odd }}');
		assert.throws(() => set.execute('t', {}), { message: 'template: t:1:3: executing "t" at <odd>: error calling odd: a string' });
	});

	it('never throws anything but TemplateError, whatever the text', () => {
		const pieces = ['{{', '}}', '{{-', '-}}', ' ', 'if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', '"s"', '$x', ':=', '=', '|', '(', ')', '.a', '.', 'nil', '1', '1.5', "'c'", 'eq', 'index', 'len', 'printf', '"%d"', ',', '/*', '*/', '`', 'x', '\n'];
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
				const text = parts.join('');
				try {
					run(text, { maxSteps: 10_000, maxOutput: 10_000 }, { a: [1n, { b: 'x' }], s: 'str' });
				} catch (e) {
					if (!(e instanceof TemplateError)) throw e;
				}
			}),
			{ numRuns: 500, seed: 11 },
		);
	});
});
