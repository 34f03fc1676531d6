// `bosun lint` over charts and overlays: decides which of the collected files a chart or an overlay
// owns, lints those through their source (sources/workspaces.ts) and turns the placed findings into CLI
// findings relative to the working directory; `--fix` applies their fixes where the values are written.
// The remaining files are linted as plain manifests.
import { relative, resolve } from 'node:path';
import { DEFAULT_CONFIG, mergeConfig, PartialConfig } from './core/config';
import { AppliedFix, applyEdits, combineFixEdits, MAX_FIX_PASSES } from './core/fix';
import type { TextEdit } from './core/fix/edits';
import { LineIndex } from './core/lines';
import type { Finding } from './core/types';
import { cliFinding } from './cliFindings';
import type { FileFix } from './cliFix';
import type { CliFinding } from './cliFormat';
import type { LintInput } from './engine';
import { nodeFileSystem } from './nodeFileSystem';
import { RULES } from './rules';
import type { MappedFinding } from './sources/sourceMap';
import { lintSources, planSources, relatedLocations, type SourceFileSystem, type SourcePlan } from './sources/workspaces';

export interface SourcesOutcome {
	/** Inputs no chart or overlay owns: lint them as plain manifests. */
	plain: LintInput[];
	findings: CliFinding[];
	/** Charts and overlays linted, for the summary. */
	sources: number;
}

/** The disk, with some files' texts replaced (what a fix run made of them, before or instead of writing). */
function withTexts(texts: ReadonlyMap<string, string>): SourceFileSystem {
	if (!texts.size) return nodeFileSystem;
	return {
		...nodeFileSystem,
		readFile: (path) => texts.get(path) ?? nodeFileSystem.readFile(path),
		readBytes: (path) => (texts.has(path) ? Buffer.from(texts.get(path)!, 'utf8') : nodeFileSystem.readBytes(path)),
	};
}

interface SourceRun {
	plan: SourcePlan;
	mapped: MappedFinding[];
	fs: SourceFileSystem;
}

function runSources(inputs: readonly LintInput[], cwd: string, configFor: (file: string) => PartialConfig | undefined, texts: ReadonlyMap<string, string> = new Map()): SourceRun {
	const fs = withTexts(texts);
	const plan = planSources(
		inputs.filter((i) => !i.file.startsWith('<')).map((i) => resolve(cwd, i.file)),
		fs,
		{ kustomize: configFor(resolve(cwd, 'kustomization.yaml'))?.kustomize?.enabled !== false },
	);
	const mapped = plan.charts.length || plan.overlays.length ? lintSources(plan, fs, { rules: RULES, configFor: (dir) => mergeConfig(DEFAULT_CONFIG, configFor(resolve(dir, 'Chart.yaml'))) }) : [];
	return { plan, mapped, fs };
}

/**
 * Lint the charts and overlays among the inputs. `texts` (absolute paths) replace files' contents on disk:
 * what `--fix-dry-run` would have written.
 */
export function lintChartsAndOverlays(inputs: LintInput[], cwd: string, configFor: (file: string) => PartialConfig | undefined, texts: ReadonlyMap<string, string> = new Map()): SourcesOutcome {
	const { plan, mapped, fs } = runSources(inputs, cwd, configFor, texts);
	if (!plan.charts.length && !plan.overlays.length && !plan.owned.size) return { plain: inputs, findings: [], sources: 0 };
	const lineIndexes = new Map<string, LineIndex>();
	const findings: CliFinding[] = [];
	for (const m of mapped) {
		const { file, finding } = m;
		const related = relatedLocations(m, (path) => fs.readFile(path))?.map((r) => ({ file: relative(cwd, r.file) || r.file, line: r.line + 1, column: r.character + 1 }));
		let lines = lineIndexes.get(file);
		if (!lines) lineIndexes.set(file, (lines = new LineIndex(fs.readFile(file) ?? '')));
		// a fix here edits the value where it is written (a values file, a patch); --fix applies it like any other
		const safety = finding.fix?.sourceEdits ? (finding.fix.safety ?? 'unsafe') : null;
		findings.push({ ...cliFinding(finding, relative(cwd, file) || file, lines, safety), ...(related ? { related } : {}) });
	}
	return { plain: inputs.filter((i) => i.file.startsWith('<') || !plan.owned.has(resolve(cwd, i.file))), findings, sources: plan.charts.length + plan.overlays.length };
}

/**
 * `--fix` on charts and overlays: the fixes placed as edits of the files that produce the values (never
 * inside a template action), applied in memory and linted again until none applies (at most
 * MAX_FIX_PASSES), so a second run changes nothing. The result is one FileFix per changed file, for
 * runFixes to write or diff like the plain files'.
 */
export function fixChartsAndOverlays(inputs: LintInput[], cwd: string, configFor: (file: string) => PartialConfig | undefined, options: { filter: (f: Finding) => boolean; unsafe: boolean }): FileFix[] {
	const texts = new Map<string, string>();
	const before = new Map<string, string>();
	const applied = new Map<string, AppliedFix[]>();
	for (let pass = 1; pass <= MAX_FIX_PASSES; pass++) {
		const { mapped, fs } = runSources(inputs, cwd, configFor, texts);
		const byFile = new Map<string, { edits: TextEdit[]; item: MappedFinding }[]>();
		for (const m of mapped) {
			const fix = m.finding.fix;
			if (!fix?.sourceEdits || !options.filter(m.finding) || (!options.unsafe && fix.safety !== 'safe')) continue;
			const list = byFile.get(m.file) ?? [];
			list.push({ edits: fix.sourceEdits, item: m });
			byFile.set(m.file, list);
		}
		if (!byFile.size) break;
		for (const [file, fixes] of byFile) {
			const text = fs.readFile(file);
			if (text === undefined) continue;
			if (!before.has(file)) before.set(file, text);
			const { edits, accepted } = combineFixEdits(fixes);
			texts.set(file, applyEdits(text, edits));
			const lines = new LineIndex(text);
			const list = applied.get(file) ?? [];
			for (const m of accepted) {
				const fix = m.finding.fix!;
				list.push({ ruleId: m.finding.ruleId, message: m.finding.message, objectKey: '', title: fix.title, line: lines.position(m.finding.range.start).line + 1, pass, safety: fix.safety ?? 'unsafe' });
			}
			applied.set(file, list);
		}
	}
	return [...texts].filter(([file, after]) => after !== before.get(file)).map(([file, after]) => ({ file: relative(cwd, file) || file, before: before.get(file)!, after, applied: applied.get(file) ?? [] }));
}
