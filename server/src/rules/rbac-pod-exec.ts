// rbac-pod-exec: Role/ClusterRole rules that let their subjects exec into or attach to pods.
import type { Rule } from '../core/rule';
import { checkResourceGrant, ROLE_KINDS } from './rbacRules';

export const rule: Rule = {
	id: 'rbac-pod-exec',
	title: 'RBAC rule allows exec or attach into pods',
	category: 'Access control',
	defaultSeverity: 'info',
	description: 'Flags the `pods/exec` or `pods/attach` item of a Role or ClusterRole rule (core API group) that grants `create`, `get` or `*` on it.',
	rationale:
		'Exec and attach give a shell or the console of a running container: its files, its environment variables, its mounted Secrets and ServiceAccount token. It is a debugging tool that amounts to reading every Secret the pods use. Exec over WebSocket needs only `get`, so `get` counts as much as `create`.',
	remediation: 'Remove `pods/exec` and `pods/attach` from the rule, or move them to a separate role bound only to the people who need to debug, for a limited time.',
	leavesAlone:
		'Other pod subresources (`pods/log`, `pods/status`, `pods/eviction`, `pods/ephemeralcontainers`); plain `pods`; `resources: ["*"]` and `pods/*` (left to rbac-wildcard); aggregated ClusterRoles, whose rules the controller fills in. A rule restricted with `resourceNames` is still reported: a shell in one pod still reaches its Secrets. Copies of the bootstrap ClusterRoles (`admin`, `edit`, `view`, `cluster-admin`, or any labelled `kubernetes.io/bootstrapping: rbac-defaults`): the API server defines and reconciles them itself.',
	fixKind: '-',
	kinds: ROLE_KINDS,
	examples: {
		incorrect: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: debugger
  namespace: shop
rules:
  - apiGroups: [""]
    resources: ["pods/exec"]
    verbs: ["create"]
`,
		correct: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: debugger
  namespace: shop
rules:
  - apiGroups: [""]
    resources: ["pods", "pods/log"]
    verbs: ["get", "list"]
`,
	},
	check(ctx) {
		checkResourceGrant(ctx, {
			verbs: ['create', 'get'],
			resources: ['pods/exec', 'pods/attach'],
			ignoreResourceNames: false,
			message: (resource, verbs) => `This rule grants ${verbs.join(', ')} on ${resource}: its subjects get a shell in running containers, with their Secrets and tokens.`,
		});
	},
};
