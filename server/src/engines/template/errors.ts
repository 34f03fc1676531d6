// TemplateError: the only error parse() and execute() throw. Its message is Go's wording
// (`template: NAME:LINE: ...` for parse errors, `template: NAME:LINE:COL: executing "NAME" at <...>: ...`
// for execution errors); the offsets locate the failing action in the template's file.

export type TemplateErrorKind = 'parse' | 'exec' | 'limit';

export class TemplateError extends Error {
	/** The full Go-worded message (same as `message`). */
	readonly goMessage: string;

	constructor(
		goMessage: string,
		readonly kind: TemplateErrorKind,
		/** The template being parsed or executed when it failed. */
		readonly templateName: string,
		/** The `file` given to parse() for the template holding the failing text ('' when unknown). */
		readonly file: string,
		readonly srcStart: number,
		readonly srcEnd: number,
		/** A TemplateError raised inside a function call (include, tpl) that this one wraps. */
		readonly inner?: TemplateError,
	) {
		super(goMessage);
		this.name = 'TemplateError';
		this.goMessage = goMessage;
	}
}
