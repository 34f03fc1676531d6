import { ruleTester } from '../../helpers/ruleTester';
import { docs, workload } from '../../helpers/workspaceManifests';

const kustomization = (fields: string) => `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
${fields}`;
const web = docs(workload('web'));
const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata: {a: b}\n';

ruleTester('missing-namespace', {
	valid: [
		{ name: 'namespaced objects', code: docs(workload('web', { namespace: 'shop' })) },
		{ name: 'cluster-scoped kinds', code: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules: []\n' },
		{ name: 'custom resources are not checked', code: 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: tls\nspec: {}\n' },
		{ name: 'kustomization in the workspace root lists the file', code: web, others: { 'kustomization.yaml': kustomization('namespace: shop\nresources:\n  - main.yaml\n') } },
		{ name: 'kustomization with ./ prefixed entry', code: web, others: { 'kustomization.yaml': kustomization('namespace: shop\nresources: [./main.yaml]\n') } },
		{
			name: 'overlay namespace reaches the base folder through its kustomization',
			code: web,
			others: {
				'overlays/prod/kustomization.yaml': kustomization('namespace: prod\nresources:\n  - ../..\n'),
				'kustomization.yaml': kustomization('resources:\n  - main.yaml\n'),
			},
		},
		{ name: 'file listed as a patch of a namespaced kustomization', code: configMap, others: { 'kustomization.yaml': kustomization('namespace: shop\npatches:\n  - path: main.yaml\n') } },
		{ name: 'patch of a kustomization without namespace is partial', code: configMap, others: { 'kustomization.yaml': kustomization('patchesStrategicMerge:\n  - main.yaml\n') } },
	],
	invalid: [
		{ name: 'Deployment without namespace', code: web, errors: [{ line: 2, column: 1, message: 'Deployment "web" has no metadata.namespace', severity: 'hint', fixable: false }] },
		{ name: 'one finding per namespaced object', code: `${configMap}---\n${web}`, errors: [{ line: 2 }, { line: 8 }] },
		{ name: 'explicit empty namespace', code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: ""\n', errors: [{ line: 2 }] },
		{ name: 'kustomization without namespace assigns none', code: web, others: { 'kustomization.yaml': kustomization('resources:\n  - main.yaml\n') }, errors: [{ line: 2 }] },
		{ name: 'kustomization listing another file', code: web, others: { 'kustomization.yaml': kustomization('namespace: shop\nresources:\n  - other.yaml\n') }, errors: [{ line: 2 }] },
		{ name: 'kustomization in a sibling folder resolves relative to itself', code: web, others: { 'base/kustomization.yaml': kustomization('namespace: shop\nresources:\n  - main.yaml\n') }, errors: [{ line: 2 }] },
		{ name: 'List items are objects', code: `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: c}\n`, errors: [{ line: 5, column: 5 }] },
	],
});
