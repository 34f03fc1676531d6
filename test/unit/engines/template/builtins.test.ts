import assert from 'node:assert/strict';
import { goFunc, GoNumber, goUint64, TemplateSet, type CallContext } from '../../../../server/src/engines/template';
import { failure, NAME, render } from './helpers';

const at = (col: number, action: string, message: string) => `template: ${NAME}:1:${col}: executing "${NAME}" at <${action}>: ${message}`;

describe('template engine: builtin functions', () => {
	it('and / or return the deciding operand and short-circuit', () => {
		assert.equal(render('{{ and 1 0 2 }}|{{ and 1 2 }}|{{ or 0 "" }}|{{ or 0 "x" 1 }}|{{ and .missing 1 }}'), '0|2||x|<no value>');
		let calls = 0;
		const funcs = {
			boom: () => {
				calls++;
				throw new Error('evaluated');
			},
		};
		assert.equal(render('{{ and 0 (boom) }}{{ or 1 (boom) }}', {}, { funcs }), '01');
		assert.equal(calls, 0);
		assert.equal(render('{{ 0 | and 1 }}|{{ 5 | or 0 }}|{{ 7 | and }}|{{ 0 | or }}|{{ 3 | or 1 }}'), '0|5|7|0|1');
		assert.equal(failure('{{ and }}'), at(3, 'and', 'wrong number of args for and: want at least 1 got 0'));
	});

	it('not', () => {
		assert.equal(render('{{ not 0 }} {{ not "a" }} {{ not .missing }} {{ not .l }}', { l: [] }), 'true false true true');
		assert.equal(failure('{{ not }}'), at(3, 'not', 'wrong number of args for not: want 1 got 0'));
	});

	describe('comparisons', () => {
		it('eq with several operands', () => {
			assert.equal(render('{{ eq 1 2 3 1 }} {{ eq "a" "b" "c" }} {{ eq .x 2 3 }}', { x: 3n }), 'true false true');
		});
		it('same basic kinds compare; int and float are incompatible', () => {
			assert.equal(render('{{ eq 1.5 1.5 }} {{ lt "a" "b" }} {{ le 2 2 }} {{ gt 3.5 1.0 }} {{ ge "b" "a" }} {{ ne true false }}'), 'true true true true true true');
			assert.equal(failure('{{ eq 1 1.0 }}'), at(3, 'eq 1 1.0', 'error calling eq: incompatible types for comparison'));
			assert.equal(failure('{{ lt 1 1.5 }}'), at(3, 'lt 1 1.5', 'error calling lt: incompatible types for comparison'));
			assert.equal(failure('{{ lt true false }}'), at(3, 'lt true false', 'error calling lt: invalid type for comparison'));
			assert.equal(failure('{{ lt .missing 1 }}'), at(3, 'lt .missing 1', 'error calling lt: invalid type for comparison'));
		});
		it('ints of different signedness compare by value', () => {
			const data = { u: goUint64(5n), big: goUint64(2n ** 64n - 1n) };
			assert.equal(render('{{ eq .u 5 }} {{ lt -1 .u }} {{ lt .u 6 }} {{ gt .big 1 }} {{ eq .big -1 }}', data), 'true true true true false');
		});
		it('nil compares equal only to nil; maps and lists are not comparable', () => {
			assert.equal(render('{{ eq .missing .nil }} {{ eq "" .missing }} {{ eq .m .missing }}', { nil: null, m: { a: 1n } }), 'true false false');
			assert.equal(failure('{{ eq .l .l }}', { l: [1, 2] }), at(3, 'eq .l .l', 'error calling eq: non-comparable type [%!s(float64=1) %!s(float64=2)]: []interface {}'));
		});
		it('ne, le, gt and ge take exactly two arguments', () => {
			assert.equal(failure('{{ ne 1 }}'), at(3, 'ne', 'wrong number of args for ne: want 2 got 1'));
			assert.equal(failure('{{ eq }}'), at(3, 'eq', 'wrong number of args for eq: want at least 1 got 0'));
			assert.equal(failure('{{ eq 1 }}'), at(3, 'eq 1', 'error calling eq: missing argument for comparison'));
		});
	});

	it('len of strings (bytes), lists and maps', () => {
		assert.equal(render('{{ len "héllo" }} {{ len .l }} {{ len .m }} {{ printf "%T" (len "") }}', { l: [1, 2], m: { a: 1 } }), '6 2 1 int');
		assert.equal(failure('{{ len 3 }}'), at(3, 'len 3', 'error calling len: len of type int'));
		assert.equal(failure('{{ len .a.missing }}', { a: {} }, { missingKey: 'zero' }), at(3, 'len .a.missing', 'error calling len: len of nil pointer'));
	});

	describe('index', () => {
		const data = { l: ['a', 'b'], m: { k: { deep: 'v' } }, nested: [[1n, 2n], [3n]] };
		it('maps, arrays, strings and several indexes', () => {
			assert.equal(render('{{ index .l 1 }} {{ index .m "k" "deep" }} {{ index .nested 1 0 }} {{ index "abc" 1 }} {{ index .l }}', data), 'b v 3 98 [a b]');
		});
		it('a missing map key gives the zero value', () => {
			assert.equal(render('{{ index .m "nope" }}|{{ printf "%v" (index .m "nope") }}', data), '<no value>|<nil>');
		});
		it('Go errors', () => {
			assert.equal(failure('{{ index .l 2 }}', data), at(3, 'index .l 2', 'error calling index: reflect: slice index out of range'));
			assert.equal(failure('{{ index .l 5 }}', data), at(3, 'index .l 5', 'error calling index: index out of range: 5'));
			assert.equal(failure('{{ index .l "a" }}', data), at(3, 'index .l "a"', 'error calling index: cannot index slice/array with type string'));
			assert.equal(failure('{{ index .m 1 }}', data), at(3, 'index .m 1', 'error calling index: value has type int; should be string'));
			assert.equal(failure('{{ index .missing 1 }}', data), at(3, 'index .missing 1', 'error calling index: index of untyped nil'));
			assert.equal(failure('{{ index .m "nope" "x" }}', data), at(3, 'index .m "nope" "x"', 'error calling index: index of nil pointer'));
			assert.equal(failure('{{ index 1 1 }}', data), at(3, 'index 1 1', "error calling index: can't index item of type int"));
		});
	});

	describe('slice', () => {
		it('slices strings (by bytes) and lists like Go x[i:j]', () => {
			assert.equal(render('{{ slice "hello" 1 3 }} {{ slice "hello" 2 }} {{ slice "hello" }} {{ slice .l 1 }} {{ slice .l 0 1 2 }}', { l: ['a', 'b', 'c'] }), 'el llo hello [b c] [a]');
		});
		it('Go errors', () => {
			assert.equal(failure('{{ slice "abc" 2 1 }}'), at(3, 'slice "abc" 2 1', 'error calling slice: invalid slice index: 2 > 1'));
			assert.equal(failure('{{ slice "abc" 0 1 2 }}'), at(3, 'slice "abc" 0 1 2', 'error calling slice: cannot 3-index slice a string'));
			assert.equal(failure('{{ slice "abc" 5 }}'), at(3, 'slice "abc" 5', 'error calling slice: index out of range: 5'));
			assert.equal(failure('{{ slice 3 }}'), at(3, 'slice 3', "error calling slice: can't slice item of type int"));
			assert.equal(failure('{{ slice .missing }}'), at(3, 'slice .missing', 'error calling slice: slice of untyped nil'));
		});
	});

	it('print, printf and println follow fmt', () => {
		assert.equal(render('{{ print 1 2 "a" "b" 3 nil }}|{{ print "x" 1 }}|{{ println 1 "x" }}|{{ printf "%d-%s" 1 "a" }}'), '1 2ab3 <nil>|x1|1 x\n|1-a');
		assert.equal(failure('{{ printf 1 }}'), at(10, '1', 'expected string; found 1'));
		assert.equal(failure('{{ printf .n }}', { n: 1.5 }), at(10, '.n', 'wrong type for value; expected string; got float64'));
	});

	it('html, js and urlquery escape the printed text', () => {
		const q = 'say "hi" <b> & \'x\' = y';
		assert.equal(render('{{ html .q }}', { q }), 'say &#34;hi&#34; &lt;b&gt; &amp; &#39;x&#39; = y');
		assert.equal(render('{{ js .q }}', { q }), 'say \\"hi\\" \\u003Cb\\u003E \\u0026 \\\'x\\\' \\u003D y');
		assert.equal(render('{{ urlquery .q }}', { q }), 'say+%22hi%22+%3Cb%3E+%26+%27x%27+%3D+y');
		assert.equal(render('{{ html .missing }}|{{ js 1 "a" }}|{{ urlquery "é/ü" }}|{{ js "\\u2028x\\t" }}'), '&lt;no value&gt;|1a|%C3%A9%2F%C3%BC|\\u2028x\\u0009');
	});

	it('call invokes a function value with arguments', () => {
		const data = { add: (a: unknown, b: unknown) => (a as bigint) + (b as bigint), fails: () => { throw new Error('bad'); }, s: 'x' };
		assert.equal(render('{{ call .add 1 2 }}', data), '3');
		assert.equal(failure('{{ call .fails }}', data), at(3, 'call .fails', 'error calling call: bad'));
		assert.equal(failure('{{ call .s }}', data), at(3, 'call .s', 'error calling call: non-function .s of type string'));
		assert.equal(failure('{{ call .missing }}', data), at(3, 'call .missing', 'error calling call: call of nil'));
	});

	describe('functions from the FuncMap', () => {
		it('receive Go values and nil for no value; an Error becomes error calling NAME', () => {
			const seen: unknown[] = [];
			const funcs = {
				record: (...args: unknown[]) => {
					seen.push(...args);
					return 'ok';
				},
				required: (message: unknown, value: unknown) => {
					if (value === null || value === '') throw new Error(String(message));
					return value;
				},
			};
			assert.equal(render('{{ record 1 1.5 "s" .missing nil true }}', {}, { funcs }), 'ok');
			assert.deepEqual(seen, [1n, 1.5, 's', null, null, true]);
			assert.equal(failure('{{ required "image.tag is required" .image.tag }}', { image: {} }, { funcs }), at(3, 'required "image.tag is required" .image.tag', 'error calling required: image.tag is required'));
		});
		it('declared Go parameter types are checked as Go checks them (messages from helm)', () => {
			const funcs = {
				upper: goFunc((s: unknown) => String(s).toUpperCase(), ['string']),
				indent: goFunc((n: unknown, s: unknown) => ' '.repeat(Number(n)) + String(s), ['int', 'string']),
				half: goFunc((x: unknown) => (x as number) / 2, ['float64']),
				keys: goFunc((...maps: unknown[]) => maps.map((m) => (m === null ? 'nil' : Object.keys(m as object).join(','))).join(';'), [], 'map'),
				ternary: goFunc((a: unknown, b: unknown, c: unknown) => (c ? a : b), ['any', 'any', 'bool']),
			};
			const data = { Values: { a: 1.0, s: 'x', m: { k: 1 } } };
			const zero = { funcs, missingKey: 'zero' as const };
			const msg = (col: number, action: string, message: string) => `template: ${NAME}:1:${col}: executing "${NAME}" at <${action}>: ${message}`;
			assert.equal(render('{{ upper .Values.s }} {{ indent 2 "x" }} {{ half 3 }} {{ keys .Values.m nil }} {{ ternary 1 2 true }}', data, zero), 'X   x 1.5 k;nil 1');
			assert.equal(render('{{ keys .Values.nope }}', data, { funcs }), 'nil', 'no value is a nil map');
			assert.equal(failure('a: {{ upper .Values.missing }}', data, zero), msg(19, '.Values.missing', 'wrong type for value; expected string; got interface {}'));
			assert.equal(failure('a: {{ .Values.missing | upper }}', data, zero), msg(24, 'upper', 'invalid value; expected string'));
			assert.equal(failure('a: {{ indent 2 .Values.a }}', data, zero), msg(22, '.Values.a', 'wrong type for value; expected string; got float64'));
			assert.equal(failure('a: {{ indent .Values.a "x" }}', data, zero), msg(20, '.Values.a', 'wrong type for value; expected int; got float64'));
			assert.equal(failure('a: {{ indent "2" "x" }}', data, zero), msg(13, '"2"', 'expected integer; found "2"'));
			assert.equal(failure('a: {{ indent 1.5 "abc" }}', data, zero), msg(13, '1.5', 'expected integer; found 1.5'));
			assert.equal(failure('a: {{ upper nil }}', data, zero), msg(12, 'nil', 'cannot assign nil to string'));
			assert.equal(failure('a: {{ keys "x" }}', data, zero), msg(11, '"x"', `can't handle "x" for arg of type map[string]interface {}`));
			assert.equal(failure('a: {{ ternary 1 2 .Values.nope }}', data, zero), msg(25, '.Values.nope', 'wrong type for value; expected bool; got interface {}'));
			assert.equal(failure('a: {{ indent 1 }}', data, zero), msg(6, 'indent', 'wrong number of args for indent: want 2 got 1'));
		});

		it('a FuncMap function shadows a builtin, as in Go', () => {
			assert.equal(render('{{ len "abc" }}', {}, { funcs: { len: () => 'mine' } }), 'mine');
		});
		it('see include and tpl through `this`', () => {
			const funcs = {
				include(this: CallContext, name: unknown, data: unknown) {
					return this.include(String(name), data);
				},
				tpl(this: CallContext, text: unknown, data: unknown) {
					return this.tpl(String(text), data);
				},
			};
			const set = new TemplateSet(funcs);
			set.parse('helpers', '{{ define "name" }}app-{{ .n }}{{ end }}');
			assert.throws(() => set.parse('bad', '{{ has }}'), { message: 'template: bad:1: function "has" not defined' });
			set.parse('main', '{{ include "name" . | printf "%q" }} {{ tpl "{{ define \\"x\\" }}X{{ end }}[{{ .n }}{{ include \\"x\\" . }}]" . }}', 'main.yaml');
			assert.equal(set.execute('main', { n: 'web' }).text, '"app-web" [webX]');
			assert.equal(set.has('x'), false, 'a define inside tpl stays in its copy-on-write view');
		});
		it('an error inside include is wrapped as Go wraps it', () => {
			const funcs = {
				include(this: CallContext, name: unknown, data: unknown) {
					return this.include(String(name), data);
				},
			};
			const set = new TemplateSet(funcs);
			set.parse('helpers', '{{ define "bad" }}{{ .x.y }}{{ end }}');
			set.parse('main', '{{ include "bad" . }}{{ include "none" . }}');
			assert.throws(() => set.execute('main', { x: 1n }), { message: 'template: main:1:3: executing "main" at <include "bad" .>: error calling include: template: helpers:1:23: executing "bad" at <.x.y>: can\'t evaluate field y in type interface {}' });
			set.parse('main2', '{{ include "none" . }}');
			assert.throws(() => set.execute('main2', {}), { message: 'template: main2:1:3: executing "main2" at <include "none" .>: error calling include: template: no template "none" associated with template "gotpl"' });
		});
	});

	it('numbers of sized Go types print and compare as their kind', () => {
		assert.equal(render('{{ .a }} {{ printf "%T %T %v" .a .b .b }} {{ eq .a 3 }}', { a: new GoNumber('int64', 3n), b: new GoNumber('float32', 1.5) }), '3 int64 float32 1.5 true');
	});
});
