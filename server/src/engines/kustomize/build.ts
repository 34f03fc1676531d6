// `kustomize build` in-process: loads a kustomization and everything it names through the
// KustomizeFileSystem, accumulates resources (bases, components, generators), runs the built-in
// transformers in kustomize's order (patchesStrategicMerge, patches, namespace, prefix/suffix, labels,
// annotations, patchesJson6902, replicas, images, replacements, then `transformers:`), and at the top
// adds generator name hashes, fixes name references, resolves vars and sorts in kustomize's legacy order.
import { parseAllDocuments, Document } from 'yaml';
import { defaultConfig, FieldSpec, mergeConfig, NameReference, TransformerConfig } from './fieldSpecs';
import { GeneratorEntry, generatedObject, nameHash, parseEnvFile, parseLiteral } from './generators';
import { applyJsonPatch, readOperations } from './jsonPatch';
import { checkKustomizationTypes } from './kustomizationTypes';
import { fixNameReferences } from './nameReferences';
import { fromYaml, getPath, getString, KMapNode, KNode, scalarText, toOrigin, toPlain } from './node';
import { formatObject } from './format';
import { readOpenApiSchema } from './openapi';
import { sortResources } from './order';
import { baseName, isRemote, joinPath } from './paths';
import { applyReplacements, readReplacements, resolveVars, Var } from './replacements';
import { idString, KustomizeError, parseApiVersion, Resource, sameId } from './resource';
import { readSelector, selects, Selector } from './select';
import { normalizeKeyedLists, rootType, Schema, BUILTIN_SCHEMA, strategicMerge } from './strategicMerge';
import { addNameAffixes, addToMaps, ImageEntry, setImages, setNamespace, setReplicas } from './transformers';
import type { BuildError, FileRole, KustomizeBuild, KustomizeFileSystem, SourceRef } from './types';

export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function findKustomizationFile(fs: KustomizeFileSystem, dir: string): string | undefined {
	for (const name of KUSTOMIZATION_FILE_NAMES) {
		const path = joinPath(dir, name);
		if (!fs.isDirectory(path) && fs.readFile(path) !== undefined) return path;
	}
	return undefined;
}

const KUSTOMIZATION_FIELDS = new Set([
	'apiVersion', 'kind', 'metadata', 'resources', 'bases', 'components', 'patches', 'patchesStrategicMerge', 'patchesJson6902',
	'namespace', 'namePrefix', 'nameSuffix', 'commonLabels', 'labels', 'commonAnnotations', 'images', 'replicas',
	'configMapGenerator', 'secretGenerator', 'generatorOptions', 'replacements', 'vars', 'configurations', 'transformers',
	'generators', 'validators', 'openapi', 'crds', 'buildMetadata', 'sortOptions', 'helmCharts', 'helmChartInflationGenerator',
	'helmGlobals', 'imageTags',
]);

interface Accumulator { resources: Resource[]; config: TransformerConfig; vars: Var[] }

interface Kustomization { file: string; dir: string; text: string; node: KMapNode; doc: Document.Parsed }

function emptyAccumulator(): Accumulator {
	return { resources: [], config: defaultConfig(), vars: [] };
}

class Builder {
	files = new Map<string, FileRole>();
	/** The top kustomization's `sortOptions` (kustomize ignores them below the top). */
	sortOptions: KNode | undefined;
	/** Merge behaviour of lists; an `openapi` schema replaces it (the first one set wins, as in kustomize). */
	private schema: Schema = BUILTIN_SCHEMA;
	private customSchema = false;
	notices: BuildError[] = [];
	private stack: string[] = [];
	constructor(private fs: KustomizeFileSystem) {}

	private role(path: string, role: FileRole): void {
		const existing = this.files.get(path);
		// A file used both ways keeps the role that must not be linted as an object.
		if (!existing || existing === 'resource') this.files.set(path, role);
	}

	/**
	 * Reads a file a kustomization names. Like kustomize's default load restrictions, a file outside the
	 * kustomization's folder is refused (folders of other kustomizations are not files).
	 */
	private read(path: string, role: FileRole, at?: SourceRef, root?: string, wrap: (message: string) => string = (m) => m): string {
		const text = this.fs.isDirectory(path) ? undefined : this.fs.readFile(path);
		if (text === undefined) throw new KustomizeError(wrap(missingFile(path)), at);
		if (root !== undefined && !path.startsWith(root === '/' ? '/' : `${root}/`)) throw new KustomizeError(wrap(`security; file '${path}' is not in or below '${root}'`), at);
		this.role(path, role);
		return text;
	}

	/** The documents of a YAML file (or inline text), as nodes with origins; empty documents dropped. */
	parseDocuments(text: string, file: string, at?: SourceRef, offsetMap?: (o: number) => number): KNode[] {
		const docs = parseAllDocuments(text, { version: '1.2', uniqueKeys: false });
		const out: KNode[] = [];
		for (const doc of Array.isArray(docs) ? docs : [docs]) {
			const err = doc.errors[0];
			if (err) {
				const line = text.slice(0, err.pos[0]).split('\n').length;
				throw new KustomizeError(`MalformedYAMLError: yaml: line ${line}: ${err.message.split('\n')[0]} in File: ${baseName(file)}`, offsetMap ? at : { file, start: err.pos[0], end: err.pos[1] });
			}
			if (doc.contents === null) continue;
			let node: KNode;
			try {
				node = fromYaml(doc, doc.contents, file, text);
			} catch (e) {
				// an alias bomb or absurd nesting: refused like a YAML error
				throw new KustomizeError(`MalformedYAMLError: ${(e as Error).message} in File: ${baseName(file)}`, at);
			}
			if (offsetMap) node = remapOffsets(node, offsetMap, at);
			if (node.t === 's' && node.v === null) continue;
			out.push(node);
		}
		return out;
	}

	loadKustomization(dir: string, at?: SourceRef): Kustomization {
		const found = KUSTOMIZATION_FILE_NAMES.map((n) => joinPath(dir, n)).filter((p) => !this.fs.isDirectory(p) && this.fs.readFile(p) !== undefined);
		if (found.length === 0) throw new KustomizeError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`, at);
		if (found.length > 1) throw new KustomizeError(`Found multiple kustomization files under: ${dir}`, at);
		const file = found[0];
		const text = this.read(file, 'kustomization', at);
		const docs = parseAllDocuments(text, { version: '1.2', uniqueKeys: false });
		const doc = (Array.isArray(docs) ? docs : [docs])[0];
		if (!doc || doc.errors.length) {
			const err = doc?.errors[0];
			throw new KustomizeError(`invalid Kustomization: ${err?.message.split('\n')[0] ?? 'empty document'}`, err ? { file, start: err.pos[0], end: err.pos[1] } : at);
		}
		const node = doc.contents === null ? undefined : fromYaml(doc, doc.contents, file, text);
		// apiVersion and kind alone make an empty kustomization too
		if (!node || node.t !== 'm' || [...node.m.keys()].every((key) => key === 'apiVersion' || key === 'kind')) throw new KustomizeError('kustomization.yaml is empty', { file, start: 0, end: Math.min(text.length, 1) });
		for (const [key, value] of node.m) {
			if (!KUSTOMIZATION_FIELDS.has(key)) throw new KustomizeError(`invalid Kustomization: json: unknown field "${key}"`, { file, start: value.src?.keyStart ?? value.src?.start ?? 0, end: value.src?.end ?? 0 });
		}
		checkKustomizationTypes(node);
		return { file, dir, text, node, doc };
	}

	/** Builds the kustomization in `dir` into `acc` (a component adds to its parent's accumulator). */
	/**
	 * Builds the kustomization in `dir` into `acc` (a component adds to its parent's accumulator). Below
	 * the top, failures are wrapped as kustomize wraps them (`couldn't make target for path`,
	 * `recursed accumulation of path`); the location stays on the innermost entry.
	 */
	accumulate(dir: string, acc: Accumulator, isComponent: boolean, at?: SourceRef): Accumulator {
		// like kustomize, a folder that contains one being built (itself included) would loop
		const visited = this.stack.find((v) => v === dir || v.startsWith(`${dir}/`));
		if (visited) throw new KustomizeError(`cycle detected: candidate root '${dir}' contains visited root '${visited}'`, at);
		const nested = this.stack.length > 0;
		const wrap = (prefix: string, run: () => void) => {
			try {
				run();
			} catch (e) {
				if (!nested || !(e instanceof KustomizeError)) throw e;
				throw new KustomizeError(`${prefix} '${dir}': ${e.message}`, e.at ?? at);
			}
		};
		this.stack.push(dir);
		try {
			let k!: Kustomization;
			wrap("couldn't make target for path", () => { k = this.loadKustomization(dir, at); });
			if (!nested) this.sortOptions = k.node.m.get('sortOptions');
			this.loadOpenApi(k);
			const kind = getString(k.node, ['kind']);
			if (isComponent) {
				this.files.set(k.file, 'component');
				if (kind !== 'Component') throw new KustomizeError(`expected kind 'Component' for path '${dir}' but got '${kind ?? ''}'`, at);
			} else if (kind === 'Component' && nested) {
				throw new KustomizeError(`expected kind != 'Component' for path '${dir}'`, at);
			}
			wrap('recursed accumulation of path', () => this.accumulateTarget(k, acc));
			return acc;
		} finally {
			this.stack.pop();
		}
	}

	private loadOpenApi(k: Kustomization): void {
		const pathNode = getPath(k.node, ['openapi', 'path']);
		if (this.customSchema || !pathNode) return;
		const path = joinPath(k.dir, scalarText(pathNode) ?? '');
		// kustomize then knows only this schema: built-in kinds lose their merge keys too
		this.schema = {};
		for (const doc of this.parseDocuments(this.read(path, 'config', pathNode.src, k.dir), path)) this.schema = { ...this.schema, ...readOpenApiSchema(doc) };
		this.customSchema = true;
	}

	private entries(k: Kustomization, field: string): KNode[] {
		const n = k.node.m.get(field);
		if (n === undefined || (n.t === 's' && n.v === null)) return [];
		if (n.t !== 'a') throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${n.t === 'm' ? 'object' : 'string'} into Go struct field Kustomization.${field} of type []`, n.src);
		return n.a;
	}

	/** Fields this engine does not apply: one notice on each, the rest of the build goes on. */
	private unsupported(k: Kustomization): void {
		const notes: Record<string, string> = {
			helmCharts: 'helmCharts are not rendered in-process; the build leaves their objects out',
			helmChartInflationGenerator: 'helmChartInflationGenerator is not rendered in-process; the build leaves its objects out',
			generators: 'generator plugins are not run in-process; the build leaves their objects out',
			validators: 'validator plugins are not run in-process',
			crds: 'crds (name references declared in CRD schemas) are not read in-process',
			buildMetadata: 'buildMetadata annotations and labels are not added in-process',
		};
		for (const [field, message] of Object.entries(notes)) {
			const node = k.node.m.get(field);
			if (!node || (node.t === 'a' && node.a.length === 0) || (node.t === 's' && node.v === null)) continue;
			const src = node.src;
			this.notices.push({ file: k.file, start: src?.keyStart ?? src?.start ?? 0, end: src?.end ?? 0, message });
		}
	}

	private accumulateTarget(k: Kustomization, acc: Accumulator): void {
		this.unsupported(k);
		for (const entry of [...this.entries(k, 'resources'), ...this.entries(k, 'bases')]) this.accumulateResource(k, entry, acc);
		for (const entry of this.entries(k, 'configurations')) {
			const path = joinPath(k.dir, scalarText(entry) ?? '');
			const docs = this.parseDocuments(this.read(path, 'config', entry.src, k.dir), path);
			for (const d of docs) acc.config = mergeConfig(acc.config, readConfig(d));
		}
		this.runGenerators(k, acc);
		for (const entry of this.entries(k, 'components')) {
			const rel = scalarText(entry) ?? '';
			if (isRemote(rel)) { this.remote(entry); continue; }
			try {
				this.accumulate(joinPath(k.dir, rel), acc, true, entry.src);
			} catch (e) {
				if (!(e instanceof KustomizeError)) throw e;
				throw new KustomizeError(`accumulating components: accumulateDirectory: ${goQuote(e.message)}`, e.at);
			}
		}
		this.runTransformers(k, acc);
		for (const v of this.entries(k, 'vars')) acc.vars.push(readVar(v));
	}

	private remote(entry: KNode): void {
		const src = entry.src;
		if (src) this.notices.push({ file: src.file, start: src.start, end: src.end, message: `remote resource ${scalarText(entry)} is not fetched; the build leaves it out` });
	}

	private accumulateResource(k: Kustomization, entry: KNode, acc: Accumulator): void {
		const rel = scalarText(entry);
		if (!rel) throw new KustomizeError('empty resource entry', entry.src);
		if (isRemote(rel)) { this.remote(entry); return; }
		const path = joinPath(k.dir, rel);
		if (this.fs.isDirectory(path)) {
			const failedFrom = `accumulating resources: accumulation err='accumulating resources from '${rel}': '${path}' must resolve to a file': `;
			let sub: Accumulator;
			try {
				sub = this.accumulate(path, emptyAccumulator(), false, entry.src);
			} catch (e) {
				if (!(e instanceof KustomizeError)) throw e;
				throw new KustomizeError(failedFrom + e.message, e.at);
			}
			for (const r of sub.resources) {
				try {
					this.add(acc, r, entry.src);
				} catch (e) {
					throw new KustomizeError(`${failedFrom}recursed merging from path '${path}': ${(e as Error).message.replace(/^accumulating resources: /, '')}`, entry.src);
				}
			}
			acc.config = mergeConfig(acc.config, sub.config);
			acc.vars.push(...sub.vars);
			return;
		}
		if (this.fs.readFile(path) === undefined) {
			throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${rel}': ${missingFile(path)}': must build at directory: not a valid directory: ${missingFile(path)}`, entry.src);
		}
		const text = this.read(path, 'resource', entry.src, k.dir, (m) => `accumulating resources: accumulation err='accumulating resources from '${rel}': ${m}': must build at directory: '${path}': file is not directory`);
		const wrap = (m: string) => `accumulating resources: accumulation err='accumulating resources from '${rel}': ${m}': must build at directory: '${path}': file is not directory`;
		for (const doc of this.parseDocuments(text, path, entry.src)) {
			let resources: Resource[];
			try {
				resources = this.toResources(doc, path);
			} catch (e) {
				if (!(e instanceof KustomizeError)) throw e;
				throw new KustomizeError(wrap(e.message), e.at ?? entry.src);
			}
			for (const r of resources) {
				try {
					this.add(acc, r, entry.src);
				} catch (e) {
					throw new KustomizeError(`accumulating resources: accumulation err='merging resources from '${rel}': ${(e as Error).message.replace(/^accumulating resources: /, '')}': must build at directory: '${path}': file is not directory`, entry.src);
				}
			}
		}
	}

	/** The objects of a document (a List's items); kustomize's message (unwrapped) for one it refuses. */
	private toResources(doc: KNode, file: string): Resource[] {
		if (doc.t !== 'm') throw new KustomizeError('missing Resource metadata', doc.src);
		const kind = getString(doc, ['kind']);
		const items = doc.m.get('items');
		if (kind && kind.endsWith('List') && items?.t === 'a') return items.a.flatMap((i) => this.toResources(i, file));
		if (!kind) throw new KustomizeError(`missing kind in object ${goObjectMeta(doc)}`, doc.src);
		if (!getString(doc, ['metadata', 'name'])) throw new KustomizeError(`missing metadata.name in object ${goObjectMeta(doc)}`, doc.src);
		return [new Resource(doc, file)];
	}

	private add(acc: Accumulator, r: Resource, at?: SourceRef): void {
		const id = r.id;
		if (acc.resources.some((o) => sameId(o.id, id))) throw new KustomizeError(`accumulating resources: may not add resource with an already registered id: ${idString(id)}`, at);
		acc.resources.push(r);
	}

	private runGenerators(k: Kustomization, acc: Accumulator): void {
		const options = k.node.m.get('generatorOptions');
		for (const kind of ['ConfigMap', 'Secret'] as const) {
			for (const entry of this.entries(k, kind === 'ConfigMap' ? 'configMapGenerator' : 'secretGenerator')) {
				this.generate(k, acc, kind, entry, options);
			}
		}
	}

	private generate(k: Kustomization, acc: Accumulator, kind: 'ConfigMap' | 'Secret', entry: KNode, globalOptions: KNode | undefined): void {
		if (entry.t !== 'm') throw new KustomizeError(`invalid ${kind} generator entry`, entry.src);
		const name = getString(entry, ['name']) ?? '';
		const behavior = (getString(entry, ['behavior']) ?? 'create') as 'create' | 'merge' | 'replace';
		const local = entry.m.get('options');
		// a boolean option holds when the generator's or the global options set it (false means unset in kustomize)
		const flag = (key: string): boolean => [local, globalOptions].some((o) => { const v = o?.t === 'm' ? o.m.get(key) : undefined; return v?.t === 's' && v.v === true; });
		const mapOpt = (key: string): Record<string, string> => {
			const out: Record<string, string> = {};
			for (const source of [globalOptions, local]) {
				const m = source?.t === 'm' ? source.m.get(key) : undefined;
				if (m?.t === 'm') for (const [kk, v] of m.m) out[kk] = scalarText(v) ?? '';
			}
			return out;
		};
		const data: GeneratorEntry['data'] = [];
		const setData = (key: string, value: string, src: SourceRef | undefined, at: SourceRef | undefined) => {
			if (data.some(([kk]) => kk === key)) throw new KustomizeError(`configmap ${name} illegally repeats the key \`${key}\``, at);
			data.push([key, value, src]);
		};
		const envs = [...(entry.m.get('envs')?.t === 'a' ? (entry.m.get('envs') as { a: KNode[] }).a : []), ...(entry.m.get('env') ? [entry.m.get('env')!] : [])];
		for (const e of envs) {
			const path = joinPath(k.dir, scalarText(e) ?? '');
			const parsed = parseEnvFile(this.read(path, 'generator-input', e.src, k.dir, (m) => `loading KV pairs: env source files: [${scalarText(e)}]: ${m}`));
			for (const [key, value] of parsed) setData(key, value, e.src, e.src);
		}
		const literals = entry.m.get('literals');
		if (literals?.t === 'a') for (const l of literals.a) {
			const parsed = parseLiteral(scalarText(l) ?? '');
			if (typeof parsed === 'string') throw new KustomizeError(`loading KV pairs: literal sources [${literals.a.map((x) => scalarText(x) ?? '').join(' ')}]: ${parsed}`, l.src);
			setData(parsed[0], parsed[1], l.src, l.src);
		}
		const files = entry.m.get('files');
		const fileSources = files?.t === 'a' ? files.a.map((f) => scalarText(f) ?? '').join(' ') : '';
		const kvError = (m: string) => `loading KV pairs: file sources: [${fileSources}]: ${m}`;
		if (files?.t === 'a') for (const f of files.a) {
			const spec = scalarText(f) ?? '';
			const eq = spec.indexOf('=');
			const key = eq < 0 ? baseName(spec) : spec.slice(0, eq);
			const rel = eq < 0 ? spec : spec.slice(eq + 1);
			if (eq === 0 || rel === '') throw new KustomizeError(`key or file path is missing in '${spec}'`, f.src);
			const path = joinPath(k.dir, rel);
			if (this.fs.isDirectory(path)) throw new KustomizeError(kvError(`'${path}' must resolve to a file`), f.src);
			setData(key, this.read(path, 'generator-input', f.src, k.dir, kvError), f.src, f.src);
		}

		const gen: GeneratorEntry = {
			kind, name, namespace: getString(entry, ['namespace']), type: kind === 'Secret' ? getString(entry, ['type']) : undefined,
			data, labels: mapOpt('labels'), annotations: mapOpt('annotations'),
			immutable: flag('immutable'), src: entry.src,
		};
		const node = generatedObject(gen);
		const r = new Resource(node, k.file);
		r.generated = { behavior, hash: !flag('disableNameSuffixHash'), src: entry.src };
		const id = r.id;
		const goId = `resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"${kind}", isClusterScoped:false}, Name:"${name}", Namespace:"${id.namespace}"}`;
		const existing = acc.resources.find((o) => o.kind === kind && (o.orgId.name === name || o.name === name) && (o.namespace || 'default') === (id.namespace || 'default'));
		if (behavior === 'create' || !['merge', 'replace'].includes(behavior)) {
			if (existing) throw new KustomizeError(`id ${goId} exists; behavior must be merge or replace`, entry.src);
			this.add(acc, r, entry.src);
			return;
		}
		if (!existing) throw new KustomizeError(`id ${goId} does not exist; cannot merge or replace`, entry.src);
		const target = existing.node;
		for (const field of ['data', 'binaryData']) {
			const incoming = node.m.get(field);
			if (behavior === 'replace') {
				if (incoming) target.m.set(field, incoming);
				else target.m.delete(field);
			} else if (incoming?.t === 'm') {
				const cur = target.m.get(field);
				if (cur?.t === 'm') for (const [kk, v] of incoming.m) cur.m.set(kk, v);
				else target.m.set(field, incoming);
			}
		}
		for (const field of ['labels', 'annotations']) {
			const incoming = getPath(node, ['metadata', field]);
			if (incoming?.t !== 'm') continue;
			const meta = target.m.get('metadata') as KMapNode;
			const cur = meta.m.get(field);
			if (cur?.t === 'm') for (const [kk, v] of incoming.m) cur.m.set(kk, v);
			else meta.m.set(field, incoming);
		}
		if (existing.generated) existing.generated = { ...existing.generated, hash: existing.generated.hash && r.generated.hash };
	}

	/** Parses a patch given inline (`patch:`) or by `path:`; inline text keeps offsets into the kustomization. */
	private patchDocuments(k: Kustomization, entry: KMapNode | KNode, transformer: string): KNode[] {
		if (entry.t === 's') {
			const text = scalarText(entry) ?? '';
			if (/\n/.test(text) || /^\s*[[{]/.test(text) || /:\s/.test(text)) return this.inlineDocuments(k, entry, text);
			const path = joinPath(k.dir, text);
			return this.parseDocuments(this.read(path, 'patch', entry.src, k.dir), path);
		}
		if (entry.t !== 'm') throw new KustomizeError('invalid patch entry', entry.src);
		const inline = entry.m.get('patch');
		const pathNode = entry.m.get('path');
		if (inline && scalarText(inline)) return this.inlineDocuments(k, inline, scalarText(inline)!);
		if (pathNode) {
			const rel = scalarText(pathNode) ?? '';
			const path = joinPath(k.dir, rel);
			const config = formatObject(toPlain(entry) as Record<string, unknown>);
			const wrap = (m: string) => `trouble configuring builtin ${transformer} with config: \`\n${config}\`: failed to get the patch file from path(${rel}): ${m}`;
			return this.parseDocuments(this.read(path, 'patch', pathNode.src, k.dir, wrap), path);
		}
		throw new KustomizeError('must specify one of patch and path in ' + JSON.stringify(toPlain(entry)), entry.src);
	}

	private inlineDocuments(k: Kustomization, node: KNode, text: string): KNode[] {
		return this.parseDocuments(text, k.file, node.src, inlineOffsetMap(k.text, node.src, text));
	}

	private runTransformers(k: Kustomization, acc: Accumulator): void {
		const ctx = { schema: this.schema };
		// patchesStrategicMerge
		for (const entry of this.entries(k, 'patchesStrategicMerge')) {
			for (const patch of this.patchDocuments(k, entry, 'PatchStrategicMergeTransformer')) this.applySmpById(acc, patch, ctx, entry.src);
		}
		// patches
		for (const entry of this.entries(k, 'patches')) this.applyPatchEntry(k, acc, entry, ctx);
		// namespace
		const nsNode = k.node.m.get('namespace');
		const namespace = scalarText(nsNode);
		if (namespace) setNamespace(acc.resources, namespace, acc.config.namespace, nsNode?.src);
		// prefix / suffix
		const prefixNode = k.node.m.get('namePrefix');
		const suffixNode = k.node.m.get('nameSuffix');
		const prefix = scalarText(prefixNode) ?? '';
		const suffix = scalarText(suffixNode) ?? '';
		if (prefix || suffix) addNameAffixes(acc.resources, prefix, suffix, acc.config.namePrefix, acc.config.nameSuffix, prefixNode?.src, suffixNode?.src);
		// labels, then commonLabels
		for (const entry of this.entries(k, 'labels')) {
			if (entry.t !== 'm') continue;
			const pairs = pairsOf(entry.m.get('pairs'));
			const flag = (key: string) => { const n = entry.m.get(key); return n?.t === 's' && n.v === true; };
			let specs: FieldSpec[] = flag('includeSelectors') ? acc.config.commonLabels : [{ path: 'metadata/labels', create: true }];
			if (!flag('includeSelectors') && flag('includeTemplates')) specs = acc.config.templateLabels;
			const custom = entry.m.get('fields');
			if (custom?.t === 'a') specs = [...specs, ...custom.a.map(readFieldSpec)];
			addToMaps(acc.resources, pairs, specs);
		}
		const common = pairsOf(k.node.m.get('commonLabels'));
		addToMaps(acc.resources, common, acc.config.commonLabels);
		addToMaps(acc.resources, pairsOf(k.node.m.get('commonAnnotations')), acc.config.commonAnnotations);
		// patchesJson6902
		for (const entry of this.entries(k, 'patchesJson6902')) {
			if (entry.t !== 'm') continue;
			const selector = readSelector(entry.m.get('target'));
			if (!selector) throw new KustomizeError('must specify the target field in patchesJson6902', entry.src);
			const docs = this.patchDocuments(k, entry, 'PatchJson6902Transformer');
			for (const doc of docs) this.applyJsonPatchTo(acc, selector, doc, k.file);
		}
		// replicas
		for (const entry of this.entries(k, 'replicas')) {
			const name = getString(entry, ['name']) ?? '';
			const countNode = getPath(entry, ['count']);
			const count = countNode?.t === 's' ? Number(countNode.v) : NaN;
			setReplicas(acc.resources, { name, count: Number.isFinite(count) ? count : 0, src: entry.src }, acc.config.replicas);
		}
		// images
		// the older `imageTags` field counts as more `images`
		const images: ImageEntry[] = [...this.entries(k, 'images'), ...this.entries(k, 'imageTags')].filter((e) => e.t === 'm').map((e) => ({
			name: getString(e, ['name']) ?? '', newName: scalarText(getPath(e, ['newName'])), newTag: scalarText(getPath(e, ['newTag'])), digest: scalarText(getPath(e, ['digest'])), src: e.src,
		}));
		if (images.length) setImages(acc.resources, images, acc.config.images);
		// replacements
		for (const entry of this.entries(k, 'replacements')) {
			const pathNode = entry.t === 'm' ? entry.m.get('path') : undefined;
			if (pathNode) {
				const path = joinPath(k.dir, scalarText(pathNode) ?? '');
				for (const doc of this.parseDocuments(this.read(path, 'config', pathNode.src, k.dir), path)) {
					applyReplacements(acc.resources, readReplacements(doc));
				}
			} else applyReplacements(acc.resources, readReplacements(entry));
		}
		// transformers:
		for (const entry of this.entries(k, 'transformers')) {
			const text = scalarText(entry) ?? '';
			let docs: KNode[];
			if (/\n/.test(text)) docs = this.inlineDocuments(k, entry, text);
			else {
				if (isRemote(text)) { this.remote(entry); continue; }
				const path = joinPath(k.dir, text);
				if (this.fs.isDirectory(path)) {
					const sub = this.accumulate(path, emptyAccumulator(), false, entry.src);
					docs = sub.resources.map((r) => r.node);
				} else docs = this.parseDocuments(this.read(path, 'config', entry.src, k.dir), path);
			}
			for (const doc of docs) this.runTransformerConfig(acc, doc, entry.src, k.file);
		}
	}

	private applySmpById(acc: Accumulator, patch: KNode, ctx: { schema: Schema }, at?: SourceRef): void {
		if (patch.t !== 'm') throw new KustomizeError('strategic merge patch is not a map', patch.src ?? at);
		const p = new Resource(patch, '');
		const id = p.id;
		const matches = acc.resources.filter((r) => [r.id, ...r.prevIds].some((x) => x.kind === id.kind && x.name === id.name && x.group === id.group && x.version === id.version && (x.namespace || 'default') === (id.namespace || 'default')));
		if (matches.length !== 1) {
			const s = idString(id);
			throw new KustomizeError(`no resource matches strategic merge patch "${s}": no matches for Id ${s}; failed to find unique target for patch ${s}`, patch.src ?? at);
		}
		this.mergeInto(acc, matches[0], patch, ctx);
	}

	private mergeInto(acc: Accumulator, target: Resource, patch: KMapNode, ctx: { schema: Schema }, targeted = false, options?: PatchOptions): void {
		const id = target.id;
		const type = rootType(id.group, id.kind, ctx.schema);
		const merged = strategicMerge(target.node, withTargetIdentity(patch, target, targeted, options), type, ctx);
		if (merged === null) return void acc.resources.splice(acc.resources.indexOf(target), 1);
		if (options?.allowNameChange || options?.allowKindChange) target.rememberId();
		target.node = normalizeKeyedLists(merged, type, ctx);
	}

	private applyPatchEntry(k: Kustomization, acc: Accumulator, entry: KNode, ctx: { schema: Schema }): void {
		if (entry.t !== 'm') throw new KustomizeError('invalid patch entry', entry.src);
		const selector = readSelector(entry.m.get('target'));
		const docs = this.patchDocuments(k, entry, 'PatchTransformer');
		const flag = (name: string) => { const n = getPath(entry, ['options', name]); return n?.t === 's' && n.v === true; };
		this.applyPatchDocs(acc, docs, selector, ctx, entry.src, k.file, { allowNameChange: flag('allowNameChange'), allowKindChange: flag('allowKindChange') });
	}

	private applyPatchDocs(acc: Accumulator, docs: KNode[], selector: Selector | undefined, ctx: { schema: Schema }, at: SourceRef | undefined, file: string, options?: PatchOptions): void {
		if (docs.length === 1 && docs[0].t === 'a') {
			if (!selector) throw new KustomizeError(`must specify a target for JSON patch ${JSON.stringify(toPlain(docs[0]))}`, at);
			this.applyJsonPatchTo(acc, selector, docs[0], file);
			return;
		}
		for (const patch of docs) {
			if (patch.t !== 'm') throw new KustomizeError('unable to parse SM or JSON patch', patch.src ?? at);
			if (!selector) {
				this.applySmpById(acc, patch, ctx, at);
				continue;
			}
			for (const r of acc.resources.filter((res) => selects(selector, res))) this.mergeInto(acc, r, patch, ctx, true, options);
		}
	}

	private applyJsonPatchTo(acc: Accumulator, selector: Selector, doc: KNode, file: string): void {
		const ops = readOperations(doc, file);
		for (const r of acc.resources.filter((res) => selects(selector, res))) {
			try {
				const result = applyJsonPatch(r.node, ops);
				if (result.t !== 'm') throw new KustomizeError('JSON patch replaced the object with a non-map', doc.src);
				r.node = result;
			} catch (e) {
				if (e instanceof KustomizeError && !e.at) throw new KustomizeError(e.message, doc.src);
				throw e;
			}
		}
	}

	/** A `transformers:` entry naming a built-in transformer (`apiVersion: builtin`). */
	private runTransformerConfig(acc: Accumulator, doc: KNode, at: SourceRef | undefined, file: string): void {
		if (doc.t !== 'm') throw new KustomizeError('invalid transformer configuration', doc.src ?? at);
		const kind = getString(doc, ['kind']) ?? '';
		const specsOf = (key: string, fallback: FieldSpec[]) => { const n = doc.m.get(key); return n?.t === 'a' ? n.a.map(readFieldSpec) : fallback; };
		const ctx = { schema: this.schema };
		switch (kind) {
			case 'PrefixSuffixTransformer':
			case 'PrefixTransformer':
			case 'SuffixTransformer': {
				const prefix = scalarText(doc.m.get('prefix')) ?? '';
				const suffix = scalarText(doc.m.get('suffix')) ?? '';
				const specs = specsOf('fieldSpecs', acc.config.namePrefix);
				for (const r of acc.resources) {
					r.rememberId();
					addNameAffixes([r], prefix, suffix, specs, specs, doc.m.get('prefix')?.src, doc.m.get('suffix')?.src);
				}
				return;
			}
			case 'NamespaceTransformer': {
				const nsNode = getPath(doc, ['metadata', 'namespace']);
				const ns = scalarText(nsNode);
				if (ns) setNamespace(acc.resources, ns, specsOf('fieldSpecs', acc.config.namespace), nsNode?.src);
				return;
			}
			case 'LabelTransformer':
				addToMaps(acc.resources, pairsOf(doc.m.get('labels')), specsOf('fieldSpecs', acc.config.commonLabels));
				return;
			case 'AnnotationsTransformer':
				addToMaps(acc.resources, pairsOf(doc.m.get('annotations')), specsOf('fieldSpecs', acc.config.commonAnnotations));
				return;
			case 'ImageTagTransformer': {
				const it = doc.m.get('imageTag');
				setImages(acc.resources, [{ name: getString(it, ['name']) ?? '', newName: scalarText(getPath(it, ['newName'])), newTag: scalarText(getPath(it, ['newTag'])), digest: scalarText(getPath(it, ['digest'])), src: it?.src }], specsOf('fieldSpecs', acc.config.images));
				return;
			}
			case 'ReplicaCountTransformer': {
				const rep = doc.m.get('replica');
				setReplicas(acc.resources, { name: getString(rep, ['name']) ?? '', count: Number(scalarText(getPath(rep, ['count']))), src: rep?.src }, specsOf('fieldSpecs', acc.config.replicas));
				return;
			}
			case 'PatchTransformer': {
				const selector = readSelector(doc.m.get('target'));
				const patchNode = doc.m.get('patch');
				let docs: KNode[];
				if (patchNode) docs = this.parseDocuments(scalarText(patchNode) ?? '', doc.src?.file ?? file, patchNode.src, () => patchNode.src?.start ?? 0);
				else throw new KustomizeError('patch or path is required in PatchTransformer', doc.src);
				this.applyPatchDocs(acc, docs, selector, ctx, patchNode.src, file);
				return;
			}
			case 'PatchJson6902Transformer': {
				const selector = readSelector(doc.m.get('target'));
				const jsonOp = doc.m.get('jsonOp');
				if (!selector || !jsonOp) throw new KustomizeError('PatchJson6902Transformer needs target and jsonOp', doc.src);
				for (const d of this.parseDocuments(scalarText(jsonOp) ?? '', doc.src?.file ?? file, jsonOp.src, () => jsonOp.src?.start ?? 0)) this.applyJsonPatchTo(acc, selector, d, file);
				return;
			}
			case 'PatchStrategicMergeTransformer': {
				const patches = doc.m.get('patches');
				if (patches) for (const p of this.parseDocuments(scalarText(patches) ?? '', doc.src?.file ?? file, patches.src, () => patches.src?.start ?? 0)) this.applySmpById(acc, p, ctx, patches.src);
				return;
			}
			case 'ReplacementTransformer': {
				const reps = doc.m.get('replacements');
				if (reps?.t === 'a') for (const r of reps.a) applyReplacements(acc.resources, readReplacements(r));
				return;
			}
			default:
				throw new KustomizeError(`unable to load builtin ${kind}: only built-in transformers (apiVersion: builtin) are supported in-process`, doc.src ?? at);
		}
	}
}

interface PatchOptions { allowNameChange?: boolean; allowKindChange?: boolean }

function withTargetIdentity(patch: KMapNode, target: Resource, targeted: boolean, options?: PatchOptions): KMapNode {
	// kustomize merges a targeted patch under the target's own identity (the patch may name another
	// object) unless the patch's options allow it to rename the object or change its kind.
	const out: KMapNode = { t: 'm', m: new Map(patch.m), src: patch.src };
	for (const key of options?.allowKindChange ? [] : ['apiVersion', 'kind']) {
		const tv = target.node.m.get(key);
		if (tv) out.m.set(key, tv);
	}
	const meta = out.m.get('metadata');
	const tmeta = target.node.m.get('metadata') as KMapNode;
	const m: KMapNode = meta?.t === 'm' ? { t: 'm', m: new Map(meta.m), src: meta.src } : { t: 'm', m: new Map(), src: tmeta?.src };
	for (const key of options?.allowNameChange ? ['namespace'] : ['name', 'namespace']) {
		const tv = tmeta?.m.get(key);
		if (tv) m.m.set(key, tv);
		else m.m.delete(key);
	}
	// kustomize reads a targeted patch's labels and annotations as strings: a null there becomes "null"
	for (const key of targeted ? ['labels', 'annotations'] : []) {
		const map = m.m.get(key);
		if (map?.t !== 'm') continue;
		m.m.set(key, { t: 'm', m: new Map([...map.m].map(([k, v]) => [k, v.t === 's' && v.v === null ? { ...v, v: 'null' } : v])), src: map.src });
	}
	out.m.set('metadata', m);
	return out;
}

/** How Go prints the type and object meta kustomize failed to read (`{{v1 ConfigMap} {{name ns} map[..] map[..]}}`). */
function goObjectMeta(doc: KNode): string {
	const goMap = (path: string[]) => {
		const m = getPath(doc, path);
		const pairs = m?.t === 'm' ? [...m.m].map(([k, v]): [string, string] => [k, scalarText(v) ?? '']).sort(([a], [b]) => (a < b ? -1 : 1)) : [];
		return `map[${pairs.map(([k, v]) => `${k}:${v}`).join(' ')}]`;
	};
	const s = (path: string[]) => scalarText(getPath(doc, path)) ?? '';
	return `{{${s(['apiVersion'])} ${s(['kind'])}} {{${s(['metadata', 'name'])} ${s(['metadata', 'namespace'])}} ${goMap(['metadata', 'labels'])} ${goMap(['metadata', 'annotations'])}}}`;
}

/** Go's %q of a string. */
function goQuote(s: string): string {
	return JSON.stringify(s).replace(/[\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16)}`);
}

function missingFile(path: string): string {
	return `evalsymlink failure on '${path}' : lstat ${path}: no such file or directory`;
}

function pairsOf(n: KNode | undefined): [string, string, SourceRef | undefined][] {
	if (n?.t !== 'm') return [];
	return [...n.m].map(([k, v]) => [k, scalarText(v) ?? '', v.src ? { ...v.src } : undefined]);
}

function readFieldSpec(n: KNode): FieldSpec {
	const create = getPath(n, ['create']);
	return {
		group: scalarText(getPath(n, ['group'])), version: scalarText(getPath(n, ['version'])), kind: scalarText(getPath(n, ['kind'])),
		path: scalarText(getPath(n, ['path'])) ?? '', create: create?.t === 's' && create.v === true,
	};
}

function readConfig(n: KNode): Partial<TransformerConfig> {
	const out: Partial<TransformerConfig> = {};
	if (n.t !== 'm') return out;
	for (const key of ['namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'templateLabels', 'commonAnnotations', 'images', 'replicas', 'varReference'] as const) {
		const v = n.m.get(key);
		if (v?.t === 'a') out[key] = v.a.map(readFieldSpec);
	}
	const refs = n.m.get('nameReference');
	if (refs?.t === 'a') {
		out.nameReference = refs.a.map((r): NameReference => {
			const fs = getPath(r, ['fieldSpecs']);
			const { group, version } = parseApiVersion(scalarText(getPath(r, ['apiVersion'])));
			return {
				kind: scalarText(getPath(r, ['kind'])) ?? '',
				group: scalarText(getPath(r, ['group'])) ?? (group || undefined), version: scalarText(getPath(r, ['version'])) ?? (version || undefined),
				fieldSpecs: fs?.t === 'a' ? fs.a.map(readFieldSpec) : [],
			};
		});
	}
	return out;
}

function readVar(n: KNode): Var {
	const objref = getPath(n, ['objref']);
	const { group, version } = parseApiVersion(scalarText(getPath(objref, ['apiVersion'])));
	return {
		name: scalarText(getPath(n, ['name'])) ?? '',
		kind: scalarText(getPath(objref, ['kind'])) ?? '',
		group: scalarText(getPath(objref, ['group'])) ?? group,
		version: scalarText(getPath(objref, ['version'])) ?? version,
		objName: scalarText(getPath(objref, ['name'])) ?? '',
		namespace: scalarText(getPath(objref, ['namespace'])),
		fieldPath: scalarText(getPath(n, ['fieldref', 'fieldpath'])) ?? 'metadata.name',
		src: n.src,
	};
}

/**
 * For a patch written inline as a literal block scalar (`patch: |`), maps an offset in the patch text to
 * the offset in the kustomization file; other scalar styles map every node to the whole value.
 */
function inlineOffsetMap(fileText: string, src: SourceRef | undefined, text: string): (o: number) => number {
	if (!src) return () => 0;
	const raw = fileText.slice(src.start, src.end);
	if (!/^[|>]/.test(raw)) return () => src.start;
	const firstBreak = raw.indexOf('\n');
	if (firstBreak < 0) return () => src.start;
	const body = src.start + firstBreak + 1;
	const lines = fileText.slice(body, src.end).split('\n');
	const firstContent = lines.find((l) => l.trim() !== '') ?? '';
	const indent = firstContent.length - firstContent.trimStart().length;
	const lineStarts: number[] = [];
	let offset = body;
	for (const l of lines) { lineStarts.push(offset); offset += l.length + 1; }
	const textLineStarts: number[] = [0];
	for (let i = 0; i < text.length; i++) if (text[i] === '\n') textLineStarts.push(i + 1);
	return (o: number) => {
		let line = 0;
		while (line + 1 < textLineStarts.length && textLineStarts[line + 1] <= o) line++;
		const base = lineStarts[line];
		return base === undefined ? src.start : Math.min(base + indent + (o - textLineStarts[line]), src.end);
	};
}

function remapOffsets(n: KNode, map: (o: number) => number, fallback: SourceRef | undefined): KNode {
	const src = n.src ? { file: n.src.file, start: map(n.src.start), end: map(n.src.end), ...(n.src.keyStart !== undefined ? { keyStart: map(n.src.keyStart) } : {}) } : fallback;
	if (n.t === 's') return { ...n, src };
	if (n.t === 'a') return { t: 'a', a: n.a.map((i) => remapOffsets(i, map, fallback)), src };
	return { t: 'm', m: new Map([...n.m].map(([k, v]) => [k, remapOffsets(v, map, fallback)])), src };
}

export function buildKustomization(fs: KustomizeFileSystem, dir: string): KustomizeBuild {
	const builder = new Builder(fs);
	const root = joinPath('/', dir);
	try {
		const acc = builder.accumulate(root, emptyAccumulator(), false);
		// generator name hashes (only the top build adds them, after every transformer ran)
		for (const r of acc.resources) {
			if (!r.generated?.hash) continue;
			r.rememberId();
			const nameNode = getPath(r.node, ['metadata', 'name']);
			const meta = r.node.m.get('metadata') as KMapNode;
			meta.m.set('name', { t: 's', v: `${r.name}-${nameHash(r.node)}`, src: nameNode?.src });
		}
		fixNameReferences(acc.resources, acc.config.nameReference);
		resolveVars(acc.resources, acc.vars, acc.config.varReference);
		const kept = acc.resources.filter((r) => getString(r.node, ['metadata', 'annotations', 'config.kubernetes.io/local-config']) !== 'true');
		const sorted = sortResources(kept, builder.sortOptions);
		return {
			objects: sorted.map((r) => ({ value: toPlain(r.node) as Record<string, unknown>, origin: toOrigin(r.node) })),
			errors: [],
			notices: builder.notices,
			files: builder.files,
		};
	} catch (e) {
		// kustomize's own failures carry its message; anything else is a defect of this engine, said so
		const message = e instanceof KustomizeError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
		const at = e instanceof KustomizeError ? e.at : undefined;
		const kfile = findKustomizationFile(fs, root) ?? joinPath(root, 'kustomization.yaml');
		return {
			objects: [],
			errors: [{ file: at?.file ?? kfile, start: at?.start ?? 0, end: at?.end ?? 0, message }],
			notices: builder.notices,
			files: builder.files,
		};
	}
}

