// run-as-root: containers that may run as root (no effective runAsNonRoot: true, no effective runAsUser > 0).
import { WORKLOAD_KINDS } from '../core/k8s';
import type { Rule } from '../core/rule';
import type { FixPlan, Path } from '../core/types';
import { containerLabel } from './helpers';
import { effectiveSetting, EffectiveSetting, isWindowsPod, oncePerRange } from './securityHelpers';

const setNonRoot = (path: Path, where: string): FixPlan => ({ title: `Set runAsNonRoot: true in the ${where} securityContext`, ops: [{ op: 'set', path, value: true }] });

export const rule: Rule = {
	id: 'run-as-root',
	title: 'Container may run as root',
	category: 'Container security',
	defaultSeverity: 'warning',
	description:
		'Flags a container (init containers and native sidecars included) that may run as root: its effective `runAsNonRoot` is not `true` and its effective `runAsUser` is not above 0. Pod-level values are inherited; a container value overrides them.',
	rationale:
		'Most images default to UID 0. Root in a container is root on the node as far as the kernel is concerned for everything the namespaces do not isolate: a container escape or a writable host mount then hands over the node. `runAsNonRoot: true` makes the kubelet refuse to start a container that would run as UID 0.',
	remediation: 'Set `runAsNonRoot: true` (and a non-zero `runAsUser` when the image has no non-root user) in the pod or container `securityContext`.',
	leavesAlone:
		'Containers whose effective `runAsNonRoot` is `true`, or whose effective `runAsUser` is above 0 (even next to `runAsNonRoot: false`). A bad pod-level value (`runAsNonRoot: false`, `runAsUser: 0`) is reported once, at that value, not once per container; the fix for a pod-level `runAsNonRoot: false` sets it to `true` there. An explicit `runAsUser: 0` (pod or container) gets no quick fix: adding `runAsNonRoot: true` next to it would only stop the container from starting, so the user must pick a UID. Windows pods (`spec.os.name: windows`) are skipped: they choose their user with `windowsOptions.runAsUserName`. The image\'s own USER is not known to the linter.',
	fixKind: 'Q',
	fixSafety: 'unsafe',
	kinds: WORKLOAD_KINDS,
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
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
`,
	},
	check(ctx) {
		const { object } = ctx;
		if (isWindowsPod(object)) return;
		const report = oncePerRange(ctx);
		for (const container of object.containers()) {
			const nonRoot = effectiveSetting(object, container, 'runAsNonRoot');
			const user = effectiveSetting(object, container, 'runAsUser');
			if (nonRoot.value === true) continue;
			if (typeof user.value === 'number' && user.value > 0) continue;
			// An explicit bad value (RULES.md range case 1): runAsUser: 0 is decisive; runAsNonRoot: false next.
			const culprit: { setting: EffectiveSetting; field: string } | undefined =
				user.value === 0 ? { setting: user, field: 'runAsUser' } : nonRoot.value === false ? { setting: nonRoot, field: 'runAsNonRoot' } : undefined;
			if (culprit?.setting.path) {
				const atPod = culprit.setting.level === 'pod';
				const value = String(culprit.setting.value);
				const outcome = culprit.field === 'runAsUser' ? 'runs as root' : 'may run as root';
				const fix = culprit.field === 'runAsNonRoot' ? setNonRoot(culprit.setting.path, atPod ? 'pod' : 'container') : undefined;
				report({
					range: object.valueRange(culprit.setting.path),
					message: atPod
						? `The pod securityContext sets ${culprit.field}: ${value}: every container that does not override it ${outcome}.`
						: `${containerLabel(container)} sets ${culprit.field}: ${value}: it ${outcome}.`,
					fix,
				});
				continue;
			}
			report({
				range: object.containerRange(container),
				message: `${containerLabel(container)} may run as root: neither it nor the pod sets runAsNonRoot: true or a runAsUser above 0.`,
				fix: setNonRoot([...container.path, 'securityContext', 'runAsNonRoot'], 'container'),
			});
		}
	},
};
