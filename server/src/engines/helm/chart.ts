// Loading a chart as Helm's loader does, from an in-memory map of chart-relative paths: Chart.yaml,
// values.yaml, templates/, crds/ and other files, subcharts in charts/ (folders or .tgz archives read in
// memory), and .helmignore. No file system access: the caller passes every file.
import { gunzipSync } from 'node:zlib';
import { isMap as isYamlMap, isScalar, isSeq, parseDocument } from 'yaml';
import { formatFloatG, GoMap, isGoMap, newMap } from './goValues';
import { parseGoYaml } from './goYaml';
import { HelmIgnore } from './helmignore';

export type ChartFiles = ReadonlyMap<string, string | Uint8Array>;

export interface ChartDependency {
	name: string;
	version: string;
	repository: string;
	condition: string;
	tags: string[];
	alias: string;
	enabled: boolean;
	importValues: unknown[];
}

/** Helm's chart.Metadata as templates see it (`.Chart.Name`, `.Chart.AppVersion`...). */
export class ChartMetadata {
	static goType = 'chart.Metadata';
	Name = '';
	Home = '';
	Sources: string[] | null = null;
	Version = '';
	Description = '';
	Keywords: string[] | null = null;
	Maintainers: GoMap[] | null = null;
	Icon = '';
	APIVersion = '';
	Condition = '';
	Tags = '';
	AppVersion = '';
	Deprecated = false;
	Annotations: GoMap | null = null;
	KubeVersion = '';
	Dependencies: GoMap[] | null = null;
	Type = '';
	IsRoot = false;
}

export interface ChartTemplate {
	/** Chart-relative name, e.g. 'templates/deployment.yaml'. */
	name: string;
	text: string;
	/** Path of the file in the caller's map ('' for a file inside a .tgz). */
	file: string;
}

export interface LoadedChart {
	metadata: ChartMetadata;
	dependencies: ChartDependency[];
	/** The chart's own values (values.yaml), as Go values. */
	values: GoMap;
	/** Path of values.yaml in the caller's map ('' inside a .tgz or when absent). */
	valuesFile: string;
	/** Text of values.yaml, for origins. */
	valuesText: string;
	templates: ChartTemplate[];
	/** Every other file (crds/, files read by .Files), chart-relative. */
	files: Map<string, Uint8Array>;
	/** Subcharts found in charts/, before dependency processing. */
	subcharts: LoadedChart[];
	/** Path prefix of this chart in the caller's map ('' for the root, 'charts/sub/' for a folder subchart, undefined inside an archive). */
	prefix: string | undefined;
	/** Containers of values.yaml and their key paths, for origins. */
	valuesPaths: WeakMap<object, (string | number)[]>;
	/** Text of values.schema.json, when the chart has one. */
	schema?: string;
}

export class ChartLoadError extends Error {}

function toBytes(data: string | Uint8Array): Uint8Array {
	return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

function toText(data: string | Uint8Array): string {
	return typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
}

function stringField(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return formatFloatG(value);
	return String(value);
}

function readMetadata(text: string, where: string): { metadata: ChartMetadata; dependencies: ChartDependency[] } {
	const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: false });
	if (doc.errors.length > 0) throw new ChartLoadError(`cannot load Chart.yaml: error converting YAML to JSON: yaml: ${doc.errors[0].message.split('\n')[0]}`);
	const metadata = new ChartMetadata();
	const dependencies: ChartDependency[] = [];
	const root = doc.contents;
	if (!isYamlMap(root)) throw new ChartLoadError(`validation: chart.metadata.name is required (${where})`);
	const parsed = parseGoYaml(text).value;
	const goMap = isGoMap(parsed) ? parsed : newMap();
	// string fields as sigs.k8s.io/yaml fills them: a number is read as float64 first (`1.10` becomes "1.1")
	const scalarText = (key: string): string => stringField(goMap[key]);
	metadata.Name = scalarText('name');
	metadata.Home = scalarText('home');
	metadata.Version = scalarText('version');
	metadata.Description = scalarText('description');
	metadata.Icon = scalarText('icon');
	metadata.APIVersion = scalarText('apiVersion');
	metadata.Condition = scalarText('condition');
	metadata.Tags = scalarText('tags');
	metadata.AppVersion = scalarText('appVersion');
	metadata.Deprecated = goMap.deprecated === true;
	metadata.KubeVersion = scalarText('kubeVersion');
	metadata.Type = scalarText('type');
	const list = (key: string): string[] | null => (Array.isArray(goMap[key]) ? (goMap[key] as unknown[]).map(stringField) : null);
	metadata.Sources = list('sources');
	metadata.Keywords = list('keywords');
	if (Array.isArray(goMap.maintainers)) metadata.Maintainers = (goMap.maintainers as unknown[]).filter(isGoMap).map((m) => ({ Name: stringField(m.name), Email: stringField(m.email), URL: stringField(m.url) }));
	if (isGoMap(goMap.annotations)) {
		const annotations = newMap();
		for (const [k, v] of Object.entries(goMap.annotations)) annotations[k] = stringField(v);
		metadata.Annotations = annotations;
	}
	const depsNode = root.get('dependencies', true);
	if (isSeq(depsNode) && Array.isArray(goMap.dependencies)) {
		(goMap.dependencies as unknown[]).forEach((dep, i) => {
			if (!isGoMap(dep)) return;
			const node = depsNode.items[i];
			const text = (key: string) => (isYamlMap(node) && isScalar(node.get(key, true)) ? stringField((node.get(key, true) as { value: unknown }).value) : '');
			dependencies.push({
				name: text('name'),
				version: text('version'),
				repository: text('repository'),
				condition: text('condition'),
				tags: Array.isArray(dep.tags) ? (dep.tags as unknown[]).map(stringField) : [],
				alias: text('alias'),
				enabled: true,
				importValues: Array.isArray(dep['import-values']) ? (dep['import-values'] as unknown[]) : [],
			});
		});
	}
	// Helm's loader takes a chart without apiVersion as a v1 chart
	if (!metadata.APIVersion) metadata.APIVersion = 'v1';
	if (!metadata.Name) throw new ChartLoadError(`validation: chart.metadata.name is required`);
	if (!metadata.Version) throw new ChartLoadError(`validation: chart.metadata.version is required`);
	return { metadata, dependencies };
}

/** Entries of a .tgz chart archive: paths without the archive's top folder. */
export function readChartArchive(data: Uint8Array): Map<string, Uint8Array> {
	let tar: Buffer;
	try {
		tar = gunzipSync(data);
	} catch (e) {
		throw new ChartLoadError(`gzip: invalid header`);
	}
	const entries = readTar(tar);
	const out = new Map<string, Uint8Array>();
	for (const [name, bytes] of entries) {
		const parts = name.split('/');
		if (parts.length < 2) continue;
		out.set(parts.slice(1).join('/'), bytes);
	}
	return out;
}

/** Regular files of a (ustar / pax / GNU long name) tar archive. */
function readTar(tar: Buffer): Map<string, Uint8Array> {
	const out = new Map<string, Uint8Array>();
	let offset = 0;
	let longName: string | undefined;
	let paxPath: string | undefined;
	const field = (start: number, length: number) => tar.toString('utf8', start, start + length).replace(/\0[\s\S]*$/, '');
	while (offset + 512 <= tar.length) {
		const header = tar.subarray(offset, offset + 512);
		if (header.every((b) => b === 0)) break;
		const sizeText = field(offset + 124, 12).trim();
		const size = parseInt(sizeText || '0', 8);
		const type = String.fromCharCode(header[156] || 48);
		let name = field(offset, 100);
		const prefix = field(offset + 345, 155);
		if (prefix && tar.toString('utf8', offset + 257, offset + 262) === 'ustar') name = `${prefix}/${name}`;
		const dataStart = offset + 512;
		const data = tar.subarray(dataStart, dataStart + size);
		offset = dataStart + Math.ceil(size / 512) * 512;
		if (type === 'L') {
			longName = data.toString('utf8').replace(/\0[\s\S]*$/, '');
			continue;
		}
		if (type === 'x') {
			const m = /\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
			paxPath = m ? m[1] : undefined;
			continue;
		}
		if (type === 'g') continue;
		const fullName = paxPath ?? longName ?? name;
		longName = undefined;
		paxPath = undefined;
		if (type === '0' || type === '\0' || type === '7') out.set(fullName.replace(/^\.\//, ''), new Uint8Array(data));
	}
	return out;
}

/**
 * Loads a chart from chart-relative files; `prefix` is where these files sit in the caller's map. Only the
 * top chart's .helmignore applies (Helm reads a chart folder with it and loads subcharts from what is left).
 */
export function loadChart(files: ChartFiles, prefix: string | undefined = '', isTop = true): LoadedChart {
	const ignoreText = isTop ? files.get('.helmignore') : undefined;
	const ignore = new HelmIgnore(ignoreText === undefined ? '' : toText(ignoreText), isTop);
	const chartYaml = files.get('Chart.yaml');
	if (chartYaml === undefined) throw new ChartLoadError('Chart.yaml file is missing');
	const { metadata, dependencies } = readMetadata(toText(chartYaml), `${prefix ?? ''}Chart.yaml`);
	const chart: LoadedChart = {
		metadata,
		dependencies,
		values: newMap(),
		valuesFile: '',
		valuesText: '',
		templates: [],
		files: new Map(),
		subcharts: [],
		prefix,
		valuesPaths: new WeakMap(),
	};
	const subchartFiles = new Map<string, Map<string, string | Uint8Array>>();
	const subchartArchives = new Map<string, Uint8Array>();
	for (const [path, data] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
		if (path !== '.helmignore' && ignore.ignores(path)) continue;
		if (path === 'values.schema.json') {
			chart.schema = toText(data);
			continue;
		}
		if (path === 'Chart.yaml' || path === 'Chart.lock' || path === 'requirements.lock') continue;
		if (path === 'requirements.yaml' && metadata.APIVersion === 'v1') {
			const parsed = parseGoYaml(toText(data)).value;
			if (isGoMap(parsed) && Array.isArray(parsed.dependencies)) {
				for (const dep of parsed.dependencies) {
					if (!isGoMap(dep)) continue;
					chart.dependencies.push({
						name: stringField(dep.name),
						version: stringField(dep.version),
						repository: stringField(dep.repository),
						condition: stringField(dep.condition),
						tags: Array.isArray(dep.tags) ? dep.tags.map(stringField) : [],
						alias: stringField(dep.alias),
						enabled: true,
						importValues: [],
					});
				}
			}
			continue;
		}
		if (path === 'values.yaml') {
			const text = toText(data);
			const parsed = parseGoYaml(text, (container, keyPath) => chart.valuesPaths.set(container, keyPath));
			if (parsed.error) throw new ChartLoadError(`cannot load values.yaml: error converting YAML to JSON: ${parsed.error}`);
			chart.values = isGoMap(parsed.value) ? parsed.value : newMap();
			chart.valuesFile = prefix === undefined ? '' : prefix + 'values.yaml';
			chart.valuesText = text;
			continue;
		}
		if (path.startsWith('templates/')) {
			chart.templates.push({ name: path, text: toText(data), file: prefix === undefined ? '' : prefix + path });
			continue;
		}
		if (path.startsWith('charts/')) {
			const rest = path.slice('charts/'.length);
			const slash = rest.indexOf('/');
			if (slash < 0) {
				if (/\.tgz$|\.tar\.gz$/.test(rest)) subchartArchives.set(rest, toBytes(data));
				else if (!rest.endsWith('.prov')) chart.files.set(path, toBytes(data));
				else chart.files.set(path, toBytes(data));
				continue;
			}
			const name = rest.slice(0, slash);
			if (!subchartFiles.has(name)) subchartFiles.set(name, new Map());
			subchartFiles.get(name)!.set(rest.slice(slash + 1), data);
			continue;
		}
		chart.files.set(path, toBytes(data));
	}
	for (const [name, subFiles] of subchartFiles) {
		if (!subFiles.has('Chart.yaml')) continue;
		chart.subcharts.push(loadChart(subFiles, prefix === undefined ? undefined : `${prefix}charts/${name}/`, false));
	}
	for (const [, archive] of subchartArchives) chart.subcharts.push(loadChart(readChartArchive(archive), undefined, false));
	return chart;
}
