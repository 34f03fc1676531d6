// Shared helpers for the template engine tests: render a text, or get the Go-worded error it fails with.
import { TemplateError, TemplateSet, type FuncMap, type MissingKey } from '../../../../server/src/engines/template';

export const NAME = 'x/templates/t.yaml';

export function render(text: string, data: unknown = {}, options: { funcs?: FuncMap; missingKey?: MissingKey } = {}): string {
	const set = new TemplateSet(options.funcs ?? {}, { missingKey: options.missingKey });
	set.parse(NAME, text);
	return set.execute(NAME, data).text;
}

/** The Go message of the TemplateError that parsing or executing `text` throws. */
export function failure(text: string, data: unknown = {}, options: { funcs?: FuncMap; missingKey?: MissingKey } = {}): string {
	try {
		render(text, data, options);
	} catch (e) {
		if (e instanceof TemplateError) return e.goMessage;
		throw e;
	}
	throw new Error(`expected ${JSON.stringify(text)} to fail`);
}
