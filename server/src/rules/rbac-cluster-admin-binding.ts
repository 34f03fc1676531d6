// rbac-cluster-admin-binding: bindings of the cluster-admin ClusterRole, or of a workspace ClusterRole
// that grants as much, to non-system subjects.
import { isPlainObject } from '../core/k8s';
import type { Rule } from '../core/rule';
import type { WorkspaceIndex } from '../core/workspace';
import { workspaceMemo } from './helpers';
import { grantsEverything, policyRules } from './rbacRules';

/**
 * Names of the workspace's ClusterRoles with a rule granting `*` verbs on `*` resources in `*` API
 * groups: cluster-admin in all but name. ClusterRoles are cluster-scoped, so a binding in any namespace
 * reaches them by name.
 */
function clusterAdminEquivalents(workspace: WorkspaceIndex): Set<string> {
	return workspaceMemo(workspace, 'cluster-admin-equivalent-roles', () => {
		const names = new Set<string>();
		for (const role of workspace.ofKind('ClusterRole')) if (role.name !== undefined && policyRules(role).some(grantsEverything)) names.add(role.name);
		return names;
	});
}

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
	description: 'Flags a RoleBinding or ClusterRoleBinding whose `roleRef` is the ClusterRole `cluster-admin`, or a ClusterRole of the workspace granting `*` verbs on `*` resources in `*` API groups, and that has at least one subject other than a `system:*` User or Group.',
	rationale:
		'cluster-admin can do anything to any object: read every Secret, change RBAC, run privileged pods on any node. A person, a CI pipeline or a controller bound to it turns any compromise of its credentials into a compromise of the cluster; even a RoleBinding gives full control of the namespace, Secrets included.',
	remediation: 'Bind a narrower role (a built-in `admin`, `edit` or `view`, or a custom Role listing what the subject needs) instead of `cluster-admin`.',
	leavesAlone:
		'Bindings whose subjects are all `system:*` Users or Groups (the control plane\'s own); bindings without subjects (they grant nothing); a binding to a namespaced Role that happens to be named `cluster-admin`; ClusterRoles that grant a lot but not everything (read-only wildcards are rbac-wildcard\'s finding). A ClusterRole outside the workspace is judged by its name only.',
	fixKind: '-',
	kinds: ['RoleBinding', 'ClusterRoleBinding'],
	crossResource: true,
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
		const { object, workspace } = ctx;
		const roleRef = object.get(['roleRef']);
		if (!isPlainObject(roleRef) || roleRef.kind !== 'ClusterRole' || typeof roleRef.name !== 'string') return;
		const equivalent = roleRef.name !== 'cluster-admin';
		if (equivalent && !clusterAdminEquivalents(workspace).has(roleRef.name)) return;
		const subjects = object.get(['subjects']);
		const outsiders = (Array.isArray(subjects) ? subjects : []).filter((s) => isPlainObject(s) && !isSystemSubject(s));
		if (outsiders.length === 0) return;
		const shown = outsiders.slice(0, 3).map(describeSubject).join(', ') + (outsiders.length > 3 ? ` and ${outsiders.length - 3} more` : '');
		const scope = object.kind === 'RoleBinding' ? 'full control of the namespace' : 'full control of the cluster';
		const role = equivalent ? `ClusterRole "${roleRef.name}" (every verb on every resource in every API group: cluster-admin in all but name)` : 'cluster-admin';
		ctx.report({ range: object.valueRange(['roleRef', 'name']), message: `This binding grants ${role} to ${shown}: ${scope}, Secrets and RBAC included.` });
	},
};
