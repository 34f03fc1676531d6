import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../server/src/core/config';
import { lintText } from '../../../server/src/core/linter';
import { PEER_CHECKS, suppressedByAnnotations } from '../../../server/src/core/suppress';
import { RULES, RULE_IDS } from '../../../server/src/rules';

const pod = (annotations = '', before = '') => `${before}apiVersion: v1
kind: Pod
metadata:
  name: p
${annotations}spec:
  containers:
    - name: web
      image: web:1
`;
const ids = (text: string) => [...new Set(lintText(text, { rules: RULES, config: DEFAULT_CONFIG }).map((f) => f.ruleId))];

describe('core: suppression', () => {
	it('the probe rules fire on the bare pod (baseline)', () => {
		assert.ok(ids(pod()).includes('missing-liveness-probe'));
	});

	it('ignore-check.bosun.dev/<id> silences that rule only', () => {
		const got = ids(pod('  annotations:\n    ignore-check.bosun.dev/missing-liveness-probe: "batch tool"\n'));
		assert.ok(!got.includes('missing-liveness-probe'));
		assert.ok(got.includes('missing-readiness-probe'));
	});

	it('bosun.dev/ignore-all silences everything on the object', () => {
		assert.deepEqual(ids(pod('  annotations:\n    bosun.dev/ignore-all: "vendored"\n')), []);
	});

	it('peer annotations map to Bosun rules', () => {
		assert.ok(!ids(pod('  annotations:\n    ignore-check.kube-linter.io/no-liveness-probe: "x"\n')).includes('missing-liveness-probe'));
		assert.ok(!ids(pod('  annotations:\n    polaris.fairwinds.com/readinessProbeMissing-exempt: "true"\n')).includes('missing-readiness-probe'));
		assert.deepEqual(suppressedByAnnotations({ 'kube-score/ignore': 'pod-probes, container-image-tag' }), new Set(['missing-liveness-probe', 'missing-readiness-probe', 'latest-image-tag']));
		assert.deepEqual(suppressedByAnnotations({ 'checkov.io/skip1': 'CKV_K8S_8=probes come later' }), new Set(['missing-liveness-probe']));
	});

	it('the peer table only names catalog rules', () => {
		const unknown = Object.values(PEER_CHECKS).flat().filter((id) => !RULE_IDS.has(id));
		assert.deepEqual([...new Set(unknown)], []);
	});

	it('# bosun-disable-next-line silences the next line only', () => {
		const text = pod().replace('    - name: web', '    # bosun-disable-next-line missing-liveness-probe\n    - name: web');
		const got = ids(text);
		assert.ok(!got.includes('missing-liveness-probe'));
		assert.ok(got.includes('missing-readiness-probe'));
	});

	it('# bosun-disable at the top of a document covers that document only', () => {
		const text = pod('', '# bosun-disable missing-liveness-probe, missing-readiness-probe\n') + '---\n' + pod();
		const findings = lintText(text, { rules: RULES, config: DEFAULT_CONFIG }).filter((f) => f.ruleId === 'missing-liveness-probe');
		assert.equal(findings.length, 1);
		assert.ok(findings[0].range.start > text.indexOf('---'));
	});

	it('configured off turns a rule off; a configured severity wins', () => {
		const off = lintText(pod(), { rules: RULES, config: { ...DEFAULT_CONFIG, rules: { 'missing-liveness-probe': 'off' } } });
		assert.ok(!off.some((f) => f.ruleId === 'missing-liveness-probe'));
		const err = lintText(pod(), { rules: RULES, config: { ...DEFAULT_CONFIG, rules: { 'missing-liveness-probe': 'error' } } });
		assert.equal(err.find((f) => f.ruleId === 'missing-liveness-probe')!.severity, 'error');
	});
});
