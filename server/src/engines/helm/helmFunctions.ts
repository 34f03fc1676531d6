// Helm's function map: Sprig (without env/expandenv) plus Helm's own functions: toYaml/toYamlPretty/
// fromYaml/fromYamlArray, toJson/fromJson/fromJsonArray, toToml/fromToml, include, tpl, required, fail
// and lookup (an empty map, as in `helm template`). Also which functions keep the origin of the value
// they pass on (PASSTHROUGH) and Go's argument counts for the wrong-number-of-args error.
import type { CallContext, FuncMap } from '../template';
import { GoMap, isGoMap, newMap, setKey, toGoString } from './goValues';
import { marshalGoYaml, parseGoJson, parseGoYaml, toGoJson } from './goYaml';
import { sprigFunctions } from './sprig';
import { fromToml, toToml } from './toml';

/** Functions whose result is (a rendering of) the value they received. */
export const PASSTHROUGH: ReadonlySet<string> = new Set([
	'quote', 'squote', 'toYaml', 'toYamlPretty', 'toJson', 'toRawJson', 'toPrettyJson', 'mustToJson', 'mustToRawJson', 'mustToPrettyJson',
	'nindent', 'indent', 'default', 'toString', 'int', 'int64', 'float64', 'trim', 'trimSuffix', 'trimPrefix', 'lower', 'upper',
	'required', 'b64enc', 'toStrings', 'first', 'last', 'coalesce', 'ternary', 'tpl', 'trunc', 'replace',
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

/** Go's fixed parameter counts (min, variadic) for the functions charts call most; others are lenient. */
const ARITY: Record<string, readonly (number | boolean)[]> = {
	include: [2, false], tpl: [2, false], required: [2, false], fail: [1, false], toYaml: [1, false], toYamlPretty: [1, false],
	fromYaml: [1, false], fromYamlArray: [1, false], toJson: [1, false], fromJson: [1, false], fromJsonArray: [1, false], toToml: [1, false],
	fromToml: [1, false], lookup: [4, false], default: [1, true], empty: [1, false], ternary: [3, false], indent: [2, false], nindent: [2, false],
	trunc: [2, false], trimSuffix: [2, false], trimPrefix: [2, false], trim: [1, false], upper: [1, false], lower: [1, false], title: [1, false],
	replace: [3, false], contains: [2, false], hasPrefix: [2, false], hasSuffix: [2, false], b64enc: [1, false], b64dec: [1, false],
	sha256sum: [1, false], toString: [1, false], int: [1, false], int64: [1, false], float64: [1, false], hasKey: [2, false], get: [2, false],
	set: [3, false], unset: [2, false], splitList: [2, false], split: [2, false], join: [2, false], regexMatch: [2, false],
	regexReplaceAll: [3, false], regexFind: [2, false], regexFindAll: [3, false], semverCompare: [2, false], semver: [1, false],
	typeOf: [1, false], kindOf: [1, false], kindIs: [2, false], typeIs: [2, false], add1: [1, false], sub: [2, false],
	div: [2, false], mod: [2, false], mul: [1, true], until: [1, false], untilStep: [3, false], repeat: [2, false], substr: [3, false],
	first: [1, false], last: [1, false], rest: [1, false], initial: [1, false], append: [2, false], prepend: [2, false], has: [2, false],
	sortAlpha: [1, false], uniq: [1, false], compact: [1, false], keys: [0, true], pick: [1, true], omit: [1, true], merge: [1, true],
	mergeOverwrite: [1, true], dig: [0, true], deepCopy: [1, false], quote: [0, true], squote: [0, true], cat: [0, true], list: [0, true],
	dict: [0, true], coalesce: [0, true], concat: [0, true], without: [1, true], plural: [3, false], wrap: [2, false], adler32sum: [1, false],
	sha1sum: [1, false], b32enc: [1, false], b32dec: [1, false], atoi: [1, false], ceil: [1, false], floor: [1, false], round: [2, true],
	toStrings: [1, false], randAlphaNum: [1, false], randAlpha: [1, false], randNumeric: [1, false], randAscii: [1, false], uuidv4: [0, false],
	now: [0, false], date: [2, false], genCA: [2, false], genPrivateKey: [1, false], htpasswd: [2, false], base: [1, false], dir: [1, false],
	ext: [1, false], clean: [1, false], trimAll: [2, false], nospace: [1, false], abbrev: [2, false], initials: [1, false], values: [1, false],
	pluck: [1, true], chunk: [2, false], slice: [1, true], reverse: [1, false], snakecase: [1, false], camelcase: [1, false], kebabcase: [1, false],
};

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
				return marshalGoYaml(v, { indentSequences: true }).replace(/\n$/, '');
			} catch {
				return '';
			}
		},
		fromYaml: (s: unknown) => {
			const parsed = parseGoYaml(toGoString(s));
			if (parsed.error) return errorMap(`error converting YAML to JSON: ${parsed.error}`);
			if (parsed.value === null) return newMap();
			if (!isGoMap(parsed.value)) return errorMap(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(parsed.value) ? 'array' : 'string'} into Go value of type map[string]interface {}`);
			return parsed.value;
		},
		fromYamlArray: (s: unknown) => {
			const parsed = parseGoYaml(toGoString(s));
			if (parsed.error) return [`error converting YAML to JSON: ${parsed.error}`];
			if (parsed.value === null) return [];
			if (!Array.isArray(parsed.value)) return [`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}`];
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
		tpl: function (this: CallContext, text: unknown, data: unknown) {
			if (typeof text !== 'string') throw new Error(`wrong type for value; expected string; got ${typeof text}`);
			return this.tpl(text, data).split('<no value>').join('');
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
	for (const [name, [min, variadic]] of Object.entries(ARITY) as [string, [number, boolean]][]) {
		const fn = f[name];
		if (typeof fn === 'function') (fn as { goArity?: unknown }).goArity = { min, variadic };
	}
	return f;
}
