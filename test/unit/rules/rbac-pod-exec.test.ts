import { ruleTester } from '../../helpers/ruleTester';

const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\n  namespace: shop\nrules:\n${rules}`;

ruleTester('rbac-pod-exec', {
	valid: [
		{ name: 'logs and plain pods', code: role('  - apiGroups: [""]\n    resources: ["pods", "pods/log"]\n    verbs: ["get", "create"]\n') },
		{ name: 'a copy of the bootstrap ClusterRole edit', code: role('  - apiGroups: [""]\n    resources: ["pods/exec"]\n    verbs: ["create"]\n').replace('kind: Role', 'kind: ClusterRole').replace('name: r', 'name: edit') },
		{ name: 'a ClusterRole labelled as a bootstrap default', code: role('  - apiGroups: [""]\n    resources: ["pods/exec"]\n    verbs: ["create"]\n').replace('kind: Role', 'kind: ClusterRole').replace('name: r', 'name: aggregate-base\n  labels: {kubernetes.io/bootstrapping: rbac-defaults}') },
		{ name: 'exec with only list/watch', code: role('  - apiGroups: [""]\n    resources: ["pods/exec"]\n    verbs: ["list", "watch"]\n') },
	],
	invalid: [
		{
			name: 'get is enough (exec over WebSocket); one finding per item',
			code: role('  - apiGroups: [""]\n    resources: ["pods/exec", "pods/attach"]\n    verbs: ["get"]\n'),
			errors: [
				{ line: 8, column: 17, message: 'grants get on pods/exec', severity: 'info', fixable: false },
				{ line: 8, column: 30, message: 'pods/attach' },
			],
		},
		{
			name: 'a namespaced Role named edit is not the bootstrap ClusterRole',
			code: role('  - apiGroups: [""]\n    resources: ["pods/exec"]\n    verbs: ["create"]\n').replace('name: r', 'name: edit'),
			errors: [{ line: 8, column: 17 }],
		},
		{
			name: 'resourceNames do not make a shell harmless',
			code: role('  - apiGroups: [""]\n    resources: ["pods/exec"]\n    resourceNames: ["debug-pod"]\n    verbs: ["create"]\n'),
			errors: [{ line: 8, column: 17, message: 'grants create on pods/exec' }],
		},
	],
});
