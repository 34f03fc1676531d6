// Rendering a chart as `helm template` does: load, process dependencies, coalesce values, parse every
// template of the chart and its subcharts into one template set (Helm's order, so the right `define`
// wins), execute each non-partial template with its chart's scope, drop `<no value>`, split documents,
// sort them by kind in Helm's install order, and print them with `# Source:` headers (CRDs first with
// --include-crds, hooks last). A render error is returned, never thrown: the first failing template,
// worded as Helm words it.
import { isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { TemplateError, TemplateSet, type OutputSegment } from '../template';
import { ChartLoadError, ChartMetadata, ChartTemplate, LoadedChart, loadChart } from './chart';
import { GoMap, hasKey, isGoMap, newMap } from './goValues';
import { goYamlSyntaxError, unknownAnchor } from './goYaml';
import { helmFunctions, PASSTHROUGH } from './helmFunctions';
import { filesValue } from './files';
import { schemaViolations } from './schema';
import { buildUserValues, ChartNode, coalesceAll, processDependencies, processImportValues, ValueOrigins, ValuesError } from './values';

export type { OutputSegment } from '../template';

export interface HelmRenderOptions {
	releaseName?: string;
	namespace?: string;
	valueFiles?: { path: string; text: string }[];
	set?: string[];
	setString?: string[];
	kubeVersion?: string;
	apiVersions?: string[];
	includeCrds?: boolean;
	showOnly?: string[];
}

export interface RenderedManifest {
	/** As in the `# Source:` line, e.g. 'web/templates/deployment.yaml'. */
	source: string;
	/** Chart-relative path of the template file, '' for a file inside a .tgz. */
	file: string;
	/** The document text (trimmed, as Helm prints it). */
	text: string;
	/** Source map of `text` (offsets relative to `text`). */
	segments: OutputSegment[];
	/** Whether Helm treats it as a hook (printed after the other manifests). */
	hook: boolean;
	/** A CRD from crds/ (printed first, only with includeCrds). */
	crd: boolean;
}

export interface RenderError {
	file: string;
	srcStart: number;
	srcEnd: number;
	/** As helm prints it, without 'Error: '. */
	message: string;
}

export interface ChartRender {
	chartName: string;
	manifests: RenderedManifest[];
	errors: RenderError[];
	/** Where each map and list of `.Values` came from (for hover and findings in values files). */
	origins?: ValueOrigins;
}

const INSTALL_ORDER = [
	'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget',
	'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim',
	'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role',
	'RoleList', 'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet',
	'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService',
];

/** `helm template`'s built-in API versions (client-go of Helm 3.17), before --api-versions. */
export const DEFAULT_API_VERSIONS = [
	'v1', 'admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1alpha1', 'admissionregistration.k8s.io/v1beta1',
	'internal.apiserver.k8s.io/v1alpha1', 'apps/v1', 'apps/v1beta1', 'apps/v1beta2', 'authentication.k8s.io/v1',
	'authentication.k8s.io/v1alpha1', 'authentication.k8s.io/v1beta1', 'authorization.k8s.io/v1', 'authorization.k8s.io/v1beta1',
	'autoscaling/v1', 'autoscaling/v2', 'autoscaling/v2beta1', 'autoscaling/v2beta2', 'batch/v1', 'batch/v1beta1',
	'certificates.k8s.io/v1', 'certificates.k8s.io/v1beta1', 'certificates.k8s.io/v1alpha1', 'coordination.k8s.io/v1alpha2',
	'coordination.k8s.io/v1beta1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1', 'events.k8s.io/v1',
	'events.k8s.io/v1beta1', 'extensions/v1beta1', 'flowcontrol.apiserver.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1beta1',
	'flowcontrol.apiserver.k8s.io/v1beta2', 'flowcontrol.apiserver.k8s.io/v1beta3', 'networking.k8s.io/v1', 'networking.k8s.io/v1alpha1',
	'networking.k8s.io/v1beta1', 'node.k8s.io/v1', 'node.k8s.io/v1alpha1', 'node.k8s.io/v1beta1', 'policy/v1', 'policy/v1beta1',
	'rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1', 'resource.k8s.io/v1beta1',
	'resource.k8s.io/v1alpha3', 'scheduling.k8s.io/v1alpha1', 'scheduling.k8s.io/v1beta1', 'scheduling.k8s.io/v1', 'storage.k8s.io/v1beta1',
	'storage.k8s.io/v1', 'storage.k8s.io/v1alpha1', 'storagemigration.k8s.io/v1alpha1', 'apiextensions.k8s.io/v1beta1', 'apiextensions.k8s.io/v1',
];

export const DEFAULT_KUBE_VERSION = 'v1.32.0';

/** chartutil.KubeVersion: prints as its Version. */
export class KubeVersion {
	static goType = 'chartutil.KubeVersion';
	GitVersion: string;
	constructor(
		public Version: string,
		public Major: string,
		public Minor: string,
	) {
		this.GitVersion = Version;
	}
	String(): string {
		return this.Version;
	}
}

/** chartutil.VersionSet: a list of API versions with Has. */
export class VersionSet {
	static goType = 'chartutil.VersionSet';
	constructor(private readonly versions: string[]) {}
	Has(version: unknown): boolean {
		return typeof version === 'string' && this.versions.includes(version);
	}
	String(): string {
		return `[${this.versions.join(' ')}]`;
	}
}

export class HelmVersion {
	static goType = 'version.BuildInfo';
	Version = 'v3.17.3';
	GitCommit = 'e4da49785aa6e6ee2b86efd5dd9e43400318262b';
	GitTreeState = 'clean';
	GoVersion = 'go1.23.7';
}

export class Capabilities {
	static goType = 'chartutil.Capabilities';
	constructor(
		public KubeVersion: KubeVersion,
		public APIVersions: VersionSet,
		public HelmVersion: HelmVersion,
	) {}
}

function kubeVersionOf(text: string | undefined): KubeVersion | string {
	if (!text) return new KubeVersion(DEFAULT_KUBE_VERSION, '1', '32');
	const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?([-+].*)?$/.exec(text.trim());
	if (!m) return `invalid kube version '${text}': Invalid Semantic Version`;
	const version = `v${m[1]}.${m[2] ?? '0'}.${m[3] ?? '0'}${m[4] ?? ''}`;
	return new KubeVersion(version, m[1], m[2] ?? '0');
}

interface RenderableTemplate {
	name: string;
	template: ChartTemplate;
	node: ChartNode;
	data: GoMap;
}

/** Helm's sortTemplates: deeper paths first, then by name descending (later parses win a `define`). */
function helmTemplateOrder(a: string, b: string): number {
	const ca = a.split('/').length;
	const cb = b.split('/').length;
	if (ca !== cb) return cb - ca;
	return a < b ? 1 : a > b ? -1 : 0;
}

function nodeValues(parentValues: GoMap, node: ChartNode, isRoot: boolean): GoMap {
	if (isRoot) return parentValues;
	const own = parentValues[node.name];
	return isGoMap(own) && hasKey(parentValues, node.name) ? own : newMap();
}

/** The object each template of a chart sees as `.`, built per chart as Helm's recAllTpls does. */
function collectTemplates(node: ChartNode, values: GoMap, common: { Release: GoMap; Capabilities: Capabilities }, isRoot: boolean, out: RenderableTemplate[]): GoMap {
	const metadata = Object.assign(new ChartMetadata(), node.chart.metadata, { Name: node.name, IsRoot: isRoot });
	const subcharts = newMap();
	const data: GoMap = newMap();
	Object.assign(data, {
		Chart: metadata,
		Files: filesValue(node.chart.files),
		Release: common.Release,
		Capabilities: common.Capabilities,
		Values: values,
		Subcharts: subcharts,
	});
	for (const dep of node.dependencies) subcharts[dep.name] = collectTemplates(dep, nodeValues(values, dep, false), common, false, out);
	const isLibrary = node.chart.metadata.Type === 'library';
	for (const template of node.chart.templates) {
		const base = template.name.slice(template.name.lastIndexOf('/') + 1);
		if (isLibrary && !base.startsWith('_')) continue;
		out.push({ name: `${node.path}/${template.name}`, template, node, data });
	}
	return data;
}

/** Helm's cleanupParseError / cleanupExecError wording. */
function helmMessage(error: TemplateError): string {
	const message = error.goMessage;
	if (error.kind === 'parse') {
		const tokens = message.split(': ');
		if (tokens.length === 1) return `parse error in (${error.templateName}): ${message}`;
		return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
	}
	const tokens = splitN(message, ': ', 3);
	const wrapped = /HELM\[([\s\S]*)\]HELM/.exec(message);
	if (tokens.length === 3 && wrapped) return `execution error at (${tokens[1]}): ${wrapped[1]}`;
	return message;
}

function splitN(s: string, sep: string, n: number): string[] {
	const parts = s.split(sep);
	if (parts.length <= n) return parts;
	return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

/** The innermost error's location (the failing action), for the diagnostic. */
function innermost(error: TemplateError): TemplateError {
	let current = error;
	while (current.inner) current = current.inner;
	return current;
}

interface SplitDocument {
	text: string;
	/** Offset of `text` in the rendered file. */
	offset: number;
}

const GO_SPACE = new Set([' ', '\t', '\n', '\f', '\r']);

/**
 * releaseutil.SplitManifests: split at Go's `(?:^|\s*\n)---\s*` (whitespace around the separator is
 * swallowed), documents trimmed, empty ones dropped. Scanned by hand: the same regexp backtracks
 * quadratically on long runs of spaces in JavaScript.
 */
function splitManifests(rendered: string): SplitDocument[] {
	const out: SplitDocument[] = [];
	const trimmedStart = rendered.length - rendered.trimStart().length;
	const body = rendered.trim();
	const pieces: { start: number; end: number }[] = [];
	let docStart = 0;
	const skipSpaces = (at: number) => {
		while (at < body.length && GO_SPACE.has(body[at])) at++;
		return at;
	};
	if (body.startsWith('---')) {
		pieces.push({ start: 0, end: 0 });
		docStart = skipSpaces(3);
	}
	for (let k = body.indexOf('\n---', docStart); k >= 0; k = body.indexOf('\n---', docStart)) {
		let matchStart = k;
		while (matchStart > docStart && GO_SPACE.has(body[matchStart - 1])) matchStart--;
		pieces.push({ start: docStart, end: matchStart });
		docStart = skipSpaces(k + 4);
	}
	pieces.push({ start: docStart, end: body.length });
	for (const piece of pieces) {
		const raw = body.slice(piece.start, piece.end);
		const lead = raw.length - raw.trimStart().length;
		const text = raw.trim();
		if (text === '') continue;
		out.push({ text, offset: trimmedStart + piece.start + lead });
	}
	return out;
}

interface SimpleHead {
	kind: string;
	hook: boolean;
	error?: string;
	/** Offset of the YAML error in the document. */
	errorAt?: number;
}

function readHead(text: string): SimpleHead {
	const docs = parseAllDocuments(text, { uniqueKeys: false });
	const doc = Array.isArray(docs) ? docs[0] : undefined;
	if (!doc) return { kind: '', hook: false };
	if (doc.errors.length > 0) return { kind: '', hook: false, error: `error converting YAML to JSON: ${goYamlSyntaxError(doc.errors[0], text)}`, errorAt: doc.errors[0].pos[0] };
	const anchor = unknownAnchor(doc);
	if (anchor) return { kind: '', hook: false, error: `error converting YAML to JSON: ${anchor}` };
	const root = doc.contents;
	if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) return { kind: '', hook: false };
	if (!isMap(root)) {
		const what = isSeq(root) ? 'array' : isScalar(root) ? (typeof root.value === 'string' ? 'string' : typeof root.value === 'number' ? 'number' : 'bool') : 'object';
		return { kind: '', hook: false, error: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${what} into Go value of type releaseutil.SimpleHead` };
	}
	const kind = root.get('kind');
	const annotations = doc.getIn(['metadata', 'annotations'], true);
	const hook = isMap(annotations) && annotations.has('helm.sh/hook');
	return { kind: typeof kind === 'string' ? kind : '', hook };
}

function kindRank(kind: string): number {
	const i = INSTALL_ORDER.indexOf(kind);
	return i < 0 ? INSTALL_ORDER.length : i;
}

function sortByKind<T extends { kind: string }>(items: T[]): T[] {
	return items
		.map((item, index) => ({ item, index }))
		.sort((a, b) => {
			const ra = kindRank(a.item.kind);
			const rb = kindRank(b.item.kind);
			if (ra !== rb) return ra - rb;
			if (ra === INSTALL_ORDER.length && a.item.kind !== b.item.kind) return a.item.kind < b.item.kind ? -1 : 1;
			return a.index - b.index;
		})
		.map((x) => x.item);
}

/** Segments of a document cut out of a rendered file, shifted to the document's offsets. */
function sliceSegments(segments: OutputSegment[], start: number, end: number): OutputSegment[] {
	const out: OutputSegment[] = [];
	for (const s of segments) {
		if (s.outEnd <= start || s.outStart >= end) continue;
		const outStart = Math.max(s.outStart, start);
		const outEnd = Math.min(s.outEnd, end);
		const shifted: OutputSegment = { ...s, outStart: outStart - start, outEnd: outEnd - start };
		if (s.kind === 'text') {
			shifted.srcStart = s.srcStart + (outStart - s.outStart);
			shifted.srcEnd = shifted.srcStart + (outEnd - outStart);
		}
		out.push(shifted);
	}
	return out;
}

/** Removes every `<no value>` from the output, keeping the source map aligned. */
function dropNoValue(text: string, segments: OutputSegment[]): { text: string; segments: OutputSegment[] } {
	const marker = '<no value>';
	if (!text.includes(marker)) return { text, segments };
	const removed: number[] = [];
	for (let i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + marker.length)) removed.push(i);
	const shift = (offset: number): number => {
		let n = 0;
		for (const r of removed) {
			if (r + marker.length <= offset) n += marker.length;
			else if (r < offset) n += offset - r;
		}
		return offset - n;
	};
	const out = segments.map((s) => ({ ...s, outStart: shift(s.outStart), outEnd: shift(s.outEnd) })).filter((s) => s.outEnd > s.outStart);
	return { text: text.split(marker).join(''), segments: out };
}

function fail(chartName: string, message: string, file = '', srcStart = 0, srcEnd = 0): ChartRender {
	return { chartName, manifests: [], errors: [{ file, srcStart, srcEnd, message }] };
}

/** Renders a chart as `helm template release-name <chart>` does. Never throws. */
export function renderChart(files: ReadonlyMap<string, string | Uint8Array>, options: HelmRenderOptions = {}): ChartRender {
	try {
		return renderChartUnsafe(files, options);
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		return fail('', e instanceof ChartLoadError || e instanceof ValuesError ? message : `internal error: ${message}`);
	}
}

function renderChartUnsafe(files: ReadonlyMap<string, string | Uint8Array>, options: HelmRenderOptions): ChartRender {
	let chart: LoadedChart;
	try {
		chart = loadChart(files);
	} catch (e) {
		if (e instanceof ChartLoadError) return fail('', e.message, 'Chart.yaml');
		throw e;
	}
	const chartName = chart.metadata.Name;
	if (chart.metadata.Type === 'library') return fail(chartName, 'library charts are not installable', 'Chart.yaml');
	if (chart.metadata.Type !== '' && chart.metadata.Type !== 'application') return fail(chartName, `validation: chart.metadata.type must be application or library`, 'Chart.yaml');
	const origins = new ValueOrigins();
	origins.tag(chart.values, chart.valuesFile || 'values.yaml', []);
	tagSubchartValues(chart, origins);
	let userValues: GoMap;
	try {
		userValues = buildUserValues(options, origins);
	} catch (e) {
		if (e instanceof ValuesError) return fail(chartName, e.message);
		throw e;
	}
	const root = processDependencies(chart, chartName, chartName, userValues, origins);
	processImportValues(root, origins);
	const values = coalesceAll(root, userValues, origins);
	const violations = schemaReport(root, values);
	if (violations) return fail(chartName, `values don't meet the specifications of the schema(s) in the following chart(s):\n${violations}`, 'values.yaml');
	const kubeVersion = kubeVersionOf(options.kubeVersion);
	if (typeof kubeVersion === 'string') return fail(chartName, kubeVersion);
	const capabilities = new Capabilities(kubeVersion, new VersionSet([...DEFAULT_API_VERSIONS, ...(options.apiVersions ?? [])]), new HelmVersion());
	const release: GoMap = newMap();
	Object.assign(release, { Name: options.releaseName ?? 'release-name', Namespace: options.namespace ?? 'default', IsUpgrade: false, IsInstall: true, Revision: 1n, Service: 'Helm' });
	const renderables: RenderableTemplate[] = [];
	collectTemplates(root, values, { Release: release, Capabilities: capabilities }, true, renderables);
	renderables.sort((a, b) => helmTemplateOrder(a.name, b.name));

	const set = new TemplateSet(helmFunctions(), { missingKey: 'zero', name: 'gotpl' });
	for (const r of renderables) {
		try {
			set.parse(r.name, r.template.text, r.template.file);
		} catch (e) {
			if (e instanceof TemplateError) return fail(chartName, helmMessage(e), r.template.file, e.srcStart, e.srcEnd);
			throw e;
		}
	}
	const rendered = new Map<string, { text: string; segments: OutputSegment[]; file: string }>();
	for (const r of renderables) {
		const base = r.name.slice(r.name.lastIndexOf('/') + 1);
		if (base.startsWith('_')) continue;
		const data: GoMap = newMap();
		Object.assign(data, r.data, { Template: Object.assign(newMap(), { Name: r.name, BasePath: `${r.node.path}/templates` }) });
		try {
			const out = set.execute(r.name, data, { originOf: (c) => origins.get(c), originOfKey: (c, k) => origins.keyRef(c, k), passthrough: PASSTHROUGH });
			rendered.set(r.name, { ...dropNoValue(out.text, out.segments), file: r.template.file });
		} catch (e) {
			if (e instanceof TemplateError) {
				const at = innermost(e);
				return fail(chartName, helmMessage(e), at.file, at.srcStart, at.srcEnd);
			}
			throw e;
		}
	}
	const manifests: RenderedManifest[] = [];
	if (options.includeCrds) collectCrds(root, manifests);
	const generic: (RenderedManifest & { kind: string })[] = [];
	const hooks: (RenderedManifest & { kind: string })[] = [];
	for (const name of [...rendered.keys()].sort()) {
		if (name.endsWith('NOTES.txt')) continue;
		const file = rendered.get(name)!;
		if (file.text.trim() === '') continue;
		for (const doc of splitManifests(file.text)) {
			const head = readHead(doc.text);
			if (head.error) {
				// the failing spot in the template: the segment that printed the offending output
				const at = doc.offset + (head.errorAt ?? 0);
				const segment = file.segments.find((s) => s.outStart <= at && at < s.outEnd);
				const srcStart = segment ? (segment.kind === 'text' ? segment.srcStart + (at - segment.outStart) : segment.srcStart) : 0;
				const srcEnd = segment ? (segment.kind === 'text' ? srcStart + 1 : segment.srcEnd) : 0;
				return fail(chartName, `YAML parse error on ${name}: ${head.error}`, segment?.file ?? file.file, srcStart, srcEnd);
			}
			const manifest = { source: name, file: file.file, text: doc.text, segments: sliceSegments(file.segments, doc.offset, doc.offset + doc.text.length), hook: head.hook, crd: false, kind: head.kind };
			(head.hook ? hooks : generic).push(manifest);
		}
	}
	for (const m of [...sortByKind(generic), ...sortByKind(hooks)]) {
		const { kind: _kind, ...manifest } = m;
		void _kind;
		manifests.push(manifest);
	}
	if (options.showOnly && options.showOnly.length > 0) return applyShowOnly(chartName, manifests, options.showOnly, origins);
	return { chartName, manifests, errors: [], origins };
}

/** ValidateAgainstSchema: each chart with a schema checked against its values, subcharts with theirs. */
function schemaReport(node: ChartNode, values: GoMap): string {
	let out = '';
	if (node.chart.schema) {
		const violations = schemaViolations(node.chart.schema, values);
		if (violations.length > 0) out += `${node.name}:\n${violations.map((v) => `- ${v}\n`).join('')}`;
	}
	for (const dep of node.dependencies) {
		const sub = values[dep.name];
		out += schemaReport(dep, isGoMap(sub) ? sub : newMap());
	}
	return out;
}

function tagSubchartValues(chart: LoadedChart, origins: ValueOrigins): void {
	for (const sub of chart.subcharts) {
		origins.tag(sub.values, sub.valuesFile, []);
		tagSubchartValues(sub, origins);
	}
}

function collectCrds(node: ChartNode, out: RenderedManifest[]): void {
	for (const [path, data] of [...node.chart.files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
		if (!path.startsWith('crds/') || !/\.(ya?ml|json)$/.test(path)) continue;
		const text = Buffer.from(data).toString('utf8');
		const file = node.chart.prefix === undefined ? '' : node.chart.prefix + path;
		// printed as the file is: one literal segment over the whole text
		const segments: OutputSegment[] = [{ outStart: 0, outEnd: text.length, file, srcStart: 0, srcEnd: text.length, kind: 'text' }];
		out.push({ source: `${node.path}/${path}`, file, text, segments, hook: false, crd: true });
	}
	for (const dep of node.dependencies) collectCrds(dep, out);
}

function goMatch(pattern: string, name: string): boolean {
	const source = pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
	try {
		return new RegExp(`^${source}$`).test(name);
	} catch {
		return false;
	}
}

/** --show-only: the manifests whose source (without the chart name) matches one of the patterns. */
function applyShowOnly(chartName: string, manifests: RenderedManifest[], patterns: string[], origins: ValueOrigins): ChartRender {
	const kept: RenderedManifest[] = [];
	for (const pattern of patterns) {
		const normalized = pattern.replace(/\\/g, '/');
		let found = false;
		for (const m of manifests) {
			const relative = m.source.slice(m.source.indexOf('/') + 1);
			if (!goMatch(normalized, relative)) continue;
			// helm re-splits its output for --show-only, which trims a CRD file's final line breaks
			kept.push(m.crd ? { ...m, text: m.text.trimEnd(), segments: sliceSegments(m.segments, 0, m.text.trimEnd().length) } : m);
			found = true;
		}
		if (!found) return fail(chartName, `could not find template ${normalized} in chart`);
	}
	return { chartName, manifests: kept, errors: [], origins };
}

/** What `helm template` prints on stdout for a successful render. */
export function formatHelmTemplateOutput(render: ChartRender): string {
	return render.manifests.map((m) => `---\n# Source: ${m.source}\n${m.text}\n`).join('');
}
