// Companion documents of the G fixes (missing-pdb, missing-network-policy, missing-hpa) and the
// namespace generators: added to the workspace (the fix engine appends them), each clears the finding it
// answers and draws no finding of any rule at default settings, except the hint missing-namespace when
// the workload has none.
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import type { Finding } from '../../../server/src/core/types';
import { lintInputs } from '../../../server/src/engine';
import { DEFAULT_CONFIG } from '../../../server/src/core/config';
import { defaultDenyNetworkPolicy, limitRangeFor } from '../../../server/src/rules/companions';
import { fixedText } from '../../helpers/fixOutput';
import { docs, workload, WorkloadOptions } from '../../helpers/workspaceManifests';

const summary = (findings: Finding[]) => findings.map((f) => `${f.ruleId} (${f.severity}): ${f.message}`);

function lint(files: Record<string, string>) {
	return new Map(lintInputs(Object.entries(files).map(([file, text]) => ({ file, text }))).map((r) => [r.file, r.findings]));
}

/** The companion document a rule's fix appends for the single workload in `code`. */
function companionOf(ruleId: string, code: string): Record<string, unknown> {
	const finding = lint({ 'main.yaml': code }).get('main.yaml')!.find((f) => f.ruleId === ruleId);
	assert.ok(finding, `${ruleId} does not fire on:\n${code}`);
	const op = finding.fix?.ops[0];
	assert.ok(op?.op === 'appendDocument', `${ruleId} offers no companion`);
	return op.value;
}

/**
 * Apply the rule's fix through the fix engine (the companion is appended after the workload's document),
 * then lint the result: the finding is gone and the appended document draws nothing but, for a workload
 * without namespace, the missing-namespace hint.
 */
function assertCompanionClears(ruleId: string, code: string, namespaced: boolean): void {
	companionOf(ruleId, code);
	const fixed = fixedText(ruleId, { code });
	assert.ok(fixed !== null, `${ruleId}: the companion fix does not verify`);
	const findings = lint({ 'main.yaml': fixed }).get('main.yaml')!;
	assert.deepEqual(summary(findings.filter((f) => f.ruleId === ruleId)), [], `${ruleId} still fires on:\n${fixed}`);
	const own = findings.filter((f) => f.range.start >= code.length);
	assert.deepEqual(own.map((f) => `${f.ruleId}@${f.severity}`), namespaced ? [] : ['missing-namespace@hint'], `the companion draws findings:\n${fixed.slice(code.length)}\n${summary(own).join('\n')}`);
}

const serving: WorkloadOptions = {
	replicas: 3,
	labels: { app: 'web', tier: 'front' },
	metadataLabels: { 'app.kubernetes.io/name': 'web' },
	container: { ports: [{ name: 'http', containerPort: 8080 }, { containerPort: 9090, protocol: 'TCP' }], resources: { requests: { cpu: '250m', memory: '256Mi' } } },
};

const cases: { ruleId: string; kinds: string[] }[] = [
	{ ruleId: 'missing-pdb', kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'] },
	{ ruleId: 'missing-network-policy', kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Pod'] },
	{ ruleId: 'missing-hpa', kinds: ['Deployment', 'StatefulSet'] },
];

describe('companion documents', () => {
	for (const { ruleId, kinds } of cases) {
		for (const kind of kinds) {
			for (const namespace of ['shop', undefined]) {
				it(`${ruleId}: ${kind} ${namespace ? 'in a namespace' : 'without namespace'}`, () => {
					assertCompanionClears(ruleId, docs(workload('web', { ...serving, kind, namespace })), namespace !== undefined);
				});
			}
		}
	}

	it('missing-pdb: a selector with matchExpressions is copied and still selects the pods', () => {
		const deployment = workload('web', { ...serving, namespace: 'shop' });
		deployment.spec.selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['back'] }] };
		assertCompanionClears('missing-pdb', docs(deployment), true);
	});

	it('missing-network-policy: a workload without declared ports gets a policy on every port', () => {
		const code = docs(workload('web', { namespace: 'shop' }));
		assert.deepEqual((companionOf('missing-network-policy', code).spec as any).ingress, [{ from: [{ podSelector: {} }] }]);
		assertCompanionClears('missing-network-policy', code, true);
	});

	it('default-deny NetworkPolicy covers every workload of its namespace and draws no finding', () => {
		const code = docs(workload('web', { ...serving, namespace: 'shop' }), workload('db', { ...serving, kind: 'StatefulSet', namespace: 'shop', labels: { app: 'db' } }));
		const before = lint({ 'main.yaml': code }).get('main.yaml')!.filter((f) => f.ruleId === 'missing-network-policy');
		assert.equal(before.length, 2);
		const after = lint({ 'main.yaml': code, 'deny.yaml': stringify(defaultDenyNetworkPolicy('shop')) });
		assert.deepEqual(summary(after.get('main.yaml')!.filter((f) => f.ruleId === 'missing-network-policy')), []);
		assert.deepEqual(summary(after.get('deny.yaml')!), []);
	});

	it('LimitRange generator defaults requests and the memory limit for its namespace and draws no finding', () => {
		const code = docs(workload('web', { namespace: 'shop' }));
		const resourceRules = (findings: Finding[]) => findings.filter((f) => ['missing-resource-requests', 'missing-memory-limit', 'hpa-missing-requests'].includes(f.ruleId));
		assert.deepEqual(resourceRules(lint({ 'main.yaml': code }).get('main.yaml')!).map((f) => f.ruleId).sort(), ['missing-memory-limit', 'missing-resource-requests']);
		const limitRange = stringify(limitRangeFor('shop', DEFAULT_CONFIG.resourceDefaults));
		const after = lint({ 'main.yaml': code, 'limits.yaml': limitRange });
		assert.deepEqual(summary(resourceRules(after.get('main.yaml')!)), []);
		assert.deepEqual(summary(after.get('limits.yaml')!), []);
		const withCpuLimit = limitRangeFor('shop', DEFAULT_CONFIG.resourceDefaults, { cpuLimit: true }) as any;
		assert.deepEqual(withCpuLimit.spec.limits[0].default, { memory: '128Mi', cpu: '100m' });
	});
});
