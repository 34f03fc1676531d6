// The long fuzz run, `npm run fuzz`: the properties of the quick run (core.test.ts, server.test.ts)
// over many more cases, bigger scalars and more mutations per case, with a fresh seed each time
// (printed, so a failure reproduces: `npm run fuzz -- --seed <n>`). Prints the number of cases that
// passed; exits 1 on the first counterexample.
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { fuzzedFile } from './generators';
import { checkText, newStats, summary } from './properties';
import { fuzzServer } from './serverFuzz';

const { values } = parseArgs({
	options: {
		runs: { type: 'string', default: '100000' },
		'server-runs': { type: 'string', default: '400' },
		seed: { type: 'string' },
	},
});
const runs = Number(values.runs);
const serverRuns = Number(values['server-runs']);
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;

async function main(): Promise<number> {
	console.log(`fuzz: seed ${seed}, ${runs} core cases, ${serverRuns} server sessions`);
	const stats = newStats();
	const started = performance.now();
	const progressEvery = Math.max(1, Math.floor(runs / 20));
	try {
		fc.assert(
			fc.property(fuzzedFile({ hugeMax: 400_000, maxMutations: 8 }), (text) => {
				checkText(text, stats);
				if (stats.cases % progressEvery === 0) console.log(`  ${stats.cases} cases, ${((performance.now() - started) / 1000).toFixed(0)} s`);
			}),
			{ seed, numRuns: runs },
		);
	} catch (e) {
		// fast-check keeps what the property threw as the cause.
		const cause = (e as Error).cause;
		console.error(`${(e as Error).message}${cause ? `\nCaused by: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}` : ''}`);
		return 1;
	}
	console.log(summary('fuzz core', stats));
	for (const [message, example] of stats.internalErrors) console.log(`  rule failure isolated (internal-error): ${message}\n    input: ${JSON.stringify(example.slice(0, 400))}`);

	let sessions = 0;
	if (serverRuns > 0) {
		const server = await fuzzServer({ seed, runs: serverRuns });
		if (server.failure) {
			console.error(server.failure);
			return 1;
		}
		console.log(`fuzz server: ${server.cases} sessions passed (${server.edits} edits, ${server.requests} requests answered, ${server.actions} code actions applied)`);
		sessions = server.cases;
	}
	console.log(`fuzz: ${stats.cases + sessions} cases passed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
	return 0;
}

main().then((code) => process.exit(code));
