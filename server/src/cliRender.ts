// `bosun render <chart-dir>`: prints what `helm template release-name <chart-dir>` prints, rendered
// in-process by the Helm engine. Reads the chart folder (and the --values files) from disk; on a render
// error prints Helm's message to stderr and exits 2.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatHelmTemplateOutput, renderChart } from './engines/helm';
import { readChartArchive } from './engines/helm/chart';

export interface RenderIo {
	stdout: (s: string) => void;
	stderr: (s: string) => void;
	cwd: string;
}

export const RENDER_USAGE = `Usage:
  bosun render <chart-dir> [--values FILE]... [--set PATH=VALUE]... [--set-string PATH=VALUE]...
               [--release-name NAME] [--namespace NS] [--kube-version X.Y] [--api-versions G/V[/KIND]]...
               [--include-crds] [--show-only templates/FILE]...`;

/** Every file below the chart folder, by chart-relative POSIX path (symbolic links followed, .git skipped). */
function readChartFolder(root: string): Map<string, Uint8Array> {
	const files = new Map<string, Uint8Array>();
	const walk = (dir: string, prefix: string, depth: number) => {
		if (depth > 64) return;
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			if (entry.name === '.git') continue;
			const full = join(dir, entry.name);
			const isDir = entry.isDirectory() || (entry.isSymbolicLink() && statSync(full).isDirectory());
			if (isDir) walk(full, `${prefix}${entry.name}/`, depth + 1);
			else if (entry.isFile() || entry.isSymbolicLink()) files.set(prefix + entry.name, readFileSync(full));
		}
	};
	walk(root, '', 0);
	return files;
}

/** Runs `bosun render`; returns the exit code. */
export function runRender(argv: string[], io: RenderIo): number {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				values: { type: 'string', short: 'f', multiple: true },
				set: { type: 'string', multiple: true },
				'set-string': { type: 'string', multiple: true },
				'release-name': { type: 'string' },
				namespace: { type: 'string', short: 'n' },
				'kube-version': { type: 'string' },
				'api-versions': { type: 'string', short: 'a', multiple: true },
				'include-crds': { type: 'boolean' },
				'show-only': { type: 'string', short: 's', multiple: true },
			},
		});
	} catch (e) {
		io.stderr(`bosun render: ${(e as Error).message}\n${RENDER_USAGE}\n`);
		return 2;
	}
	if (parsed.positionals.length !== 1) {
		io.stderr(`bosun render: expected one chart folder (or .tgz archive)\n${RENDER_USAGE}\n`);
		return 2;
	}
	const chartDir = resolve(io.cwd, parsed.positionals[0]);
	let files: Map<string, Uint8Array>;
	const valueFiles: { path: string; text: string }[] = [];
	try {
		if (statSync(chartDir).isDirectory()) files = readChartFolder(chartDir);
		else if (/\.(tgz|tar\.gz)$/.test(chartDir)) files = readChartArchive(readFileSync(chartDir));
		else throw new Error(`${parsed.positionals[0]} is neither a chart folder nor a .tgz chart archive`);
		for (const path of parsed.values.values ?? []) valueFiles.push({ path, text: readFileSync(resolve(io.cwd, path), 'utf8') });
	} catch (e) {
		io.stderr(`Error: ${(e as Error).message}\n`);
		return 2;
	}
	const render = renderChart(files, {
		releaseName: parsed.values['release-name'],
		namespace: parsed.values.namespace,
		valueFiles,
		set: parsed.values.set,
		setString: parsed.values['set-string'],
		kubeVersion: parsed.values['kube-version'],
		apiVersions: parsed.values['api-versions']?.flatMap((v) => v.split(',')),
		includeCrds: parsed.values['include-crds'],
		showOnly: parsed.values['show-only'],
	});
	if (render.errors.length > 0) {
		io.stderr(`Error: ${render.errors[0].message}\n`);
		return 2;
	}
	io.stdout(formatHelmTemplateOutput(render));
	return 0;
}
