// recreate-strategy: Deployments that replace their pods with the Recreate strategy.
import type { Rule } from '../core/rule';
import { objectLabel } from './helpers';

export const rule: Rule = {
	id: 'recreate-strategy',
	title: 'Deployment uses the Recreate strategy',
	category: 'Zero downtime',
	defaultSeverity: 'info',
	description: 'Flags a Deployment whose `spec.strategy.type` is `Recreate`.',
	rationale:
		'Recreate stops every old pod before starting any new one, so each rollout (a new image, a config change) is an outage lasting as long as the new pods take to become ready. It is sometimes needed, for example with a ReadWriteOnce volume, but it should be a deliberate choice.',
	remediation: 'Use `strategy.type: RollingUpdate` (the default); if Recreate is needed, for example because pods share a ReadWriteOnce volume, suppress the finding with a reason.',
	leavesAlone: 'Deployments with `RollingUpdate` or no strategy; StatefulSet and DaemonSet `updateStrategy` values such as `OnDelete`.',
	fixKind: '-',
	kinds: ['Deployment'],
	examples: {
		incorrect: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  strategy:
    type: Recreate
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
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxUnavailable: 0, maxSurge: 1}
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
	},
	check(ctx) {
		const { object } = ctx;
		const path = ['spec', 'strategy', 'type'];
		if (object.get(path) !== 'Recreate') return;
		ctx.report({
			range: object.valueRange(path),
			message: `${objectLabel(object)} uses the Recreate strategy: every rollout stops all pods before new ones start.`,
		});
	},
};
