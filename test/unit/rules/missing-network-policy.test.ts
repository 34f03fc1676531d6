import assert from 'node:assert/strict';
import { findingsFor, ruleTester } from '../../helpers/ruleTester';
import { docs, lineOf, networkPolicy, workload } from '../../helpers/workspaceManifests';

const web = workload('web', { namespace: 'shop' });
const podAndDaemonSet = docs(workload('p', { kind: 'Pod' }), workload('d', { kind: 'DaemonSet' }));

ruleTester('missing-network-policy', {
	valid: [
		{ name: 'podSelector {} selects every pod of the namespace', code: docs(web, networkPolicy('deny', {}, { namespace: 'shop' })) },
		{ name: 'matchLabels subset of the template labels', code: docs(workload('web', { namespace: 'shop', labels: { app: 'web', tier: 'front' } }), networkPolicy('np', { matchLabels: { tier: 'front' } }, { namespace: 'shop' })) },
		{ name: 'matchExpressions NotIn', code: docs(web, networkPolicy('np', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] }, { namespace: 'shop' })) },
		{ name: 'policy in another file of the workspace', code: docs(web), others: { 'policy.yaml': docs(networkPolicy('np', { matchLabels: { app: 'web' } }, { namespace: 'shop' })) } },
		{ name: 'Jobs, CronJobs and run-to-completion Pods', code: docs(workload('j', { kind: 'Job' }), workload('c', { kind: 'CronJob' }), workload('p', { kind: 'Pod', podSpec: { restartPolicy: 'Never' } })) },
		{ name: 'hostNetwork pods are outside the pod network', code: docs(workload('speaker', { kind: 'DaemonSet', podSpec: { hostNetwork: true } })) },
		{ name: 'Kustomize patch file is partial', code: docs(web), others: { 'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n  - path: main.yaml\n' } },
	],
	invalid: [
		{ name: 'no policy at all', code: docs(web), errors: [{ line: 2, column: 1, message: 'No NetworkPolicy selects the pods of Deployment "web"', severity: 'warning', fixable: true }] },
		{ name: 'select-all policy of another namespace', code: docs(web, networkPolicy('deny', {}, { namespace: 'other' })), errors: [{ line: 2 }] },
		{ name: 'unset namespace is not default', code: docs(workload('web', { namespace: 'default' }), networkPolicy('deny', {})), errors: [{ line: 2 }] },
		{ name: 'policy matching the object labels, not the pod labels', code: docs(workload('web', { namespace: 'shop', metadataLabels: { team: 'a' } }), networkPolicy('np', { matchLabels: { team: 'a' } }, { namespace: 'shop' })), errors: [{ line: 2 }] },
		{ name: 'bare restartable Pod and DaemonSet', code: podAndDaemonSet, errors: [{ line: 2, message: 'Pod "p"' }, { line: lineOf(podAndDaemonSet, 'kind: DaemonSet'), message: 'DaemonSet "d"' }] },
		{ name: 'template without labels: no companion (it would select the whole namespace)', code: docs(workload('web', { labels: {} })), errors: [{ line: 2, fixable: false }] },
	],
});

describe('missing-network-policy companion', () => {
	it('selects the template labels and admits same-namespace pods on the declared ports', () => {
		const code = docs(workload('web', { namespace: 'shop', labels: { app: 'web', tier: 'front' }, container: { ports: [{ name: 'http', containerPort: 8080 }, { containerPort: 5353, protocol: 'UDP' }, { containerPort: 8080 }] } }));
		const [finding] = findingsFor('missing-network-policy', { code });
		assert.equal(finding.fix?.title, 'Add NetworkPolicy for web');
		assert.deepEqual(finding.fix?.ops, [
			{
				op: 'appendDocument',
				value: {
					apiVersion: 'networking.k8s.io/v1',
					kind: 'NetworkPolicy',
					metadata: { name: 'web', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'web' } },
					spec: {
						podSelector: { matchLabels: { app: 'web', tier: 'front' } },
						policyTypes: ['Ingress'],
						ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 8080 }, { protocol: 'UDP', port: 5353 }] }],
					},
				},
			},
		]);
	});
});
