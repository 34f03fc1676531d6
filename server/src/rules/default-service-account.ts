// default-service-account: long-running workloads on the namespace's `default` ServiceAccount that
// still mount its token.
import type { K8sObject } from '../core/k8s';
import type { Rule } from '../core/rule';
import { objectLabel } from './helpers';
import { sameNamespace } from '../core/workspace';

/** The ServiceAccount the pods run as: `serviceAccountName`, else the deprecated `serviceAccount`, else `default`. */
function serviceAccountOf(object: K8sObject): string {
	const spec = object.podSpec ?? {};
	for (const field of ['serviceAccountName', 'serviceAccount']) {
		if (typeof spec[field] === 'string' && spec[field] !== '') return spec[field];
	}
	return 'default';
}

export const rule: Rule = {
	id: 'default-service-account',
	title: 'Workload uses the default ServiceAccount',
	category: 'Access control',
	defaultSeverity: 'info',
	description:
		'Flags a long-running workload whose pods run as the namespace\'s `default` ServiceAccount (no `serviceAccountName`/`serviceAccount`, or `default`) without `automountServiceAccountToken: false`.',
	rationale:
		'Every pod of the namespace that does not choose an account shares `default`, so any permission granted to it for one application is granted to all of them; and its API token is mounted into every container, where anyone who compromises the process can use it against the API server.',
	remediation: 'Create a dedicated ServiceAccount for the workload and set `serviceAccountName`, or set `automountServiceAccountToken: false` when the pods never call the Kubernetes API.',
	leavesAlone:
		'Workloads with their own ServiceAccount; workloads that set `automountServiceAccountToken: false` in the pod spec; and, when the pod spec leaves the field unset, workloads whose namespace\'s `default` ServiceAccount in the workspace sets `automountServiceAccountToken: false` (the pods then get no token). Jobs, CronJobs and run-to-completion Pods.',
	fixKind: 'Q',
	fixSafety: 'unsafe',
	kinds: ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet'],
	crossResource: true,
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
      serviceAccountName: web
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
`,
	},
	check(ctx) {
		const { object, workspace } = ctx;
		const specPath = object.podSpecPath;
		if (!object.isLongRunning || !specPath) return;
		if (serviceAccountOf(object) !== 'default') return;
		const automount = object.podSpec?.automountServiceAccountToken;
		if (automount === false) return;
		if (automount === undefined || automount === null) {
			// The pod spec defers to the account: a `default` account that opts out means no token.
			const account = workspace.ofKind('ServiceAccount').find((sa) => sa.name === 'default' && sameNamespace(sa, object));
			if (account && account.get(['automountServiceAccountToken']) === false) return;
		}
		const explicit = object.podSpec?.serviceAccountName === 'default' || object.podSpec?.serviceAccount === 'default';
		ctx.report({
			range: object.kindRange(),
			message: `${objectLabel(object)} runs as the ${explicit ? '' : 'implicit '}default ServiceAccount and mounts its token: every pod of the namespace shares its permissions.`,
			fix: { title: 'Set automountServiceAccountToken: false in the pod spec', ops: [{ op: 'set', path: [...specPath, 'automountServiceAccountToken'], value: false }] },
		});
	},
};
