import { ruleTester } from '../../helpers/ruleTester';

const role = (rules: string, kind = 'Role', extra = '') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\n  namespace: shop\n${extra}rules:\n${rules}`;

ruleTester('rbac-wildcard', {
	valid: [
		{ name: 'specific rules', code: role('  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    verbs: ["get", "list"]\n') },
		{ name: 'partial wildcard and nonResourceURLs', code: role('  - apiGroups: ["apps"]\n    resources: ["*/scale"]\n    verbs: ["get"]\n  - nonResourceURLs: ["/healthz/*"]\n    verbs: ["get"]\n', 'ClusterRole') },
		{
			name: 'aggregated ClusterRole: the controller writes its rules',
			code: role('  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n', 'ClusterRole', 'aggregationRule:\n  clusterRoleSelectors:\n    - matchLabels: {aggregate-to-admin: "true"}\n'),
		},
		{ name: 'a copy of the bootstrap cluster-admin role', code: role('  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n', 'ClusterRole').replace('name: r', 'name: cluster-admin') },
		{ name: 'a binding has no rules', code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: "*"}\nsubjects: [{kind: User, name: "*"}]\n' },
	],
	invalid: [
		{
			name: 'one finding per * item, in field order',
			code: role('  - apiGroups: ["*"]\n    resources: ["pods", "*"]\n    verbs: ["*"]\n', 'ClusterRole'),
			errors: [
				{ line: 7, column: 17, message: 'grants * in apiGroups', severity: 'warning', fixable: false },
				{ line: 8, column: 25, message: 'grants * in resources' },
				{ line: 9, column: 13, message: 'grants * in verbs' },
			],
		},
		{
			name: 'block list item in the second rule',
			code: role('  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["get"]\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs:\n      - get\n      - "*"\n'),
			errors: [{ line: 14, column: 9, message: 'Role "r" grants * in verbs' }],
		},
	],
});
