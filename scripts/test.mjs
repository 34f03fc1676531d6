// The whole test suite, in order: build, typecheck, mocha (unit, protocol, CLI, meta, property,
// robustness), the acceptance fixtures of the rule catalog, and the end-to-end suite in code-server,
// which it prepares first (scripts/setup-e2e.sh installs what is missing and says what). Streams every
// step's output and ends with one line per group of skipped tests saying why, then one plain line:
// `N passed, N failed, N skipped`. Mocha's pending tests count as skipped, a step that cannot run here as
// one skipped group.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const skipE2e = process.argv.includes('--no-e2e') || process.env.BOSUN_SKIP_E2E === '1';
/** Mocha's spec reporter plus one `[skipped] N tests: reason` line per reason (test/helpers). */
const MOCHA_REPORTER = ['--reporter', './test/helpers/skipSummaryReporter.cjs'];
let passed = 0;
let failed = 0;
/** [count, what and why] of everything that did not run. */
const skipped = [];

function run(label, cmd, args, count) {
	return new Promise((resolve) => {
		console.log(`\n== ${label}: ${cmd} ${args.join(' ')}`);
		const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
		let out = '';
		child.stdout.on('data', (d) => {
			process.stdout.write(d);
			out += d;
		});
		child.on('error', (e) => {
			console.log(`${label}: cannot start ${cmd}: ${e.message}`);
			failed += 1;
			resolve(1);
		});
		child.on('close', (code) => {
			const counted = count(out, code);
			passed += counted.passed;
			failed += counted.failed;
			resolve(code);
		});
	});
}

function skipGroup(count, why) {
	console.log(`\n== SKIPPED ${why}`);
	skipped.push([count, why]);
}

const step = (out, code) => (code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
const mochaCounts = (label) => (out, code) => {
	const p = Number(/(\d+) passing/.exec(out)?.[1] ?? 0);
	const f = Number(/(\d+) failing/.exec(out)?.[1] ?? 0);
	const pending = Number(/(\d+) pending/.exec(out)?.[1] ?? 0);
	let explained = 0;
	for (const m of out.matchAll(/^\[skipped\] (\d+) tests?: (.*)$/gm)) {
		explained += Number(m[1]);
		skipped.push([Number(m[1]), `${label}: ${m[2]}`]);
	}
	if (pending > explained) skipped.push([pending - explained, `${label}: pending tests`]);
	// A crash before mocha reports anything still counts as a failure.
	return { passed: p, failed: f || (code !== 0 ? 1 : 0) };
};
const acceptanceCounts = (out, code) => {
	const m = /acceptance: (\d+) passed, (\d+) failed/.exec(out);
	return m ? { passed: Number(m[1]), failed: Number(m[2]) } : { passed: 0, failed: code === 0 ? 0 : 1 };
};

await run('build', process.execPath, ['esbuild.mjs'], step);
await run('typecheck', 'npx', ['tsc', '-b'], step);
await run('typecheck (end-to-end suites)', 'npx', ['tsc', '-p', 'test/e2e'], step);
await run('unit, protocol, CLI, meta, property and robustness tests', 'npm', ['run', '--silent', 'test:unit', '--', ...MOCHA_REPORTER], mochaCounts('mocha'));
if (existsSync('../shared/acceptance/run.mjs')) {
	await run('acceptance fixtures', process.execPath, ['../shared/acceptance/run.mjs', '--quiet'], acceptanceCounts);
} else {
	// Their number lives with them, so the whole suite counts as one group.
	skipGroup(1, 'acceptance fixtures (1 group): ../shared/acceptance is not present beside this checkout');
}
if (skipE2e) {
	skipGroup(1, 'end-to-end suites (1 group): --no-e2e or BOSUN_SKIP_E2E=1');
} else {
	console.log('\n== end-to-end suites: checking what the code-server suite needs (Debian\'s Chromium, ripgrep and Kerberos headers through apt-get; code-server into ~/.cache/bosun-e2e); anything missing is installed now, once');
	const setup = await run('end-to-end set-up', 'bash', ['scripts/setup-e2e.sh'], step);
	if (setup === 0) await run('end-to-end (code-server; desktop VS Code when one is installed)', 'npm', ['run', '--silent', 'test:e2e', '--', ...MOCHA_REPORTER], mochaCounts('end-to-end'));
	else skipGroup(1, 'end-to-end suites (1 group): scripts/setup-e2e.sh failed (see above), so they could not run');
}

const skippedTotal = skipped.reduce((sum, [n]) => sum + n, 0);
console.log('');
for (const [n, why] of skipped) console.log(`skipped ${n}: ${why}`);
console.log(`${passed} passed, ${failed} failed, ${skippedTotal} skipped`);
process.exit(failed ? 1 : 0);
