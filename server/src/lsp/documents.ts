// Analyses of open documents, one per document version, over one SegmentCache: an unchanged YAML
// document of an open file is parsed once, however often the file around it changes. Each version is
// analysed from the one before (analyzeFile's `previous`).
import { existsSync } from 'node:fs';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SegmentCache } from '../core/document';
import { isChartTemplatePath } from '../core/helm';
import { analyzeFile, FileAnalysis, FileHints } from '../core/linter';
import { uriToPath } from './files';

/** A file under a Helm chart's templates/ is a template even where its text looks like plain YAML. */
function hintsFor(uri: string): FileHints {
	const path = uriToPath(uri);
	return { inChartTemplates: path !== undefined && isChartTemplatePath(path, existsSync) };
}

export class AnalysisStore {
	readonly segments = new SegmentCache();
	private open = new Map<string, { version: number; analysis: FileAnalysis }>();

	/** The analysis of an open document's current version (the same object until the version changes). */
	analyzeOpen(document: TextDocument): FileAnalysis {
		const cached = this.open.get(document.uri);
		if (cached && cached.version === document.version) return cached.analysis;
		const analysis = analyzeFile(document.uri, document.getText(), this.segments, hintsFor(document.uri), cached?.analysis);
		this.open.set(document.uri, { version: document.version, analysis });
		return analysis;
	}

	/**
	 * Analyse text that is not an open document (a closed file read from disk, linted once and dropped).
	 * Its segments stay out of the cache, which is for the documents being edited.
	 */
	analyzeText(uri: string, text: string): FileAnalysis {
		return analyzeFile(uri, text, undefined, hintsFor(uri));
	}

	forget(uri: string): void {
		this.open.delete(uri);
	}
}
