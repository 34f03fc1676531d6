// `openapi: {path: schema.json}`: an OpenAPI v2 document whose definitions give custom resources the
// strategic merge behaviour of built-in ones (`x-kubernetes-patch-merge-key`, `x-kubernetes-patch-strategy`),
// keyed by each definition's `x-kubernetes-group-version-kind`.
import { getPath, KNode, scalarText } from './node';
import type { Schema, SchemaType } from './strategicMerge';

function refName(n: KNode | undefined): string | undefined {
	const ref = scalarText(getPath(n, ['$ref']));
	return ref?.replace(/^#\/definitions\//, '');
}

/** The schema types a document defines, plus `group/kind` entries for its top-level kinds. */
export function readOpenApiSchema(doc: KNode): Schema {
	const out: Schema = {};
	const definitions = getPath(doc, ['definitions']);
	if (definitions?.t !== 'm') return out;
	const typeOf = (name: string, def: KNode): SchemaType => {
		const type: SchemaType = { fields: {} };
		const properties = getPath(def, ['properties']);
		if (properties?.t !== 'm') return type;
		for (const [field, prop] of properties.m) {
			const ref = refName(prop);
			if (ref) { type.fields[field] = { type: ref }; continue; }
			const kind = scalarText(getPath(prop, ['type']));
			if (kind === 'array') {
				const strategy = scalarText(getPath(prop, ['x-kubernetes-patch-strategy'])) ?? '';
				const key = scalarText(getPath(prop, ['x-kubernetes-patch-merge-key']));
				const items = getPath(prop, ['items']);
				let itemType = refName(items);
				if (!itemType && getPath(items, ['properties'])) {
					itemType = `${name}.${field}[]`;
					out[itemType] = typeOf(itemType, items!);
				}
				if (strategy.split(',').includes('merge')) type.fields[field] = { list: key ? { key, items: itemType } : { primitive: true } };
			} else if (getPath(prop, ['properties'])) {
				const inner = `${name}.${field}`;
				out[inner] = typeOf(inner, prop);
				type.fields[field] = { type: inner };
			}
		}
		return type;
	};
	for (const [name, def] of definitions.m) {
		out[name] = typeOf(name, def);
		const gvks = getPath(def, ['x-kubernetes-group-version-kind']);
		if (gvks?.t === 'a') for (const gvk of gvks.a) out[`${scalarText(getPath(gvk, ['group'])) ?? ''}/${scalarText(getPath(gvk, ['kind'])) ?? ''}`] = out[name];
	}
	return out;
}
