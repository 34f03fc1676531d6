// The shared shape of the two "missing probe" rules: app containers of long-running workloads that
// lack a probe, with a quick fix built from the container's first declared TCP port. The two fixes never
// produce identical probes (identical-probes), whether applied one by one or together: the liveness
// probe is always more lenient (an explicit failureThreshold twice the readiness probe's), and a
// readiness probe that would equal an existing liveness probe checks more often instead.
import type { ContainerRef } from '../core/k8s';
import { isPlainObject } from '../core/k8s';
import type { RuleContext } from '../core/rule';
import type { FixPlan, Path } from '../core/types';
import { deepEqual } from '../core/fix/values';
import { containerLabel, probePort } from './helpers';

export type ProbeField = 'livenessProbe' | 'readinessProbe';

/** Kubernetes' default `failureThreshold` and `periodSeconds` of a probe. */
const DEFAULT_FAILURE_THRESHOLD = 3;
const DEFAULT_PERIOD_SECONDS = 10;

function positiveInteger(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The container's other probe, when it has one written as a map. */
function otherProbe(container: ContainerRef, field: ProbeField): Record<string, unknown> | undefined {
	const other = container.value[field === 'livenessProbe' ? 'readinessProbe' : 'livenessProbe'];
	return isPlainObject(other) ? other : undefined;
}

/**
 * readinessProbe on a port named http, http-* or web is an HTTP GET on `/`; everything else is TCP.
 * The port, the HTTP path and the thresholds it sets are the user's to choose (snippet placeholders).
 */
export function probeFix(container: ContainerRef, field: ProbeField): FixPlan | undefined {
	const port = probePort(container);
	if (port === undefined) return undefined;
	const http = field === 'readinessProbe' && typeof port === 'string' && /^(http|http-.*|web)$/.test(port);
	const probe: Record<string, unknown> = http ? { httpGet: { path: '/', port } } : { tcpSocket: { port } };
	const at: Path = [...container.path, field];
	const placeholders: Path[] = http ? [[...at, 'httpGet', 'path'], [...at, 'httpGet', 'port']] : [[...at, 'tcpSocket', 'port']];
	const other = otherProbe(container, field);
	const details: string[] = [];
	if (field === 'livenessProbe') {
		// Liveness gives up later than readiness: an overloaded pod leaves the Service before it is restarted.
		probe.failureThreshold = 2 * (positiveInteger(other?.failureThreshold) ?? DEFAULT_FAILURE_THRESHOLD);
		placeholders.push([...at, 'failureThreshold']);
		details.push(`failureThreshold ${probe.failureThreshold}`);
	} else if (other && deepEqual(probe, other)) {
		// The same check as the written liveness probe: check readiness more often, so they differ.
		const period = positiveInteger(other.periodSeconds) ?? DEFAULT_PERIOD_SECONDS;
		probe.periodSeconds = period > 1 ? Math.ceil(period / 2) : 2;
		placeholders.push([...at, 'periodSeconds']);
		details.push(`periodSeconds ${probe.periodSeconds}`);
	}
	const handler = http ? `httpGet / on port ${port}` : `tcpSocket on port ${port}`;
	return {
		title: `Add ${field} (${[handler, ...details].join(', ')})`,
		ops: [{ op: 'set', path: at, value: probe }],
		placeholders,
	};
}

export function checkMissingProbe(ctx: RuleContext, field: ProbeField, consequence: string): void {
	const { object } = ctx;
	if (!object.isLongRunning) return;
	for (const container of object.appContainers()) {
		if (container.value[field] !== undefined && container.value[field] !== null) continue;
		ctx.report({
			range: object.containerRange(container),
			message: `${containerLabel(container)} has no ${field}: ${consequence}`,
			fix: probeFix(container, field),
		});
	}
}
