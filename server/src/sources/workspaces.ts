// Which source owns each file, and linting the charts and overlays among a set of files. A file inside a
// Helm chart belongs to the chart (rendered whole, with its subcharts); a file a kustomization reads
// (resource, patch, generator input, component, the kustomization itself) belongs to the top overlays
// that use it; every other file is a plain manifest. Each chart and each top overlay is linted as a
// workspace of its own, and findings are placed on the text the user wrote. Pure: the file system comes
// in through an interface, so the CLI, the server and the tests share this.
import { basename, dirname, join, relative } from 'node:path';
import { segmentStarts } from '../core/document';
import { documentDisables, isSuppressed, nextLineDisables } from '../core/suppress';
import type { Rule } from '../core/rule';
import type { Config, RelatedLocation } from '../core/types';
import { LineIndex } from '../core/lines';
import { buildKustomization, KUSTOMIZATION_FILE_NAMES, type KustomizeBuild, type KustomizeFileSystem } from '../engines/kustomize';
import { chartWorkspace } from './chartSource';
import { helmRenderOptions } from './helmOptions';
import { overlayWorkspace } from './overlaySource';
import { lintProduced } from './produced';
import type { MappedFinding } from './sourceMap';

export interface SourceFileSystem extends KustomizeFileSystem {
	readBytes(path: string): Uint8Array | undefined;
	exists(path: string): boolean;
}

/** The names a kustomization file may have (kustomize's own list). */
export const KUSTOMIZATION_NAMES: readonly string[] = KUSTOMIZATION_FILE_NAMES;

export interface SourcePlan {
	/** Folders of the top-level charts (subcharts render with their parent). */
	charts: string[];
	/** Folders of the kustomizations no other kustomization uses. */
	overlays: string[];
	builds: Map<string, KustomizeBuild>;
	/** Files linted through a chart or an overlay, never as plain manifests. */
	owned: Set<string>;
	/** For each owned file of an overlay, the top overlays that use it. */
	overlaysOf: Map<string, string[]>;
}

/**
 * The top-level chart folder holding `file`, or undefined. A chart under another's `charts/` is a subchart.
 * `hasChart` answers whether a folder holds a Chart.yaml (planSources memoises it over many files).
 */
export function chartRootOf(file: string, fs: SourceFileSystem, hasChart: (dir: string) => boolean = (dir) => fs.exists(join(dir, 'Chart.yaml'))): string | undefined {
	let dir = dirname(file);
	let root: string | undefined;
	for (;;) {
		if (hasChart(dir)) {
			root = dir;
			// a subchart: keep climbing to its parent chart
			if (basename(dirname(dir)) === 'charts' && hasChart(dirname(dirname(dir)))) {
				dir = dirname(dirname(dir));
				continue;
			}
			return root;
		}
		const parent = dirname(dir);
		if (parent === dir) return root;
		dir = parent;
	}
}

/** Decide the owner of every file: charts, overlays (built once each), plain. `files` are absolute. */
export function planSources(files: readonly string[], fs: SourceFileSystem, options: { kustomize?: boolean } = {}): SourcePlan {
	const charts = new Set<string>();
	const owned = new Set<string>();
	const chartFolders = new Map<string, boolean>();
	const hasChart = (dir: string) => {
		let known = chartFolders.get(dir);
		if (known === undefined) chartFolders.set(dir, (known = fs.exists(join(dir, 'Chart.yaml'))));
		return known;
	};
	for (const file of files) {
		const root = chartRootOf(file, fs, hasChart);
		if (!root) continue;
		charts.add(root);
		// templates and subcharts render with the chart; its other files (crds/, files/) are plain YAML
		if (/^(templates|charts)\//.test(relative(root, file).split('\\').join('/'))) owned.add(file);
	}
	const builds = new Map<string, KustomizeBuild>();
	const overlaysOf = new Map<string, string[]>();
	const used = new Set<string>();
	if (options.kustomize !== false) {
		const dirs = [...new Set(files.filter((f) => KUSTOMIZATION_NAMES.includes(basename(f)) && !owned.has(f)).map((f) => dirname(f)))];
		for (const dir of dirs) builds.set(dir, buildKustomization(fs, dir));
		// a kustomization another one reads is a base or component: linted through its users only
		for (const [dir, build] of builds) {
			for (const [file, role] of build.files) {
				owned.add(file);
				if ((role === 'kustomization' || role === 'component') && KUSTOMIZATION_NAMES.includes(basename(file)) && dirname(file) !== dir) used.add(dirname(file));
			}
			for (const name of KUSTOMIZATION_NAMES) owned.add(join(dir, name));
		}
		// a Component only makes sense inside the kustomization that includes it (built alone, its patches
		// have nothing to patch): it is never an overlay of its own
		const isComponent = (dir: string) => KUSTOMIZATION_NAMES.some((name) => /^kind:\s*Component\s*$/m.test(fs.readFile(join(dir, name)) ?? ''));
		for (const dir of builds.keys()) if (isComponent(dir)) used.add(dir);
		for (const [dir, build] of builds) {
			if (used.has(dir)) continue;
			for (const file of build.files.keys()) {
				const list = overlaysOf.get(file) ?? [];
				list.push(dir);
				overlaysOf.set(file, list);
			}
		}
	}
	const overlays = [...builds.keys()].filter((dir) => !used.has(dir));
	return { charts: [...charts].sort(), overlays: overlays.sort(), builds, owned, overlaysOf };
}

/** Every file of a chart folder by chart-relative POSIX path (text when UTF-8, else bytes). */
export function chartFiles(root: string, fs: SourceFileSystem, limitBytes = 64 * 1024 * 1024): Map<string, string | Uint8Array> {
	const files = new Map<string, string | Uint8Array>();
	let total = 0;
	const walk = (dir: string) => {
		for (const name of fs.listDirectory(dir).sort()) {
			const path = join(dir, name);
			if (fs.isDirectory(path)) {
				if (name !== '.git' && name !== 'node_modules') walk(path);
				continue;
			}
			const bytes = fs.readBytes(path);
			if (!bytes || (total += bytes.length) > limitBytes) continue;
			const rel = relative(root, path).split('\\').join('/');
			files.set(rel, /\.tgz$/.test(name) ? bytes : decodeText(bytes));
		}
	};
	walk(root);
	return files;
}

function decodeText(bytes: Uint8Array): string | Uint8Array {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		return bytes;
	}
}

export interface SourceLintOptions {
	rules: readonly Rule[];
	/** Configuration for a chart folder or an overlay folder (its nearest .bosun.yaml). */
	configFor(dir: string): Config;
}

/** Drop findings silenced at their source by `# bosun-disable-next-line` or a document's `# bosun-disable`. */
function suppressedAtSource(finding: MappedFinding, text: string | undefined): boolean {
	if (text === undefined || !text.includes('bosun-disable')) return false;
	const next = nextLineDisables(text, finding.finding.range.start);
	if (next && isSuppressed(next, finding.finding.ruleId)) return true;
	const starts = segmentStarts(text);
	let i = starts.length - 1;
	while (i > 0 && starts[i] > finding.finding.range.start) i--;
	return isSuppressed(documentDisables(text.slice(starts[i], starts[i + 1] ?? text.length)), finding.finding.ruleId);
}

/**
 * Lint the charts and overlays of a plan. A finding that several overlays produce at one place is
 * reported once, naming the overlays; one a base gives in only some of its overlays names those.
 */
export function lintSources(plan: SourcePlan, fs: SourceFileSystem, options: SourceLintOptions): MappedFinding[] {
	return mergePlacedFindings(lintEachSource(plan, fs, options), plan, fs);
}

/** Each chart's and each overlay's placed findings, as they come (see mergePlacedFindings). */
export function lintEachSource(plan: SourcePlan, fs: SourceFileSystem, options: SourceLintOptions): MappedFinding[] {
	const all: MappedFinding[] = [];
	for (const root of plan.charts) {
		const config = options.configFor(root);
		const helm = helmRenderOptions(root, config.helm, (path) => fs.readFile(path));
		const workspace = chartWorkspace({ root, files: chartFiles(root, fs), options: helm.options });
		for (const file of helm.missing) {
			workspace.problems.push({ file: join(root, 'Chart.yaml'), finding: { ruleId: 'render-error', severity: 'error', message: `helm.valueFiles: cannot read ${file} (relative to the chart's folder)`, range: { start: 0, end: 1 } } });
		}
		all.push(...lintProduced(workspace, config, options.rules, (file) => fs.readFile(file)).findings);
	}
	for (const dir of plan.overlays) {
		const workspace = overlayWorkspace(fs, dir, plan.builds.get(dir));
		const { findings } = lintProduced(workspace, options.configFor(dir), options.rules, (file) => fs.readFile(file));
		for (const f of findings) f.producedBy = [dir];
		all.push(...findings);
	}
	return all;
}

/** One finding per place, naming the overlays it occurs in; findings suppressed at their source dropped. */
export function mergePlacedFindings(all: readonly MappedFinding[], plan: SourcePlan, fs: Pick<SourceFileSystem, 'readFile'>): MappedFinding[] {
	const byPlace = new Map<string, MappedFinding>();
	for (const f of all) {
		const key = `${f.file}\0${f.finding.range.start}\0${f.finding.range.end}\0${f.finding.ruleId}`;
		const seen = byPlace.get(key);
		if (seen) seen.producedBy = [...new Set([...(seen.producedBy ?? []), ...(f.producedBy ?? [])])];
		else byPlace.set(key, { ...f, producedBy: [...(f.producedBy ?? [])] });
	}
	const texts = new Map<string, string | undefined>();
	const textOf = (file: string) => {
		if (!texts.has(file)) texts.set(file, fs.readFile(file));
		return texts.get(file);
	};
	const out: MappedFinding[] = [];
	for (const f of byPlace.values()) {
		if (suppressedAtSource(f, textOf(f.file))) continue;
		const users = plan.overlaysOf.get(f.file);
		if (users && users.length > 1 && f.producedBy?.length) {
			const names = f.producedBy.map((dir) => overlayName(dir, users)).sort();
			f.finding = { ...f.finding, message: `${f.finding.message} (in ${names.length > 1 ? 'overlays' : 'overlay'} ${names.join(', ')})` };
		}
		out.push(f);
	}
	return out;
}

/** A finding's related spans (the values a composed value used) with line and character, for the editor and the CLI. */
export function relatedLocations(finding: MappedFinding, readFile: (file: string) => string | undefined): RelatedLocation[] | undefined {
	if (!finding.related?.length) return undefined;
	const out: RelatedLocation[] = [];
	for (const span of finding.related) {
		const text = readFile(span.file);
		if (text === undefined) continue;
		const lines = new LineIndex(text);
		const start = lines.position(span.start);
		const end = lines.position(span.end);
		out.push({ file: span.file, line: start.line, character: start.character, endLine: end.line, endCharacter: end.character, message: `value used here: ${text.slice(span.start, span.end).slice(0, 80)}` });
	}
	return out.length ? out : undefined;
}

/** An overlay's folder name, or its path below the overlays' common folder when names repeat. */
function overlayName(dir: string, all: readonly string[]): string {
	const name = basename(dir);
	return all.filter((d) => basename(d) === name).length > 1 ? relative(dirname(dirname(dir)), dir) : name;
}
