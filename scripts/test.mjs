// The whole test suite, in order: build, typecheck, mocha (unit, protocol, CLI, meta, property), the
// acceptance fixtures of the rule catalog, and the end-to-end suite in code-server. Streams every
// step's output and ends with one plain line: `N passed, N failed`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const skipE2e = process.argv.includes('--no-e2e') || process.env.BOSUN_SKIP_E2E === '1';
let passed = 0;
let failed = 0;

function run(label, cmd, args, count) {
	return new Promise((resolve) => {
		console.log(`\n== ${label}: ${cmd} ${args.join(' ')}`);
		const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
		let out = '';
		child.stdout.on('data', (d) => {
			process.stdout.write(d);
			out += d;
		});
		child.on('close', (code) => {
			const counted = count(out, code);
			passed += counted.passed;
			failed += counted.failed;
			resolve(code);
		});
	});
}

const step = (out, code) => (code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
const mochaCounts = (out, code) => {
	const p = Number(/(\d+) passing/.exec(out)?.[1] ?? 0);
	const f = Number(/(\d+) failing/.exec(out)?.[1] ?? 0);
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
await run('unit, protocol, CLI, meta and property tests', 'npm', ['run', '--silent', 'test:unit'], mochaCounts);
if (existsSync('../shared/acceptance/run.mjs')) {
	await run('acceptance fixtures', process.execPath, ['../shared/acceptance/run.mjs', '--quiet'], acceptanceCounts);
} else {
	console.log('\n== acceptance fixtures: SKIPPED (../shared/acceptance is not present on this machine)');
}
if (skipE2e) console.log('\n== end-to-end (code-server): SKIPPED (--no-e2e or BOSUN_SKIP_E2E=1)');
else if (existsSync('test/e2e/codeserver')) await run('end-to-end (code-server)', 'npm', ['run', '--silent', 'test:e2e'], mochaCounts);

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
