// A Helm chart as a source of objects: rendered in-process (engines/helm) as `helm template` would, each
// rendered template a produced file whose ranges map back through the engine's output segments:
// literal template text to that text, a value printed whole (directly or through toYaml) to its node in
// the values file, a value composed of template text and actions to the template text that composes it
// (with the values it used as related locations).
import { join, relative } from 'node:path';
import { Document, parseDocument } from 'yaml';
import type { ParsedFile } from '../core/document';
import type { OffsetRange } from '../core/types';
import { renderChart, type HelmRenderOptions, type RenderedManifest } from '../engines/helm';
import type { OutputSegment } from '../engines/template';
import type { Placement, ProducedFile, ProducedWorkspace } from './produced';
import { hitOfRange, spanOfPath, type SourceSpan } from './sourceMap';

export const RENDER_ERROR_RULE_ID = 'render-error';

/** A values file parsed once per render: its path on disk and its document. */
interface ValuesDoc {
	path: string;
	doc: Document.Parsed;
}

/**
 * The values files that may hold a value, the one that wins first: the user's value files (last given
 * first), then the file the engine names. The engine knows the file of each map it merged; a key the
 * chart's defaults filled into the user's map is found by looking where it is written.
 */
type ValuesDocs = (file: string) => ValuesDoc[];

/** The node at `path` in the first values file that has it. */
function valueSpan(values: ValuesDocs, ref: { file: string; path: (string | number)[] }, withKey: boolean): SourceSpan | undefined {
	for (const source of values(ref.file)) {
		const span = spanOfPath(source.doc, ref.path, withKey);
		if (span) return { file: source.path, ...span };
	}
	return undefined;
}

/** Segments of `manifest` overlapping [start, end) (at least the one holding `start`). */
function segmentsOver(segments: readonly OutputSegment[], start: number, end: number): OutputSegment[] {
	let lo = 0;
	let hi = segments.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (segments[mid].outEnd <= start) lo = mid + 1;
		else hi = mid;
	}
	const out: OutputSegment[] = [];
	for (let i = lo; i < segments.length && (i === lo || segments[i].outStart < end); i++) out.push(segments[i]);
	return out;
}

/** A range inside one action that printed a whole value: the node of the values file it came from. */
function placeInValues(parsed: ParsedFile, range: OffsetRange, segment: OutputSegment, text: string, values: ValuesDocs): SourceSpan | undefined {
	const ref = segment.value;
	if (!ref) return undefined;
	const hit = hitOfRange(parsed, range);
	// The node the action's output starts: the value itself, or (toYaml of a map) its first key.
	let first = segment.outStart;
	while (first < segment.outEnd && /\s/.test(text[first])) first++;
	const base = first < segment.outEnd ? hitOfRange(parsed, { start: first, end: first + 1 }) : undefined;
	if (!hit || !base) return undefined;
	const basePath = base.atKey ? base.path.slice(0, -1) : base.path;
	if (basePath.length > hit.path.length || basePath.some((step, i) => hit.path[i] !== step)) return undefined;
	const relative = hit.path.slice(basePath.length);
	return valueSpan(values, { file: ref.file, path: [...ref.path, ...relative] }, hit.atKey && relative.length > 0);
}

function placeInTemplate(root: string, range: OffsetRange, over: OutputSegment[]): Placement {
	const first = over[0];
	const sameFile = over.filter((s) => s.file === first.file);
	const last = sameFile[sameFile.length - 1];
	const start = first.kind === 'text' ? first.srcStart + Math.max(0, range.start - first.outStart) : first.srcStart;
	const end = last.kind === 'text' ? last.srcStart + Math.min(last.outEnd, Math.max(range.end, range.start + 1)) - last.outStart : last.srcEnd;
	return { span: { file: join(root, first.file), start, end: Math.max(end, start) } };
}

function producedFile(root: string, manifest: RenderedManifest, values: ValuesDocs): ProducedFile {
	return {
		name: join(root, manifest.file || manifest.source),
		text: manifest.text,
		place(parsed, range) {
			const over = segmentsOver(manifest.segments, range.start, Math.max(range.end, range.start + 1));
			if (!over.length) return undefined;
			if (over.length === 1 && over[0].kind === 'action' && over[0].value) {
				const span = placeInValues(parsed, range, over[0], manifest.text, values);
				if (span) return { span };
			}
			const placement = placeInTemplate(root, range, over);
			const related = over.flatMap((s) => {
				const span = s.value && valueSpan(values, s.value, false);
				return span ? [span] : [];
			});
			return related.length && over.length > 1 ? { ...placement, related } : placement;
		},
	};
}

export interface ChartSourceInput {
	/** Absolute folder of the chart (the one holding Chart.yaml). */
	root: string;
	/** Every file of the chart, by chart-relative POSIX path. */
	files: ReadonlyMap<string, string | Uint8Array>;
	options?: HelmRenderOptions;
}

/** Render a chart into a produced workspace; a render error becomes one render-error finding at the failing action. */
export function chartWorkspace(input: ChartSourceInput): ProducedWorkspace {
	const render = renderChart(input.files, input.options);
	const userValueFiles = new Map((input.options?.valueFiles ?? []).map((v) => [v.path, v.text]));
	const parsedValues = new Map<string, ValuesDoc | undefined>();
	const parsed = (file: string): ValuesDoc | undefined => {
		if (!parsedValues.has(file)) {
			const chartText = input.files.get(file);
			const text = userValueFiles.get(file) ?? (typeof chartText === 'string' ? chartText : undefined);
			const path = userValueFiles.has(file) ? file : join(input.root, file);
			parsedValues.set(file, text === undefined ? undefined : { path, doc: parseDocument(text) });
		}
		return parsedValues.get(file);
	};
	const userFirst = [...userValueFiles.keys()].reverse();
	const values: ValuesDocs = (file) =>
		[...new Set([...userFirst, file, 'values.yaml'])].filter((f) => f !== '<set>').flatMap((f) => parsed(f) ?? []);
	const namespace = input.options?.namespace ?? 'default';
	return {
		label: render.chartName || input.root,
		// `namespace: {{ .Release.Namespace }}` renders as the release's namespace, which `helm install -n`
		// chooses at deploy time: "default" there is the render's stand-in, not something the chart wrote.
		// A `default` written in the template or a values file is placed there and still reported.
		isArtefact: (finding, placement) =>
			finding.ruleId === 'default-namespace' && namespace === 'default' && /\{\{/.test(input.files.get(relative(input.root, placement.span.file))?.toString().slice(placement.span.start, placement.span.end) ?? ''),
		files: render.manifests.map((m) => producedFile(input.root, m, values)),
		problems: render.errors.map((e) => ({
			file: join(input.root, e.file || 'Chart.yaml'),
			finding: { ruleId: RENDER_ERROR_RULE_ID, severity: 'error' as const, message: e.message, range: { start: e.srcStart, end: Math.max(e.srcEnd, e.srcStart + 1) } },
		})),
	};
}
