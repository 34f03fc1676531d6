// capabilities-not-dropped: containers whose capabilities.drop does not contain ALL.
import { WORKLOAD_KINDS } from '../core/k8s';
import type { Rule } from '../core/rule';
import { containerLabel } from './helpers';
import { capabilityName, containerSecurityContext, isWindowsPod, oncePerRange, stringItems } from './securityHelpers';

export const rule: Rule = {
	id: 'capabilities-not-dropped',
	title: 'Container does not drop all capabilities',
	category: 'Container security',
	defaultSeverity: 'info',
	description: 'Flags a container (init containers and native sidecars included) whose `securityContext.capabilities.drop` does not contain `ALL`.',
	rationale:
		'Container runtimes grant a default set of capabilities (NET_RAW, CHOWN, SETUID, DAC_OVERRIDE and more) that most applications never use; NET_RAW alone allows packet spoofing inside the cluster network. Dropping ALL and adding back only what is needed shrinks what an intruder can do.',
	remediation: 'Set `securityContext.capabilities.drop: [ALL]` and list the capabilities the process really needs under `capabilities.add`.',
	leavesAlone:
		'Containers whose `drop` list contains `ALL` (case-insensitive, as the runtimes read it), whatever they add back. A `drop` list without `ALL` is reported on its `drop` key; an absent one on the container\'s name. The quick fix replaces an existing `drop` list with `[ALL]`, which already drops everything it listed. Windows pods (`spec.os.name: windows`) are skipped: capabilities are rejected there.',
	fixKind: 'Q',
	fixSafety: 'unsafe',
	kinds: WORKLOAD_KINDS,
	examples: {
		incorrect: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: ghcr.io/acme/api:2.3.0
      securityContext:
        capabilities:
          drop: [NET_RAW]
`,
		correct: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: ghcr.io/acme/api:2.3.0
      securityContext:
        capabilities:
          drop: [ALL]
`,
	},
	check(ctx) {
		const { object } = ctx;
		if (isWindowsPod(object)) return;
		const report = oncePerRange(ctx);
		for (const container of object.containers()) {
			const drop = containerSecurityContext(container).capabilities?.drop;
			if (stringItems(drop).some(({ item }) => capabilityName(item) === 'ALL')) continue;
			const path = [...container.path, 'securityContext', 'capabilities', 'drop'];
			const label = containerLabel(container);
			if (drop !== undefined && drop !== null) {
				report({
					range: object.keyRange(path),
					message: `${label} drops some capabilities but not ALL: it keeps the runtime's other default capabilities.`,
					fix: { title: 'Replace capabilities.drop with [ALL]', ops: [{ op: 'set', path, value: ['ALL'] }] },
				});
			} else {
				report({
					range: object.containerRange(container),
					message: `${label} does not drop capabilities: it keeps the runtime's default set (NET_RAW, CHOWN, SETUID and more).`,
					fix: { title: 'Set capabilities.drop: [ALL]', ops: [{ op: 'set', path, value: ['ALL'] }] },
				});
			}
		}
	},
};
