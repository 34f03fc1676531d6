// Companion documents as code actions. On a workload's `kind` line, refactors that add a
// PodDisruptionBudget, a NetworkPolicy, a default-deny NetworkPolicy, a HorizontalPodAutoscaler or a
// LimitRange for it, whether or not a rule asked (rules/companionOffers.ts decides which make sense);
// on the diagnostics they answer (missing-pdb, missing-network-policy, missing-hpa, missing-memory-limit)
// the same documents as quick fixes, never preferred. `bosun.companions.placement` puts a document right
// after the workload's (`sameFile`, rendered and verified by the fix engine) or in a new file next to it
// (`newFile`: a CreateFile and its content, when the client can create files, then opened beside the
// workload by the client's bosun.openBeside command). Edits to the open document are versioned, as
// every Bosun fix is. Offers read the workspace (is there a budget already?): right after the workspace
// opens they wait, bounded, for its first reading, and when it takes longer they are made from what is
// read so far, each title saying so, rather than leaving the menu empty.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
	CancellationToken,
	CodeAction,
	CodeActionKind,
	CodeActionParams,
	CreateFile,
	Diagnostic,
	TextDocumentEdit,
	TextEdit as LspTextEdit,
	WorkspaceEdit,
} from 'vscode-languageserver';
import { newFileText, planToEdits, styleFor } from '../core/fix';
import type { K8sObject } from '../core/k8s';
import { CompanionOffer, companionOffers } from '../rules/companionOffers';
import { versionedEdit, wanted } from './codeActions';
import type { ServerContext } from './context';
import type { FileFindings } from './diagnostics';
import { pathToUri, uriToPath } from './files';
import { BosunDiagnosticData, CompanionPlacement, DIAGNOSTIC_SOURCE, OPEN_BESIDE_COMMAND } from './protocol';

/** How long a request waits for the workspace's first reading; quick fixes wait as long for a lint. */
export const INDEX_WAIT_MS = 2000;

/** Appended to an offer's title while the workspace is not fully read: a companion may exist unread. */
export const PARTIAL_INDEX_NOTE = ' (workspace still being indexed)';

/** True once the workspace is read, false when `INDEX_WAIT_MS` passed or the request was cancelled first. */
function waitForIndex(ctx: ServerContext, token: CancellationToken): Promise<boolean> {
	if (ctx.index.ready) return Promise.resolve(true);
	return new Promise((resolve) => {
		const finish = (ready: boolean) => {
			clearTimeout(timer);
			cancelled.dispose();
			resolve(ready);
		};
		const timer = setTimeout(() => finish(false), INDEX_WAIT_MS);
		const cancelled = token.onCancellationRequested(() => finish(false));
		void ctx.index.whenReady().then(() => finish(true));
	});
}

/** Name suffixes tried before giving up on a free file name (`web-pdb-2.yaml`, ...). */
const MAX_NAME_ATTEMPTS = 100;

/** `<name>-<suffix>.yaml` next to the workload's file, or a numbered variant when that one exists. */
function freeFileUri(ctx: ServerContext, directory: string, offer: CompanionOffer): string | undefined {
	const base = `${String(offer.document.metadata.name).replace(/[^A-Za-z0-9._-]/g, '-')}-${offer.fileSuffix}`;
	for (let attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
		const path = join(directory, attempt === 1 ? `${base}.yaml` : `${base}-${attempt}.yaml`);
		if (!existsSync(path) && !ctx.documents.get(pathToUri(path))) return pathToUri(path);
	}
	return undefined;
}

/** The companion in a new file, plus the versioned in-place changes that go with it (the HPA's `replicas`). */
function newFileEdit(ctx: ServerContext, latest: FileFindings, object: K8sObject, offer: CompanionOffer, directory: string): WorkspaceEdit | null {
	const text = newFileText(offer.document, styleFor(object, latest.analysis));
	const inPlace = offer.ops.length ? planToEdits(latest.analysis, object, { title: offer.title, ops: offer.ops }) : [];
	const target = freeFileUri(ctx, directory, offer);
	if (text === null || inPlace === null || !target) return null;
	return {
		documentChanges: [
			CreateFile.create(target, { overwrite: false, ignoreIfExists: false }),
			TextDocumentEdit.create({ uri: target, version: null }, [LspTextEdit.insert({ line: 0, character: 0 }, text)]),
			...(inPlace.length ? versionedEdit(latest, inPlace).documentChanges! : []),
		],
	};
}

function companionEdit(ctx: ServerContext, latest: FileFindings, object: K8sObject, offer: CompanionOffer, placement: CompanionPlacement): WorkspaceEdit | null {
	const path = uriToPath(latest.uri);
	if (placement === 'newFile' && path && ctx.client.createFiles) return newFileEdit(ctx, latest, object, offer, dirname(path));
	const edits = planToEdits(latest.analysis, object, { title: offer.title, ops: [...offer.ops, { op: 'appendDocument', value: offer.document }] });
	return edits && versionedEdit(latest, edits);
}

export async function companionActionsFor(ctx: ServerContext, params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> {
	const only = params.context.only;
	const quickFixes = wanted(only, CodeActionKind.QuickFix);
	const refactors = wanted(only, CodeActionKind.Refactor);
	const uri = params.textDocument.uri;
	if (!quickFixes && !refactors) return [];
	const indexed = await waitForIndex(ctx, token);
	const { companionPlacement } = await ctx.settings.forResource(uri);
	const document = ctx.documents.get(uri);
	const latest = ctx.diagnostics.findingsFor(uri);
	if (!document || !latest || latest.version !== document.version || token.isCancellationRequested) return [];

	const offers = new Map<K8sObject, CompanionOffer[]>();
	const offersOf = (object: K8sObject) => {
		let list = offers.get(object);
		if (!list) offers.set(object, (list = companionOffers(object, ctx.index.workspace, latest.config)));
		return list;
	};
	const actions: CodeAction[] = [];
	const add = (object: K8sObject, offer: CompanionOffer, kind: string, diagnostic?: Diagnostic) => {
		const title = indexed ? offer.title : `${offer.title}${PARTIAL_INDEX_NOTE}`;
		const existing = actions.find((a) => a.title === title);
		if (existing) {
			if (diagnostic && existing.diagnostics) existing.diagnostics.push(diagnostic);
			return;
		}
		const edit = companionEdit(ctx, latest, object, offer, companionPlacement);
		if (!edit) return;
		actions.push({ title, kind, ...(diagnostic ? { diagnostics: [diagnostic], isPreferred: false } : {}), edit });
	};

	if (quickFixes) {
		for (const diagnostic of params.context.diagnostics) {
			const data = diagnostic.data as BosunDiagnosticData | undefined;
			if (diagnostic.source !== DIAGNOSTIC_SOURCE || !data?.objectKey) continue;
			// Only a finding the latest lint still has: the editor may send diagnostics of an older text.
			if (!latest.findings.some((f) => f.ruleId === data.ruleId && f.objectKey === data.objectKey)) continue;
			const object = latest.analysis.objects.find((o) => o.key === data.objectKey);
			for (const offer of object ? offersOf(object) : []) if (offer.answers.includes(data.ruleId)) add(object!, offer, CodeActionKind.QuickFix, diagnostic);
		}
	}
	if (refactors) {
		for (const object of latest.analysis.objects) {
			if (!object.isWorkload) continue;
			const kindLine = latest.lines.position(object.kindRange().start).line;
			if (kindLine < params.range.start.line || kindLine > params.range.end.line) continue;
			for (const offer of offersOf(object)) add(object, offer, CodeActionKind.Refactor);
		}
	}
	return token.isCancellationRequested ? [] : actions.map(openingCreatedFile);
}

/** A companion created in a new file is opened beside the workload once the edit is applied. */
function openingCreatedFile(action: CodeAction): CodeAction {
	const created = action.edit?.documentChanges?.find((change) => CreateFile.is(change));
	if (!created) return action;
	return { ...action, command: { title: 'Open beside', command: OPEN_BESIDE_COMMAND, arguments: [created.uri] } };
}
