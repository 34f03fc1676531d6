// Values as Helm builds them: value files merged in order, then `--set` / `--set-string` paths (Helm's
// strvals syntax), coalesced over the chart's values.yaml and its subcharts' (globals copied down, `null`
// deleting a default), with dependency `condition`/`tags` deciding which subcharts render. Every map and
// list remembers the source that set it (a ValueRef: file and key path) for the source map.
import { goInt64 } from '../template';
import { ChartDependency, LoadedChart } from './chart';
import { deepCopy, GoMap, hasKey, isGoMap, newMap, setKey } from './goValues';
import { jsonKindName, parseGoYaml } from './goYaml';
import { semverCompare } from './semver';

export interface ValueRef {
	file: string;
	path: (string | number)[];
}

export const SET_FILE = '<set>';

/** Origins of the containers of a values tree. */
export class ValueOrigins {
	private readonly refs = new WeakMap<object, ValueRef>();
	/** Keys of a container that another source set (a default filled into a user's map, a --set value). */
	private readonly keyRefs = new WeakMap<object, Map<string | number, ValueRef>>();
	set(container: object, ref: ValueRef): void {
		this.refs.set(container, ref);
	}
	get(container: object): ValueRef | undefined {
		return this.refs.get(container);
	}
	setKey(container: object, key: string | number, ref: ValueRef | undefined): void {
		if (!ref) return;
		let refs = this.keyRefs.get(container);
		if (!refs) this.keyRefs.set(container, (refs = new Map()));
		refs.set(key, ref);
	}
	/** The origin recorded for one key, when it differs from its container's. */
	keyRef(container: object, key: string | number): ValueRef | undefined {
		return this.keyRefs.get(container)?.get(key);
	}
	/** Where the value at `container[key]` came from: its own record, else the container's origin plus the key. */
	refOfKey(container: object, key: string | number): ValueRef | undefined {
		const own = this.keyRef(container, key);
		if (own) return own;
		const base = this.refs.get(container);
		return base ? { file: base.file, path: [...base.path, key] } : undefined;
	}
	/** Records `value` and every container below it as coming from `file` at `path`. */
	tag(value: unknown, file: string, path: (string | number)[]): void {
		if (Array.isArray(value)) {
			this.refs.set(value, { file, path });
			value.forEach((v, i) => this.tag(v, file, [...path, i]));
		} else if (isGoMap(value)) {
			this.refs.set(value, { file, path });
			for (const k of Object.keys(value)) this.tag(value[k], file, [...path, k]);
		}
	}
	/** Copies a tree (Helm copies values before coalescing) keeping each container's origin. */
	copy<T>(value: T): T {
		if (Array.isArray(value)) {
			const out = value.map((v) => this.copy(v));
			const ref = this.refs.get(value);
			if (ref) this.refs.set(out, ref);
			const keys = this.keyRefs.get(value);
			if (keys) this.keyRefs.set(out, new Map(keys));
			return out as T;
		}
		if (isGoMap(value)) {
			const out = newMap();
			for (const k of Object.keys(value)) setKey(out, k, this.copy(value[k]));
			const ref = this.refs.get(value);
			if (ref) this.refs.set(out, ref);
			const keys = this.keyRefs.get(value);
			if (keys) this.keyRefs.set(out, new Map(keys));
			return out as T;
		}
		return value;
	}
}

export class ValuesError extends Error {}

// ---------------------------------------------------------------------------------------------
// --set parsing (helm.sh/helm/v3/pkg/strvals)

const MAX_INDEX = 65536;

function typedValue(text: string, asString: boolean): unknown {
	if (asString) return text;
	const lower = text.toLowerCase();
	if (lower === 'true') return true;
	if (lower === 'false') return false;
	if (lower === 'null') return null;
	if (text === '0') return int64Of(0n);
	if (text.length > 0 && text[0] !== '0' && /^[+-]?\d+$/.test(text)) {
		const v = BigInt(text);
		if (v >= -(2n ** 63n) && v < 2n ** 63n) return int64Of(v);
	}
	return text;
}

/** An int64 from --set, as the template engine represents Go's int64. */
const int64Of = goInt64;

class SetParser {
	private i = 0;
	private readonly chars: string[];
	constructor(
		text: string,
		private readonly asString: boolean,
		private readonly origins: ValueOrigins,
	) {
		this.chars = Array.from(text);
	}

	private eof(): boolean {
		return this.i >= this.chars.length;
	}

	parseInto(data: GoMap): void {
		while (!this.eof()) this.key(data, []);
	}

	/** Reads up to one of `stops`, honouring backslash escapes; returns the text and the stop (undefined at the end). */
	private readUntil(stops: string): { text: string; stop: string | undefined } {
		let text = '';
		while (!this.eof()) {
			const c = this.chars[this.i++];
			if (c === '\\') {
				if (!this.eof()) text += this.chars[this.i++];
				continue;
			}
			if (stops.includes(c)) return { text, stop: c };
			text += c;
		}
		return { text, stop: undefined };
	}

	private value(path: (string | number)[]): unknown {
		if (this.chars[this.i] === '{') {
			this.i++;
			const items: unknown[] = [];
			for (;;) {
				const { text, stop } = this.readUntil(',}');
				if (stop === undefined) throw new ValuesError(`list must terminate with '}'`);
				items.push(typedValue(text, this.asString));
				if (stop === '}') break;
			}
			if (!this.eof()) {
				const next = this.chars[this.i++];
				if (next !== ',') throw new ValuesError(`unexpected character '${next}' after list`);
			}
			this.origins.set(items, { file: SET_FILE, path });
			return items;
		}
		const { text } = this.readUntil(',');
		return typedValue(text, this.asString);
	}

	private key(data: GoMap, path: (string | number)[]): void {
		const { text: key, stop } = this.readUntil('=[.,');
		const keyPath = [...path, key];
		switch (stop) {
			case undefined:
				if (key === '') return;
				throw new ValuesError(`key "${key}" has no value`);
			case ',':
				throw new ValuesError(`key "${key}" has no value (cannot end with ,)`);
			case '=':
				setKey(data, key, this.value(keyPath));
				this.origins.setKey(data, key, { file: SET_FILE, path: keyPath });
				return;
			case '.': {
				let inner = data[key];
				if (!isGoMap(inner) || !hasKey(data, key)) {
					inner = newMap();
					this.origins.set(inner as GoMap, { file: SET_FILE, path: keyPath });
				}
				setKey(data, key, inner);
				this.key(inner as GoMap, keyPath);
				return;
			}
			case '[': {
				const existing = hasKey(data, key) && Array.isArray(data[key]) ? (data[key] as unknown[]) : [];
				setKey(data, key, this.listItem(existing, keyPath));
				return;
			}
		}
	}

	private index(): number {
		const { text, stop } = this.readUntil(']');
		if (stop === undefined) throw new ValuesError('error parsing index: unexpected end');
		if (!/^-?\d+$/.test(text)) throw new ValuesError(`error parsing index: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
		const n = Number(text);
		if (n < 0) throw new ValuesError(`negative ${n} index not allowed`);
		if (n > MAX_INDEX) throw new ValuesError(`index of ${n} is greater than maximum supported index ${MAX_INDEX}`);
		return n;
	}

	private listItem(list: unknown[], path: (string | number)[]): unknown[] {
		const i = this.index();
		const out = [...list];
		while (out.length <= i) out.push(null);
		this.origins.set(out, { file: SET_FILE, path });
		const itemPath = [...path, i];
		if (this.eof()) throw new ValuesError(`key "${path[path.length - 1]}[${i}]" has no value`);
		const c = this.chars[this.i++];
		if (c === '=') {
			out[i] = this.value(itemPath);
			this.origins.setKey(out, i, { file: SET_FILE, path: itemPath });
		} else if (c === '.') {
			let inner = out[i];
			if (!isGoMap(inner)) {
				inner = newMap();
				this.origins.set(inner as GoMap, { file: SET_FILE, path: itemPath });
			}
			out[i] = inner;
			this.key(inner as GoMap, itemPath);
		} else if (c === '[') {
			this.i--;
			this.i++;
			const nested = Array.isArray(out[i]) ? (out[i] as unknown[]) : [];
			out[i] = this.listItem(nested, itemPath);
		} else {
			throw new ValuesError(`parse error: unexpected character '${c}' after index`);
		}
		return out;
	}
}

/** Applies one `--set` (or `--set-string`) argument to `data` in place. */
export function applySet(data: GoMap, text: string, asString: boolean, origins: ValueOrigins): void {
	new SetParser(text, asString, origins).parseInto(data);
}

// ---------------------------------------------------------------------------------------------
// user values: files in order, then --set, then --set-string

/** Helm's mergeMaps: maps merge recursively, anything else replaces; each key keeps its source. */
function mergeMaps(base: GoMap, over: GoMap, origins: ValueOrigins): GoMap {
	const out = newMap();
	const overRef = origins.get(over);
	if (overRef) origins.set(out, overRef);
	for (const k of Object.keys(base)) {
		setKey(out, k, base[k]);
		origins.setKey(out, k, origins.refOfKey(base, k));
	}
	for (const k of Object.keys(over)) {
		const v = over[k];
		const existing = out[k];
		if (isGoMap(v) && hasKey(out, k) && isGoMap(existing)) setKey(out, k, mergeMaps(existing, v, origins));
		else setKey(out, k, v);
		origins.setKey(out, k, origins.refOfKey(over, k));
	}
	return out;
}

export interface UserValuesInput {
	valueFiles?: { path: string; text: string }[];
	set?: string[];
	setString?: string[];
}

export function buildUserValues(input: UserValuesInput, origins: ValueOrigins): GoMap {
	// the root has no origin of its own: the chart's values.yaml gives it one when coalesced
	let base: GoMap = newMap();
	for (const file of input.valueFiles ?? []) {
		const parsed = parseGoYaml(file.text, (container, path) => origins.set(container, { file: file.path, path }));
		if (parsed.error) throw new ValuesError(`failed to parse ${file.path}: error converting YAML to JSON: ${parsed.error}`);
		if (parsed.value === null) continue;
		if (!isGoMap(parsed.value)) throw new ValuesError(`failed to parse ${file.path}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKindName(parsed.value)} into Go value of type map[string]interface {}`);
		const merged = mergeMaps(base, parsed.value, origins);
		origins.set(merged, { file: file.path, path: [] });
		base = merged;
	}
	for (const text of input.set ?? []) {
		try {
			applySet(base, text, false, origins);
		} catch (e) {
			throw new ValuesError(`failed parsing --set data: ${(e as Error).message}`);
		}
	}
	for (const text of input.setString ?? []) {
		try {
			applySet(base, text, true, origins);
		} catch (e) {
			throw new ValuesError(`failed parsing --set-string data: ${(e as Error).message}`);
		}
	}
	return base;
}

// ---------------------------------------------------------------------------------------------
// coalescing (chartutil/coalesce.go)

/** A chart after dependency processing: its name may be an alias; only enabled subcharts remain. */
export interface ChartNode {
	chart: LoadedChart;
	name: string;
	dependencies: ChartNode[];
	/** Template path prefix, e.g. 'web' or 'web/charts/redis'. */
	path: string;
	/** The enabled dependencies' `import-values` (by alias-resolved name). */
	imports?: { name: string; importValues: unknown[] }[];
	/** The chart's defaults after import-values (else its values.yaml). */
	values?: GoMap;
}

function defaultsOf(node: ChartNode): GoMap {
	return node.values ?? node.chart.values;
}

function coalesceTables(dst: GoMap, src: GoMap, merge: boolean, origins: ValueOrigins): GoMap {
	for (const key of Object.keys(dst)) if (dst[key] === null && !hasKey(src, key)) setKey(src, key, null);
	for (const key of Object.keys(src)) {
		const sv = src[key];
		if (hasKey(dst, key) && !merge && dst[key] === null) {
			delete dst[key];
		} else if (!hasKey(dst, key)) {
			setKey(dst, key, sv);
			origins.setKey(dst, key, origins.refOfKey(src, key));
		} else if (isGoMap(sv)) {
			const dv = dst[key];
			if (isGoMap(dv)) {
				preferDefaultsOrigin(dv, sv, origins);
				coalesceTables(dv, sv, merge, origins);
			}
		}
	}
	return dst;
}

function coalesceValues(node: ChartNode, dest: GoMap, merge: boolean, origins: ValueOrigins): void {
	const defaults = origins.copy(defaultsOf(node));
	for (const key of Object.keys(defaults)) {
		const val = defaults[key];
		if (hasKey(dest, key)) {
			const value = dest[key];
			if (value === null && !merge) delete dest[key];
			else if (isGoMap(value) && isGoMap(val)) {
				preferDefaultsOrigin(value, val, origins);
				const childMerge = merge || node.dependencies.some((d) => d.name === key);
				coalesceTables(value, val, childMerge, origins);
			}
		} else {
			setKey(dest, key, val);
			origins.setKey(dest, key, origins.refOfKey(defaults, key));
		}
	}
}

function coalesceGlobals(dest: GoMap, src: GoMap, origins: ValueOrigins): void {
	let dg: GoMap;
	let sg: GoMap;
	if (!hasKey(dest, 'global')) dg = newMap();
	else if (isGoMap(dest.global)) dg = dest.global;
	else return;
	if (!hasKey(src, 'global')) sg = newMap();
	else if (isGoMap(src.global)) sg = src.global;
	else return;
	const sgRef = origins.get(sg);
	for (const key of Object.keys(sg)) {
		const val = sg[key];
		if (isGoMap(val)) {
			const vv = origins.copy(val);
			if (!hasKey(dg, key)) setKey(dg, key, vv);
			else if (isGoMap(dg[key])) {
				coalesceTables(vv, dg[key] as GoMap, true, origins);
				setKey(dg, key, vv);
			}
		} else if (hasKey(dg, key) && isGoMap(dg[key])) {
			// a table is never replaced by a scalar
		} else {
			setKey(dg, key, val);
			origins.setKey(dg, key, origins.refOfKey(sg, key));
		}
	}
	if (!origins.get(dg) && sgRef) origins.set(dg, sgRef);
	setKey(dest, 'global', dg);
}

function coalesceDeps(node: ChartNode, dest: GoMap, merge: boolean, origins: ValueOrigins): void {
	for (const sub of node.dependencies) {
		if (!hasKey(dest, sub.name)) {
			const fresh = newMap();
			origins.set(fresh, { file: sub.chart.valuesFile || SET_FILE, path: [] });
			setKey(dest, sub.name, fresh);
		} else if (!isGoMap(dest[sub.name])) {
			throw new ValuesError(`type mismatch on ${sub.name}: %!t(${typeof dest[sub.name]})`);
		}
		const dvmap = dest[sub.name] as GoMap;
		coalesceGlobals(dvmap, dest, origins);
		coalesce(sub, dvmap, merge, origins);
	}
}

export function coalesce(node: ChartNode, dest: GoMap, merge: boolean, origins: ValueOrigins): GoMap {
	coalesceValues(node, dest, merge, origins);
	coalesceDeps(node, dest, merge, origins);
	return dest;
}

/**
 * A map that --set created (or the root) gets the origin of the chart's map it is merged with: its other
 * keys come from there. (Origins are per map; a key set by --set inside it is attributed to that file.)
 */
function preferDefaultsOrigin(dest: GoMap, defaults: GoMap, origins: ValueOrigins): void {
	const own = origins.get(dest);
	const fallback = origins.get(defaults);
	if (fallback && (!own || own.file === SET_FILE)) origins.set(dest, fallback);
}

/** MergeTables: `src` fills what `dst` lacks (dst wins), tables merged recursively. */
function mergeTables(dst: GoMap, src: GoMap, origins: ValueOrigins): GoMap {
	for (const key of Object.keys(src)) {
		const sv = src[key];
		if (!hasKey(dst, key)) {
			setKey(dst, key, sv);
			origins.setKey(dst, key, origins.refOfKey(src, key));
		} else if (isGoMap(sv) && isGoMap(dst[key])) mergeTables(dst[key] as GoMap, sv, origins);
	}
	return dst;
}

function tableAt(values: GoMap, path: string): GoMap | undefined {
	let current: unknown = values;
	for (const part of path.split('.').filter((p) => p !== '')) {
		if (!isGoMap(current) || !hasKey(current, part)) return undefined;
		current = current[part];
	}
	return isGoMap(current) ? current : undefined;
}

/** pathToMap: `a.b` and a table become {a: {b: table}}; `.` is the table itself. */
function pathToMap(path: string, table: GoMap): GoMap {
	const parts = path.split('.').filter((p) => p !== '');
	let out = table;
	for (const part of parts.reverse()) {
		const wrapper = newMap();
		setKey(wrapper, part, out);
		out = wrapper;
	}
	return out;
}

/**
 * processDependencyImportValues (with merge, as install and template do): subcharts first, then each
 * `import-values` entry (`name` for exports.name, or {child, parent}) copied into the chart's defaults,
 * which keep precedence over what they import.
 */
export function processImportValues(node: ChartNode, origins: ValueOrigins): void {
	for (const dep of node.dependencies) processImportValues(dep, origins);
	if (!node.imports || node.imports.length === 0) return;
	const scratch: ChartNode = { ...node };
	const root = newMap();
	const rootRef = origins.get(node.chart.values);
	if (rootRef) origins.set(root, rootRef);
	const cvals = coalesce(scratch, root, true, origins);
	let imported = newMap();
	for (const { name, importValues } of node.imports) {
		for (const entry of importValues) {
			if (typeof entry === 'string') {
				const table = tableAt(cvals, `${name}.exports.${entry}`);
				if (table) imported = mergeTables(imported, origins.copy(table), origins);
			} else if (isGoMap(entry) && typeof entry.child === 'string' && typeof entry.parent === 'string') {
				const table = tableAt(cvals, `${name}.${entry.child}`);
				if (table) imported = mergeTables(imported, pathToMap(entry.parent, origins.copy(table)), origins);
			}
		}
	}
	node.values = mergeTables(cvals, imported, origins);
}

/** CoalesceValues: a copy of the user values, with the chart's and subcharts' defaults filled in. */
export function coalesceAll(node: ChartNode, userValues: GoMap, origins: ValueOrigins): GoMap {
	const dest = origins.copy(userValues);
	preferDefaultsOrigin(dest, defaultsOf(node), origins);
	return coalesce(node, dest, false, origins);
}

// ---------------------------------------------------------------------------------------------
// dependencies (chartutil/dependencies.go)

/** Helm's IsCompatibleRange: whether a version satisfies a dependency's version constraint. */
function isCompatibleRange(constraint: string, version: string): boolean {
	try {
		return semverCompare(constraint, version);
	} catch {
		return false;
	}
}

function pathValue(values: GoMap, path: string): { found: boolean; value: unknown } {
	const parts = path.split('.');
	let current: unknown = values;
	for (const part of parts) {
		if (!isGoMap(current) || !hasKey(current, part)) return { found: false, value: undefined };
		current = current[part];
	}
	return { found: true, value: current };
}

function cloneDependency(dep: ChartDependency): ChartDependency {
	return { ...dep, tags: [...dep.tags] };
}

/** processDependencyEnabled: resolves aliases, then drops the subcharts whose tags or condition disable them. */
export function processDependencies(chart: LoadedChart, name: string, templatePath: string, userValues: GoMap, origins: ValueOrigins, conditionPath = '', topValues?: GoMap): ChartNode {
	const node: ChartNode = { chart, name, dependencies: [], path: templatePath };
	const declared = chart.dependencies.map(cloneDependency);
	const candidates: { chart: LoadedChart; name: string; dep?: ChartDependency }[] = [];
	// subcharts not named in Chart.yaml's dependencies always render
	for (const sub of chart.subcharts) {
		if (declared.some((d) => d.name === sub.metadata.Name && isCompatibleRange(d.version || '*', sub.metadata.Version))) continue;
		if (declared.some((d) => d.name === sub.metadata.Name)) continue;
		candidates.push({ chart: sub, name: sub.metadata.Name });
	}
	for (const dep of declared) {
		const sub = chart.subcharts.find((c) => c.metadata.Name === dep.name && (dep.version === '' || isCompatibleRange(dep.version, c.metadata.Version))) ?? chart.subcharts.find((c) => c.metadata.Name === dep.name);
		if (sub) candidates.push({ chart: sub, name: dep.alias || dep.name, dep });
		if (dep.alias) dep.name = dep.alias;
	}
	// the values as Helm sees them at this level, to evaluate tags and conditions
	const probe: ChartNode = { chart, name, dependencies: candidates.map((c) => ({ chart: c.chart, name: c.name, dependencies: [], path: '' })), path: templatePath };
	const scratch = new ValueOrigins();
	const cvals = coalesce(probe, deepCopy(topValues === undefined ? userValues : topValues), false, scratch);
	const top = topValues === undefined ? cvals : cvals;
	const tags = isGoMap(top.tags) ? top.tags : undefined;
	for (const dep of declared) {
		if (tags) {
			let hasTrue = false;
			let hasFalse = false;
			for (const tag of dep.tags) {
				if (!hasKey(tags, tag)) continue;
				if (tags[tag] === true) hasTrue = true;
				else if (tags[tag] === false) hasFalse = true;
			}
			if (!hasTrue && hasFalse) dep.enabled = false;
			else if (hasTrue || (!hasTrue && !hasFalse)) dep.enabled = true;
		}
		if (dep.condition) {
			for (const condition of dep.condition.split(',')) {
				const { found, value } = pathValue(cvals, conditionPath + condition.trim());
				if (found && typeof value === 'boolean') {
					dep.enabled = value;
					break;
				}
			}
		}
	}
	const disabled = new Set(declared.filter((d) => !d.enabled).map((d) => d.name));
	node.imports = declared.filter((d) => d.enabled && d.importValues.length > 0).map((d) => ({ name: d.name, importValues: d.importValues }));
	for (const candidate of candidates) {
		if (disabled.has(candidate.name)) continue;
		node.dependencies.push(processDependencies(candidate.chart, candidate.name, `${templatePath}/charts/${candidate.name}`, userValues, origins, `${conditionPath}${candidate.name}.`, cvals));
	}
	void origins;
	return node;
}
