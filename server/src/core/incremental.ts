// Incremental linting of one file, for the server: after an edit only the objects of the documents the
// edit touched are checked again. An untouched object (same parsed document and resolved value, see
// objectsOfDocument) keeps its findings, shifted to where its document now starts; a rule that read the
// workspace runs again only when objects of a kind it read changed since (WorkspaceIndex.changedSince).
// The findings are exactly those lintAnalysis would return for the same analysis, options and workspace.
import type { K8sObject } from './k8s';
import { activeRules, applyCommentSuppressions, FileAnalysis, LintOptions, RuleRun, ruleRuns, sortFindings } from './linter';
import type { Rule } from './rule';
import type { Config, Finding } from './types';
import { ANY_KIND, WorkspaceIndex } from './workspace';

interface ObjectRuns {
	object: K8sObject;
	runs: RuleRun[];
	/** The runs' findings by position, made when first needed and kept while the entry is reused. */
	sorted?: Finding[];
}

/** The result of one lint, to pass to the next lint of the same file. */
export interface IncrementalLint {
	readonly analysis: FileAnalysis;
	/** Sorted by position, as lintAnalysis returns them. */
	readonly findings: Finding[];
	/** How much of `previous` was reused (the benchmark and tests read it). */
	readonly reuse: ReuseStats;
	/** What the next call needs to reuse this result. */
	readonly state: {
		readonly config: Config;
		readonly active: readonly Rule[];
		readonly workspace: WorkspaceIndex;
		/** workspace.version when the rules ran. */
		readonly version: number;
		readonly objects: readonly ObjectRuns[];
	};
}

export interface ReuseStats {
	/** Objects whose rule runs were carried over, and objects checked from scratch. */
	objectsReused: number;
	objectsChecked: number;
	/** Rule runs of reused objects whose findings were kept, and runs repeated because the workspace changed. */
	runsReused: number;
	runsRepeated: number;
}

/**
 * Lint `analysis` like lintAnalysis, reusing what `previous` (the last result for this file) still holds.
 * Without `options.workspace` the file is its own workspace, carried over from `previous`. The server
 * indexes the new objects (WorkspaceIndex.setFile) before calling this, as it does before lintAnalysis.
 */
export function lintIncremental(previous: IncrementalLint | undefined, analysis: FileAnalysis, options: LintOptions): IncrementalLint {
	const workspace = options.workspace ?? ownWorkspace(previous, analysis);
	const { config } = options;
	const active = activeRules(options);
	const reusable = previous && canReuse(previous, analysis, config, active, workspace) ? previous.state : undefined;
	const unchanged = reusable ? objectsByValue(reusable.objects) : new Map<unknown, ObjectRuns[]>();
	const reuse: ReuseStats = { objectsReused: 0, objectsChecked: 0, runsReused: 0, runsRepeated: 0 };

	const readChanged = reusable ? changedReads(workspace, reusable.version) : undefined;
	const objects: ObjectRuns[] = [];
	for (const object of analysis.objects) {
		const before = unchanged.get(object.value)?.shift();
		// An edit that left the value alone (adoptEqualValue) still moved the ranges inside the document.
		if (before && reusable && readChanged && before.object.doc === object.doc) {
			reuse.objectsReused++;
			const delta = object.segment.offset - before.object.segment.offset;
			const key = object.key;
			const inPlace = delta === 0 && key === before.object.key;
			// Runs, their lists and the object's entry are copied only when something in them changed: after
			// a keystroke in a large file, most objects have moved and most runs found nothing.
			let runs = before.runs;
			for (let i = 0; i < before.runs.length; i++) {
				const run = before.runs[i];
				let next: RuleRun;
				if (readChanged(run)) {
					reuse.runsRepeated++;
					next = ruleRuns(object, [run.rule], { workspace, config, trackReads: true })[0];
				} else {
					reuse.runsReused++;
					next = inPlace || run.findings.length === 0 ? run : moved(run, delta, key);
				}
				if (next === run) continue;
				if (runs === before.runs) runs = before.runs.slice();
				runs[i] = next;
			}
			objects.push(runs === before.runs && object === before.object ? before : { object, runs });
		} else {
			reuse.objectsChecked++;
			objects.push({ object, runs: ruleRuns(object, active, { workspace, config, trackReads: true }) });
		}
	}

	// Each object's findings come sorted (its entry's, kept from the last lint when reused), so the sort
	// of the whole list finds it sorted but for the document findings: a merge, not thousands of comparisons.
	const findings: Finding[] = [...analysis.documentFindings];
	for (const entry of objects) for (const finding of sortedFindingsOf(entry)) findings.push(finding);
	return {
		analysis,
		findings: sortFindings(applyCommentSuppressions(analysis, findings)),
		reuse,
		state: { config, active, workspace, version: workspace.version, objects },
	};
}

function sortedFindingsOf(entry: ObjectRuns): Finding[] {
	if (!entry.sorted) {
		const findings: Finding[] = [];
		for (const run of entry.runs) for (const finding of run.findings) findings.push(finding);
		// a stable sort: findings at the same place keep the order of the rules, as a full lint has them
		entry.sorted = findings.length > 1 ? sortFindings(findings) : findings;
	}
	return entry.sorted;
}

function ownWorkspace(previous: IncrementalLint | undefined, analysis: FileAnalysis): WorkspaceIndex {
	const own = previous && !previous.state.workspace.files().some((f) => f !== analysis.file) ? previous.state.workspace : new WorkspaceIndex();
	own.setFile(analysis.file, analysis.objects);
	return own;
}

function canReuse(previous: IncrementalLint, analysis: FileAnalysis, config: Config, active: readonly Rule[], workspace: WorkspaceIndex): boolean {
	const state = previous.state;
	return (
		previous.analysis.file === analysis.file &&
		state.config === config &&
		state.workspace === workspace &&
		state.active.length === active.length &&
		state.active.every((rule, i) => rule === active[i])
	);
}

/** Previous objects by resolved value; identical documents share a value and are matched in order. */
function objectsByValue(objects: readonly ObjectRuns[]): Map<unknown, ObjectRuns[]> {
	const byValue = new Map<unknown, ObjectRuns[]>();
	for (const entry of objects) {
		const list = byValue.get(entry.object.value);
		if (list) list.push(entry);
		else byValue.set(entry.object.value, [entry]);
	}
	return byValue;
}

/**
 * Whether objects of a kind a run read were added, removed or changed since `version`. Tens of thousands
 * of runs ask after a keystroke in a large file, mostly about the same few kinds, or when nothing changed.
 */
function changedReads(workspace: WorkspaceIndex, version: number): (run: RuleRun) => boolean {
	if (!workspace.changedSince(ANY_KIND, version)) return () => false;
	const changed = new Map<string, boolean>();
	return (run) => {
		if (!run.reads) return false;
		for (const kind of run.reads) {
			let answer = changed.get(kind);
			if (answer === undefined) changed.set(kind, (answer = workspace.changedSince(kind, version)));
			if (answer) return true;
		}
		return false;
	};
}

/** A kept run of an untouched object, its findings moved by `delta` to where the object is now. */
function moved(run: RuleRun, delta: number, objectKey: string): RuleRun {
	if (!run.findings.length) return run; // nothing in it has a position or names the object
	const findings = run.findings.map((f): Finding => {
		const range = { start: f.range.start + delta, end: f.range.end + delta };
		// the same properties as the original (an internal-error finding has no `fix`), written out: faster than a spread
		return 'fix' in f ? { ruleId: f.ruleId, severity: f.severity, message: f.message, range, objectKey, fix: f.fix } : { ruleId: f.ruleId, severity: f.severity, message: f.message, range, objectKey };
	});
	return { rule: run.rule, findings, reads: run.reads };
}
