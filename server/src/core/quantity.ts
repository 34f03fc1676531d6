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

// ---- exact comparison -----------------------------------------------------------------------------

/** A quantity as mantissa × 10^exp10 × 2^exp2, exact: binary floats would make `0.3` larger than `300m`. */
interface ExactQuantity {
	mantissa: bigint;
	exp10: number;
	exp2: number;
}

const DECIMAL_EXPONENT: Record<string, number> = { '': 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_EXPONENT: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

function exactQuantity(raw: unknown): ExactQuantity | null {
	// A YAML number is written back the way JavaScript prints it (`0.75`, `1e+21`), which the grammar accepts.
	const text = typeof raw === 'number' ? (Number.isFinite(raw) && raw >= 0 ? String(raw) : null) : typeof raw === 'string' ? raw : null;
	const m = text === null ? null : QUANTITY.exec(text);
	if (!m) return null;
	const [whole, fraction = ''] = m[1].split('.');
	const exact = { mantissa: BigInt(`${whole}${fraction}` || '0'), exp10: -fraction.length, exp2: 0 };
	if (m[2]) exact.exp10 += Number(m[2].slice(1));
	else if (m[3] && m[3] in BINARY_EXPONENT) exact.exp2 = BINARY_EXPONENT[m[3]];
	else exact.exp10 += DECIMAL_EXPONENT[m[3] ?? ''];
	return exact;
}

/** Exponent gaps beyond this are compared as floats: the values differ by far more than rounding. */
const MAX_EXACT_GAP = 1000;

/**
 * Compare two quantities numerically: negative when a < b, 0 when equal, positive when a > b; null when
 * either is not a valid quantity. Exact for every realistic value (`0.5` equals `500m`, `1Gi` > `1000Mi`).
 */
export function compareQuantities(a: unknown, b: unknown): number | null {
	const x = exactQuantity(a);
	const y = exactQuantity(b);
	if (!x || !y) return null;
	const gap10 = x.exp10 - y.exp10;
	const gap2 = x.exp2 - y.exp2;
	if (Math.abs(gap10) > MAX_EXACT_GAP || Math.abs(gap2) > MAX_EXACT_GAP) return Math.sign(parseQuantity(a)! - parseQuantity(b)!);
	let left = x.mantissa;
	let right = y.mantissa;
	if (gap10 > 0) left *= 10n ** BigInt(gap10);
	else right *= 10n ** BigInt(-gap10);
	if (gap2 > 0) left <<= BigInt(gap2);
	else right <<= BigInt(-gap2);
	return left < right ? -1 : left > right ? 1 : 0;
}

// ---- explaining a rejected quantity ---------------------------------------------------------------

const UNIT_LIST = 'm, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei';

/**
 * Why Kubernetes rejects `raw` as a request or limit, in a few words, or null when it is valid.
 * Spots the usual mistakes: a space before the unit, a negative value, a unit such as `MB` or `gb`.
 */
export function quantityProblem(raw: unknown): string | null {
	if (isValidQuantity(raw)) return null;
	if (typeof raw === 'number') return Number.isFinite(raw) ? 'quantities cannot be negative' : 'not a finite number';
	if (typeof raw !== 'string') return 'not a number or a string';
	if (raw.trim() === '') return 'empty';
	if (/\s/.test(raw)) return 'quantities contain no spaces';
	if (raw.startsWith('-') && isValidQuantity(raw.slice(1))) return 'quantities cannot be negative';
	const unit = /^\+?(\d+(?:\.\d*)?|\.\d+)([A-Za-z]+)$/.exec(raw);
	if (unit) {
		const [, number, suffix] = unit;
		const family = /^([kmgtpe])i?b?$/i.exec(suffix);
		if (family) {
			const letter = family[1].toUpperCase();
			const decimal = letter === 'K' ? 'k' : letter;
			return `unknown unit "${suffix}" (write ${number}${letter}i for binary or ${number}${decimal} for decimal units)`;
		}
		return `unknown unit "${suffix}" (units: ${UNIT_LIST})`;
	}
	return `not a number with an optional unit (${UNIT_LIST}) or exponent`;
}

/** Human reading of a quantity for hovers: `500m` = 0.5 CPU, `1Gi` = 1,073,741,824 bytes. */
export function describeQuantity(resource: string, raw: unknown): string | null {
	const n = parseQuantity(raw);
	if (n === null) return null;
	if (resource === 'cpu') return `${+n.toPrecision(6)} CPU (${+(n * 1000).toPrecision(6)} millicores)`;
	return `${Math.round(n).toLocaleString('en-US')} bytes`;
}
