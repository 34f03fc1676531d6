// Mocha's spec reporter, plus one line per reason tests were skipped for, after mocha's own summary:
// `[skipped] 46 tests: ../shared is not present`. scripts/test.mjs reads these lines into its closing
// summary. The reason is the one given to skipBecause (skip.ts), found on the test or a suite above it;
// a test skipped without one is grouped under its top-level suite.
const Mocha = require('mocha');

const { EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;

function reasonOf(test) {
	for (let node = test; node; node = node.parent) if (node.bosunSkipReason) return node.bosunSkipReason;
	let top = test;
	while (top.parent && top.parent.parent) top = top.parent;
	return `${top.title}: skipped without a recorded reason (it.skip or this.skip())`;
}

class SkipSummaryReporter extends Mocha.reporters.Spec {
	constructor(runner, options) {
		super(runner, options);
		const counts = new Map();
		runner.on(EVENT_TEST_PENDING, (test) => {
			const reason = reasonOf(test);
			counts.set(reason, (counts.get(reason) ?? 0) + 1);
		});
		runner.once(EVENT_RUN_END, () => {
			for (const [reason, n] of counts) process.stdout.write(`[skipped] ${n} test${n === 1 ? '' : 's'}: ${reason}\n`);
		});
	}
}

module.exports = SkipSummaryReporter;
