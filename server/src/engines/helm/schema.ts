// values.schema.json as Helm checks it before rendering: each chart's schema (subcharts against their own
// part of the values), every violation listed with gojsonschema's wording ("- field: message"). Ajv does
// the validating; this file words its errors as Helm prints them.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { toGoJson } from './goYaml';
import type { GoMap } from './goValues';

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, validateSchema: false });
const compiled = new Map<string, ValidateFunction | Error>();

function compile(schemaText: string): ValidateFunction | Error {
	let validator = compiled.get(schemaText);
	if (validator) return validator;
	try {
		const schema = JSON.parse(schemaText) as Record<string, unknown>;
		// gojsonschema reads every draft the same way; Ajv would insist on knowing the `$schema` URI
		delete schema.$schema;
		delete schema.$id;
		validator = ajv.compile(schema);
	} catch (e) {
		validator = e instanceof Error ? e : new Error(String(e));
	}
	if (compiled.size > 50) compiled.clear();
	compiled.set(schemaText, validator);
	return validator;
}

function fieldOf(instancePath: string): string {
	if (instancePath === '') return '(root)';
	return instancePath
		.slice(1)
		.split('/')
		.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
		.join('.');
}

function jsonType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

function valueAt(root: unknown, instancePath: string): unknown {
	let current = root;
	if (instancePath === '') return current;
	for (const part of instancePath.slice(1).split('/')) {
		const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
		current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
	}
	return current;
}

function describe(error: ErrorObject, data: unknown): string {
	const field = fieldOf(error.instancePath);
	const p = error.params as Record<string, unknown>;
	switch (error.keyword) {
		case 'required':
			return `${field}: ${String(p.missingProperty)} is required`;
		case 'additionalProperties':
			return `${field}: Additional property ${String(p.additionalProperty)} is not allowed`;
		case 'type': {
			const types = String(p.type).split(',');
			return `${field}: Invalid type. Expected: ${types.length > 1 ? `[${types.join(',')}]` : types[0]}, given: ${jsonType(valueAt(data, error.instancePath))}`;
		}
		case 'enum':
			return `${field}: ${field} must be one of the following: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
		case 'const':
			return `${field}: ${field} does not match: ${JSON.stringify(p.allowedValue)}`;
		case 'minLength':
			return `${field}: String length must be greater than or equal to ${String(p.limit)}`;
		case 'maxLength':
			return `${field}: String length must be less than or equal to ${String(p.limit)}`;
		case 'minimum':
			return `${field}: Must be greater than or equal to ${String(p.limit)}`;
		case 'maximum':
			return `${field}: Must be less than or equal to ${String(p.limit)}`;
		case 'exclusiveMinimum':
			return `${field}: Must be greater than ${String(p.limit)}`;
		case 'exclusiveMaximum':
			return `${field}: Must be less than ${String(p.limit)}`;
		case 'pattern':
			return `${field}: Does not match pattern '${String(p.pattern)}'`;
		case 'format':
			return `${field}: Does not match format '${String(p.format)}'`;
		case 'minItems':
			return `${field}: Array must have at least ${String(p.limit)} items`;
		case 'maxItems':
			return `${field}: Array must have at most ${String(p.limit)} items`;
		case 'uniqueItems':
			return `${field}: array items[${String(p.j)},${String(p.i)}] must be unique`;
		case 'minProperties':
			return `${field}: Must have at least ${String(p.limit)} properties`;
		case 'maxProperties':
			return `${field}: Must have at most ${String(p.limit)} properties`;
		case 'multipleOf':
			return `${field}: Must be a multiple of ${String(p.multipleOf)}`;
		case 'anyOf':
			return `${field}: Must validate at least one schema (anyOf)`;
		case 'oneOf':
			return `${field}: Must validate one and only one schema (oneOf)`;
		case 'not':
			return `${field}: Must not validate the schema (not)`;
		case 'if':
			return `${field}: Must validate "${String(p.failingKeyword)}" as "if" was valid`;
	}
	return `${field}: ${error.message ?? error.keyword}`;
}

/** The violations of one chart's schema, worded as Helm lists them; empty when the values conform. */
export function schemaViolations(schemaText: string, values: GoMap): string[] {
	const validate = compile(schemaText);
	if (validate instanceof Error) return [];
	let data: unknown;
	try {
		data = JSON.parse(toGoJson(values));
	} catch {
		return [];
	}
	if (validate(data)) return [];
	// the errors inside anyOf/oneOf/not branches are summed up by the branch's own error
	const branchErrors = (validate.errors ?? []).filter((e) => !/\/(anyOf|oneOf)\/\d+\/|\/not\//.test(e.schemaPath));
	// a value of the wrong type is not checked further (gojsonschema stops at the type)
	const wrongType = new Set(branchErrors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
	const errors = branchErrors.filter((e) => e.keyword === 'type' || !wrongType.has(e.instancePath));
	// gojsonschema lists the object's own errors (required, additional properties) before its properties'
	const rank = (e: ErrorObject) => (e.keyword === 'required' ? 0 : e.keyword === 'additionalProperties' ? 1 : 2);
	const ordered = errors.map((e, i) => ({ e, i })).sort((a, b) => (a.e.instancePath === b.e.instancePath ? rank(a.e) - rank(b.e) || a.i - b.i : a.e.instancePath === '' ? -1 : b.e.instancePath === '' ? 1 : a.i - b.i));
	return ordered.map(({ e }) => describe(e, data));
}
