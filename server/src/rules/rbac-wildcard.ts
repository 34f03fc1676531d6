// rbac-wildcard: `*` in a Role or ClusterRole rule's verbs, resources or apiGroups.
import type { Rule } from '../core/rule';
import { objectLabel } from './helpers';
import { judgedPolicyRules, ROLE_KINDS } from './rbacRules';

/** What a `*` in each field grants, for the message. */
const WILDCARD_MEANING: Record<string, string> = {
	verbs: 'every verb, including delete, escalate and impersonate',
	resources: 'every resource of the listed API groups, including ones added later',
	apiGroups: 'every API group, including custom resources installed later',
};

export const rule: Rule = {
	id: 'rbac-wildcard',
	title: 'RBAC rule uses a wildcard',
	category: 'Access control',
	defaultSeverity: 'warning',
	description: 'Flags each `*` item in the `verbs`, `resources` or `apiGroups` of a Role or ClusterRole rule.',
	rationale:
		'A wildcard grants more than anyone reviewed: every verb (escalate, bind, impersonate), every resource (secrets included), and everything that will be added to the cluster later, such as new custom resources. Least privilege needs the grants spelled out.',
	remediation: 'Replace `*` with the specific verbs, resources and API groups the subject needs.',
	leavesAlone:
		'Rules that list specific values; bindings (they carry no rules); aggregated ClusterRoles (`aggregationRule`), whose rules the controller fills in from other roles; `nonResourceURLs`; partial wildcards such as `*/scale`, which only reach one subresource. Copies of the bootstrap ClusterRoles (`admin`, `edit`, `view`, `cluster-admin`, or any labelled `kubernetes.io/bootstrapping: rbac-defaults`): the API server defines and reconciles them itself.',
	fixKind: '-',
	kinds: ROLE_KINDS,
	examples: {
		incorrect: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ci-deployer
rules:
  - apiGroups: ["apps"]
    resources: ["*"]
    verbs: ["*"]
`,
		correct: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ci-deployer
rules:
  - apiGroups: ["apps"]
    resources: ["deployments"]
    verbs: ["get", "list", "patch", "update"]
`,
	},
	check(ctx) {
		const { object } = ctx;
		for (const rule of judgedPolicyRules(object)) {
			for (const field of ['apiGroups', 'resources', 'verbs']) {
				const list = object.get([...rule.path, field]);
				if (!Array.isArray(list)) continue;
				list.forEach((item, index) => {
					if (item !== '*') return;
					ctx.report({
						range: object.valueRange([...rule.path, field, index]),
						message: `${objectLabel(object)} grants * in ${field}: ${WILDCARD_MEANING[field]}.`,
					});
				});
			}
		}
	},
};
