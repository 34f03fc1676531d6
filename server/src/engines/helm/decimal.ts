// shopspring/decimal as Sprig's float functions (addf, subf, mulf, divf) use it: each float64 taken at its
// shortest decimal text, exact sums and products, quotients rounded half away from zero at 16 decimal
// places, and the result read back as the nearest float64.

export class Decimal {
	private constructor(
		/** The value is digits * 10^exp. */
		readonly digits: bigint,
		readonly exp: number,
	) {}

	static fromFloat(f: number): Decimal {
		if (!Number.isFinite(f)) throw new Error(`Cannot create a Decimal from ${f}`);
		const [mantissa, expText] = f.toExponential().split('e');
		const negative = mantissa.startsWith('-');
		const [whole, fraction = ''] = mantissa.replace('-', '').split('.');
		const digits = BigInt(whole + fraction) * (negative ? -1n : 1n);
		return new Decimal(digits, Number(expText) - fraction.length);
	}

	private align(other: Decimal): [bigint, bigint, number] {
		const exp = Math.min(this.exp, other.exp);
		return [this.digits * 10n ** BigInt(this.exp - exp), other.digits * 10n ** BigInt(other.exp - exp), exp];
	}

	add(other: Decimal): Decimal {
		const [a, b, exp] = this.align(other);
		return new Decimal(a + b, exp);
	}

	sub(other: Decimal): Decimal {
		const [a, b, exp] = this.align(other);
		return new Decimal(a - b, exp);
	}

	mul(other: Decimal): Decimal {
		return new Decimal(this.digits * other.digits, this.exp + other.exp);
	}

	/** Quotient rounded half away from zero to 16 decimal places. */
	div(other: Decimal): Decimal {
		if (other.digits === 0n) throw new Error('decimal division by 0');
		const places = 16;
		// value = (a / b) * 10^(ea - eb); scale so the result has `places` decimals (plus one for rounding)
		const shift = places + 1 + (this.exp - other.exp);
		let numerator = this.digits;
		let denominator = other.digits;
		if (shift >= 0) numerator *= 10n ** BigInt(shift);
		else denominator *= 10n ** BigInt(-shift);
		let q = numerator / denominator;
		const negative = q < 0n;
		if (negative) q = -q;
		q = (q + 5n) / 10n;
		return new Decimal(negative ? -q : q, -places);
	}

	toFloat(): number {
		return Number(`${this.digits}e${this.exp}`);
	}
}
