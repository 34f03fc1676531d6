// rbac-secret-read: Role/ClusterRole rules that let their subjects read Secrets.
import type { Rule } from '../core/rule';
import { checkResourceGrant, ROLE_KINDS } from './rbacRules';

export const rule: Rule = {
	id: 'rbac-secret-read',
	title: 'RBAC rule can read Secrets',
	category: 'Access control',
	defaultSeverity: 'info',
	description: 'Flags the `secrets` item of a Role or ClusterRole rule (core API group) that grants `get`, `list`, `watch` or `*` on it.',
	rationale:
		'Reading Secrets hands over whatever they hold: database passwords, API keys, TLS keys and the tokens of other ServiceAccounts. `list` and `watch` return every Secret\'s content, not just names. Such grants should be rare and deliberate.',
	remediation: 'Remove the read verbs on `secrets`, or restrict the rule to the Secrets the subject needs with `resourceNames`.',
	leavesAlone:
		'Rules restricted with `resourceNames`; write-only verbs (create, update, patch, delete); `resources: ["*"]` (rbac-wildcard\'s finding); rules of other API groups (a custom resource that happens to be named `secrets`); aggregated ClusterRoles, whose rules the controller fills in. Copies of the bootstrap ClusterRoles (`admin`, `edit`, `view`, `cluster-admin`, or any labelled `kubernetes.io/bootstrapping: rbac-defaults`): the API server defines and reconciles them itself.',
	fixKind: '-',
	kinds: ROLE_KINDS,
	examples: {
		incorrect: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: app-reader
  namespace: shop
rules:
  - apiGroups: [""]
    resources: ["configmaps", "secrets"]
    verbs: ["get", "list"]
`,
		correct: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: app-reader
  namespace: shop
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "list"]
  - apiGroups: [""]
    resources: ["secrets"]
    resourceNames: ["app-tls"]
    verbs: ["get"]
`,
	},
	check(ctx) {
		checkResourceGrant(ctx, {
			verbs: ['get', 'list', 'watch'],
			resources: ['secrets'],
			ignoreResourceNames: true,
			message: (_resource, verbs) => `This rule grants ${verbs.join(', ')} on secrets: its subjects can read every Secret in ${ctx.object.kind === 'ClusterRole' ? 'the namespaces it is bound in (the whole cluster through a ClusterRoleBinding)' : 'the namespace'}.`,
		});
	},
};
