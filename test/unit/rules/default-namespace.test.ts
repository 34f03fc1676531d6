import { deployment } from '../../helpers/manifests';
import { ruleTester } from '../../helpers/ruleTester';

const container = '        - name: web\n          image: web:1\n';

ruleTester('default-namespace', {
	valid: [
		{ name: 'another namespace', code: deployment(container, { namespace: 'shop' }) },
		{ name: 'no namespace', code: deployment(container) },
		{ name: 'cluster-scoped kind', code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\n  namespace: default\nrules: []\n' },
		{ name: 'custom resource: scope unknown', code: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: m\n  namespace: default\nspec: {}\n' },
		{ name: 'a Namespace named default', code: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n' },
	],
	invalid: [
		{
			name: 'on the default value',
			code: deployment(container, { namespace: 'default' }),
			errors: [{ line: 5, column: 14, message: 'Deployment "web" is in the default namespace', severity: 'warning', fixable: false }],
		},
		{
			name: 'quoted, in a List item',
			code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: c\n      namespace: "default"\n',
			errors: [{ line: 8, column: 18, message: 'ConfigMap "c"' }],
		},
	],
});
