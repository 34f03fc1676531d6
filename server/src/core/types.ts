// Shared types of the pure lint core: severities, findings, fix plans and configuration.
// Nothing here knows about the LSP or the file system; offsets are character offsets into the file text.

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['hint', 'info', 'warning', 'error'];
export const SEVERITY_RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/** A path inside a Kubernetes object: map keys and sequence indexes, relative to the object's root. */
export type Path = (string | number)[];

/** Half-open character range [start, end) in the file text. */
export interface OffsetRange {
	start: number;
	end: number;
}

/**
 * One edit operation of a fix, expressed against the parsed document instead of as text, so the fix
 * engine can render it in the file's own style and verify it before offering it.
 * Paths are relative to the object's root (the fix engine adds the List item prefix).
 */
export type FixOp =
	/**
	 * Set `value` at `path`, creating the missing maps along the way; an existing scalar is replaced.
	 * `before`: when the key is new, put it before the first of these sibling keys that exists (so
	 * `replicas` lands above `selector` and `template`, not after the pod template); else at the end.
	 */
	| { op: 'set'; path: Path; value: unknown; before?: readonly string[] }
	/** Delete the pair at `path` (a map key). */
	| { op: 'delete'; path: Path }
	/** Append a new document after the object's document. */
	| { op: 'appendDocument'; value: Record<string, unknown> };

/**
 * RULES.md "Fix safety": a safe fix cannot change what runs or how it is reached (labels, a soft
 * scheduling preference, an object the API server would reject made valid, an identical-schema
 * apiVersion move); every other fix is unsafe. `--fix` and fix-on-save apply safe fixes only.
 */
export type FixSafety = 'safe' | 'unsafe';

export interface FixPlan {
	/** What the fix does, shown in the quick-fix menu: "Add livenessProbe (tcpSocket on port http)". */
	title: string;
	ops: FixOp[];
	/**
	 * Overrides the rule's declared `fixSafety` for this plan (deprecated-api-version: safe or unsafe per
	 * API move). The lint driver fills it in from the rule, so every reported plan carries it.
	 */
	safety?: FixSafety;
	/**
	 * Paths (relative to the object, like the ops') of inserted scalar values the user must choose: a
	 * quantity, a probe path or port, a replica count. The editor inserts them as snippet placeholders
	 * where the client supports snippet edits.
	 */
	placeholders?: Path[];
	/**
	 * The fix as edits of the file the finding is reported in, already made: a finding of a rendered chart
	 * or a built overlay whose fix replaces a value written literally in a values file, a template or a
	 * patch (sources/produced.ts). The ops describe it; these edits apply it.
	 */
	sourceEdits?: { start: number; end: number; newText: string }[];
}

export interface Finding {
	ruleId: string;
	severity: Severity;
	message: string;
	range: OffsetRange;
	/** The object the finding belongs to, for "ignore for this object" and fix planning. */
	objectKey?: string;
	fix?: FixPlan;
	/**
	 * Other places the flagged value came from, with 0-based line and character: the values a template
	 * composed it of (a chart's finding on `image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"`).
	 */
	related?: RelatedLocation[];
}

export interface RelatedLocation {
	file: string;
	line: number;
	character: number;
	endLine: number;
	endCharacter: number;
	message: string;
}

export interface ResourceDefaults {
	cpu: string;
	memory: string;
}

export interface Config {
	rules: Record<string, SeveritySetting>;
	requiredLabels: string[];
	trustedRegistries: string[];
	kubernetesVersion: string;
	resourceDefaults: ResourceDefaults;
	exclude: string[];
	/** How the Helm charts below the configuration file render (see RULES.md, Charts and overlays). */
	helm?: HelmSettings;
	/** Whether Kustomize overlays are built and linted through their output (default true). */
	kustomize?: { enabled: boolean };
}

export interface HelmSettings {
	/** Value files, relative to the chart's folder, applied after the chart's values.yaml in order. */
	valueFiles?: string[];
	/** `--set` values: `path: value`. */
	set?: Record<string, string>;
	releaseName?: string;
	namespace?: string;
	kubeVersion?: string;
	apiVersions?: string[];
}

/** A problem in a configuration source, reported as a diagnostic in `.bosun.yaml` or a CLI error line. */
export interface ConfigProblem {
	message: string;
	range?: OffsetRange;
	/** What to write at `range` instead: the known name closest to a misspelt one ("did you mean"). */
	replacement?: string;
}
