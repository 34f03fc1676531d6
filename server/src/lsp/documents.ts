// Analyses of open documents, one per document version, over one SegmentCache shared with the workspace
// index: an unchanged YAML document (in an open file or on disk) is parsed once, however often the file
// around it changes. Each version is analysed from the one before (analyzeFile's `previous`).
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
	 * Analyse text that is not an open document (a file read from disk). A file that is open (read again
	 * when it is saved) is analysed from its open analysis: the documents they share are taken from it,
	 * not looked up in the cache, which they may have left (an edit does not look up the documents it
	 * leaves alone, so typing does not keep them there).
	 */
	analyzeText(uri: string, text: string): FileAnalysis {
		return analyzeFile(uri, text, this.segments, hintsFor(uri), this.open.get(uri)?.analysis);
	}

	forget(uri: string): void {
		this.open.delete(uri);
	}
}
