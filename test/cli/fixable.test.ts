// `fixable` in `bosun lint`'s report is decided from the renderer's plan, without writing or verifying
// the fix (core/fix/planEdits.ts isFixableInPlace). Finding by finding, over the repository's examples,
// the shared corpus and the acceptance fixtures (each read as one workspace, as the CLI lints a folder),
// it must be exactly the verified answer (the fix renders and its edits re-parse to what the plan says)
// and exactly what `--fix --unsafe-fixes` applies: every fixable finding is fixed by the run, and no fix
// of a finding reported as not fixable is applied to the findings as reported.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliFindingsOf } from '../../server/src/cliFindings';
import { fixInputs } from '../../server/src/cliFix';
import { findingFixEdits, fixPass, isCompanionPlan } from '../../server/src/core/fix';
import type { Finding } from '../../server/src/core/types';
import { lintInputs } from '../../server/src/engine';
import { lintInputsUnder } from '../helpers/lintInputs';
import { skipBecause } from '../helpers/skip';

const ROOT = join(__dirname, '..', '..');
const SHARED = join(ROOT, '..', 'shared');

/** What identifies a finding across fix passes (its range moves as the text changes). */
const identity = (f: { ruleId: string; objectKey?: string; message: string }) => `${f.ruleId}|${f.objectKey ?? ''}|${f.message}`;

function count(keys: readonly string[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
	return counts;
}

interface Tally {
	findings: number;
	fixable: number;
	/** Findings with an in-place fix plan the renderer refuses (an alias in the way, say): not fixable. */
	refused: number;
	/** The files that have such a finding. */
	refusedIn: Set<string>;
	applied: number;
}

/** Check one workspace; returns what it saw, so a run that checked nothing shows. */
function checkWorkspace(dir: string): Tally {
	const inputs = lintInputsUnder([dir], dir);
	const results = lintInputs(inputs);
	const tally: Tally = { findings: 0, fixable: 0, refused: 0, refusedIn: new Set(), applied: 0 };
	const fixableKeys: string[][] = [];
	const notFixableKeys: string[][] = [];
	results.forEach((result) => {
		// every severity: the CLI reports from --min-severity hint down to error
		const reported = cliFindingsOf(result.file, result.analysis, result.findings, 'hint');
		assert.equal(reported.length, result.findings.length);
		const fixable: string[] = [];
		const notFixable: string[] = [];
		result.findings.forEach((finding: Finding, i) => {
			const verified = finding.fix !== undefined && !isCompanionPlan(finding.fix) && findingFixEdits(result.analysis, finding) !== null;
			assert.equal(reported[i].fixable, verified, `${result.file}: ${finding.ruleId} "${finding.message}": fixable ${reported[i].fixable}, but the fix ${verified ? 'renders and verifies' : 'does not render and verify'}`);
			assert.equal(reported[i].fix, verified ? (finding.fix!.safety ?? 'unsafe') : null);
			(verified ? fixable : notFixable).push(identity(finding));
			if (!verified && finding.fix && !isCompanionPlan(finding.fix)) {
				tally.refused++;
				tally.refusedIn.add(result.file);
			}
		});
		tally.findings += result.findings.length;
		tally.fixable += fixable.length;
		fixableKeys.push(fixable);
		notFixableKeys.push(notFixable);
	});

	const fixes = fixInputs(inputs, results, { filter: () => true, unsafe: true });
	const after = lintInputs(inputs.map((input, i) => ({ ...input, text: fixes[i].after })));
	fixes.forEach((fix, i) => {
		tally.applied += fix.applied.length;
		const applied = count(fix.applied.map(identity));
		const left = count(after[i].findings.map(identity));
		const fixable = count(fixableKeys[i]);
		for (const [key, n] of fixable) {
			// fixed by its own fix, or by another one of the same run (two findings, one change)
			const fixedAlong = (count(results[i].findings.map(identity)).get(key) ?? 0) - (left.get(key) ?? 0);
			assert.ok((applied.get(key) ?? 0) >= n || fixedAlong >= n, `${fix.file}: ${key} was reported fixable ${n}×, --fix applied it ${applied.get(key) ?? 0}× and ${left.get(key) ?? 0} are left`);
		}
		// The fixes --fix makes of the findings as reported: one pass over the file as it was linted.
		const firstPass = fixPass(results[i].analysis, results[i].findings, { unsafe: true }).applied;
		const notFixable = count(notFixableKeys[i]);
		for (const [key, n] of count(firstPass.map(identity))) {
			assert.ok(n <= (fixable.get(key) ?? 0), `${fix.file}: --fix applied ${key} ${n}× to the findings as reported, but ${fixable.get(key) ?? 0} were reported fixable (${notFixable.get(key) ?? 0} not)`);
		}
	});
	return tally;
}

/** A replicated, labelled Deployment in a namespace around the given pod spec lines (at six spaces). */
function deployment(name: string, podSpec: string): string {
	return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop, labels: {app.kubernetes.io/name: ${name}}}
spec:
  replicas: 2
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}, app.kubernetes.io/name: ${name}}}
    spec:
${podSpec}`;
}

/** Workloads whose fixes the renderer refuses: a container an alias repeats, a value under a merge key, a comment in a replaced value. */
const REFUSED = {
	'alias.yaml': deployment(
		'a',
		`      containers:
        - &container
          name: a
          image: ghcr.io/acme/a:1.0
      initContainers:
        - *container
`,
	),
	'merge.yaml': deployment(
		'b',
		`      containers:
        - <<: {name: b, image: "ghcr.io/acme/b:1.0", securityContext: {privileged: true}}
`,
	),
	'comment.yaml': deployment(
		'c',
		`      containers:
        - name: c
          image: ghcr.io/acme/c:1.0
          securityContext:
            capabilities:
              drop:
                # keep NET_RAW: the health check pings
                - NET_ADMIN
`,
	),
};

describe('cli: fixable is what --fix applies', function () {
	this.timeout(600000);

	it('fixes the renderer refuses are not fixable, and --fix leaves them', () => {
		const dir = mkdtempSync(join(tmpdir(), 'bosun-fixable-'));
		try {
			for (const [name, text] of Object.entries(REFUSED)) writeFileSync(join(dir, name), text);
			const tally = checkAndTell(dir);
			assert.deepEqual([...tally.refusedIn].sort(), Object.keys(REFUSED).sort(), 'each file has a fix the renderer refuses');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	const folders: [string, string][] = [
		['the repository examples', join(ROOT, 'examples')],
		['../shared/corpus/real', join(SHARED, 'corpus', 'real')],
		['../shared/acceptance', join(SHARED, 'acceptance')],
	];
	for (const [name, dir] of folders) {
		it(`over ${name}`, function () {
			if (!existsSync(dir)) skipBecause(this, `${dir} is not present`);
			const tally = checkAndTell(dir);
			assert.ok(tally.fixable > 0 && tally.applied > 0, 'there are fixable findings, and fixes applied');
		});
	}
});

function checkAndTell(dir: string): Tally {
	const tally = checkWorkspace(dir);
	console.log(`      ${tally.findings} findings, ${tally.fixable} fixable, ${tally.refused} with a fix the renderer refuses, ${tally.applied} fixes applied`);
	return tally;
}
