// The real file system as a KustomizeFileSystem, for differential tests on fixture and corpus trees.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { KustomizeFileSystem } from '../../../../server/src/engines/kustomize';

export const nodeFs: KustomizeFileSystem = {
	readFile: (p) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } },
	isDirectory: (p) => { try { return statSync(p).isDirectory(); } catch { return false; } },
	listDirectory: (p) => { try { return readdirSync(p); } catch { return []; } },
};

/** Every folder below `root` holding a kustomization file, sorted. */
export function kustomizationDirs(root: string): string[] {
	const out: string[] = [];
	const walk = (dir: string) => {
		const entries = readdirSync(dir, { withFileTypes: true });
		if (entries.some((e) => !e.isDirectory() && ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].includes(e.name))) out.push(dir);
		for (const e of entries) if (e.isDirectory() && e.name !== '.git') walk(`${dir}/${e.name}`);
	};
	walk(root);
	return out.sort();
}
