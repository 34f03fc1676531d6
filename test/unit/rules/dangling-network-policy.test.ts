import { ruleTester } from '../../helpers/ruleTester';
import { docs, networkPolicy, workload } from '../../helpers/workspaceManifests';

const web = workload('web', { namespace: 'shop', labels: { app: 'web', tier: 'front' } });

ruleTester('dangling-network-policy', {
	valid: [
		{ name: 'selects a Deployment template', code: docs(networkPolicy('np', { matchLabels: { tier: 'front' } }, { namespace: 'shop' }), web) },
		{ name: 'empty selector with no workload at all', code: docs(networkPolicy('deny', {}, { namespace: 'shop' })) },
		{ name: 'absent podSelector reads as empty', code: docs(networkPolicy('deny', undefined, { namespace: 'shop' })) },
		{ name: 'selects a CronJob job template', code: docs(networkPolicy('np', { matchExpressions: [{ key: 'app', operator: 'In', values: ['backup'] }] }), workload('backup', { kind: 'CronJob' })) },
		{ name: 'selects a bare Pod in another file', code: docs(networkPolicy('np', { matchLabels: { app: 'p' } })), others: { 'pod.yaml': docs(workload('p', { kind: 'Pod' })) } },
		{ name: 'selector with a template placeholder', code: docs(networkPolicy('np', { matchExpressions: [{ key: 'app', operator: 'In', values: ['{{ .Values.name }}'] }] })) },
		{ name: 'DoesNotExist selects templates without the label', code: docs(networkPolicy('np', { matchExpressions: [{ key: 'legacy', operator: 'DoesNotExist' }] }, { namespace: 'shop' }), web) },
	],
	invalid: [
		{ name: 'no template carries the label', code: docs(networkPolicy('np', { matchLabels: { app: 'legacy' } }, { namespace: 'shop' }), web), errors: [{ line: 2, column: 1, message: 'NetworkPolicy "np" selects pods with app=legacy, which no pod template of the workspace carries in namespace "shop": it protects nothing', severity: 'info', fixable: false }] },
		{ name: 'matching template in another namespace', code: docs(networkPolicy('np', { matchLabels: { app: 'web' } }, { namespace: 'staging' }), web), errors: [{ line: 2 }] },
		{ name: 'unset namespace does not see shop', code: docs(networkPolicy('np', { matchLabels: { app: 'web' } }), web), errors: [{ line: 2, message: 'selects pods with app=web, which no pod template of the workspace carries among objects without a namespace' }] },
		{ name: 'expression no template satisfies', code: docs(networkPolicy('np', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, { namespace: 'shop' }), web), errors: [{ line: 2, message: 'selects pods with tier in (back), which' }] },
		{
			name: 'the selector shown as kubectl writes it: labels, then expressions',
			code: docs(networkPolicy('np', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front', 'edge'] }, { key: 'canary', operator: 'Exists' }, { key: 'legacy', operator: 'DoesNotExist' }] }, { namespace: 'shop' }), web),
			errors: [{ line: 2, message: 'selects pods with app=web, tier notin (front, edge), canary, !legacy, which' }],
		},
		{ name: 'unknown operator never matches', code: docs(networkPolicy('np', { matchExpressions: [{ key: 'tier', operator: 'Like', values: ['front'] }] }, { namespace: 'shop' }), web), errors: [{ line: 2 }] },
	],
});
