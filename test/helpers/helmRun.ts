// Runs the real `helm template` on a chart held in memory (written to a temporary folder), for
// differential tests; undefined when the helm oracle cannot run here.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { helmBinary } from './oracle';

export interface HelmRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

export function helmTemplateOf(files: ReadonlyMap<string, string | Uint8Array>, args: string[] = []): HelmRun | undefined {
	const helm = helmBinary();
	if (!helm.path) return undefined;
	const dir = mkdtempSync(join(tmpdir(), 'bosun-helm-'));
	try {
		for (const [name, data] of files) {
			mkdirSync(dirname(join(dir, name)), { recursive: true });
			writeFileSync(join(dir, name), data);
		}
		const r = spawnSync(helm.path, ['template', dir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
		return { code: r.status, stdout: r.stdout, stderr: r.stderr };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
