// Go's time.Time and time.Duration as Sprig's date functions show them, in UTC only: `now` is a fixed
// instant (2024-01-01T00:00:00Z) so renders are deterministic; layouts follow Go's reference time
// "Mon Jan 2 15:04:05 MST 2006". Other zones are treated as UTC.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export class GoTime {
	constructor(readonly ms: number) {}
	static fromUnix(seconds: number): GoTime {
		return new GoTime(seconds * 1000);
	}
	add(ns: number): GoTime {
		return new GoTime(this.ms + ns / 1e6);
	}
	inZone(_zone: string): GoTime {
		return this;
	}
	Unix(): bigint {
		return BigInt(Math.floor(this.ms / 1000));
	}
	UnixNano(): bigint {
		return BigInt(Math.floor(this.ms)) * 1000000n;
	}
	Year(): bigint {
		return BigInt(new Date(this.ms).getUTCFullYear());
	}
	Format(layout: string): string {
		return formatGoDate(this, layout);
	}
	UTC(): GoTime {
		return this;
	}
	String(): string {
		return formatGoDate(this, '2006-01-02 15:04:05.999999999 -0700 MST');
	}
	/** Parses `text` with a Go layout (numeric fields only); undefined when it does not match. */
	static parse(layout: string, text: string): GoTime | undefined {
		const tokens = tokenize(layout);
		let pattern = '';
		const fields: string[] = [];
		for (const t of tokens) {
			if (t.literal !== undefined) pattern += t.literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			else {
				fields.push(t.token!);
				pattern += t.token === 'Jan' ? '([A-Z][a-z]{2})' : t.token === 'January' ? '([A-Z][a-z]+)' : t.token === 'MST' ? '([A-Z]{3,4})' : t.token!.startsWith('Z') || t.token!.startsWith('-0') ? '(Z|[-+]\\d\\d:?\\d\\d)' : t.token!.startsWith('.') ? '(\\.\\d+)?' : '(\\d+)';
			}
		}
		const m = new RegExp('^' + pattern + '$').exec(text);
		if (!m) return undefined;
		let year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0, frac = 0, offset = 0;
		fields.forEach((f, i) => {
			const v = m[i + 1] ?? '';
			if (f === '2006') year = Number(v);
			else if (f === '06') year = 2000 + Number(v);
			else if (f === '01' || f === '1') month = Number(v);
			else if (f === 'Jan') month = MONTHS.findIndex((x) => x.startsWith(v)) + 1;
			else if (f === 'January') month = MONTHS.indexOf(v) + 1;
			else if (f === '02' || f === '2' || f === '_2') day = Number(v);
			else if (f === '15' || f === '03' || f === '3') hour = Number(v);
			else if (f === '04' || f === '4') minute = Number(v);
			else if (f === '05' || f === '5') second = Number(v);
			else if (f.startsWith('.')) frac = v ? Number('0' + v) : 0;
			else if (f.startsWith('Z') || f.startsWith('-0')) {
				if (v !== 'Z') {
					const mm = /([-+])(\d\d):?(\d\d)/.exec(v)!;
					offset = (mm[1] === '-' ? -1 : 1) * (Number(mm[2]) * 60 + Number(mm[3]));
				}
			}
		});
		const ms = Date.UTC(year, month - 1, day, hour, minute, second) + frac * 1000 - offset * 60000;
		return new GoTime(ms);
	}
}

export const FIXED_NOW = new GoTime(Date.UTC(2024, 0, 1, 0, 0, 0));

interface LayoutToken {
	literal?: string;
	token?: string;
}

const LAYOUT_TOKENS = ['January', 'Jan', 'Monday', 'Mon', 'MST', '2006', '-07:00:00', '-0700', '-07:00', '-07', 'Z07:00', 'Z0700', 'Z07', '01', '02', '03', '04', '05', '06', '15', '_2', '1', '2', '3', '4', '5', 'PM', 'pm'];

function tokenize(layout: string): LayoutToken[] {
	const out: LayoutToken[] = [];
	let i = 0;
	let literal = '';
	outer: while (i < layout.length) {
		const frac = /^[.,](0+|9+)/.exec(layout.slice(i));
		if (frac && !/\d/.test(layout[i + frac[0].length] ?? '')) {
			if (literal) out.push({ literal });
			literal = '';
			out.push({ token: frac[0] });
			i += frac[0].length;
			continue;
		}
		for (const t of LAYOUT_TOKENS) {
			if (layout.startsWith(t, i)) {
				if (literal) out.push({ literal });
				literal = '';
				out.push({ token: t });
				i += t.length;
				continue outer;
			}
		}
		literal += layout[i++];
	}
	if (literal) out.push({ literal });
	return out;
}

function pad(n: number, width: number, ch = '0'): string {
	return String(n).padStart(width, ch);
}

/** time.Time.Format(layout) in UTC. */
export function formatGoDate(time: GoTime, layout: string): string {
	const d = new Date(time.ms);
	const nanos = Math.round((((time.ms % 1000) + 1000) % 1000) * 1e6);
	let out = '';
	for (const t of tokenize(layout)) {
		if (t.literal !== undefined) {
			out += t.literal;
			continue;
		}
		const h = d.getUTCHours();
		switch (t.token) {
			case 'January': out += MONTHS[d.getUTCMonth()]; break;
			case 'Jan': out += MONTHS[d.getUTCMonth()].slice(0, 3); break;
			case 'Monday': out += DAYS[d.getUTCDay()]; break;
			case 'Mon': out += DAYS[d.getUTCDay()].slice(0, 3); break;
			case 'MST': out += 'UTC'; break;
			case '2006': out += pad(d.getUTCFullYear(), 4); break;
			case '06': out += pad(d.getUTCFullYear() % 100, 2); break;
			case '01': out += pad(d.getUTCMonth() + 1, 2); break;
			case '1': out += String(d.getUTCMonth() + 1); break;
			case '02': out += pad(d.getUTCDate(), 2); break;
			case '2': out += String(d.getUTCDate()); break;
			case '_2': out += pad(d.getUTCDate(), 2, ' '); break;
			case '15': out += pad(h, 2); break;
			case '03': out += pad(h % 12 === 0 ? 12 : h % 12, 2); break;
			case '3': out += String(h % 12 === 0 ? 12 : h % 12); break;
			case '04': out += pad(d.getUTCMinutes(), 2); break;
			case '4': out += String(d.getUTCMinutes()); break;
			case '05': out += pad(d.getUTCSeconds(), 2); break;
			case '5': out += String(d.getUTCSeconds()); break;
			case 'PM': out += h >= 12 ? 'PM' : 'AM'; break;
			case 'pm': out += h >= 12 ? 'pm' : 'am'; break;
			case '-0700': out += '+0000'; break;
			case '-07:00': out += '+00:00'; break;
			case '-07': out += '+00'; break;
			case '-07:00:00': out += '+00:00:00'; break;
			case 'Z07:00':
			case 'Z0700':
			case 'Z07': out += 'Z'; break;
			default: {
				const token = t.token!;
				const digits = token.length - 1;
				const text = pad(nanos, 9).slice(0, digits);
				if (token[1] === '0') out += token[0] + text;
				else {
					const trimmed = pad(nanos, 9).slice(0, digits).replace(/0+$/, '');
					if (trimmed) out += token[0] + trimmed;
				}
			}
		}
	}
	return out;
}

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** time.ParseDuration in nanoseconds; undefined when invalid. */
export function parseDuration(text: string): number | undefined {
	const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(text);
	if (!m) return text === '0' ? 0 : undefined;
	let total = 0;
	for (const part of text.replace(/^[-+]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(part[1]) * UNIT_NS[part[2]];
	return m[1] === '-' ? -total : total;
}

/** time.Duration.String(). */
export function formatDuration(ns: number): string {
	if (ns === 0) return '0s';
	const negative = ns < 0;
	let rest = Math.abs(Math.round(ns));
	let out: string;
	if (rest < 1e9) {
		if (rest < 1e3) out = `${rest}ns`;
		else if (rest < 1e6) out = `${trimZeros(rest / 1e3)}µs`;
		else out = `${trimZeros(rest / 1e6)}ms`;
	} else {
		const hours = Math.floor(rest / 3600e9);
		rest -= hours * 3600e9;
		const minutes = Math.floor(rest / 60e9);
		rest -= minutes * 60e9;
		const seconds = trimZeros(rest / 1e9);
		out = hours > 0 ? `${hours}h${minutes}m${seconds}s` : minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
	}
	return (negative ? '-' : '') + out;
}

function trimZeros(n: number): string {
	return String(Number(n.toFixed(9)));
}
