// Helm's function map: Sprig (without env/expandenv) plus Helm's own functions: toYaml/toYamlPretty/
// fromYaml/fromYamlArray, toJson/fromJson/fromJsonArray, toToml/fromToml, include, tpl, required, fail
// and lookup (an empty map, as in `helm template`). Also which functions keep the origin of the value
// they pass on (PASSTHROUGH) and Go's argument counts for the wrong-number-of-args error.
import { goFunc, goQuote, TemplateError, type CallContext, type FuncMap, type GoParamType } from '../template';
import { GoMap, isGoMap, newMap, setKey, toGoString } from './goValues';
import { jsonKindName, marshalGoYaml, parseGoJson, parseGoYaml, toGoJson } from './goYaml';
import { sprigFunctions } from './sprig';
import { fromToml, toToml } from './toml';

/**
 * Functions whose result is the value they received, whole (re-formatted at most: quoted, as YAML or
 * JSON, indented, converted between number types, or chosen among their arguments), so the output keeps
 * that value's origin. Functions that transform the text (upper, trunc, b64enc, tpl...) are not listed:
 * their output is the template's, not the values file's.
 */
export const PASSTHROUGH: ReadonlySet<string> = new Set([
	'quote', 'squote', 'toYaml', 'toYamlPretty', 'toJson', 'toRawJson', 'toPrettyJson', 'mustToJson', 'mustToRawJson', 'mustToPrettyJson',
	'nindent', 'indent', 'default', 'toString', 'int', 'int64', 'float64', 'required', 'coalesce', 'ternary', 'toStrings', 'deepCopy',
]);

/** Wraps a message as Helm's fail/required do, so the render error reads `execution error at (...): message`. */
function helmWarning(message: string): Error {
	return new Error(`HELM[${message}]HELM`);
}

function errorMap(message: string): GoMap {
	const m = newMap();
	setKey(m, 'Error', message);
	return m;
}

/** Go's parameter types of the functions (Sprig's and Helm's signatures), so arguments are checked as Go checks them. */
const SIGNATURES: [string, GoParamType[], GoParamType?][] = [
	['upper', ['string']],
	['lower', ['string']],
	['title', ['string']],
	['untitle', ['string']],
	['trim', ['string']],
	['nospace', ['string']],
	['initials', ['string']],
	['snakecase', ['string']],
	['camelcase', ['string']],
	['kebabcase', ['string']],
	['swapcase', ['string']],
	['shuffle', ['string']],
	['b64enc', ['string']],
	['b64dec', ['string']],
	['b32enc', ['string']],
	['b32dec', ['string']],
	['sha1sum', ['string']],
	['sha256sum', ['string']],
	['sha512sum', ['string']],
	['adler32sum', ['string']],
	['base', ['string']],
	['dir', ['string']],
	['clean', ['string']],
	['ext', ['string']],
	['isAbs', ['string']],
	['osBase', ['string']],
	['osDir', ['string']],
	['osClean', ['string']],
	['osExt', ['string']],
	['osIsAbs', ['string']],
	['regexQuoteMeta', ['string']],
	['atoi', ['string']],
	['semver', ['string']],
	['urlParse', ['string']],
	['fromYaml', ['string']],
	['fromYamlArray', ['string']],
	['fromJson', ['string']],
	['fromJsonArray', ['string']],
	['fromToml', ['string']],
	['mustFromJson', ['string']],
	['fail', ['string']],
	['genPrivateKey', ['string']],
	['bcrypt', ['string']],
	['trunc', ['int', 'string']],
	['abbrev', ['int', 'string']],
	['repeat', ['int', 'string']],
	['wrap', ['int', 'string']],
	['indent', ['int', 'string']],
	['nindent', ['int', 'string']],
	['abbrevboth', ['int', 'int', 'string']],
	['substr', ['int', 'int', 'string']],
	['wrapWith', ['int', 'string', 'string']],
	['randAlphaNum', ['int']],
	['randAlpha', ['int']],
	['randNumeric', ['int']],
	['randAscii', ['int']],
	['until', ['int']],
	['untilStep', ['int', 'int', 'int']],
	['contains', ['string', 'string']],
	['hasPrefix', ['string', 'string']],
	['hasSuffix', ['string', 'string']],
	['trimSuffix', ['string', 'string']],
	['trimPrefix', ['string', 'string']],
	['trimAll', ['string', 'string']],
	['trimall', ['string', 'string']],
	['split', ['string', 'string']],
	['splitList', ['string', 'string']],
	['regexMatch', ['string', 'string']],
	['mustRegexMatch', ['string', 'string']],
	['regexFind', ['string', 'string']],
	['mustRegexFind', ['string', 'string']],
	['semverCompare', ['string', 'string']],
	['htpasswd', ['string', 'string']],
	['replace', ['string', 'string', 'string']],
	['regexReplaceAll', ['string', 'string', 'string']],
	['mustRegexReplaceAll', ['string', 'string', 'string']],
	['regexReplaceAllLiteral', ['string', 'string', 'string']],
	['mustRegexReplaceAllLiteral', ['string', 'string', 'string']],
	['plural', ['string', 'string', 'int']],
	['regexFindAll', ['string', 'string', 'int']],
	['mustRegexFindAll', ['string', 'string', 'int']],
	['regexSplit', ['string', 'string', 'int']],
	['mustRegexSplit', ['string', 'string', 'int']],
	['splitn', ['string', 'int', 'string']],
	['join', ['string', 'any']],
	['required', ['string', 'any']],
	['include', ['string', 'any']],
	['tpl', ['string', 'any']],
	['typeIs', ['string', 'any']],
	['typeIsLike', ['string', 'any']],
	['kindIs', ['string', 'any']],
	['date', ['string', 'any']],
	['htmlDateInZone', ['string', 'any']],
	['dateModify', ['string', 'any']],
	['date_modify', ['string', 'any']],
	['mustDateModify', ['string', 'any']],
	['dateInZone', ['string', 'any', 'string']],
	['date_in_zone', ['string', 'any', 'string']],
	['get', ['map', 'string']],
	['unset', ['map', 'string']],
	['hasKey', ['map', 'string']],
	['set', ['map', 'string', 'any']],
	['values', ['map']],
	['urlJoin', ['map']],
	['ternary', ['any', 'any', 'bool']],
	['toYaml', ['any']],
	['toYamlPretty', ['any']],
	['toJson', ['any']],
	['toPrettyJson', ['any']],
	['toRawJson', ['any']],
	['mustToJson', ['any']],
	['mustToPrettyJson', ['any']],
	['mustToRawJson', ['any']],
	['toToml', ['any']],
	['typeOf', ['any']],
	['kindOf', ['any']],
	['first', ['any']],
	['mustFirst', ['any']],
	['last', ['any']],
	['mustLast', ['any']],
	['rest', ['any']],
	['mustRest', ['any']],
	['initial', ['any']],
	['mustInitial', ['any']],
	['uniq', ['any']],
	['mustUniq', ['any']],
	['reverse', ['any']],
	['mustReverse', ['any']],
	['compact', ['any']],
	['mustCompact', ['any']],
	['sortAlpha', ['any']],
	['add1', ['any']],
	['ceil', ['any']],
	['floor', ['any']],
	['int', ['any']],
	['int64', ['any']],
	['float64', ['any']],
	['toString', ['any']],
	['toStrings', ['any']],
	['toDecimal', ['any']],
	['empty', ['any']],
	['deepCopy', ['any']],
	['mustDeepCopy', ['any']],
	['htmlDate', ['any']],
	['unixEpoch', ['any']],
	['ago', ['any']],
	['duration', ['any']],
	['durationRound', ['any']],
	['add1f', ['any']],
	['append', ['any', 'any']],
	['push', ['any', 'any']],
	['mustAppend', ['any', 'any']],
	['mustPush', ['any', 'any']],
	['prepend', ['any', 'any']],
	['mustPrepend', ['any', 'any']],
	['has', ['any', 'any']],
	['mustHas', ['any', 'any']],
	['deepEqual', ['any', 'any']],
	['sub', ['any', 'any']],
	['div', ['any', 'any']],
	['mod', ['any', 'any']],
	['chunk', ['int', 'any']],
	['mustChunk', ['int', 'any']],
	['lookup', ['string', 'string', 'string', 'string']],
	['genCA', ['string', 'int']],
	['genSelfSignedCert', ['string', 'int']],
	['now', []],
	['uuidv4', []],
	['dict', [], 'any'],
	['list', [], 'any'],
	['tuple', [], 'any'],
	['quote', [], 'any'],
	['squote', [], 'any'],
	['cat', [], 'any'],
	['coalesce', [], 'any'],
	['all', [], 'any'],
	['any', [], 'any'],
	['concat', [], 'any'],
	['dig', [], 'any'],
	['add', [], 'any'],
	['addf', [], 'any'],
	['max', [], 'any'],
	['min', [], 'any'],
	['biggest', [], 'any'],
	['maxf', [], 'any'],
	['minf', [], 'any'],
	['default', ['any'], 'any'],
	['without', ['any'], 'any'],
	['mustWithout', ['any'], 'any'],
	['slice', ['any'], 'any'],
	['mustSlice', ['any'], 'any'],
	['mul', ['any'], 'any'],
	['mulf', ['any'], 'any'],
	['subf', ['any'], 'any'],
	['divf', ['any'], 'any'],
	['pluck', ['string'], 'map'],
	['keys', [], 'map'],
	['merge', ['map'], 'map'],
	['mergeOverwrite', ['map'], 'map'],
	['mustMerge', ['map'], 'map'],
	['mustMergeOverwrite', ['map'], 'map'],
	['pick', ['map'], 'string'],
	['omit', ['map'], 'string'],
	['seq', [], 'int'],
];

export function helmFunctions(): FuncMap {
	const f: FuncMap = { ...sprigFunctions() };
	Object.assign(f, {
		toYaml: (v: unknown) => {
			try {
				return marshalGoYaml(v).replace(/\n$/, '');
			} catch {
				return '';
			}
		},
		toYamlPretty: (v: unknown) => {
			try {
				return marshalGoYaml(v, { pretty: true }).replace(/\n$/, '');
			} catch {
				return '';
			}
		},
		fromYaml: (s: unknown) => {
			const parsed = parseGoYaml(toGoString(s));
			if (parsed.error) return errorMap(`error converting YAML to JSON: ${parsed.error}`);
			if (parsed.value === null) return newMap();
			if (!isGoMap(parsed.value)) return errorMap(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKindName(parsed.value)} into Go value of type map[string]interface {}`);
			return parsed.value;
		},
		fromYamlArray: (s: unknown) => {
			const parsed = parseGoYaml(toGoString(s));
			if (parsed.error) return [`error converting YAML to JSON: ${parsed.error}`];
			if (parsed.value === null) return [];
			if (!Array.isArray(parsed.value)) return [`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKindName(parsed.value)} into Go value of type []interface {}`];
			return parsed.value;
		},
		toJson: (v: unknown) => {
			try {
				return toGoJson(v);
			} catch {
				return '';
			}
		},
		fromJson: (s: unknown) => {
			try {
				const value = parseGoJson(toGoString(s));
				return isGoMap(value) ? value : errorMap('json: cannot unmarshal into Go value of type map[string]interface {}');
			} catch (e) {
				return errorMap((e as Error).message);
			}
		},
		fromJsonArray: (s: unknown) => {
			try {
				const value = parseGoJson(toGoString(s));
				return Array.isArray(value) ? value : ['json: cannot unmarshal object into Go value of type []interface {}'];
			} catch (e) {
				return [(e as Error).message];
			}
		},
		toToml: (v: unknown) => toToml(v),
		fromToml: (s: unknown) => fromToml(toGoString(s)),
		include: function (this: CallContext, name: unknown, data: unknown) {
			if (typeof name !== 'string') throw new Error(`wrong type for value; expected string; got ${typeof name}`);
			return this.include(name, data);
		},
		// Helm parses tpl's text as a template named "gotpl" in a copy of the set and wraps its errors
		tpl: function (this: CallContext, text: unknown, data: unknown) {
			if (typeof text !== 'string') throw new Error(`wrong type for value; expected string; got ${typeof text}`);
			try {
				return this.tpl(text, data, 'gotpl').split('<no value>').join('');
			} catch (e) {
				if (!(e instanceof TemplateError) || e.kind === 'limit') throw e;
				const context = e.kind === 'parse' ? `cannot parse template ${goQuote(text)}` : `error during tpl function execution for ${goQuote(text)}`;
				throw new Error(`${context}: ${e.goMessage}`);
			}
		},
		required: (warning: unknown, value: unknown) => {
			if (value === null || value === undefined) throw helmWarning(toGoString(warning));
			if (typeof value === 'string' && value === '') throw helmWarning(toGoString(warning));
			return value;
		},
		fail: (message: unknown) => {
			throw helmWarning(toGoString(message));
		},
		lookup: () => newMap(),
	});
	delete f.env;
	delete f.expandenv;
	for (const [name, params, variadic] of SIGNATURES) {
		const fn = f[name];
		if (typeof fn === 'function') goFunc(fn, params, variadic);
	}
	return f;
}
