// Kubernetes resource quantities (`500m`, `1Gi`, `1e3`): parsing to a number for comparison and
// normalisation, following the API server's grammar (k8s.io/apimachinery resource.Quantity).

const SUFFIX: Record<string, number> = {
	'': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
	Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

const QUANTITY = /^\+?((?:\d+(?:\.\d*)?)|(?:\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;

/**
 * The numeric value of a quantity (cores for cpu, bytes for memory), or null when Kubernetes would
 * reject it. Negative quantities are rejected, as resource validation does for requests and limits.
 */
export function parseQuantity(raw: unknown): number | null {
	if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? raw : null;
	if (typeof raw !== 'string') return null;
	const m = QUANTITY.exec(raw);
	if (!m) return null;
	const base = Number(m[1]);
	if (m[2]) return base * 10 ** Number(m[2].slice(1));
	return base * SUFFIX[m[3] ?? ''];
}

export function isValidQuantity(raw: unknown): boolean {
	return parseQuantity(raw) !== null;
}

/** Human reading of a quantity for hovers: `500m` = 0.5 CPU, `1Gi` = 1,073,741,824 bytes. */
export function describeQuantity(resource: string, raw: unknown): string | null {
	const n = parseQuantity(raw);
	if (n === null) return null;
	if (resource === 'cpu') return `${+n.toPrecision(6)} CPU (${+(n * 1000).toPrecision(6)} millicores)`;
	return `${Math.round(n).toLocaleString('en-US')} bytes`;
}
