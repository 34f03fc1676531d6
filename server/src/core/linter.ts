// The lint driver: text in, findings out. Parses a file into documents, builds the Kubernetes view,
// runs the enabled rules on each object, drops suppressed findings and maps severities. The server,
// the CLI and the tests all call this; nothing here touches the file system or the LSP.
import { NESTING_TOO_DEEP, parseFile, ParsedFile, reparseFile, Segment, SegmentCache, SUPPRESSION_MARK } from './document';
import { helmTemplateFindingOf } from './helm';
import { adoptEqualValue, K8sObject, objectsOfDocument } from './k8s';
import { planSafety, Rule, RuleReport } from './rule';
import { documentDisables, isSuppressed, nextLineDisables, objectSuppressions } from './suppress';
import type { Config, Finding, Severity } from './types';
import { WorkspaceIndex } from './workspace';

/** Findings that do not come from a catalog rule. */
export const SYNTAX_RULE_ID = 'syntax-error';
export const INTERNAL_RULE_ID = 'internal-error';

export interface FileAnalysis {
	file: string;
	parsed: ParsedFile;
	objects: K8sObject[];
	/** Syntax errors (one per Kubernetes-looking document), duplicate keys and documents that could not be read. */
	documentFindings: Finding[];
}

/** A document that looks like a Kubernetes manifest even though it does not parse. */
const LOOKS_LIKE_K8S = /^(apiVersion|kind)\s*:/m;

/** What the caller knows about a file beyond its text. */
export interface FileHints {
	/** The file lies under a Helm chart's templates/ directory (see helm.ts isChartTemplatePath). */
	inChartTemplates?: boolean;
}

/**
 * Parse and read a file. With `previous`, the analysis of an earlier version of the same file (the
 * document before an edit), the documents the edit did not touch are not read again, the objects of
 * those before it are kept as they were, and an edited document whose value did not change keeps its
 * value (adoptEqualValue): the result is the same as without `previous`, only cheaper to get.
 */
export function analyzeFile(file: string, text: string, cache?: SegmentCache, hints: FileHints = {}, previous?: FileAnalysis): FileAnalysis {
	let parsed: ParsedFile;
	let keptSegments: (Segment | undefined)[] = [];
	let keptObjects: Map<Segment, K8sObject[]> | undefined;
	if (previous && previous.file === file) {
		const reparse = reparseFile(text, previous.parsed, cache);
		parsed = reparse.parsed;
		adoptEqualValues(reparse.removed, reparse.added);
		keptSegments = reparse.kept;
		keptObjects = objectsBySegment(previous.objects);
	} else parsed = parseFile(text, cache);
	// A Helm template is not YAML before rendering: one information finding and nothing else.
	const helm = helmTemplateFindingOf(parsed, hints.inChartTemplates);
	if (helm) return { file, parsed, objects: [], documentFindings: [helm] };
	const objects: K8sObject[] = [];
	const documentFindings: Finding[] = [];
	let docIndex = 0;
	for (let i = 0; i < parsed.segments.length; i++) {
		const segment = parsed.segments[i];
		// A segment kept from the previous version (one clean document that gave objects, so no finding of
		// its own) has the same objects: the very same at the same place, moved ones after the edit.
		const before = keptSegments[i];
		const same = before && segment.docs.length === 1 && !segment.errors.length && !segment.tolerated && !segment.duplicateKeys.length ? keptObjects?.get(before) : undefined;
		if (same) {
			const index = docIndex++;
			for (const object of same) objects.push(object.segment === segment && object.docIndex === index ? object : object.movedTo(segment, index));
			continue;
		}
		const broken = segment.errors.length > 0;
		if (broken && LOOKS_LIKE_K8S.test(segment.text)) {
			const e = segment.errors[0];
			// At least one character wide, but never past the document (an error at the end of the text).
			const segmentEnd = segment.offset + segment.text.length;
			const range = { start: Math.min(e.start + segment.offset, segmentEnd), end: Math.min(Math.max(e.end, e.start + 1) + segment.offset, segmentEnd) };
			if (e.code === NESTING_TOO_DEEP) documentFindings.push({ ruleId: SYNTAX_RULE_ID, severity: 'warning', message: e.message, range });
			else
				documentFindings.push({
					ruleId: SYNTAX_RULE_ID,
					severity: 'error',
					message: `YAML syntax error: ${e.message.split('\n')[0]}${segment.errors.length > 1 ? ` (and ${segment.errors.length - 1} more in this document)` : ''}`,
					range,
				});
		}
		const tolerated = segment.tolerated?.[0];
		if (tolerated && LOOKS_LIKE_K8S.test(segment.text)) {
			// Kubernetes reads the document (see tolerantYaml.ts): a warning, and the document is linted
			documentFindings.push({ ruleId: SYNTAX_RULE_ID, severity: 'warning', message: tolerated.message, range: { start: tolerated.start + segment.offset, end: tolerated.end + segment.offset } });
		}
		for (const doc of segment.docs) {
			const index = docIndex++;
			if (broken) continue; // half-typed documents are not linted: their findings would be noise
			const { objects: found, problem } = objectsOfDocument(file, segment, doc, index);
			objects.push(...found);
			if (problem && LOOKS_LIKE_K8S.test(segment.text)) {
				documentFindings.push({ ruleId: SYNTAX_RULE_ID, severity: 'warning', message: problem.message, range: { start: segment.offset, end: segment.offset + Math.min(segment.text.indexOf('\n') >>> 0, segment.text.length) } });
			}
		}
		if (!broken && segment.duplicateKeys.length && objects.some((o) => o.segment === segment)) {
			// a second apiVersion or kind at the root is the start of another object: say so first
			const d = segment.duplicateKeys.find((k) => k.rootKey === 'apiVersion' || k.rootKey === 'kind') ?? segment.duplicateKeys[0];
			const message = d.rootKey === 'apiVersion' || d.rootKey === 'kind'
				? `Top-level key ${d.rootKey} repeated: a \`---\` line is probably missing before it. As written, the two objects are read as one (Kubernetes keeps the last value of each key) and the first is lost.`
				: `${d.message.split('\n')[0]}; Kubernetes keeps the last value.`;
			documentFindings.push({ ruleId: SYNTAX_RULE_ID, severity: 'warning', message, range: { start: d.start + segment.offset, end: d.end + segment.offset } });
		}
	}
	return { file, parsed, objects, documentFindings };
}

/** The objects of each segment, for those that can be kept. */
function objectsBySegment(objects: readonly K8sObject[]): Map<Segment, K8sObject[]> {
	const bySegment = new Map<Segment, K8sObject[]>();
	for (const object of objects) {
		const list = bySegment.get(object.segment);
		if (list) list.push(object);
		else bySegment.set(object.segment, [object]);
	}
	return bySegment;
}

/**
 * Documents an edit replaced one for one (typing inside a document) keep their value when it did not
 * change. A larger change (documents split, joined or pasted) is rare enough to be read afresh.
 */
function adoptEqualValues(removed: readonly Segment[], added: readonly Segment[]): void {
	const before = removed.flatMap((s) => (s.errors.length ? [] : s.docs));
	const after = added.flatMap((s) => (s.errors.length ? [] : s.docs));
	if (before.length !== after.length || before.length > MAX_ADOPTED_DOCUMENTS) return;
	for (let i = 0; i < after.length; i++) adoptEqualValue(after[i], before[i]);
}

/** Documents compared for adoption per edit at most. */
const MAX_ADOPTED_DOCUMENTS = 8;

export interface LintOptions {
	rules: readonly Rule[];
	config: Config;
	/** Every object the linter can see, this file's included. Defaults to this file alone. */
	workspace?: WorkspaceIndex;
	/** Restrict to rules for which this returns true (e.g. only cross-resource rules). */
	ruleFilter?: (rule: Rule) => boolean;
}

function effectiveSeverity(rule: Rule, config: Config, report: RuleReport): Severity | null {
	const configured = config.rules[rule.id];
	const sev = configured ?? report.severity ?? rule.defaultSeverity;
	return sev === 'off' ? null : sev;
}

/** The rules that can report anything under this configuration and filter, in registry order. */
export function activeRules(options: LintOptions): Rule[] {
	const { rules, config, ruleFilter } = options;
	return rules.filter((rule) => {
		if (ruleFilter && !ruleFilter(rule)) return false;
		if (!config.rules[rule.id] && rule.defaultSeverity === 'off') return false;
		return config.rules[rule.id] !== 'off';
	});
}

/** The rule looks at the object's kind and the object's annotations do not suppress it. */
function appliesTo(rule: Rule, object: K8sObject, suppressed: ReadonlySet<string>): boolean {
	return (!rule.kinds || rule.kinds.includes(object.kind)) && !isSuppressed(suppressed, rule.id);
}

/** The findings of every run that found nothing: never added to. */
const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];

/** One rule's findings on one object and, when tracked, the workspace kinds its check read (null: none). */
export interface RuleRun {
	rule: Rule;
	findings: Finding[];
	reads: ReadonlySet<string> | null;
}

/**
 * A big file's incremental state holds a run per object and rule, most reading the same few things:
 * those share one set per combination.
 */
const readSets = new Map<string, ReadonlySet<string>>();
const MAX_READ_SETS = 1000;

function sharedReads(reads: ReadonlySet<string>): ReadonlySet<string> {
	const key = [...reads].sort().join('\n');
	let shared = readSets.get(key);
	if (!shared) {
		if (readSets.size >= MAX_READ_SETS) readSets.clear();
		readSets.set(key, (shared = reads));
	}
	return shared;
}

/**
 * Messages are built per finding (`Deployment "web" has...`) and many repeat across the objects of a
 * file; one copy of each, flat (a built string is a rope of its parts until flattened).
 */
const messages = new Map<string, string>();
const MAX_MESSAGES = 50000;

function sharedMessage(message: string): string {
	let shared = messages.get(message);
	if (shared === undefined) {
		if (messages.size >= MAX_MESSAGES) messages.clear();
		shared = (' ' + message).slice(1);
		messages.set(shared, shared);
	}
	return shared;
}

/** Run one rule over one object, adding its findings to `findings`. A rule that throws is reported once (an internal-error finding). */
function runRule(rule: Rule, object: K8sObject, workspace: WorkspaceIndex, config: Config, findings: Finding[] = []): Finding[] {
	const key = object.key;
	try {
		rule.check({
			object,
			workspace,
			config,
			report(report) {
				const severity = effectiveSeverity(rule, config, report);
				if (!severity || !report.range) return;
				// Every reported plan carries its safety, so no consumer needs the rule to tell.
				const fix = report.fix && { ...report.fix, safety: planSafety(rule, report.fix) };
				findings.push({ ruleId: rule.id, severity, message: sharedMessage(report.message), range: report.range, objectKey: key, fix });
			},
		});
	} catch (e) {
		findings.push({
			ruleId: INTERNAL_RULE_ID,
			severity: 'info',
			message: `Rule ${rule.id} failed on this document: ${(e as Error).message ?? e}`,
			range: object.kindRange(),
			objectKey: key,
		});
	}
	return findings;
}

/**
 * Run the active rules (see activeRules) that apply to the object's kind and are not suppressed by its
 * annotations, one RuleRun each. With `trackReads`, each run records the workspace kinds it read.
 */
export function ruleRuns(object: K8sObject, active: readonly Rule[], options: { workspace: WorkspaceIndex; config: Config; trackReads?: boolean }): RuleRun[] {
	const { workspace, config } = options;
	const runs: RuleRun[] = [];
	const suppressed = objectSuppressions(object);
	for (const rule of active) {
		if (!appliesTo(rule, object, suppressed)) continue;
		if (options.trackReads) {
			const { result, reads } = workspace.trackReads(() => runRule(rule, object, workspace, config));
			// most runs find nothing and read nothing: they share one empty list and keep no empty set
			runs.push({ rule, findings: result.length ? result : NO_FINDINGS, reads: reads.size ? sharedReads(reads) : null });
		} else runs.push({ rule, findings: runRule(rule, object, workspace, config), reads: null });
	}
	return runs;
}

/** Run the rules over one object. A rule that throws is reported once, and the others still run. */
export function lintObject(object: K8sObject, options: LintOptions & { workspace: WorkspaceIndex }): Finding[] {
	return ruleRuns(object, activeRules(options), options).flatMap((run) => run.findings);
}

/** Drop findings silenced by `# bosun-disable` (document) and `# bosun-disable-next-line` comments. */
export function applyCommentSuppressions(analysis: FileAnalysis, findings: Finding[]): Finding[] {
	const text = analysis.parsed.text;
	const segments = analysis.parsed.segments;
	// a mention cannot span two segments: each starts after a line break
	if (!segments.some((s) => s.mentionsDisable ?? s.text.includes(SUPPRESSION_MARK))) return findings;
	const disables = segments.map((s) => documentDisables(s.text));
	return findings.filter((f) => {
		let i = segments.length - 1;
		while (i > 0 && segments[i].offset > f.range.start) i--;
		if (isSuppressed(disables[i], f.ruleId)) return false;
		const next = nextLineDisables(text, f.range.start);
		return !(next && isSuppressed(next, f.ruleId));
	});
}

/** Lint an analysed file against the workspace; findings come sorted by position. */
export function lintAnalysis(analysis: FileAnalysis, options: LintOptions): Finding[] {
	let workspace = options.workspace;
	if (!workspace) {
		workspace = new WorkspaceIndex();
		workspace.setFile(analysis.file, analysis.objects);
	}
	const findings: Finding[] = [...analysis.documentFindings];
	const active = activeRules(options);
	for (const object of analysis.objects) {
		// ruleRuns without its per-run bookkeeping: a full lint only needs the findings, in the same order
		const suppressed = objectSuppressions(object);
		for (const rule of active) {
			if (appliesTo(rule, object, suppressed)) runRule(rule, object, workspace, options.config, findings);
		}
	}
	return sortFindings(applyCommentSuppressions(analysis, findings));
}

/** Rule ids in localeCompare order, ranked once: sorting thousands of findings by localeCompare is slow. */
const ruleIdRanks = new Map<string, number>();

function ruleIdRank(ruleId: string): number {
	let rank = ruleIdRanks.get(ruleId);
	if (rank === undefined) {
		const ids = [...ruleIdRanks.keys(), ruleId].sort((a, b) => a.localeCompare(b));
		ids.forEach((id, i) => ruleIdRanks.set(id, i));
		rank = ruleIdRanks.get(ruleId)!;
	}
	return rank;
}

export function sortFindings(findings: Finding[]): Finding[] {
	return findings.sort((a, b) => a.range.start - b.range.start || ruleIdRank(a.ruleId) - ruleIdRank(b.ruleId));
}

/** Convenience for tests and single files: analyse and lint text alone. */
export function lintText(text: string, options: LintOptions & { file?: string }): Finding[] {
	return lintAnalysis(analyzeFile(options.file ?? 'untitled.yaml', text), options);
}
