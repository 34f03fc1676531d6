// The `bosun` command line: `bosun lint [paths...|-]` and `bosun rules`, on the same core as the
// editor so CI and the editor agree. Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or
// I/O error (with a one-line message).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { minimatch } from 'minimatch';
import { isFixableInPlace } from './core/fix';
import { isChartTemplatePath } from './core/helm';
import { LineIndex } from './core/lines';
import { docsUrl } from './core/rule';
import { SEVERITIES, SEVERITY_RANK, Severity } from './core/types';
import { CliFinding, formatJson, formatSarif, formatText } from './cliFormat';
import { fixInputs, runFixes } from './cliFix';
import { runBuild } from './cliBuild';
import { ConfigFileCache } from './configFiles';
import { lintInputs, LintInput } from './engine';
import { RULES } from './rules';

declare const BOSUN_VERSION: string | undefined;
const VERSION = typeof BOSUN_VERSION === 'string' ? BOSUN_VERSION : '0.0.0-dev';

const USAGE = `Usage:
  bosun lint [paths...|-] [--format text|json|sarif] [--min-severity hint|info|warning|error]
             [--fail-on hint|info|warning|error|never] [--stdin-filename <name>]
             [--fix | --fix-dry-run]
  bosun rules [--format text|json]
  bosun build [kustomization-dir]
  bosun --version

Lints Kubernetes manifests (*.yaml, *.yml; directories recursively; - reads stdin).
--fix applies the safe fixes of the findings reported (in place; stdin: prints the fixed text),
--fix-dry-run prints them as a unified diff; both then report what is left.
Exit codes: 0 clean, 1 findings at or above --fail-on (default error), 2 usage or I/O error.`;

class UsageError extends Error {}

/** Standard input that is not UTF-8 text (thrown by CliIo.readStdin): reported like an unreadable file. */
export class UnreadableInput extends Error {}

export interface CliIo {
	stdout: (s: string) => void;
	stderr: (s: string) => void;
	readStdin: () => string;
	cwd: string;
	isTTY: boolean;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Files below `dir` named *.yaml or *.yml; not named pipes or devices, whose read would block forever. */
function collectYaml(dir: string, out: string[]): void {
	for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
		if (entry.isDirectory()) {
			if (!SKIP_DIRS.has(entry.name)) collectYaml(join(dir, entry.name), out);
		} else if ((entry.isFile() || entry.isSymbolicLink()) && /\.ya?ml$/i.test(entry.name) && entry.name !== '.bosun.yaml') {
			out.push(join(dir, entry.name));
		}
	}
}

function severityArg(value: string | undefined, flag: string, fallback: Severity, allowNever = false): Severity | 'never' {
	if (value === undefined) return fallback;
	if ((SEVERITIES as readonly string[]).includes(value)) return value as Severity;
	if (allowNever && value === 'never') return 'never';
	throw new UsageError(`${flag} must be one of ${SEVERITIES.join(', ')}${allowNever ? ', never' : ''} (got "${value}")`);
}

/** 1-based line of the first byte sequence that is not UTF-8 (a newline byte never sits inside one). */
function firstInvalidUtf8Line(bytes: Buffer): number {
	const decoder = new TextDecoder('utf-8', { fatal: true });
	let line = 1;
	for (let start = 0; start < bytes.length; line++) {
		const newline = bytes.indexOf(10, start);
		const end = newline < 0 ? bytes.length : newline;
		try {
			decoder.decode(bytes.subarray(start, end));
		} catch {
			return line;
		}
		start = end + 1;
	}
	return line;
}

/** Decode file bytes: UTF-8 with or without BOM; NUL bytes mark a binary file; other encodings are refused. */
export function decodeManifest(bytes: Buffer): { text: string } | { error: string } {
	if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { error: 'UTF-16 encoded (save it as UTF-8), not linted' };
	if (bytes.includes(0)) return { error: 'binary file (contains NUL bytes), not linted' };
	let text: string;
	try {
		// Lossy decoding would lint U+FFFD in place of the real characters; better say so.
		text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
	} catch {
		return { error: `not valid UTF-8 (line ${firstInvalidUtf8Line(bytes)}; Kubernetes reads manifests as UTF-8), not linted` };
	}
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	return { text };
}

function runRules(format: string, io: CliIo): number {
	if (format === 'json') {
		io.stdout(JSON.stringify(RULES.map((r) => ({ id: r.id, title: r.title, category: r.category, severity: r.defaultSeverity, fix: r.fixKind, description: r.description, docs: docsUrl(r.id) })), null, 2) + '\n');
	} else if (format === 'text') {
		const width = Math.max(...RULES.map((r) => r.id.length));
		io.stdout(RULES.map((r) => `${r.id.padEnd(width)}  ${r.defaultSeverity.padEnd(7)}  ${r.fixKind}  ${r.title}`).join('\n') + '\n');
	} else throw new UsageError(`--format for rules must be text or json (got "${format}")`);
	return 0;
}

export function main(argv: string[], io: CliIo): number {
	try {
		const { values, positionals } = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				format: { type: 'string' },
				'min-severity': { type: 'string' },
				'fail-on': { type: 'string' },
				'stdin-filename': { type: 'string' },
				fix: { type: 'boolean' },
				'fix-dry-run': { type: 'boolean' },
				help: { type: 'boolean', short: 'h' },
				version: { type: 'boolean', short: 'v' },
			},
		});
		if (values.version) {
			io.stdout(`${VERSION}\n`);
			return 0;
		}
		const [command, ...paths] = positionals;
		if (values.help || !command) {
			(values.help ? io.stdout : io.stderr)(USAGE + '\n');
			return values.help ? 0 : 2;
		}
		if (command === 'rules') return runRules(values.format ?? 'text', io);
		// `bosun build <dir>`: the in-process `kustomize build`
		if (command === 'build') return runBuild(paths, io);
		if (command !== 'lint') throw new UsageError(`unknown command "${command}" (expected lint, rules or build)`);

		const format = values.format ?? 'text';
		if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got "${format}")`);
		const minSeverity = severityArg(values['min-severity'], '--min-severity', 'info') as Severity;
		const failOn = severityArg(values['fail-on'], '--fail-on', 'error', true);
		if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run exclude each other');
		const fixing = Boolean(values.fix || values['fix-dry-run']);
		let stdinFile: string | undefined;

		let ioError = false;
		const inputs: LintInput[] = [];
		const configs = new ConfigFileCache();
		const excluded = (file: string) => {
			const cfg = configs.forFile(file);
			if (!cfg?.config.exclude?.length) return false;
			const rel = relative(dirname(cfg.path), resolve(io.cwd, file)).split('\\').join('/');
			return cfg.config.exclude.some((glob) => minimatch(rel, glob, { dot: true, matchBase: !glob.includes('/') }));
		};
		const addFile = (file: string, explicit: boolean) => {
			if (!explicit && excluded(resolve(io.cwd, file))) return;
			let bytes: Buffer;
			try {
				bytes = readFileSync(resolve(io.cwd, file));
			} catch (e) {
				io.stderr(`bosun: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
				ioError = true;
				return;
			}
			const decoded = decodeManifest(bytes);
			if ('error' in decoded) {
				io.stderr(`bosun: ${file}: ${decoded.error}\n`);
				return;
			}
			inputs.push({ file, text: decoded.text, inChartTemplates: isChartTemplatePath(resolve(io.cwd, file), existsSync) });
		};
		for (const p of paths.length ? paths : ['.']) {
			if (p === '-') {
				stdinFile = values['stdin-filename'] ?? '<stdin>';
				let text: string;
				try {
					text = io.readStdin();
				} catch (e) {
					if (!(e instanceof UnreadableInput)) throw e;
					io.stderr(`bosun: ${stdinFile}: ${e.message}\n`);
					ioError = true;
					continue;
				}
				inputs.push({ file: stdinFile, text: text.replace(/^\uFEFF/, '') });
				continue;
			}
			let stat;
			try {
				stat = statSync(resolve(io.cwd, p));
			} catch (e) {
				io.stderr(`bosun: cannot read ${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}\n`);
				ioError = true;
				continue;
			}
			if (stat.isDirectory()) {
				const files: string[] = [];
				collectYaml(resolve(io.cwd, p), files);
				for (const f of files) addFile(relative(io.cwd, f) || f, false);
			} else addFile(p, true);
		}

		const configFor = (file: string) => (file.startsWith('<') ? configs.forFile(join(io.cwd, 'stdin.yaml')) : configs.forFile(resolve(io.cwd, file)))?.config;
		let results = lintInputs(inputs, configFor);
		for (const cfg of configs.loaded()) {
			for (const problem of cfg.problems) {
				const where = problem.range ? `:${new LineIndex(cfg.text).position(problem.range.start).line + 1}` : '';
				io.stderr(`bosun: ${relative(io.cwd, cfg.path) || cfg.path}${where}: ${problem.message}\n`);
			}
		}

		// With --fix on stdin, stdout carries the fixed text, so the report goes to stderr.
		const out = values.fix && stdinFile !== undefined ? io.stderr : io.stdout;
		let fixed: ReturnType<typeof runFixes>['fixed'] | undefined;
		if (fixing) {
			const fixes = fixInputs(inputs, results, (f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[minSeverity]);
			const run = runFixes(fixes, { dryRun: Boolean(values['fix-dry-run']), stdinFile, cwd: io.cwd, out, stdout: io.stdout, stderr: io.stderr, format });
			fixed = run.fixed;
			if (run.ioError) ioError = true;
			// Report what is left: the files as written (or as the dry run would leave them).
			results = lintInputs(inputs.map((input) => ({ ...input, text: run.texts.get(input.file) ?? input.text })), configFor);
		}

		const findings: CliFinding[] = [];
		for (const result of results) {
			const lines = new LineIndex(result.analysis.parsed.text);
			for (const f of result.findings) {
				if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[minSeverity]) continue;
				const start = lines.position(f.range.start);
				const end = lines.position(f.range.end);
				findings.push({
					rule: f.ruleId,
					severity: f.severity,
					message: f.message,
					file: result.file,
					line: start.line + 1,
					column: start.character + 1,
					endLine: end.line + 1,
					endColumn: end.character + 1,
					fixable: isFixableInPlace(result.analysis, f),
				});
			}
		}

		if (format === 'json') out(formatJson(findings, fixed ? { fixed } : {}));
		else if (format === 'sarif') out(formatSarif(findings, RULES, VERSION));
		else out(formatText(findings, inputs.length, io.isTTY));

		if (ioError) return 2;
		if (failOn === 'never') return 0;
		return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
	} catch (e) {
		if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
			io.stderr(`bosun: ${(e as Error).message}\n${USAGE.split('\n')[0]}\n`);
			return 2;
		}
		io.stderr(`bosun: internal error: ${(e as Error).stack ?? e}\n`);
		return 2;
	}
}

if (require.main === module) {
	const code = main(process.argv.slice(2), {
		stdout: (s) => process.stdout.write(s),
		stderr: (s) => process.stderr.write(s),
		readStdin: () => {
			const decoded = decodeManifest(readFileSync(0));
			if ('error' in decoded) throw new UnreadableInput(decoded.error);
			return decoded.text;
		},
		cwd: process.cwd(),
		isTTY: Boolean(process.stdout.isTTY),
	});
	// Let stdout drain before exiting (large JSON through a pipe).
	process.stdout.write('', () => process.exit(code));
}
