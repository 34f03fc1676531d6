// Folders read as `bosun lint` reads them (cli.ts): the *.yaml and *.yml files below them in name order,
// decoded as the CLI decodes them (files it refuses are left out), as inputs of engine.ts lintInputs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { decodeManifest } from '../../server/src/cli';
import { isChartTemplatePath } from '../../server/src/core/helm';
import type { LintInput } from '../../server/src/engine';

export function yamlFilesUnder(dir: string, out: string[] = []): string[] {
	for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) yamlFilesUnder(path, out);
		else if (/\.ya?ml$/i.test(entry.name) && entry.name !== '.bosun.yaml') out.push(path);
	}
	return out;
}

/** The files below `dirs`, named relative to `base`. */
export function lintInputsUnder(dirs: readonly string[], base: string): LintInput[] {
	const inputs: LintInput[] = [];
	for (const path of dirs.flatMap((dir) => yamlFilesUnder(dir))) {
		const decoded = decodeManifest(readFileSync(path));
		if ('text' in decoded) inputs.push({ file: relative(base, path), text: decoded.text, inChartTemplates: isChartTemplatePath(path, existsSync) });
	}
	return inputs;
}
