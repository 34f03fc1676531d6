// What the workspace index keeps of an object whose file is not open: its value without the parts no
// cross-resource rule reads of another object. The bulk of a repository's YAML is data carried through
// to the cluster (CRD schemas, ConfigMap and Secret payloads, custom resources' specs, managedFields):
// keeping it would cost about as much memory as the file's syntax tree. What stays is what the rules
// query the index for: kind, identity, labels and annotations, selectors, pod templates (containers,
// ports, resources, volumes, service accounts, priority classes), RBAC rules and bindings, LimitRanges,
// HPAs, PDBs, NetworkPolicies, Services, kustomizations. test/unit/core/indexValue.test.ts lints the
// corpus against pruned and whole objects and expects the same findings.
import { isPlainObject, type Plain } from './k8s';

/** Annotations written by tools, often the whole object again: no rule reads them. */
const BULKY_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

/** Kinds of the built-in API groups (`v1`, `apps/v1`, `*.k8s.io/*`) and tool configurations keep their spec. */
function isCustomResource(apiVersion: unknown): boolean {
	if (typeof apiVersion !== 'string') return false;
	const slash = apiVersion.indexOf('/');
	const group = slash < 0 ? '' : apiVersion.slice(0, slash);
	return group.includes('.') && !group.endsWith('.k8s.io') && !group.startsWith('kustomize.');
}

/** Fields of a custom resource's spec kept: those that describe pods or point at objects (Argo Rollouts, operators' CRs). */
const CUSTOM_SPEC_FIELDS = ['replicas', 'selector', 'template', 'jobTemplate', 'scaleTargetRef', 'workloadRef', 'podSelector', 'serviceAccountName'];

function pruneMetadata(metadata: unknown): unknown {
	if (!isPlainObject(metadata)) return metadata;
	const { managedFields: _managedFields, ...kept } = metadata;
	const annotations = kept.annotations;
	if (isPlainObject(annotations) && BULKY_ANNOTATIONS.some((a) => a in annotations)) {
		kept.annotations = Object.fromEntries(Object.entries(annotations).filter(([k]) => !BULKY_ANNOTATIONS.includes(k)));
	}
	return kept;
}

/** The object's value as the index keeps it (a new object; `value` is not modified). */
export function indexValueOf(value: Plain): Plain {
	const pruned: Plain = { ...value };
	if ('metadata' in value) pruned.metadata = pruneMetadata(value.metadata);
	const kind = value.kind;
	if (kind === 'ConfigMap' || kind === 'Secret') {
		delete pruned.data;
		delete pruned.binaryData;
		delete pruned.stringData;
	} else if (kind === 'CustomResourceDefinition' && isPlainObject(value.spec)) {
		const { group, names, scope } = value.spec;
		pruned.spec = { group, names, scope };
	} else if (isCustomResource(value.apiVersion) && isPlainObject(value.spec)) {
		const spec = value.spec;
		pruned.spec = Object.fromEntries(CUSTOM_SPEC_FIELDS.filter((f) => f in spec).map((f) => [f, spec[f]]));
	}
	return pruned;
}
