// rbac-cluster-admin-binding: bindings of the cluster-admin ClusterRole to non-system subjects.
import { isPlainObject } from '../core/k8s';
import type { Rule } from '../core/rule';

/** Built-in users and groups (system:masters, system:kube-controller-manager...) are the platform's own. */
const isSystemSubject = (s: Record<string, unknown>) => (s.kind === 'User' || s.kind === 'Group') && typeof s.name === 'string' && s.name.startsWith('system:');

function describeSubject(s: Record<string, unknown>): string {
	const name = typeof s.name === 'string' ? s.name : '?';
	return s.kind === 'ServiceAccount' && typeof s.namespace === 'string' ? `ServiceAccount ${s.namespace}/${name}` : `${String(s.kind ?? 'subject')} ${name}`;
}

export const rule: Rule = {
	id: 'rbac-cluster-admin-binding',
	title: 'Binding grants cluster-admin',
	category: 'Access control',
	defaultSeverity: 'warning',
	description: 'Flags a RoleBinding or ClusterRoleBinding whose `roleRef` is the ClusterRole `cluster-admin` and that has at least one subject other than a `system:*` User or Group.',
	rationale:
		'cluster-admin can do anything to any object: read every Secret, change RBAC, run privileged pods on any node. A person, a CI pipeline or a controller bound to it turns any compromise of its credentials into a compromise of the cluster; even a RoleBinding gives full control of the namespace, Secrets included.',
	remediation: 'Bind a narrower role (a built-in `admin`, `edit` or `view`, or a custom Role listing what the subject needs) instead of `cluster-admin`.',
	leavesAlone:
		'Bindings whose subjects are all `system:*` Users or Groups (the control plane\'s own); bindings without subjects (they grant nothing); a binding to a namespaced Role that happens to be named `cluster-admin`.',
	fixKind: '-',
	kinds: ['RoleBinding', 'ClusterRoleBinding'],
	examples: {
		incorrect: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ci-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: ServiceAccount
    name: ci
    namespace: ci
`,
		correct: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ci-deployer
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
subjects:
  - kind: ServiceAccount
    name: ci
    namespace: ci
`,
	},
	check(ctx) {
		const { object } = ctx;
		const roleRef = object.get(['roleRef']);
		if (!isPlainObject(roleRef) || roleRef.kind !== 'ClusterRole' || roleRef.name !== 'cluster-admin') return;
		const subjects = object.get(['subjects']);
		const outsiders = (Array.isArray(subjects) ? subjects : []).filter((s) => isPlainObject(s) && !isSystemSubject(s));
		if (outsiders.length === 0) return;
		const shown = outsiders.slice(0, 3).map(describeSubject).join(', ') + (outsiders.length > 3 ? ` and ${outsiders.length - 3} more` : '');
		const scope = object.kind === 'RoleBinding' ? 'full control of the namespace' : 'full control of the cluster';
		ctx.report({ range: object.valueRange(['roleRef', 'name']), message: `This binding grants cluster-admin to ${shown}: ${scope}, Secrets and RBAC included.` });
	},
};
