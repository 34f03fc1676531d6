// A produced workspace: the YAML a chart renders or an overlay builds, linted as one workspace (one
// release, one environment), with every finding placed back on the text the user wrote. Charts and
// overlays differ only in how they produce the text and map a range back (chartSource, overlaySource).
import { analyzeFile, lintAnalysis } from '../core/linter';
import type { Rule } from '../core/rule';
import type { Config, Finding, FixPlan, OffsetRange } from '../core/types';
import type { TextEdit } from '../core/fix/edits';
import { scalarText } from '../core/fix/render';
import { WorkspaceIndex } from '../core/workspace';
import type { ParsedFile } from '../core/document';
import type { K8sObject } from '../core/k8s';
import type { MappedFinding, SourceSpan } from './sourceMap';

/** Where a range of produced text was written, with the other places its value came from. */
export interface Placement {
	span: SourceSpan;
	related?: SourceSpan[];
}

/** One produced YAML text (a rendered template, an overlay's build output) and its map back to sources. */
export interface ProducedFile {
	/** Name the objects carry (the template's path for a chart; the overlay's folder for a build). */
	name: string;
	text: string;
	/** Where `range` of the produced text was written, or undefined when it cannot be told. */
	place(parsed: ParsedFile, range: OffsetRange): Placement | undefined;
}

export interface ProducedWorkspace {
	/** What produced it, as messages name it: the chart's name, an overlay's folder. */
	label: string;
	files: ProducedFile[];
	/** Render or build errors and notices, already placed. */
	problems: MappedFinding[];
	/** Findings the source knows to be artefacts of producing the text, not of what the user wrote. */
	isArtefact?(finding: Finding, placement: Placement): boolean;
}

export interface ProducedLint {
	findings: MappedFinding[];
	/** The produced objects, for the editor's index and for tests. */
	objects: K8sObject[];
}

/**
 * A produced object's fix as edits of one source file, when every op sets a scalar that was written
 * literally there (a values-file value, template text, a patch value): the produced text of the value and
 * the source text at its place must be the same, so the edit replaces exactly what produced it. Never
 * inside a template action. Undefined when the fix cannot be placed that way.
 */
function sourceEditsOf(object: K8sObject, plan: FixPlan, file: ProducedFile, parsed: ParsedFile, readSource: (file: string) => string | undefined): { file: string; edits: TextEdit[] } | undefined {
	let target: string | undefined;
	const edits: TextEdit[] = [];
	for (const op of plan.ops) {
		if (op.op !== 'set' || (op.value !== null && typeof op.value === 'object')) return undefined;
		const range = object.valueRange(op.path);
		if (!range) return undefined;
		const produced = parsed.text.slice(range.start, range.end);
		if (produced === '' || produced.includes('\n')) return undefined;
		const placement = file.place(parsed, range);
		if (!placement || (target !== undefined && placement.span.file !== target)) return undefined;
		target = placement.span.file;
		if (readSource(target)?.slice(placement.span.start, placement.span.end) !== produced) return undefined;
		edits.push({ start: placement.span.start, end: placement.span.end, newText: scalarText(op.value) });
	}
	return target === undefined ? undefined : { file: target, edits };
}

/** Lint a produced workspace and place each finding on its source; a finding that cannot be placed sits on its object's kind. */
export function lintProduced(workspace: ProducedWorkspace, config: Config, rules: readonly Rule[], readSource: (file: string) => string | undefined = () => undefined): ProducedLint {
	const analyses = workspace.files.map((file) => ({ file, analysis: analyzeFile(file.name, file.text) }));
	const index = new WorkspaceIndex();
	for (const { analysis } of analyses) index.setFile(analysis.file, analysis.objects);
	const findings: MappedFinding[] = [...workspace.problems];
	for (const { file, analysis } of analyses) {
		const objectsByKey = new Map(analysis.objects.map((o) => [o.key, o]));
		for (const finding of lintAnalysis(analysis, { rules, config, workspace: index })) {
			const object = finding.objectKey ? objectsByKey.get(finding.objectKey) : undefined;
			const placement = file.place(analysis.parsed, finding.range) ?? (object ? file.place(analysis.parsed, object.kindRange()) : undefined);
			if (!placement || workspace.isArtefact?.(finding, placement)) continue;
			// a fix edits produced text: it survives only as edits of the same source file
			const source = finding.fix && object ? sourceEditsOf(object, finding.fix, file, analysis.parsed, readSource) : undefined;
			const fix = source && source.file === placement.span.file ? { ...finding.fix!, sourceEdits: source.edits } : undefined;
			findings.push({
				file: placement.span.file,
				finding: { ...finding, range: { start: placement.span.start, end: placement.span.end }, fix },
				related: placement.related,
				producedBy: [workspace.label],
			});
		}
	}
	return { findings, objects: analyses.flatMap((a) => a.analysis.objects) };
}
