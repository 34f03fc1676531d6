// The quick, seeded fuzz run of the built language server in the default suite: editing sessions
// on hostile files (serverFuzz.ts). `npm run fuzz` runs many more.
import assert from 'node:assert/strict';
import { fuzzServer } from './serverFuzz';

const SEED = 424242;
const RUNS = Number(process.env.BOSUN_FUZZ_SERVER_RUNS ?? 25);

describe('fuzz: language server', function () {
	this.timeout(300_000);

	it(`survives ${RUNS} seeded editing sessions and publishes what the core finds`, async () => {
		const result = await fuzzServer({ seed: SEED, runs: RUNS });
		assert.equal(result.failure, undefined, result.failure);
		assert.equal(result.cases, RUNS);
		assert.ok(result.edits >= RUNS && result.requests > 0 && result.actions > 0, JSON.stringify(result));
	});
});
