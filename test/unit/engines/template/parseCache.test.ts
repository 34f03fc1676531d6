// Parsed templates are reused across sets (a chart renders again on every edit): the reuse must never
// change what a template means. Which functions exist is part of the key; a define keeps its own text.
import assert from 'node:assert/strict';
import { TemplateError, TemplateSet } from '../../../../server/src/engines/template';

const render = (funcs: Record<string, (...args: unknown[]) => unknown>, name: string, text: string, data: unknown = {}) => {
	const set = new TemplateSet(funcs);
	set.parse(name, text);
	return set.execute(name, data).text;
};

describe('template engine: parsed templates reused across sets', () => {
	it('the same text renders the same in a new set, with new data', () => {
		const text = '{{ range .items }}[{{ . }}]{{ end }}';
		assert.equal(render({}, 'same.yaml', text, { items: [1, 2] }), '[1][2]');
		assert.equal(render({}, 'same.yaml', text, { items: ['a'] }), '[a]');
	});

	it('a text parsed with a function is a parse error in a set without it', () => {
		const text = '{{ shout "x" }}';
		assert.equal(render({ shout: (s: unknown) => String(s).toUpperCase() }, 'fn.yaml', text), 'X');
		assert.throws(() => render({}, 'fn.yaml', text), (e: unknown) => e instanceof TemplateError && /function "shout" not defined/.test(e.goMessage));
	});

	it('an edited text is parsed again, and its defines replace the old ones', () => {
		const set = (body: string) => `{{ define "x" }}${body}{{ end }}{{ template "x" }}`;
		assert.equal(render({}, 'defs.yaml', set('one')), 'one');
		assert.equal(render({}, 'defs.yaml', set('two')), 'two');
		assert.equal(render({}, 'defs.yaml', set('one')), 'one');
	});
});
