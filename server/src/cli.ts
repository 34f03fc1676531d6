// The `bosun` command line: `bosun lint [paths...|-]`, `bosun rules` and `bosun help`, on the same core as
// the editor so CI and the editor agree. Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage,
// configuration or I/O error, or no Kubernetes manifest under the given paths (with a one-line message).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { minimatch } from 'minimatch';
import { isChartTemplatePath } from './core/helm';
import { LineIndex } from './core/lines';
import { ruleDocsPath } from './core/rule';
import { Finding, SEVERITIES, SEVERITY_RANK, Severity } from './core/types';
import { CliFinding, formatJson, formatSarif, formatText, plural } from './cliFormat';
import { runBuild } from './cliBuild';
import { fixInputs, runFixes } from './cliFix';
import { runRender } from './cliRender';
import { fixChartsAndOverlays, lintChartsAndOverlays, SourcesOutcome } from './cliSources';
import { lintPlainInputs, lintThreads, reportOf, startSharedLint } from './cliWorkers';
import { ConfigFileCache } from './configFiles';
import { lintInputs, LintInput } from './engine';
import { RULES } from './rules';

declare const BOSUN_VERSION: string | undefined;
const VERSION = typeof BOSUN_VERSION === 'string' ? BOSUN_VERSION : '0.0.0-dev';

/** The whole help text, printed by `bosun help`, `bosun --help` and (its first lines) after a usage error. */
const USAGE = `Usage:
  bosun lint [paths...|-] [--format text|json|sarif] [--min-severity hint|info|warning|error]
             [--fail-on hint|info|warning|error|never] [--stdin-filename <name>]
             [--fix | --fix-dry-run] [--unsafe-fixes] [--no-error-on-empty]
  bosun rules [--format text|json]
  bosun render <chart-dir> [--values FILE]... [--set P=V]... [--set-string P=V]... [--release-name N]
               [--namespace NS] [--kube-version X.Y] [--api-versions G/V]... [--include-crds] [--show-only FILE]...
  bosun build [kustomization-dir]
  bosun help
  bosun --version

Lints Kubernetes manifests (*.yaml, *.yml; directories recursively; - reads stdin). Helm charts are
rendered and Kustomize overlays built first; findings point at the templates, values files, bases and
patches. YAML files that are not Kubernetes manifests (CI files) are skipped and counted in the summary.
"bosun render" prints what a chart renders, as "helm template release-name <chart-dir>" does.
  --format             text (default), json or sarif (for code scanning)
  --min-severity       report findings at or above this severity (default info)
  --fail-on            exit 1 when a finding is at or above this severity (default error; never: exit 0)
  --stdin-filename     the name findings on stdin (-) are reported under (default <stdin>)
  --fix                apply the safe fixes of the findings reported (in place; stdin: print the fixed
                       text), then report what is left
  --fix-dry-run        print those fixes as a unified diff instead
  --unsafe-fixes       with --fix or --fix-dry-run, add the fixes that can change how a workload runs
                       (probes, limits, replicas, security settings): review them
  --no-error-on-empty  no Kubernetes manifest under the paths is not an error (exit 0)

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, configuration or I/O error, or no
Kubernetes manifest under the given paths.`;

/** Shown after a usage error, so the user knows where the full text is. */
const USAGE_HINT = 'Run "bosun help" for usage.';

/** The options of every command, as node:util parseArgs declares them. */
const OPTIONS = {
	format: { type: 'string' },
	'min-severity': { type: 'string' },
	'fail-on': { type: 'string' },
	'stdin-filename': { type: 'string' },
	fix: { type: 'boolean' },
	'fix-dry-run': { type: 'boolean' },
	'unsafe-fixes': { type: 'boolean' },
	'no-error-on-empty': { type: 'boolean' },
	help: { type: 'boolean', short: 'h' },
	version: { type: 'boolean', short: 'v' },
} as const;

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
		} else if ((entry.isFile() || entry.isSymbolicLink()) && (/\.ya?ml$/i.test(entry.name) || entry.name === 'Kustomization') && entry.name !== '.bosun.yaml') {
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

/** A rule's page as installed with the CLI: the package ships docs/ next to dist/, where this bundle runs. */
function installedDocsPage(ruleId: string): string {
	return join(__dirname, '..', ruleDocsPath(ruleId));
}

function runRules(format: string, io: CliIo): number {
	if (format === 'json') {
		io.stdout(
			JSON.stringify(
				RULES.map((r) => ({ id: r.id, title: r.title, category: r.category, severity: r.defaultSeverity, fix: r.fixKind, fixSafety: r.fixSafety ?? null, description: r.description, docs: installedDocsPage(r.id) })),
				null,
				2,
			) + '\n',
		);
	} else if (format === 'text') {
		// The fix column: Q/G/- and the fix's safety (`per-fix`: deprecated-api-version decides per API move).
		const fixOf = (r: (typeof RULES)[number]) => `${r.fixKind} ${r.fixSafety ?? ''}`.trimEnd();
		const header = { id: 'RULE', severity: 'DEFAULT', fix: 'FIX', title: 'WHAT IT FLAGS' };
		const idWidth = Math.max(header.id.length, ...RULES.map((r) => r.id.length));
		const severityWidth = Math.max(header.severity.length, ...RULES.map((r) => r.defaultSeverity.length));
		const fixWidth = Math.max(header.fix.length, ...RULES.map((r) => fixOf(r).length));
		const row = (id: string, severity: string, fix: string, title: string) => `${id.padEnd(idWidth)}  ${severity.padEnd(severityWidth)}  ${fix.padEnd(fixWidth)}  ${title}`;
		const lines = [row(header.id, header.severity, header.fix, header.title), ...RULES.map((r) => row(r.id, r.defaultSeverity, fixOf(r), r.title))];
		lines.push(
			'',
			`${plural(RULES.length, 'rule')}. DEFAULT: the severity unless .bosun.yaml or the bosun.rules setting says otherwise.`,
			'FIX: Q = quick fix in place (--fix applies the safe ones, --unsafe-fixes adds the rest), G = a code action in the editor adds a companion document, - = none.',
			`Each rule's page: ${installedDocsPage('<rule>')}`,
		);
		io.stdout(lines.join('\n') + '\n');
	} else throw new UsageError(`--format for rules must be text or json (got "${format}")`);
	return 0;
}

/** The message for an option parseArgs refused, in Bosun's words (Node's own is about its API). */
function optionError(e: Error & { code?: string }): string {
	const option = /'(-[^' ]+)/.exec(e.message)?.[1] ?? '';
	if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option || e.message}`;
	if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
		return /argument missing/.test(e.message) ? `${option} needs a value` : `${option} takes no value`;
	}
	return e.message;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
	// `bosun render` has options of its own (cliRender.ts)
	if (argv[0] === 'render') return runRender(argv.slice(1), io);
	try {
		let parsed;
		try {
			parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
		} catch (e) {
			throw new UsageError(optionError(e as Error));
		}
		const { values, positionals } = parsed;
		if (values.version) {
			io.stdout(`${VERSION}\n`);
			return 0;
		}
		const [command, ...paths] = positionals;
		if (values.help || command === 'help') {
			io.stdout(USAGE + '\n');
			return 0;
		}
		if (!command) {
			io.stderr(USAGE + '\n');
			return 2;
		}
		if (command === 'rules') return runRules(values.format ?? 'text', io);
		// `bosun build <dir>`: the in-process `kustomize build`
		if (command === 'build') return runBuild(paths, io);
		if (command !== 'lint') throw new UsageError(`unknown command "${command}" (expected lint, rules, build, render or help)`);

		const format = values.format ?? 'text';
		if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got "${format}")`);
		const minSeverity = severityArg(values['min-severity'], '--min-severity', 'info') as Severity;
		const failOn = severityArg(values['fail-on'], '--fail-on', 'error', true);
		if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run exclude each other');
		const fixing = Boolean(values.fix || values['fix-dry-run']);
		const unsafeFixes = Boolean(values['unsafe-fixes']);
		if (unsafeFixes && !fixing) throw new UsageError('--unsafe-fixes goes with --fix or --fix-dry-run');
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
		// A plain lint of enough YAML starts parsing on every core now; a fix run lints in this thread.
		const shared = startSharedLint(inputs, fixing ? 1 : lintThreads(inputs), minSeverity);
		// Files of Helm charts and Kustomize overlays are linted through what they produce.
		let sourced: SourcesOutcome;
		try {
			sourced = lintChartsAndOverlays(inputs, io.cwd, configFor);
		} catch (e) {
			await shared?.abandon();
			throw e;
		}
		const plainInputs = sourced.plain;
		let { results, reported, kubernetesFiles } = await lintPlainInputs(inputs, plainInputs, configFor, shared, minSeverity);
		let configError = false;
		for (const cfg of configs.loaded()) {
			for (const problem of cfg.problems) {
				configError = true;
				const where = problem.range ? `:${new LineIndex(cfg.text).position(problem.range.start).line + 1}` : '';
				io.stderr(`bosun: ${relative(io.cwd, cfg.path) || cfg.path}${where}: ${problem.message}\n`);
			}
		}

		// With --fix on stdin, stdout carries the fixed text, so the report goes to stderr.
		const out = values.fix && stdinFile !== undefined ? io.stderr : io.stdout;
		let fixed: ReturnType<typeof runFixes>['fixed'] | undefined;
		if (fixing) {
			const fixOptions = { filter: (f: Finding) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[minSeverity], unsafe: unsafeFixes };
			const fixes = fixInputs(plainInputs, results, fixOptions);
			const sourceFixes = sourced.sources ? fixChartsAndOverlays(inputs, io.cwd, configFor, fixOptions) : [];
			const run = runFixes([...fixes, ...sourceFixes], { dryRun: Boolean(values['fix-dry-run']), stdinFile, cwd: io.cwd, out, stdout: io.stdout, stderr: io.stderr, format });
			fixed = run.fixed;
			if (run.ioError) ioError = true;
			// Report what is left: the files as written (or as the dry run would leave them).
			({ results, reported, kubernetesFiles } = reportOf(lintInputs(plainInputs.map((input) => ({ ...input, text: run.texts.get(input.file) ?? input.text })), configFor), minSeverity));
			if (sourceFixes.length) sourced = lintChartsAndOverlays(inputs, io.cwd, configFor, new Map(sourceFixes.map((f) => [resolve(io.cwd, f.file), run.texts.get(f.file) ?? f.before])));
		}

		const findings: CliFinding[] = sourced.findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[minSeverity]);
		for (const fileFindings of reported) findings.push(...fileFindings);

		// Chart templates and overlay files count as linted: they were, through what they produce.
		const manifests = kubernetesFiles + inputs.length - plainInputs.length;
		const noManifest = manifests === 0 && stdinFile === undefined && !values['no-error-on-empty'];
		if (noManifest && !ioError) {
			const searched = paths.length ? paths.join(', ') : '.';
			const why = inputs.length ? `${plural(inputs.length, 'file')} read, none with a Kubernetes apiVersion and kind` : 'no *.yaml or *.yml files';
			io.stderr(`bosun: no Kubernetes manifests found in ${searched} (${why}); pass --no-error-on-empty if that is expected\n`);
		}
		if (format === 'json') out(formatJson(findings, fixed ? { fixed } : {}));
		else if (format === 'sarif') out(formatSarif(findings, RULES, VERSION));
		// Nothing was linted: the message above (or the paths' errors) says why; a summary would read as success.
		else if (!noManifest && (inputs.length || !ioError)) out(formatText(findings, { linted: manifests, skipped: inputs.length - manifests }, io.isTTY, { fixing, dryRun: Boolean(values['fix-dry-run']) }));

		if (ioError || configError || noManifest) return 2;
		if (failOn === 'never') return 0;
		return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
	} catch (e) {
		if (e instanceof UsageError) {
			io.stderr(`bosun: ${e.message}\n${USAGE_HINT}\n`);
			return 2;
		}
		io.stderr(`bosun: internal error: ${(e as Error).stack ?? e}\n`);
		return 2;
	}
}

if (require.main === module) {
	void main(process.argv.slice(2), {
		stdout: (s) => process.stdout.write(s),
		stderr: (s) => process.stderr.write(s),
		readStdin: () => {
			const decoded = decodeManifest(readFileSync(0));
			if ('error' in decoded) throw new UnreadableInput(decoded.error);
			return decoded.text;
		},
		cwd: process.cwd(),
		isTTY: Boolean(process.stdout.isTTY),
	}).then((code) => {
		// Let stdout drain before exiting (large JSON through a pipe).
		process.stdout.write('', () => process.exit(code));
	});
}
