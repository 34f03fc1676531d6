// invalid-quantity: cpu, memory and ephemeral-storage quantities that the API server would reject, in
// container requests and limits and in LimitRange items.
import { isPlainObject } from '../core/k8s';
import type { Rule, RuleContext } from '../core/rule';
import type { Path } from '../core/types';
import { quantityProblem } from '../core/quantity';
import { containerLabel } from './helpers';
import { isPlaceholder } from './placeholders';
import { RESOURCE_RULE_KINDS, resourceMap, resourcesPath } from './resourceRules';

const CHECKED_RESOURCES: readonly string[] = ['cpu', 'memory', 'ephemeral-storage'];
/** The quantity maps of a LimitRange item. */
const LIMIT_RANGE_FIELDS = ['default', 'defaultRequest', 'max', 'min', 'maxLimitRequestRatio'] as const;

function reportIfInvalid(ctx: RuleContext, path: Path, value: unknown, what: string): void {
	if (value === null || value === undefined || isPlaceholder(value)) return;
	const problem = quantityProblem(value);
	if (problem === null) return;
	ctx.report({
		range: ctx.object.valueRange(path),
		message: `${what} "${typeof value === 'string' ? value : JSON.stringify(value)}" is not a valid quantity: ${problem}.`,
	});
}

export const rule: Rule = {
	id: 'invalid-quantity',
	title: 'Invalid resource quantity',
	category: 'Resources',
	defaultSeverity: 'error',
	description: 'Flags a cpu, memory or ephemeral-storage quantity in a container\'s `requests`/`limits` or in a LimitRange that Kubernetes would reject (`1.5.0`, `12 Mi`, `-1`, `512MB`).',
	rationale: 'The API server refuses the whole object when one quantity does not parse or is negative, so the apply fails in CI or, worse, half of a release is applied. Units are easy to get wrong: `MB` and `gb` are not Kubernetes units, and `m` means milli, not mega.',
	remediation: 'Write the quantity as a number with an optional unit and no space: `500m` or `0.5` for cpu, `128Mi` or `1G` for memory (binary units Ki, Mi, Gi, Ti, Pi, Ei; decimal units k, M, G, T, P, E).',
	leavesAlone:
		'Valid forms: `0.5`, `500m`, `1e3`, `1Ki`, `128Mi`, `1G`, quoted or written as YAML numbers. An empty value (`cpu:`) is left alone, as the API server reads it as zero; so are template placeholders (`{{ .Values.memory }}`, `${MEMORY}`), which are replaced before the manifest is applied. Other resource names (hugepages, GPUs, a PersistentVolumeClaim LimitRange\'s `storage`) and ResourceQuotas are not checked. A value that is valid but silly (`memory: 128m`, 0.128 bytes) is not flagged.',
	fixKind: '-',
	kinds: [...RESOURCE_RULE_KINDS, 'LimitRange'],
	examples: {
		incorrect: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
          resources:
            requests:
              cpu: 250m
              memory: 512MB
`,
		correct: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
          resources:
            requests:
              cpu: 250m
              memory: 512Mi
`,
	},
	check(ctx) {
		const { object } = ctx;
		if (object.kind === 'LimitRange') {
			const items = object.get(['spec', 'limits']);
			if (!Array.isArray(items)) return;
			items.forEach((item, i) => {
				if (!isPlainObject(item)) return;
				for (const field of LIMIT_RANGE_FIELDS) {
					const map = item[field];
					if (!isPlainObject(map)) continue;
					for (const resource of CHECKED_RESOURCES) {
						reportIfInvalid(ctx, ['spec', 'limits', i, field, resource], map[resource], `LimitRange ${field} ${resource}`);
					}
				}
			});
			return;
		}
		for (const container of object.containers()) {
			for (const field of ['requests', 'limits'] as const) {
				const map = resourceMap(container, field);
				for (const resource of CHECKED_RESOURCES) {
					reportIfInvalid(ctx, resourcesPath(container, field, resource), map[resource], `${containerLabel(container)}: ${resource} ${field === 'requests' ? 'request' : 'limit'}`);
				}
			}
		}
	},
};
