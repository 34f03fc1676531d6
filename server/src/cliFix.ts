// `bosun lint --fix` and `--fix-dry-run`: apply every safe fix (in place, verified; companion documents
// are left to the editor) to the linted files, like `ruff --fix`; `--unsafe-fixes` adds the unsafe ones
// (RULES.md "Fix safety"). Passes repeat over all files until nothing changes, so a second run is a no-op. Files are written atomically (a
// temporary file in the same directory renamed over the original, keeping its mode and byte order
// mark); a file whose fixed text does not parse as well as the original is never written. The dry run
// prints a unified diff instead and writes nothing; stdin prints the fixed text.
import { chmodSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { parseFile, SegmentCache } from './core/document';
import { AppliedFix, fixFiles } from './core/fix';
import { analyzeFile, lintAnalysis } from './core/linter';
import type { Finding } from './core/types';
import { WorkspaceIndex } from './core/workspace';
import type { FileResult, LintInput } from './engine';
import { RULES } from './rules';

export interface FileFix {
	file: string;
	before: string;
	after: string;
	applied: AppliedFix[];
}

/**
 * Fix every file in memory, all against one workspace index: a file is re-linted with the fixed objects
 * of the others, and passes repeat over all files until none changes (at most MAX_FIX_PASSES).
 */
export function fixInputs(inputs: readonly LintInput[], results: readonly FileResult[], options: { filter: (f: Finding) => boolean; unsafe: boolean }): FileFix[] {
	const workspace = new WorkspaceIndex();
	for (const r of results) workspace.setFile(r.file, r.analysis.objects);
	const caches = results.map(() => new SegmentCache());
	const relint = (i: number, text: string) => {
		const result = results[i];
		const analysis = analyzeFile(result.file, text, caches[i], { inChartTemplates: inputs[i].inChartTemplates });
		workspace.setFile(result.file, analysis.objects);
		return { analysis, findings: lintAnalysis(analysis, { rules: RULES, config: result.config, workspace }) };
	};
	const outcomes = fixFiles(
		results.map((r) => ({ analysis: r.analysis, findings: r.findings })),
		relint,
		options,
	);
	return results.map((result, i) => ({ file: result.file, before: result.analysis.parsed.text, after: outcomes[i].text, applied: outcomes[i].applied }));
}

function parseErrorCount(text: string): number {
	return parseFile(text).segments.reduce((n, s) => n + s.errors.length, 0);
}

/** Replace `path` by `text` through a temporary file in the same directory, so a crash never leaves half a file. */
export function writeFileAtomic(path: string, text: string): void {
	const target = realpathSync(path);
	const mode = statSync(target).mode & 0o7777;
	const temp = join(dirname(target), `.${basename(target)}.bosun-${process.pid}-${Date.now()}.tmp`);
	try {
		writeFileSync(temp, text, { mode });
		chmodSync(temp, mode); // the umask may have narrowed the mode given to writeFileSync
		renameSync(temp, target);
	} catch (e) {
		try {
			unlinkSync(temp);
		} catch {
			// the temporary file was never created
		}
		throw e;
	}
}

export function unifiedDiff(fix: FileFix): string {
	const patch = createTwoFilesPatch(`a/${fix.file}`, `b/${fix.file}`, fix.before, fix.after, undefined, undefined, { context: 3 });
	// The library starts with a line of `=`; a plain unified diff (as `git diff` prints) does not.
	return patch.replace(/^=+\r?\n/, '');
}

export interface FixRunOptions {
	dryRun: boolean;
	/** The input read from stdin, if any: with --fix its fixed text is printed, never written. */
	stdinFile?: string;
	cwd: string;
	/** Where the text report goes (stderr when stdout carries the fixed stdin text). */
	out: (s: string) => void;
	stdout: (s: string) => void;
	stderr: (s: string) => void;
	/** Text output prints what changed; JSON output gets it as data. */
	format: string;
}

export interface FixRunResult {
	/** The text each file has now (on disk, or as the dry run would leave it), for the final report. */
	texts: Map<string, string>;
	/** For the JSON output: per changed file, the fixes applied (and the diff in a dry run). */
	fixed: { file: string; written: boolean; fixes: { rule: string; line: number; title: string }[]; diff?: string }[];
	ioError: boolean;
}

function summary(fix: FileFix, verb: string): string {
	const lines = fix.applied.map((a) => `  ${a.line}: ${a.title} [${a.ruleId}]`);
	return `${fix.file}: ${verb} ${fix.applied.length} problem${fix.applied.length === 1 ? '' : 's'}\n${lines.join('\n')}\n`;
}

/** Write (or diff, or print) the fixed files and say what changed. */
export function runFixes(fixes: readonly FileFix[], options: FixRunOptions): FixRunResult {
	const result: FixRunResult = { texts: new Map(), fixed: [], ioError: false };
	// SARIF has no place for them: what changed goes to stderr there.
	const notes = options.format === 'sarif' ? options.stderr : options.out;
	for (const fix of fixes) {
		const isStdin = fix.file === options.stdinFile;
		if (isStdin && !options.dryRun) options.stdout(fix.after);
		if (fix.after === fix.before) {
			result.texts.set(fix.file, fix.before);
			continue;
		}
		const fixesData = fix.applied.map((a) => ({ rule: a.ruleId, line: a.line, title: a.title }));
		if (options.dryRun) {
			const diff = unifiedDiff(fix);
			result.texts.set(fix.file, fix.after);
			result.fixed.push({ file: fix.file, written: false, fixes: fixesData, diff });
			if (options.format !== 'json') notes(diff);
			continue;
		}
		if (parseErrorCount(fix.after) > parseErrorCount(fix.before)) {
			options.stderr(`bosun: ${fix.file}: the fixed text does not parse; not written\n`);
			result.texts.set(fix.file, fix.before);
			result.ioError = true;
			continue;
		}
		if (!isStdin) {
			const path = resolve(options.cwd, fix.file);
			try {
				// A file changed on disk since it was read (an editor saved it) is left alone.
				const bytes = readFileSync(path);
				const hadBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
				if (bytes.toString('utf8').slice(hadBom ? 1 : 0) !== fix.before) {
					options.stderr(`bosun: ${fix.file}: changed on disk while fixing; not written\n`);
					result.texts.set(fix.file, bytes.toString('utf8').slice(hadBom ? 1 : 0));
					result.ioError = true;
					continue;
				}
				writeFileAtomic(path, (hadBom ? '\uFEFF' : '') + fix.after);
			} catch (e) {
				options.stderr(`bosun: cannot write ${fix.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
				result.texts.set(fix.file, fix.before);
				result.ioError = true;
				continue;
			}
		}
		result.texts.set(fix.file, fix.after);
		result.fixed.push({ file: fix.file, written: !isStdin, fixes: fixesData });
		if (options.format !== 'json') notes(summary(fix, 'fixed'));
	}
	if (options.format !== 'json' && result.fixed.length) notes('\n');
	return result;
}
