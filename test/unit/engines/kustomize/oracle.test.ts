// Differential tests against the real kustomize (kubectl 1.31 = kustomize v5.4.2): the feature fixtures
// under test/fixtures/kustomize must print byte for byte what `kubectl kustomize` prints (or fail with
// its message), and the corpus overlays in ../shared/corpus/overlays must build to the same objects in
// the same order. The default run checks every eighth corpus kustomization; BOSUN_KUSTOMIZE_CORPUS=all checks all.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { buildKustomization, formatKustomizeBuildOutput } from '../../../../server/src/engines/kustomize';
import { kubectlBinary } from '../../../helpers/oracle';
import { kustomizationDirs, nodeFs } from './nodeFs';
import { skipBecause } from '../../../helpers/skip';

const run = promisify(execFile);
const root = resolve(__dirname, '../../../..');
const fixtures = join(root, 'test/fixtures/kustomize');
const corpus = resolve(root, '../shared/corpus/overlays');

/** What kubectl kustomize prints, or its error message (without kubectl's `error: ` prefix). */
async function oracle(kubectl: string, dir: string): Promise<{ out: string } | { error: string }> {
	try {
		const { stdout } = await run(kubectl, ['kustomize', dir], { maxBuffer: 1 << 30 });
		return { out: stdout };
	} catch (e) {
		return { error: String((e as { stderr?: string }).stderr ?? e).replace(/^# Warning: .*\n/gm, '').trim().replace(/^error: /, '') };
	}
}

/** Runs `task` over `items` with a few at a time (each one spawns kubectl). */
async function pool<T, R>(items: T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	await Promise.all(Array.from({ length: width }, async () => {
		while (next < items.length) {
			const i = next++;
			results[i] = await task(items[i]);
		}
	}));
	return results;
}

describe('kustomize engine against kubectl kustomize', function () {
	this.timeout(120_000);
	let kubectl: string;
	before(function () {
		const binary = kubectlBinary();
		if (!binary.path) {
			skipBecause(this, `the kubectl oracle is unavailable (${binary.reason})`);
		}
		kubectl = binary.path!;
	});

	it('prints what kubectl kustomize prints for every feature fixture', async () => {
		const dirs = kustomizationDirs(fixtures);
		assert.ok(dirs.length >= 20, `only ${dirs.length} fixtures`);
		const expected = await pool(dirs, 3, (d) => oracle(kubectl, d));
		dirs.forEach((dir, i) => {
			const build = buildKustomization(nodeFs, dir);
			const want = expected[i];
			const name = relative(fixtures, dir);
			if ('error' in want) {
				assert.equal(build.errors.length, 1, `${name}: kustomize fails (${want.error}) but the build did not`);
				assert.ok(want.error.includes(build.errors[0].message), `${name}: ${build.errors[0].message}\nkustomize: ${want.error}`);
			} else {
				assert.deepEqual(build.errors, [], name);
				assert.equal(formatKustomizeBuildOutput(build), want.out, name);
			}
		});
	});

	it('builds the corpus overlays to the same objects, in the same order', async function () {
		if (!existsSync(corpus)) {
			skipBecause(this, 'the Kustomize corpus (../shared/corpus/overlays) is not present');
		}
		const all = kustomizationDirs(corpus);
		const dirs = process.env.BOSUN_KUSTOMIZE_CORPUS === 'all' ? all : all.filter((_, i) => i % 8 === 0);
		const expected = await pool(dirs, 3, (d) => oracle(kubectl, d));
		let agree = 0;
		let kustomizeFails = 0;
		const disagreements: string[] = [];
		dirs.forEach((dir, i) => {
			const want = expected[i];
			// Overlays kustomize itself cannot build (remote bases, components built alone) are counted, not compared.
			if ('error' in want) return void kustomizeFails++;
			const build = buildKustomization(nodeFs, dir);
			const name = relative(corpus, dir);
			if (build.errors.length) return void disagreements.push(`${name}: ${build.errors[0].message}`);
			const mine = parseAllDocuments(formatKustomizeBuildOutput(build)).map((d) => d.toJS());
			const theirs = parseAllDocuments(want.out).map((d) => d.toJS());
			const firstDifferent = theirs.findIndex((o, j) => !isDeepStrictEqual(o, mine[j]));
			if (mine.length === theirs.length && firstDifferent < 0) agree++;
			else disagreements.push(`${name}: object ${firstDifferent} of ${theirs.length} differs`);
		});
		console.log(`    corpus: ${agree} of ${dirs.length - kustomizeFails} kustomizations agree with kubectl kustomize (${kustomizeFails} that kustomize cannot build skipped; ${dirs.length} of ${all.length} checked)`);
		assert.deepEqual(disagreements, []);
		assert.ok(agree > 0);
	});
});
