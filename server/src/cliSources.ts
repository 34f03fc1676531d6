// `bosun lint` over charts and overlays: decides which of the collected files a chart or an overlay
// owns, lints those through their source (sources/workspaces.ts) and turns the placed findings into CLI
// findings relative to the working directory. The remaining files are linted as plain manifests.
import { relative, resolve } from 'node:path';
import { DEFAULT_CONFIG, mergeConfig, PartialConfig } from './core/config';
import { LineIndex } from './core/lines';
import type { CliFinding } from './cliFormat';
import type { LintInput } from './engine';
import { nodeFileSystem } from './nodeFileSystem';
import { RULES } from './rules';
import { lintSources, planSources } from './sources/workspaces';

export interface SourcesOutcome {
	/** Inputs no chart or overlay owns: lint them as plain manifests. */
	plain: LintInput[];
	findings: CliFinding[];
	/** Charts and overlays linted, for the summary. */
	sources: number;
}

export function lintChartsAndOverlays(inputs: LintInput[], cwd: string, configFor: (file: string) => PartialConfig | undefined): SourcesOutcome {
	const absolute = (file: string) => resolve(cwd, file);
	const real = inputs.filter((i) => !i.file.startsWith('<'));
	const plan = planSources(
		real.map((i) => absolute(i.file)),
		nodeFileSystem,
		{ kustomize: configFor(resolve(cwd, 'kustomization.yaml'))?.kustomize?.enabled !== false },
	);
	if (!plan.charts.length && !plan.overlays.length && !plan.owned.size) return { plain: inputs, findings: [], sources: 0 };
	const texts = new Map(real.map((i) => [absolute(i.file), i.text]));
	const mapped = lintSources(plan, nodeFileSystem, {
		rules: RULES,
		configFor: (dir) => mergeConfig(DEFAULT_CONFIG, configFor(resolve(dir, 'Chart.yaml'))),
	});
	const lineIndexes = new Map<string, LineIndex>();
	const findings: CliFinding[] = [];
	for (const { file, finding } of mapped) {
		let lines = lineIndexes.get(file);
		if (!lines) {
			const text = texts.get(file) ?? nodeFileSystem.readFile(file) ?? '';
			lineIndexes.set(file, (lines = new LineIndex(text)));
		}
		const start = lines.position(finding.range.start);
		const end = lines.position(finding.range.end);
		findings.push({
			rule: finding.ruleId,
			severity: finding.severity,
			message: finding.message,
			file: relative(cwd, file) || file,
			line: start.line + 1,
			column: start.character + 1,
			endLine: end.line + 1,
			endColumn: end.character + 1,
			fixable: false,
			fix: null,
		});
	}
	return { plain: inputs.filter((i) => i.file.startsWith('<') || !plan.owned.has(absolute(i.file))), findings, sources: plan.charts.length + plan.overlays.length };
}
