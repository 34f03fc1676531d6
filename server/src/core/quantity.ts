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

// ---- describing a quantity ------------------------------------------------------------------------

/** Resources measured in bytes; every other resource but cpu is a plain count (GPUs, pods). */
export function isByteResource(resource: string): boolean {
	return resource === 'memory' || resource === 'ephemeral-storage' || resource === 'storage' || resource.startsWith('hugepages-');
}

/** Decimal exponents beyond this are written as floats: nobody requests 10^40 bytes on purpose. */
const MAX_WRITTEN_EXPONENT = 40;

/** mantissa × 10^exp10 written out in decimal, exactly: `digits(25n, -2)` = `0.25`. */
function decimalDigits(mantissa: bigint, exp10: number): string {
	if (exp10 >= 0) return (mantissa * 10n ** BigInt(exp10)).toString();
	const digits = mantissa.toString().padStart(-exp10 + 1, '0');
	const whole = digits.slice(0, exp10);
	const fraction = digits.slice(exp10).replace(/0+$/, '');
	return fraction ? `${whole}.${fraction}` : whole;
}

function groupThousands(decimal: string): string {
	const [whole, fraction] = decimal.split('.');
	const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return fraction ? `${grouped}.${fraction}` : grouped;
}

const BINARY_UNITS: [string, bigint][] = [['EiB', 2n ** 60n], ['PiB', 2n ** 50n], ['TiB', 2n ** 40n], ['GiB', 2n ** 30n], ['MiB', 2n ** 20n], ['KiB', 2n ** 10n]];

/** A byte count in the largest binary unit it reaches: `1 GiB`, `about 953.67 MiB`. */
function binaryReading(bytes: bigint): string | null {
	const unit = BINARY_UNITS.find(([, size]) => bytes >= size);
	if (!unit) return null;
	const [name, size] = unit;
	if (bytes % size === 0n) return `${groupThousands((bytes / size).toString())} ${name}`;
	return `about ${(Number((bytes * 100n) / size) / 100).toLocaleString('en-US')} ${name}`;
}

/**
 * Human reading of a quantity for hovers: `500m` = 0.5 CPU (500 millicores), `1Gi` = 1,073,741,824
 * bytes, `1G` = 1,000,000,000 bytes (about 953.67 MiB). Computed exactly (no float rounding), and it
 * points out the classic slip of `m` (milli) on a byte resource: `memory: 500m` is half a byte.
 */
export function describeQuantity(resource: string, raw: unknown): string | null {
	const exact = exactQuantity(raw);
	if (!exact) return null;
	const mantissa = exact.mantissa << BigInt(exact.exp2);
	if (Math.abs(exact.exp10) > MAX_WRITTEN_EXPONENT) {
		const n = parseQuantity(raw)!;
		return resource === 'cpu' ? `${n} CPU` : isByteResource(resource) ? `${n} bytes` : String(n);
	}
	if (resource === 'cpu') {
		const cores = decimalDigits(mantissa, exact.exp10);
		const millicores = decimalDigits(mantissa, exact.exp10 + 3);
		const finer = millicores.includes('.') ? '; Kubernetes has no cpu precision finer than 1m' : '';
		return `${cores} CPU (${millicores} millicores${finer})`;
	}
	if (!isByteResource(resource)) return decimalDigits(mantissa, exact.exp10);
	const bytes = decimalDigits(mantissa, exact.exp10);
	if (bytes.includes('.')) {
		const milli = typeof raw === 'string' && raw.endsWith('m') ? ` (\`m\` is milli, a thousandth: for mebibytes write \`${raw.slice(0, -1)}Mi\`, for megabytes \`${raw.slice(0, -1)}M\`)` : '';
		return `${bytes} bytes: a fraction of a byte, rounded up to a whole byte${milli}`;
	}
	const written = typeof raw === 'string' ? raw : String(raw);
	// `1Gi` already says 1 GiB; a decimal or plain number gains the binary reading operators compare against.
	const binary = /i$/.test(written) ? null : binaryReading(BigInt(bytes));
	return `${groupThousands(bytes)} ${bytes === '1' ? 'byte' : 'bytes'}${binary ? ` (${binary})` : ''}`;
}
