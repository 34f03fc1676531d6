// values.schema.json as Helm checks it before rendering: each chart's schema (subcharts against their own
// part of the values), every violation listed with gojsonschema's wording ("- field: message"). The
// validator interprets the schema (jsonschema): a schema comes from the workspace, and compiling it into
// code (as Ajv does) would evaluate code derived from workspace content. This file words its errors as
// Helm prints them.
import { Schema, ValidationError, Validator } from 'jsonschema';
import { toGoJson } from './goYaml';
import type { GoMap } from './goValues';

const validator = new Validator();
const parsedSchemas = new Map<string, Schema | Error>();

function parseSchema(schemaText: string): Schema | Error {
	let schema = parsedSchemas.get(schemaText);
	if (schema) return schema;
	try {
		const parsed = JSON.parse(schemaText) as Record<string, unknown>;
		// gojsonschema reads every draft the same way, and never fetches a `$schema` or `$id` URI
		delete parsed.$schema;
		delete parsed.$id;
		schema = parsed as Schema;
	} catch (e) {
		schema = e instanceof Error ? e : new Error(String(e));
	}
	if (parsedSchemas.size > 50) parsedSchemas.clear();
	parsedSchemas.set(schemaText, schema);
	return schema;
}

/** The error as the describing code reads it: where (a JSON pointer), which keyword, and its parameters. */
interface SchemaError {
	instancePath: string;
	keyword: string;
	params: Record<string, unknown>;
	message?: string;
}

function asSchemaError(error: ValidationError): SchemaError {
	const instancePath = error.path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
	const argument = error.argument as unknown;
	const params: Record<string, unknown> = {};
	switch (error.name) {
		case 'required':
			params.missingProperty = argument;
			break;
		case 'additionalProperties':
			params.additionalProperty = argument;
			break;
		case 'type':
			params.type = (Array.isArray(argument) ? argument : [argument]).join(',');
			break;
		case 'enum':
			params.allowedValues = Array.isArray(argument) ? argument : [argument];
			break;
		case 'const':
			params.allowedValue = argument;
			break;
		case 'pattern':
			params.pattern = argument;
			break;
		case 'format':
			params.format = argument;
			break;
		case 'multipleOf':
		case 'divisibleBy':
			params.multipleOf = argument;
			break;
		default:
			params.limit = argument;
	}
	return { instancePath, keyword: error.name === 'divisibleBy' ? 'multipleOf' : error.name, params, message: error.message };
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

function describe(error: SchemaError, data: unknown): string {
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
			return `${field}: array items must be unique`;
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
		case 'then':
			return `${field}: Must validate "then" as "if" was valid`;
		case 'else':
			return `${field}: Must validate "else" as "if" was not valid`;
	}
	return `${field}: ${error.message ?? error.keyword}`;
}

/**
 * After an anyOf/oneOf that no branch satisfies, gojsonschema adds the errors of the branch that came
 * closest (the fewest errors; the first on a tie), so Helm lists why that one failed too.
 */
function withBranchErrors(errors: readonly ValidationError[], data: unknown): ValidationError[] {
	const out: ValidationError[] = [];
	for (const error of errors) {
		out.push(error);
		if (error.name !== 'anyOf' && error.name !== 'oneOf') continue;
		const branches = (error.schema as Record<string, unknown>)[error.name];
		if (!Array.isArray(branches)) continue;
		const value = error.path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined), data);
		let best: ValidationError[] | undefined;
		for (const branch of branches) {
			const branchErrors = validator.validate(value, branch as Schema, { nestedErrors: false, allowUnknownAttributes: true }).errors;
			if (branchErrors.length && (!best || branchErrors.length < best.length)) best = branchErrors;
		}
		for (const nested of best ?? []) out.push(Object.assign(Object.create(Object.getPrototypeOf(nested)), nested, { path: [...error.path, ...nested.path], fromBranch: true }));
	}
	return out;
}

/** The violations of one chart's schema, worded as Helm lists them; empty when the values conform. */
export function schemaViolations(schemaText: string, values: GoMap): string[] {
	const schema = parseSchema(schemaText);
	if (schema instanceof Error) return [];
	let data: unknown;
	try {
		data = JSON.parse(toGoJson(values));
	} catch {
		return [];
	}
	let result;
	try {
		// nestedErrors false: an anyOf/oneOf/not branch is summed up by the branch's own error, as gojsonschema does
		result = validator.validate(data, schema, { nestedErrors: false, allowUnknownAttributes: true });
	} catch {
		return []; // a schema the validator cannot read (a `$ref` it cannot resolve): Helm would fail to load it too
	}
	if (result.valid) return [];
	const all = withBranchErrors(result.errors, data).map((e) => ({ ...asSchemaError(e), fromBranch: (e as { fromBranch?: boolean }).fromBranch === true }));
	// a value of the wrong type is not checked further by its own schema (gojsonschema stops at the type)
	const wrongType = new Set(all.filter((e) => e.keyword === 'type' && !e.fromBranch).map((e) => e.instancePath));
	const errors = all.filter((e) => e.keyword === 'type' || e.fromBranch || !wrongType.has(e.instancePath));
	// gojsonschema lists the object's own errors (required, additional properties) before its properties'
	const rank = (e: SchemaError) => (e.keyword === 'required' ? 0 : e.keyword === 'additionalProperties' ? 1 : 2);
	const ordered = errors.map((e, i) => ({ e, i })).sort((a, b) => (a.e.instancePath === b.e.instancePath ? rank(a.e) - rank(b.e) || a.i - b.i : a.e.instancePath === '' ? -1 : b.e.instancePath === '' ? 1 : a.i - b.i));
	return ordered.map(({ e }) => describe(e, data));
}
