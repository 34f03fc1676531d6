// default-namespace: namespaced built-in objects placed explicitly in the `default` namespace.
import type { Rule } from '../core/rule';
import { objectLabel } from './helpers';

export const rule: Rule = {
	id: 'default-namespace',
	title: 'Object is in the default namespace',
	category: 'Namespaces',
	defaultSeverity: 'warning',
	description: 'Flags a namespaced object whose `metadata.namespace` is `default`.',
	rationale:
		'The default namespace is where everything lands when nobody chose: objects there share RBAC, quotas, network policies and names with whatever else was put there by accident. A namespace per team or application makes access, limits and clean-up explicit.',
	remediation: 'Move the object to a dedicated namespace (set `metadata.namespace`, or let Kustomize or Helm set it at deploy time).',
	leavesAlone:
		'Cluster-scoped kinds (their namespace is ignored), custom resources (their scope is unknown), objects without a namespace (`missing-namespace`\'s hint), and `default` in other places, such as a binding subject\'s namespace or a Namespace named `default`.',
	fixKind: '-',
	examples: {
		incorrect: `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: default
data:
  LOG_LEVEL: info
`,
		correct: `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: shop
data:
  LOG_LEVEL: info
`,
	},
	check(ctx) {
		const { object } = ctx;
		if (!object.isNamespacedBuiltin || object.namespace !== 'default') return;
		ctx.report({
			range: object.valueRange(['metadata', 'namespace']),
			message: `${objectLabel(object)} is in the default namespace: it shares access rules, quotas and names with everything else put there.`,
		});
	},
};
