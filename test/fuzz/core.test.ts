// The quick, seeded fuzz run of the lint core in the default suite: a few thousand hostile files
// (generators.ts) through every property (properties.ts). `npm run fuzz` runs the long version.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fuzzedFile } from './generators';
import { checkText, newStats } from './properties';

/** Fixed so that a failure reproduces; the long run varies it. */
const SEED = 424242;
const RUNS = Number(process.env.BOSUN_FUZZ_RUNS ?? 3000);

describe('fuzz: lint core', function () {
	this.timeout(300_000);

	it(`holds every property on ${RUNS} seeded cases`, () => {
		const stats = newStats();
		fc.assert(
			fc.property(fuzzedFile(), (text) => checkText(text, stats)),
			{ seed: SEED, numRuns: RUNS },
		);
		assert.equal(stats.cases, RUNS);
		assert.ok(stats.findings > RUNS, 'the cases reach the rules');
		assert.ok(stats.fixesChecked > 0, 'the cases reach the fix engine');
	});
});
