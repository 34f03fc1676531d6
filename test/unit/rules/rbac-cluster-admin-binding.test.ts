import { ruleTester } from '../../helpers/ruleTester';

const binding = (subjects: string, kind = 'ClusterRoleBinding', roleKind = 'ClusterRole') =>
	`apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ${roleKind}\n  name: cluster-admin\n${subjects}`;

const clusterRole = (name: string, rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\nrules:\n${rules}`;
const everything = '  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n';
const toSuperuser = binding('subjects:\n  - {kind: ServiceAccount, name: deployer, namespace: ci}\n').replace('name: cluster-admin', 'name: superuser');

ruleTester('rbac-cluster-admin-binding', {
	valid: [
		{ name: 'only system:* users and groups', code: binding('subjects:\n  - {kind: Group, name: "system:masters"}\n  - {kind: User, name: "system:kube-scheduler"}\n') },
		{ name: 'a namespaced Role named cluster-admin', code: binding('subjects:\n  - {kind: Group, name: devs}\n', 'RoleBinding', 'Role') },
		{ name: 'no subjects grants nothing', code: binding('') },
		{ name: 'another ClusterRole', code: binding('subjects:\n  - {kind: Group, name: devs}\n').replace('name: cluster-admin', 'name: admin') },
		{ name: 'a ClusterRole reading everything is not everything', code: toSuperuser, others: { 'role.yaml': clusterRole('superuser', '  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: [get, list, watch]\n') } },
		{ name: 'every verb on every resource, but only of one named object', code: toSuperuser, others: { 'role.yaml': clusterRole('superuser', everything + '    resourceNames: [one]\n') } },
		{ name: 'a namespaced Role granting everything is not a ClusterRole', code: toSuperuser, others: { 'role.yaml': clusterRole('superuser', everything).replace('kind: ClusterRole', 'kind: Role') } },
		{ name: 'a ClusterRole not in the workspace is judged by its name', code: toSuperuser },
	],
	invalid: [
		{
			name: 'a workspace ClusterRole granting * verbs on * resources in * groups: named in the message',
			code: toSuperuser,
			others: { 'role.yaml': clusterRole('superuser', '  - apiGroups: [""]\n    resources: [pods]\n    verbs: [get]\n' + everything) },
			errors: [{ line: 8, column: 9, message: 'grants ClusterRole "superuser" (every verb on every resource in every API group: cluster-admin in all but name) to ServiceAccount ci/deployer', severity: 'warning' }],
		},
		{
			name: 'such a role labelled as a bootstrap role is still cluster-admin when bound',
			code: toSuperuser,
			others: { 'role.yaml': clusterRole('superuser', everything).replace('name: superuser', 'name: superuser\n  labels: {kubernetes.io/bootstrapping: rbac-defaults}') },
			errors: [{ line: 8, message: 'ClusterRole "superuser"' }],
		},
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
