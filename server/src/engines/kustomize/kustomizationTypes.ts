// kustomize reads a kustomization into typed Go structs through YAML 1.1, so a field typed string that
// holds a plain `1.10`, `yes` or `on` fails the build (`cannot unmarshal number into Go struct field
// Kustomization.namePrefix of type string`), and so does a quoted number where an integer belongs.
// This checks the fields whose type the build relies on, with kustomize's message.
import type { KNode } from './node';
import { KustomizeError } from './resource';

type FieldType = 'string' | 'stringMap' | 'stringList' | 'int' | 'bool' | { struct: string; fields: Record<string, FieldType> } | { list: { struct: string; fields: Record<string, FieldType> } };

const generatorOptions: FieldType = { struct: 'GeneratorOptions', fields: { labels: 'stringMap', annotations: 'stringMap', disableNameSuffixHash: 'bool', immutable: 'bool' } };
const generatorArgs = (struct: string): FieldType => ({ list: { struct, fields: { name: 'string', namespace: 'string', behavior: 'string', type: 'string', literals: 'stringList', files: 'stringList', envs: 'stringList', env: 'string', options: generatorOptions } } });

const images: FieldType = { list: { struct: 'Image', fields: { name: 'string', newName: 'string', newTag: 'string', digest: 'string' } } };

const KUSTOMIZATION: Record<string, FieldType> = {
	apiVersion: 'string', kind: 'string', namespace: 'string', namePrefix: 'string', nameSuffix: 'string',
	commonLabels: 'stringMap', commonAnnotations: 'stringMap',
	resources: 'stringList', bases: 'stringList', components: 'stringList', configurations: 'stringList', crds: 'stringList',
	transformers: 'stringList', generators: 'stringList', validators: 'stringList', patchesStrategicMerge: 'stringList',
	images,
	imageTags: images,
	replicas: { list: { struct: 'Replica', fields: { name: 'string', count: 'int' } } },
	labels: { list: { struct: 'Label', fields: { pairs: 'stringMap', includeSelectors: 'bool', includeTemplates: 'bool' } } },
	patches: { list: { struct: 'Patch', fields: { path: 'string', patch: 'string' } } },
	configMapGenerator: generatorArgs('ConfigMapArgs'),
	secretGenerator: generatorArgs('SecretArgs'),
	generatorOptions,
};

const YAML11_BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;

/** The JSON type YAML 1.1 gives a scalar node (`number`, `bool`, `string`, or null). */
function jsonType(n: KNode): 'number' | 'bool' | 'string' | 'null' | 'object' | 'array' {
	if (n.t === 'm') return 'object';
	if (n.t === 'a') return 'array';
	if (n.v === null) return 'null';
	if (typeof n.v === 'number') return 'number';
	if (typeof n.v === 'boolean') return 'bool';
	if (n.plain && YAML11_BOOL.test(n.v)) return 'bool';
	return 'string';
}

function fail(got: string, field: string, type: string, at: KNode): never {
	throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${got} into Go struct field ${field} of type ${type}`, at.src);
}

function check(n: KNode, type: FieldType, field: string): void {
	const got = jsonType(n);
	if (got === 'null') return;
	if (type === 'string') { if (got !== 'string') fail(got, field, 'string', n); return; }
	if (type === 'int') { if (got !== 'number') fail(got, field, 'int64', n); return; }
	if (type === 'bool') { if (got !== 'bool') fail(got, field, 'bool', n); return; }
	if (type === 'stringMap') {
		if (n.t !== 'm') return fail(got, field, 'map[string]string', n);
		for (const v of n.m.values()) if (jsonType(v) !== 'string' && jsonType(v) !== 'null') fail(jsonType(v), field, 'string', v);
		return;
	}
	if (type === 'stringList') {
		if (n.t !== 'a') return fail(got, field, '[]string', n);
		for (const v of n.a) if (jsonType(v) !== 'string' && jsonType(v) !== 'null') fail(jsonType(v), field, 'string', v);
		return;
	}
	if ('struct' in type) {
		if (n.t !== 'm') return fail(got, field, `types.${type.struct}`, n);
		for (const [k, v] of n.m) if (type.fields[k]) check(v, type.fields[k], `${type.struct}.${field.split('.').slice(1).join('.')}${field.includes('.') ? '.' : ''}${k}`.replace(/^(\w+)\.\./, '$1.'));
		return;
	}
	if (n.t !== 'a') return fail(got, field, `[]types.${type.list.struct}`, n);
	const listField = field.split('.').pop()!;
	for (const item of n.a) {
		if (item.t !== 'm') { fail(jsonType(item), field, `types.${type.list.struct}`, item); }
		for (const [k, v] of item.m) if (type.list.fields[k]) check(v, type.list.fields[k], `${type.list.struct}.${listField}.${k}`);
	}
}

/** Throws kustomize's unmarshalling error for the first field of the wrong type. */
export function checkKustomizationTypes(root: KNode): void {
	if (root.t !== 'm') return;
	for (const [key, value] of root.m) {
		const type = KUSTOMIZATION[key];
		if (type) check(value, type, `Kustomization.${key}`);
	}
}
