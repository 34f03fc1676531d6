// Fix-all: every safe fix of a file against the same text (unsafe ones too when asked), merged per
// object, repeated on the re-linted text until nothing changes; companion documents are never applied
// in bulk. fixFiles does the same over several files of one workspace.
import assert from 'node:assert/strict';
import { analyzeFile } from '../../../server/src/core/linter';
import { applyEdits, combineFixEdits, editsOverlap, fixAll, fixFiles, fixPass, isFixableInPlace, LintResult } from '../../../server/src/core/fix';
import type { Finding, FixPlan } from '../../../server/src/core/types';
import { lintInputs } from '../../../server/src/engine';

function lint(text: string): LintResult {
	const [result] = lintInputs([{ file: 'main.yaml', text }]);
	return { analysis: result.analysis, findings: result.findings };
}

/** A finding with a hand-written plan for the file's first object (the engine does not care which rule made it). */
function finding(text: string, ruleId: string, fix: FixPlan, object = 0): Finding {
	const analysis = analyzeFile('main.yaml', text);
	return { ruleId, severity: 'warning', message: ruleId, range: { start: 0, end: 1 }, objectKey: analysis.objects[object].key, fix: { safety: 'safe', ...fix } };
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web # main
          image: ghcr.io/acme/web:1.4.2
          ports:
            - name: http
              containerPort: 8080
        - name: sidecar
          image: ghcr.io/acme/proxy:2.0.0
          ports:
            - containerPort: 9000
`;

describe('fix engine: fix-all', () => {
	it('applies no unsafe fix unless asked', () => {
		const before = lint(deployment);
		assert.ok(before.findings.some((f) => f.fix?.safety === 'unsafe'));
		const safeOnly = fixAll(before, lint);
		assert.ok(safeOnly.applied.length > 0 && safeOnly.applied.every((a) => a.safety === 'safe'), JSON.stringify(safeOnly.applied.map((a) => a.ruleId)));
		assert.ok(!safeOnly.text.includes('Probe:'), 'no probe written');
		assert.deepEqual(fixPass(before.analysis, before.findings, { filter: (f) => f.ruleId.endsWith('-probe') }).applied, []);
	});

	it('applies both probe fixes of two containers in one pass, and a second run changes nothing', () => {
		const before = lint(deployment);
		const probeFindings = before.findings.filter((f) => f.ruleId.startsWith('missing-') && f.ruleId.endsWith('-probe'));
		assert.equal(probeFindings.length, 4);
		const result = fixAll(before, lint, { filter: (f) => f.ruleId.endsWith('-probe'), unsafe: true });
		assert.equal(result.passes, 1);
		assert.deepEqual(
			result.applied.map((a) => `${a.ruleId}@${a.line}`),
			['missing-liveness-probe@13', 'missing-readiness-probe@13', 'missing-liveness-probe@18', 'missing-readiness-probe@18'],
		);
		assert.equal(
			result.text,
			deployment
				.replace(
					'              containerPort: 8080\n',
					'              containerPort: 8080\n          livenessProbe:\n            tcpSocket:\n              port: http\n            failureThreshold: 6\n          readinessProbe:\n            httpGet:\n              path: /\n              port: http\n',
				)
				.replace('            - containerPort: 9000\n', '            - containerPort: 9000\n          livenessProbe:\n            tcpSocket:\n              port: 9000\n            failureThreshold: 6\n          readinessProbe:\n            tcpSocket:\n              port: 9000\n'),
		);
		const after = lint(result.text);
		// Both fixes of one container in one pass still make two different probes.
		assert.deepEqual(after.findings.filter((f) => f.ruleId.endsWith('-probe')).map((f) => f.ruleId), []);
		const again = fixAll(after, lint, { filter: (f) => f.ruleId.endsWith('-probe'), unsafe: true });
		assert.equal(again.text, result.text);
		assert.equal(again.passes, 0);
	});

	it('merges two fixes that create the same missing map into one inserted block', () => {
		const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: p\n    image: p:1\n';
		const c = ['spec', 'containers', 0, 'securityContext'];
		const findings = [
			finding(text, 'run-as-root', { title: 'runAsNonRoot', ops: [{ op: 'set', path: [...c, 'runAsNonRoot'], value: true }] }),
			finding(text, 'privilege-escalation', { title: 'allowPrivilegeEscalation', ops: [{ op: 'set', path: [...c, 'allowPrivilegeEscalation'], value: false }] }),
		];
		const { edits, applied } = fixPass(analyzeFile('main.yaml', text), findings);
		assert.equal(applied.length, 2);
		assert.equal(applyEdits(text, edits), `${text}    securityContext:\n      runAsNonRoot: true\n      allowPrivilegeEscalation: false\n`);
	});

	it('leaves a conflicting fix out of the pass instead of writing both', () => {
		const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 1\n';
		const findings = [
			finding(text, 'single-replica', { title: 'two', ops: [{ op: 'set', path: ['spec', 'replicas'], value: 2 }] }),
			finding(text, 'other', { title: 'three', ops: [{ op: 'set', path: ['spec', 'replicas'], value: 3 }] }),
		];
		const { edits, applied } = fixPass(analyzeFile('main.yaml', text), findings);
		assert.deepEqual(applied.map((f) => f.ruleId), ['single-replica']);
		assert.equal(applyEdits(text, edits), text.replace('replicas: 1', 'replicas: 2'));
	});

	it('never applies companion documents', () => {
		const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 3\n';
		const companion = finding(text, 'missing-pdb', { title: 'Add PodDisruptionBudget', ops: [{ op: 'appendDocument', value: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' } }] });
		const analysis = analyzeFile('main.yaml', text);
		assert.deepEqual(fixPass(analysis, [companion]).edits, []);
		assert.equal(isFixableInPlace(analysis, companion), false);
	});

	it('fixes two List items of one document together', () => {
		const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: b\n';
		const ns = (object: number) => finding(text, 'missing-namespace', { title: 'namespace', ops: [{ op: 'set', path: ['metadata', 'namespace'], value: 'prod' }] }, object);
		const { edits, applied } = fixPass(analyzeFile('main.yaml', text), [ns(0), ns(1)]);
		assert.equal(applied.length, 2);
		assert.equal(applyEdits(text, edits), text.replace('    name: a\n', '    name: a\n    namespace: prod\n').replace('    name: b\n', '    name: b\n    namespace: prod\n'));
	});

	it('fixFiles reaches a fixed point across files: a fix in one file that enables one in another is applied in the same run', () => {
		// missing-pdb's companion is never bulk-applied, so build the cross-file case from hand-written plans:
		// the second file's fix exists only once the first file has label tier: web.
		const first = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n';
		const second = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: b\n';
		const lintBoth = (texts: string[], i: number): LintResult => {
			const analysis = analyzeFile(`f${i}.yaml`, texts[i]);
			const object = analysis.objects[0];
			const findings: Finding[] = [];
			const labelled = (t: string) => t.includes('tier: web');
			if (i === 0 && !labelled(texts[0])) findings.push({ ruleId: 'r', severity: 'warning', message: 'r', range: { start: 0, end: 1 }, objectKey: object.key, fix: { title: 'tier', safety: 'safe', ops: [{ op: 'set', path: ['metadata', 'labels', 'tier'], value: 'web' }] } });
			if (i === 1 && labelled(texts[0]) && !labelled(texts[1])) findings.push({ ruleId: 'r', severity: 'warning', message: 'r', range: { start: 0, end: 1 }, objectKey: object.key, fix: { title: 'follow', safety: 'safe', ops: [{ op: 'set', path: ['metadata', 'labels', 'tier'], value: 'web' }] } });
			return { analysis, findings };
		};
		const texts = [first, second];
		const initial = [lintBoth(texts, 0), lintBoth(texts, 1)];
		// Lint the second file before the first is fixed, as a CLI run does: it has nothing to fix yet.
		assert.equal(initial[1].findings.length, 0);
		const results = fixFiles(initial, (i, text) => {
			texts[i] = text;
			return lintBoth(texts, i);
		});
		assert.deepEqual(results.map((r) => r.applied.map((a) => a.title)), [['tier'], ['follow']]);
		assert.ok(results.every((r) => r.text.includes('tier: web')));
		const again = fixFiles([lintBoth(texts, 0), lintBoth(texts, 1)], (i, text) => lintBoth(texts, i));
		assert.deepEqual(again.map((r) => r.passes), [0, 0], 'a second run changes nothing');
	});

	it('combines edit sets: drops a fix that overlaps, keeps inserts at one offset in order', () => {
		const combined = combineFixEdits([
			{ item: 'a', edits: [{ start: 5, end: 5, newText: 'A' }] },
			{ item: 'b', edits: [{ start: 5, end: 5, newText: 'B' }] },
			{ item: 'c', edits: [{ start: 2, end: 8, newText: 'C' }] },
			{ item: 'd', edits: [{ start: 0, end: 2, newText: 'D' }] },
		]);
		assert.deepEqual(combined.accepted, ['a', 'b', 'd']);
		assert.deepEqual(combined.skipped, ['c']);
		assert.equal(applyEdits('0123456789', combined.edits), 'D234AB56789');
		assert.equal(editsOverlap([{ start: 2, end: 4, newText: '' }, { start: 4, end: 4, newText: 'x' }]), false);
		assert.equal(editsOverlap([{ start: 2, end: 4, newText: '' }, { start: 3, end: 3, newText: 'x' }]), true);
	});
});
