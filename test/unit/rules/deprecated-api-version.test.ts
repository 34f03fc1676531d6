import assert from 'node:assert/strict';
import { API_MOVES, findApiMove, minorOf, NEWEST_KNOWN_MINOR } from '../../../server/src/rules/apiVersions';
import { findingsFor, ruleTester } from '../../helpers/ruleTester';

const deployment = (apiVersion: string, selector = '') =>
	`apiVersion: ${apiVersion}\nkind: Deployment\nmetadata:\n  name: web\nspec:\n${selector}  rollbackTo: {revision: 2}\n  template:\n    metadata:\n      labels: {app: web, tier: front}\n    spec:\n      containers: [{name: web, image: web:1}]\n`;
const pdb = (apiVersion: string, selector: string) => `apiVersion: ${apiVersion}\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  maxUnavailable: 1\n${selector}`;

ruleTester('deprecated-api-version', {
	valid: [
		{ name: 'current versions', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n---\napiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\n' },
		{ name: 'unknown groups and unlisted kinds of a listed group', code: 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a}\n---\napiVersion: storage.k8s.io/v1beta1\nkind: VolumeAttributesClass\nmetadata: {name: v}\ndriverName: x\n' },
		{ name: 'before its deprecation the old version is fine', code: pdb('policy/v1beta1', '  selector: {matchLabels: {app: web}}\n'), config: { kubernetesVersion: '1.20' } },
	],
	invalid: [
		{
			name: 'removed in the default target: error on the apiVersion value',
			code: pdb('policy/v1beta1', '  selector: {matchLabels: {app: web}}\n'),
			errors: [{ line: 1, column: 13, message: `policy/v1beta1 PodDisruptionBudget is not served by Kubernetes ${NEWEST_KNOWN_MINOR} (removed in 1.25): use policy/v1`, severity: 'error', fixable: true }],
		},
		{
			name: 'deprecated but still served in the target: warning',
			code: pdb('policy/v1beta1', '  selector: {matchLabels: {app: web}}\n'),
			config: { kubernetesVersion: '1.24' },
			errors: [{ line: 1, message: 'deprecated since Kubernetes 1.21 and removed in 1.25', severity: 'warning', fixable: true }],
		},
		{
			name: 'an empty PDB selector changes meaning in policy/v1: no fix',
			code: pdb('policy/v1beta1', '  selector: {}\n'),
			errors: [{ line: 1, message: 'use policy/v1 (its empty selector would select every pod of the namespace there)', fixable: false }],
		},
		{
			name: 'Ingress backends changed: no fix, the changes are named',
			code: 'apiVersion: "networking.k8s.io/v1beta1"\nkind: Ingress\nmetadata: {name: i}\nspec:\n  backend: {serviceName: web, servicePort: 80}\n',
			errors: [{ line: 1, column: 13, message: 'backends become service.name and service.port', fixable: false }],
		},
		{
			name: 'PodSecurityPolicy has no replacement',
			code: 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: restricted}\nspec: {}\n',
			errors: [{ line: 1, message: 'removed in 1.25): PodSecurityPolicy has no successor; use Pod Security admission', fixable: false }],
		},
		{
			name: 'List items are checked one by one',
			code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: batch/v1beta1\n    kind: CronJob\n    metadata: {name: c}\n  - apiVersion: batch/v1\n    kind: CronJob\n    metadata: {name: d}\n',
			errors: [{ line: 4, column: 17, message: 'use batch/v1' }],
		},
		{
			name: 'a workload without template labels or selector gets no fix',
			code: 'apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers: [{name: d, image: d:1}]\n',
			errors: [{ line: 1, fixable: false }],
		},
	],
});

describe('deprecated-api-version quick fixes', () => {
	const fixOf = (code: string, kubernetesVersion = '') => findingsFor('deprecated-api-version', { code, config: { kubernetesVersion } })[0]?.fix;

	it('moves an extensions/v1beta1 Deployment to apps/v1 with a selector from the template labels and without rollbackTo', () => {
		assert.deepEqual(fixOf(deployment('extensions/v1beta1')), {
			title: 'Change apiVersion to apps/v1, add spec.selector.matchLabels from the template labels and remove spec.rollbackTo',
			ops: [
				{ op: 'set', path: ['apiVersion'], value: 'apps/v1' },
				{ op: 'set', path: ['spec', 'selector', 'matchLabels'], value: { app: 'web', tier: 'front' } },
				{ op: 'delete', path: ['spec', 'rollbackTo'] },
			],
			safety: 'unsafe',
		});
	});

	it('keeps an existing selector', () => {
		const fix = fixOf(deployment('apps/v1beta2', '  selector: {matchLabels: {app: web}}\n'));
		assert.deepEqual(fix?.ops.map((op) => op.op + ' ' + ('path' in op ? op.path.join('.') : '')), ['set apiVersion', 'delete spec.rollbackTo']);
	});

	it('changes only the apiVersion of a CronJob', () => {
		const fix = fixOf('apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n');
		assert.deepEqual(fix, { title: 'Change apiVersion to batch/v1', ops: [{ op: 'set', path: ['apiVersion'], value: 'batch/v1' }], safety: 'safe' });
	});

	it('is safe only where the schema is identical (RULES.md "Fix safety")', () => {
		const safetyOf = (head: string, rest = 'metadata: {name: x}\n') => fixOf(`${head}\n${rest}`)?.safety;
		assert.equal(safetyOf('apiVersion: rbac.authorization.k8s.io/v1beta1\nkind: ClusterRole', 'metadata: {name: x}\nrules: []\n'), 'safe');
		assert.equal(safetyOf('apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler'), 'safe');
		// An empty selector would select every pod in policy/v1; even a non-empty one is a move that changes meaning.
		assert.equal(safetyOf('apiVersion: policy/v1beta1\nkind: PodDisruptionBudget', 'metadata: {name: x}\nspec: {minAvailable: 1, selector: {matchLabels: {app: web}}}\n'), 'unsafe');
		// apps/v1 changed defaults, and the fix may add the (immutable) selector.
		assert.equal(fixOf(deployment('apps/v1beta2', '  selector: {matchLabels: {app: web}}\n'))?.safety, 'unsafe');
	});
});

describe('the API version table', () => {
	it('names its newest release and nothing after it', () => {
		for (const move of API_MOVES) {
			assert.ok(minorOf(move.deprecatedIn) <= minorOf(move.removedIn), `${move.apiVersion}: deprecated after removal`);
			assert.ok(minorOf(move.removedIn) <= minorOf(NEWEST_KNOWN_MINOR), `${move.apiVersion} is removed after ${NEWEST_KNOWN_MINOR}`);
		}
	});

	it('lists each apiVersion and kind once, and never points to a version it lists for that kind', () => {
		const seen = new Set<string>();
		for (const move of API_MOVES) {
			for (const kind of move.kinds) {
				const key = `${move.apiVersion} ${kind}`;
				assert.ok(!seen.has(key), `${key} twice`);
				seen.add(key);
				if (move.replacement) assert.equal(findApiMove(move.replacement, kind), undefined, `${key} points to a deprecated ${move.replacement}`);
			}
		}
	});

	it('covers the migration guide\'s removals', () => {
		const removals: [string, string, string][] = [
			['extensions/v1beta1', 'Deployment', '1.16'], ['apps/v1beta2', 'DaemonSet', '1.16'], ['extensions/v1beta1', 'NetworkPolicy', '1.16'],
			['extensions/v1beta1', 'Ingress', '1.22'], ['rbac.authorization.k8s.io/v1beta1', 'RoleBinding', '1.22'], ['apiextensions.k8s.io/v1beta1', 'CustomResourceDefinition', '1.22'],
			['batch/v1beta1', 'CronJob', '1.25'], ['policy/v1beta1', 'PodSecurityPolicy', '1.25'], ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', '1.25'],
			['autoscaling/v2beta2', 'HorizontalPodAutoscaler', '1.26'], ['storage.k8s.io/v1beta1', 'CSIStorageCapacity', '1.27'],
			['flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', '1.29'], ['flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration', '1.32'],
		];
		for (const [apiVersion, kind, removedIn] of removals) assert.equal(findApiMove(apiVersion, kind)?.removedIn, removedIn, `${apiVersion} ${kind}`);
	});
});
