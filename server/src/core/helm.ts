// Helm template detection. A chart template is not YAML until `helm template` renders it: parsed as
// YAML it yields a flood of syntax errors (or, worse, findings on placeholder values). A file is a
// template when it lies under a chart's templates/ directory or when a Go template action (`{{`)
// stands where YAML expects a node; actions inside YAML strings (Prometheus rules, Grafana
// dashboards) are ordinary text and leave the manifest linted. Pure: the caller supplies file
// existence for the chart check.
import { Lexer } from 'yaml';
import type { ParsedFile } from './document';
import type { Finding, OffsetRange } from './types';

export const HELM_RULE_ID = 'helm-template';

/** What the single Helm finding says: what the file is and how to lint it after rendering. */
export const HELM_MESSAGE =
	'Helm template: not linted as plain YAML, since it is only valid YAML once rendered. Lint the rendered manifests instead: `helm template . | bosun lint -`.';

/** Lexer tokens that mark a state change and take up no text (document start, flow end, scalar). */
const ZERO_WIDTH_TOKENS = new Set(['\x02', '\x18', '\x1f']);

/**
 * Offset of the first `{{` that YAML reads as structure (two flow-mapping starts), or -1. The YAML
 * lexer knows where quoted, plain and block scalars and comments lie; `{{` inside them is text.
 * Up to the first such action the file is ordinary YAML, so the lexer's view is reliable there.
 */
export function firstTemplateAction(text: string): number {
	if (!text.includes('{{')) return -1;
	let offset = 0;
	for (const token of new Lexer().lex(text)) {
		if (ZERO_WIDTH_TOKENS.has(token)) continue;
		if (token === '{' && text.charCodeAt(offset + 1) === 123 /* { */) return offset;
		offset += token.length;
	}
	return -1;
}

/** Range of the action starting at `start`: up to its closing `}}` on the same line, else `{{` alone. */
function actionRange(text: string, start: number): OffsetRange {
	const lineEnd = text.indexOf('\n', start);
	const close = text.indexOf('}}', start + 2);
	const end = close >= 0 && (lineEnd < 0 || close < lineEnd) ? close + 2 : start + 2;
	return { start, end };
}

/** The first line with text, for a chart template without any action (Helm copies it verbatim). */
function firstLineRange(text: string): OffsetRange {
	const start = Math.max(0, text.search(/\S/));
	let end = text.indexOf('\n', start);
	if (end < 0) end = text.length;
	if (end > start && text[end - 1] === '\r') end--;
	return { start, end };
}

/**
 * The one finding a Helm template gets, or null when the file is to be linted as YAML.
 * `inChartTemplates`: the caller found the file under a chart's templates/ directory.
 */
export function helmTemplateFinding(text: string, inChartTemplates = false): Finding | null {
	return helmFindingAt(text, firstTemplateAction(text), inChartTemplates);
}

/**
 * helmTemplateFinding for a parsed file, from the action each segment found when it was parsed: a
 * `---` line ends every scalar and collection, so the lexer reads a segment alone as it reads it in the file.
 */
export function helmTemplateFindingOf(parsed: ParsedFile, inChartTemplates = false): Finding | null {
	const segment = parsed.segments.find((s) => s.templateAction >= 0);
	return helmFindingAt(parsed.text, segment ? segment.offset + segment.templateAction : -1, inChartTemplates);
}

function helmFindingAt(text: string, action: number, inChartTemplates: boolean): Finding | null {
	if (action < 0 && !inChartTemplates) return null;
	return {
		ruleId: HELM_RULE_ID,
		severity: 'info',
		message: HELM_MESSAGE,
		range: action >= 0 ? actionRange(text, action) : firstLineRange(text),
	};
}

/**
 * Whether `file` lies under a `templates/` directory whose parent directory holds a Chart.yaml
 * (subdirectories of templates/ included). `exists` answers for a path built with `/`.
 */
export function isChartTemplatePath(file: string, exists: (path: string) => boolean): boolean {
	const parts = file.split(/[\\/]/);
	for (let i = parts.length - 2; i >= 0; i--) {
		if (parts[i] !== 'templates') continue;
		if (exists([...parts.slice(0, i), 'Chart.yaml'].join('/'))) return true;
	}
	return false;
}
