import { ruleTester } from '../../helpers/ruleTester';

const role = (rules: string, kind = 'Role') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\nrules:\n${rules}`;

ruleTester('rbac-secret-read', {
	valid: [
		{ name: 'a copy of the bootstrap ClusterRole view (labelled)', code: role('  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get"]\n', 'ClusterRole').replace('name: r', 'name: reader\n  labels: {kubernetes.io/bootstrapping: rbac-defaults}') },
		{ name: 'write-only verbs', code: role('  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["create", "update", "delete"]\n') },
		{ name: 'restricted with resourceNames', code: role('  - apiGroups: [""]\n    resources: ["secrets"]\n    resourceNames: ["tls"]\n    verbs: ["get"]\n') },
		{ name: 'resources: ["*"] is rbac-wildcard\'s finding', code: role('  - apiGroups: [""]\n    resources: ["*"]\n    verbs: ["get"]\n') },
		{ name: 'a custom group\'s "secrets" resource', code: role('  - apiGroups: ["vault.example.com"]\n    resources: ["secrets"]\n    verbs: ["get"]\n') },
		{ name: 'no apiGroups: the API server rejects the rule', code: role('  - resources: ["secrets"]\n    verbs: ["get"]\n') },
	],
	invalid: [
		{
			name: 'get/list on the secrets item',
			code: role('  - apiGroups: [""]\n    resources: ["configmaps", "secrets"]\n    verbs: ["get", "list", "patch"]\n'),
			errors: [{ line: 7, column: 31, message: 'grants get, list on secrets', severity: 'info', fixable: false }],
		},
		{
			name: '* verb and * apiGroup, in a ClusterRole',
			code: role('  - apiGroups: ["*"]\n    resources:\n      - secrets\n    verbs: ["*"]\n', 'ClusterRole'),
			errors: [{ line: 8, column: 9, message: 'grants * on secrets' }],
		},
	],
});
