import { ruleTester } from '../../helpers/ruleTester';

const binding = (subjects: string, kind = 'ClusterRoleBinding', roleKind = 'ClusterRole') =>
	`apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ${roleKind}\n  name: cluster-admin\n${subjects}`;

ruleTester('rbac-cluster-admin-binding', {
	valid: [
		{ name: 'only system:* users and groups', code: binding('subjects:\n  - {kind: Group, name: "system:masters"}\n  - {kind: User, name: "system:kube-scheduler"}\n') },
		{ name: 'a namespaced Role named cluster-admin', code: binding('subjects:\n  - {kind: Group, name: devs}\n', 'RoleBinding', 'Role') },
		{ name: 'no subjects grants nothing', code: binding('') },
		{ name: 'another ClusterRole', code: binding('subjects:\n  - {kind: Group, name: devs}\n').replace('name: cluster-admin', 'name: admin') },
	],
	invalid: [
		{
			name: 'a ServiceAccount named system:* is still not a system user',
			code: binding('subjects:\n  - {kind: Group, name: "system:masters"}\n  - {kind: ServiceAccount, name: "system:ci", namespace: ci}\n'),
			errors: [{ line: 8, column: 9, message: 'grants cluster-admin to ServiceAccount ci/system:ci: full control of the cluster', severity: 'warning', fixable: false }],
		},
		{
			name: 'a RoleBinding gives the namespace; subjects are listed, the rest counted',
			code: binding('subjects:\n  - {kind: User, name: a}\n  - {kind: User, name: b}\n  - {kind: User, name: c}\n  - {kind: User, name: d}\n', 'RoleBinding'),
			errors: [{ line: 8, column: 9, message: 'User a, User b, User c and 1 more: full control of the namespace' }],
		},
	],
});
