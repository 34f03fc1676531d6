// The shared shape of the two "missing probe" rules: app containers of long-running workloads that
// lack a probe, with a quick fix built from the container's first declared port.
import type { ContainerRef } from '../core/k8s';
import type { RuleContext } from '../core/rule';
import type { FixPlan } from '../core/types';
import { containerLabel, probePort } from './helpers';

export type ProbeField = 'livenessProbe' | 'readinessProbe';

/** readinessProbe on a port named http, http-* or web is an HTTP GET on `/`; everything else is TCP. */
export function probeFix(container: ContainerRef, field: ProbeField): FixPlan | undefined {
	const port = probePort(container);
	if (port === undefined) return undefined;
	const http = field === 'readinessProbe' && typeof port === 'string' && /^(http|http-.*|web)$/.test(port);
	const probe = http ? { httpGet: { path: '/', port } } : { tcpSocket: { port } };
	return {
		title: `Add ${field} (${http ? `httpGet / on port ${port}` : `tcpSocket on port ${port}`})`,
		ops: [{ op: 'set', path: [...container.path, field], value: probe }],
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
