// Charts and overlays in the editor: which open files a Helm chart or a Kustomize overlay owns, and the
// findings placed on them after rendering or building with the open documents' unsaved text. A result
// is kept per owner until its inputs change (the index version and the open documents' versions), so
// the files of one chart opened side by side share one render.
import type { Finding } from '../core/types';
import { nodeFileSystem } from '../nodeFileSystem';
import { RULES } from '../rules';
import type { Config, RelatedLocation } from '../core/types';
import type { MappedFinding } from '../sources/sourceMap';
import { basename, join, sep } from 'node:path';
import { formatHelmTemplateOutput, renderChart } from '../engines/helm';
import { buildKustomization, formatKustomizeBuildOutput } from '../engines/kustomize';
import { helmRenderOptions } from '../sources/helmOptions';
import { resolveValue, valueHoverMarkdown, valuesReferenceAt } from '../sources/valuesHover';
import type { ProducedManifests } from './protocol';
import { chartFiles, chartRootOf, KUSTOMIZATION_NAMES, lintEachSource, mergePlacedFindings, planSources, relatedLocations, type SourceFileSystem, type SourcePlan } from '../sources/workspaces';
import type { ServerContext } from './context';
import { uriToPath } from './files';

/** The charts and overlays one file belongs to (empty lists: a plain manifest). */
export interface Owners {
	charts: string[];
	overlays: string[];
}

export class SourceWorkspaces {
	private planned: { key: string; plan: SourcePlan } | undefined;
	private results = new Map<string, { key: string; findings: Map<string, MappedFinding[]> }>();

	constructor(private readonly ctx: ServerContext) {}

	/** The file system as the editor sees it: open documents first, then the disk. */
	private fileSystem(): SourceFileSystem {
		const open = new Map<string, string>();
		for (const document of this.ctx.documents.all()) {
			const path = uriToPath(document.uri);
			if (path) open.set(path, document.getText());
		}
		return {
			...nodeFileSystem,
			readFile: (path) => open.get(path) ?? nodeFileSystem.readFile(path),
			readBytes: (path) => (open.has(path) ? Buffer.from(open.get(path)!, 'utf8') : nodeFileSystem.readBytes(path)),
			exists: (path) => open.has(path) || nodeFileSystem.exists(path),
		};
	}

	/**
	 * What the inputs of a source look like now: the files on disk, the configuration, and the open
	 * documents `inScope` accepts (a chart's files, an overlay's). An edit elsewhere (a plain manifest)
	 * keeps the result: a chart or an overlay is a workspace of its own.
	 */
	private inputsKey(inScope: (path: string) => boolean): string {
		const versions = this.ctx.documents
			.all()
			.filter((d) => {
				const path = uriToPath(d.uri);
				return path !== undefined && (inScope(path) || KUSTOMIZATION_NAMES.includes(basename(path)));
			})
			.map((d) => `${d.uri}@${d.version}`)
			.sort();
		return `${this.ctx.index.diskGeneration}|${this.ctx.configs.generation}|${versions.join(' ')}`;
	}

	/** Which file an overlay owns changes only with the files on disk and the kustomizations being edited. */
	private plan(fs: SourceFileSystem): SourcePlan {
		const key = this.inputsKey(() => false) + `|${this.ctx.documents.keys().length}`;
		if (this.planned?.key !== key) {
			const files = new Set(this.ctx.index.diskPaths());
			for (const document of this.ctx.documents.all()) {
				const path = uriToPath(document.uri);
				if (path) files.add(path);
			}
			this.planned = { key, plan: planSources([...files], fs) };
		}
		return this.planned.plan;
	}

	/** The charts and overlays that own `uri`'s file. */
	ownersOf(uri: string): Owners {
		const path = uriToPath(uri);
		if (!path) return { charts: [], overlays: [] };
		const fs = this.fileSystem();
		const chart = chartRootOf(path, fs);
		if (chart) return { charts: [chart], overlays: [] };
		// which overlays use a file is known once the folders are read: planning on a partial index would
		// build every kustomization again for each file read meanwhile
		if (!this.ctx.index.ready) return { charts: [], overlays: [] };
		const plan = this.plan(fs);
		if (!plan.owned.has(path)) return { charts: [], overlays: [] };
		return { charts: [], overlays: plan.overlaysOf.get(path) ?? [] };
	}

	/**
	 * Findings placed on `uri`'s file by the sources that own it, or undefined for a plain manifest. A
	 * file an overlay owns without being used by any top overlay (an unused patch) gets none.
	 */
	findingsFor(uri: string, config: Config): Finding[] | undefined {
		const path = uriToPath(uri);
		if (!path) return undefined;
		const owners = this.ownersOf(uri);
		const plan = this.ctx.index.ready ? this.planned?.plan : undefined;
		if (!owners.charts.length && !(plan?.owned.has(path))) return undefined;
		const fs = this.fileSystem();
		const raw = [...owners.charts, ...owners.overlays].flatMap((owner) => this.lintOwner(owner, owners.charts.includes(owner), config, fs).get(path) ?? []);
		// one finding per place across the overlays, naming them, as the CLI reports it
		const merged = mergePlacedFindings(raw, this.plan(fs), fs);
		return merged.map((m) => toFileFinding(m, relatedLocations(m, (file) => fs.readFile(file)))).sort((a, b) => a.range.start - b.range.start);
	}

	/** What the owners of `uri` produce, as `helm template` / `kustomize build` print it; null for a plain file. */
	async producedManifests(uri: string): Promise<ProducedManifests | null> {
		const owners = this.ownersOf(uri);
		const fs = this.fileSystem();
		if (owners.charts.length) {
			const root = owners.charts[0];
			const { config } = await this.ctx.configs.resolve(uri);
			const render = renderChart(chartFiles(root, fs), helmRenderOptions(root, config.helm, (path) => fs.readFile(path)).options);
			const errors = render.errors.map((e) => `# render error: ${e.message}\n`).join('');
			return { title: `Rendered chart ${render.chartName || basename(root)}`, text: errors + formatHelmTemplateOutput(render) };
		}
		if (!owners.overlays.length) return null;
		const text = owners.overlays
			.map((dir) => {
				const build = buildKustomization(fs, dir);
				const errors = build.errors.map((e) => `# build error: ${e.message}\n`).join('');
				return `# overlay ${dir}\n${errors}${formatKustomizeBuildOutput(build)}`;
			})
			.join('---\n');
		return { title: `Built ${owners.overlays.length === 1 ? `overlay ${basename(owners.overlays[0])}` : `${owners.overlays.length} overlays`}`, text };
	}

	/** What `.Values.a.b` under the cursor in a chart template reads, and where it is set; null elsewhere. */
	async valuesHover(uri: string, text: string, offset: number, label: (file: string) => string): Promise<{ markdown: string; range: { start: number; end: number } } | null> {
		const reference = valuesReferenceAt(text, offset);
		const root = reference && this.ownersOf(uri).charts[0];
		if (!reference || !root) return null;
		const fs = this.fileSystem();
		const { config } = await this.ctx.configs.resolve(uri);
		const { options } = helmRenderOptions(root, config.helm, (path) => fs.readFile(path));
		const chartValues = join(root, 'values.yaml');
		const sources = [...(options.valueFiles ?? []).reverse().map((v) => ({ file: v.path, text: v.text })), { file: chartValues, text: fs.readFile(chartValues) ?? '' }];
		return { markdown: valueHoverMarkdown(reference, resolveValue(sources, reference.path), label), range: reference.range };
	}

	/** One chart's or overlay's placed findings by file, from cache while its inputs hold. */
	private lintOwner(owner: string, isChart: boolean, config: Config, fs: SourceFileSystem): Map<string, MappedFinding[]> {
		const base = this.plan(fs);
		const read = isChart ? undefined : base.builds.get(owner)?.files;
		const key = this.inputsKey((path) => (read ? read.has(path) : path.startsWith(owner + sep)));
		const cached = this.results.get(owner);
		if (cached?.key === key) return cached.findings;
		const plan: SourcePlan = isChart
			? { charts: [owner], overlays: [], builds: new Map(), owned: new Set(), overlaysOf: new Map() }
			: { ...base, charts: [], overlays: [owner], builds: new Map() }; // rebuilt with the unsaved text
		const byFile = new Map<string, MappedFinding[]>();
		for (const mapped of lintEachSource(plan, fs, { rules: RULES, configFor: () => config })) {
			const list = byFile.get(mapped.file) ?? [];
			list.push(mapped);
			byFile.set(mapped.file, list);
		}
		this.results.set(owner, { key, findings: byFile });
		return byFile;
	}
}

/** A placed finding as the file's own: no object key (the object is a produced one); a fix only as source edits. */
function toFileFinding(mapped: MappedFinding, related: RelatedLocation[] | undefined): Finding {
	const { objectKey: _objectKey, fix, ...finding } = mapped.finding;
	return { ...finding, ...(fix?.sourceEdits ? { fix } : {}), ...(related ? { related } : {}) };
}
