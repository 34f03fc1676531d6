// Offline validation of Kubernetes objects against the API's OpenAPI schema (kubernetes-models 4.5:
// one model class per apiVersion and kind, with compiled validators). Those validators accept fields the
// schema does not know (Kubernetes drops them with a warning), so this helper also records which fields
// the validator looked at and reports every other one: a misspelled `maxUnavailabel` fails too.
interface Model {
	validate(): void;
}

type ModelClass = new (data: unknown) => Model;

/** The kubernetes-models module path of an apiVersion and kind: `policy/v1/PodDisruptionBudget`, `v1/LimitRange`. */
function modelPath(apiVersion: string, kind: string): string {
	return `kubernetes-models/${apiVersion}/${kind}`;
}

export function modelClass(apiVersion: string, kind: string): ModelClass {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const module = require(modelPath(apiVersion, kind)) as Record<string, ModelClass>;
	const model = module[kind];
	if (!model) throw new Error(`kubernetes-models has no ${kind} in ${apiVersion}`);
	return model;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A view of `value` that notes, per object, the keys read and whether its keys were listed (a map
 * schema such as `labels` lists them, which accepts every key).
 */
function recording(value: unknown, path: string, seen: Map<string, { read: Set<string>; listed: boolean }>): unknown {
	if (typeof value !== 'object' || value === null) return value;
	const entry = { read: new Set<string>(), listed: false };
	seen.set(path, entry);
	return new Proxy(value as object, {
		get(target, key, receiver) {
			const result = Reflect.get(target, key, receiver);
			if (typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(target, key)) return result;
			entry.read.add(key);
			return recording(result, `${path}/${key}`, seen);
		},
		ownKeys(target) {
			entry.listed = true;
			return Reflect.ownKeys(target);
		},
	});
}

/**
 * kubernetes-models' generated validators never read a property named `description` (the generator
 * strips description keywords from the schemas, and with them properties of that name, such as
 * PriorityClass.description): such a field is not checked either way.
 */
const UNCHECKED_FIELDS = new Set(['description']);

/** Fields of `value` the validator never looked at: unknown to the schema. */
function unknownFields(value: unknown, path: string, seen: Map<string, { read: Set<string>; listed: boolean }>): string[] {
	if (Array.isArray(value)) return value.flatMap((item, i) => unknownFields(item, `${path}/${i}`, seen));
	if (!isObject(value)) return [];
	const entry = seen.get(path);
	if (!entry) return [`${path || '/'}: not validated`];
	return Object.entries(value).flatMap(([key, item]) => (entry.listed || entry.read.has(key) || UNCHECKED_FIELDS.has(key) ? unknownFields(item, `${path}/${key}`, seen) : [`${path}/${key}: unknown field`]));
}

/** Every schema problem of a Kubernetes object: validation errors, then fields the schema does not know. */
export function schemaProblems(object: Record<string, unknown>): string[] {
	const Model = modelClass(String(object.apiVersion), String(object.kind));
	const model = new Model(object);
	const seen = new Map<string, { read: Set<string>; listed: boolean }>();
	try {
		model.validate.call(recording(model, '', seen) as Model);
	} catch (e) {
		return [(e as Error).message];
	}
	return unknownFields(JSON.parse(JSON.stringify(model)), '', seen);
}
