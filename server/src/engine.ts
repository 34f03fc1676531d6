// Lints a set of files as one workspace: every file is analysed first and indexed, then each file is
// linted against the whole index with its own configuration. The CLI and tests use this; the server
// does the same steps incrementally.
import { DEFAULT_CONFIG, mergeConfig, PartialConfig } from './core/config';
import { analyzeFile, FileAnalysis, lintAnalysis } from './core/linter';
import type { Config, Finding } from './core/types';
import { WorkspaceIndex } from './core/workspace';
import { RULES } from './rules';

export interface LintInput {
	file: string;
	text: string;
	/** The file lies under a Helm chart's templates/ directory (it gets one helm-template finding). */
	inChartTemplates?: boolean;
}

export interface FileResult {
	file: string;
	analysis: FileAnalysis;
	config: Config;
	findings: Finding[];
}

/** Whether a file holds Kubernetes documents (or a broken one, or a Helm template), not only other YAML. */
export function isKubernetesFile(analysis: FileAnalysis): boolean {
	return analysis.objects.length > 0 || analysis.documentFindings.length > 0;
}

export function lintInputs(inputs: LintInput[], configFor: (file: string) => PartialConfig | undefined = () => undefined): FileResult[] {
	const workspace = new WorkspaceIndex();
	const analyses = inputs.map((input) => analyzeFile(input.file, input.text, undefined, { inChartTemplates: input.inChartTemplates }));
	for (const a of analyses) workspace.setFile(a.file, a.objects);
	return analyses.map((analysis) => {
		const config = mergeConfig(DEFAULT_CONFIG, configFor(analysis.file));
		return { file: analysis.file, analysis, config, findings: lintAnalysis(analysis, { rules: RULES, config, workspace }) };
	});
}
