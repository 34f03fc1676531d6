// What the Bosun server and the VS Code client agree on beyond the LSP itself: the initialization
// options, the custom requests and the `data` carried by each diagnostic. Plain strings and types only,
// so the client can import this file without pulling in the server.

/** Sent by the client in `initialize`. */
export interface BosunInitializationOptions {
	/**
	 * Whether Bosun reports YAML syntax errors. The client turns this off when another YAML extension
	 * (Red Hat YAML) already underlines them, so the user does not see every syntax error twice.
	 */
	syntaxErrors?: boolean;
	/**
	 * A folder the server may write to (the extension's workspace storage): the workspace index keeps its
	 * warm-start cache there. Without it the index is built from the files at every start.
	 */
	storagePath?: string;
}

/** `bosun/lintWorkspace`: publish diagnostics for every manifest of the workspace index, open or not. */
export const LINT_WORKSPACE_REQUEST = 'bosun/lintWorkspace';

export interface LintWorkspaceResult {
	/** Files that hold Kubernetes objects. */
	manifests: number;
	/** Files with at least one problem. */
	filesWithProblems: number;
	/** Errors, warnings and information findings (hints are not counted, as in the Problems view). */
	problems: number;
}

/**
 * `bosun/indexing` (server to client): how far the first reading of the workspace folders is. Until it is
 * `ready`, cross-file rules do not run, so the findings of open files are partial.
 */
export const INDEXING_NOTIFICATION = 'bosun/indexing';

export interface IndexingStatus {
	ready: boolean;
	/** Percentage of the YAML files read, 0 to 100. */
	percentage: number;
}

/** `bosun/documentStatus` (server to client): what the latest lint of an open document found it to be. */
export const DOCUMENT_STATUS_NOTIFICATION = 'bosun/documentStatus';

export interface DocumentStatus {
	uri: string;
	version: number;
	/**
	 * `manifest`: it holds Kubernetes objects; `other`: YAML that is not a Kubernetes manifest (a CI
	 * workflow); `config`: a `.bosun.yaml`; `skipped`: excluded, or larger than bosun.maxFileSize.
	 */
	kind: 'manifest' | 'other' | 'config' | 'skipped';
	/** Linted before the workspace was indexed: cross-file rules have not run yet. */
	partial: boolean;
}

/** `bosun/rules`: the rule catalog, for pickers and documentation commands. */
export const RULES_REQUEST = 'bosun/rules';

export interface RuleSummary {
	id: string;
	title: string;
	category: string;
	defaultSeverity: string;
	/** The rule's page relative to the extension's root (docs/rules/<id>.md). */
	docsPath: string;
}

/**
 * `bosun/producedManifests`: what the chart or the overlays owning a file produce, as `helm template` or
 * `kustomize build` prints it (with the open documents' unsaved text). Null for a plain manifest.
 */
export const PRODUCED_MANIFESTS_REQUEST = 'bosun/producedManifests';

export interface ProducedManifestsParams {
	uri: string;
}

export interface ProducedManifests {
	/** "Rendered chart web", "Built overlay prod". */
	title: string;
	text: string;
}

/** The `data` of every Bosun diagnostic: enough for code actions to find the finding it came from. */
export interface BosunDiagnosticData {
	ruleId: string;
	/** Index of the finding in the file's latest findings (ServerContext.diagnostics.findingsFor(uri)). */
	findingIndex: number;
	/** Document version the finding was computed for; null for a file linted from disk. */
	version: number | null;
	/** The object the finding belongs to (K8sObject.key), when it belongs to one. */
	objectKey?: string;
	/** Whether the finding carries a fix plan. */
	fixable: boolean;
	/** That plan's safety (RULES.md "Fix safety"): only safe fixes are preferred and run on save. */
	fix: 'safe' | 'unsafe' | null;
}

/**
 * LSP 3.18 `SnippetTextEdit` (an edit whose text is a snippet with placeholders to type over), sent in
 * a TextDocumentEdit only to clients that announce `workspace.workspaceEdit.snippetEditSupport`. Declared
 * here because the protocol package the server builds on is 3.17.
 */
export interface SnippetTextEdit {
	range: { start: { line: number; character: number }; end: { line: number; character: number } };
	snippet: { kind: 'snippet'; value: string };
}

/** Values of `bosun.companions.placement`: where generated companion documents go. */
export const COMPANION_PLACEMENTS = ['sameFile', 'newFile'] as const;
export type CompanionPlacement = (typeof COMPANION_PLACEMENTS)[number];
/** `sameFile`: `---` and the document right after the workload's document. */
export const DEFAULT_COMPANION_PLACEMENT: CompanionPlacement = 'sameFile';

/** Default of `bosun.maxFileSize`: larger files are not linted. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/** The client command a companion action runs after creating a new file: it opens the file beside the workload. */
export const OPEN_BESIDE_COMMAND = 'bosun.openBeside';

/** `source` of every diagnostic Bosun publishes; the client forwards only these. */
export const DIAGNOSTIC_SOURCE = 'bosun';
