// Go regular expressions (RE2 syntax) on JavaScript's engine: the pattern is translated token by token
// into an equivalent `u`-flag RegExp, and what RE2 rejects (lookaround, backreferences, atomic groups,
// possessive quantifiers, repeat counts over 1000) is rejected with Go's error text. Written here
// because no library maps RE2 syntax onto JavaScript RegExp with Go's errors.

export class Re2Error extends Error {}

const POSIX_CLASSES: Record<string, string> = {
	alnum: '0-9A-Za-z',
	alpha: 'A-Za-z',
	ascii: '\\x00-\\x7F',
	blank: '\\t ',
	cntrl: '\\x00-\\x1F\\x7F',
	digit: '0-9',
	graph: '!-~',
	lower: 'a-z',
	print: ' -~',
	punct: '!-\\/:-@\\[-`{-~',
	space: '\\t\\n\\v\\f\\r ',
	upper: 'A-Z',
	word: '0-9A-Za-z_',
	xdigit: '0-9A-Fa-f',
};

const PERL_CLASSES: Record<string, string> = { d: '0-9', s: '\\t\\n\\f\\r ', w: '0-9A-Za-z_' };

function fail(pattern: string, message: string): never {
	throw new Re2Error(`error parsing regexp: ${message}`);
}

/** A literal character as u-mode RegExp syntax: outside a class `-` needs no escape (and may not have one). */
function escapeLiteral(ch: string, inClass = false): string {
	if (inClass) return /[\\\]\[^-]/.test(ch) ? '\\' + ch : ch;
	return /[\\^$.*+?()[\]{}|/]/.test(ch) ? '\\' + ch : ch;
}

/** A JavaScript RegExp with the semantics of Go's regexp.Compile(pattern). */
export function compileRe2(pattern: string, extraFlags = ''): RegExp {
	let flags = 'u' + extraFlags;
	let out = '';
	let i = 0;
	const chars = Array.from(pattern);
	let groupDepth = 0;
	const peek = (k = 0) => chars[i + k];
	const readEscape = (inClass: boolean): string => {
		// chars[i] is the backslash
		const c = chars[i + 1];
		if (c === undefined) fail(pattern, 'trailing backslash at end of expression: ``');
		i += 2;
		if (/[1-9]/.test(c)) fail(pattern, `invalid escape sequence: \`\\${c}\``);
		if (c === '0') {
			let digits = '';
			while (digits.length < 2 && /[0-7]/.test(chars[i] ?? '')) digits += chars[i++];
			return `\\x{${parseInt(digits || '0', 8).toString(16)}}`.replace(/^\\x\{(.*)\}$/, '\\u{$1}');
		}
		switch (c) {
			case 'd':
			case 's':
			case 'w':
				return inClass ? PERL_CLASSES[c] : `[${PERL_CLASSES[c]}]`;
			case 'D':
			case 'S':
			case 'W':
				if (inClass) fail(pattern, `invalid character class range: \`\\${c}\``);
				return `[^${PERL_CLASSES[c.toLowerCase()]}]`;
			case 'b':
			case 'B':
				if (inClass) fail(pattern, `invalid escape sequence: \`\\${c}\``);
				return '\\' + c;
			case 'A':
				return '^';
			case 'z':
				return '$(?![\\s\\S])';
			case 'a':
				return '\\x07';
			case 'f':
			case 'n':
			case 'r':
			case 't':
			case 'v':
				return '\\' + c;
			case 'x': {
				if (chars[i] === '{') {
					const end = chars.indexOf('}', i);
					if (end < 0) fail(pattern, `invalid escape sequence: \`\\x{\``);
					const hex = chars.slice(i + 1, end).join('');
					i = end + 1;
					if (!/^[0-9a-fA-F]+$/.test(hex) || parseInt(hex, 16) > 0x10ffff) fail(pattern, `invalid escape sequence: \`\\x{${hex}}\``);
					return `\\u{${hex}}`;
				}
				const hex = (chars[i] ?? '') + (chars[i + 1] ?? '');
				if (!/^[0-9a-fA-F]{2}$/.test(hex)) fail(pattern, `invalid escape sequence: \`\\x${hex}\``);
				i += 2;
				return `\\x${hex}`;
			}
			case 'p':
			case 'P': {
				let name: string;
				if (chars[i] === '{') {
					const end = chars.indexOf('}', i);
					if (end < 0) fail(pattern, `invalid character class range: \`\\${c}{\``);
					name = chars.slice(i + 1, end).join('');
					i = end + 1;
				} else {
					name = chars[i++] ?? '';
				}
				let negate = c === 'P';
				if (name.startsWith('^')) {
					negate = !negate;
					name = name.slice(1);
				}
				const js = name === 'Any' ? '\\s\\S' : undefined;
				if (js) return inClass ? js : `[${js}]`;
				return `\\${negate ? 'P' : 'p'}{${name.length <= 2 ? name : name.length > 2 ? `Script=${name}` : name}}`;
			}
			case 'Q': {
				let literal = '';
				while (i < chars.length && !(chars[i] === '\\' && chars[i + 1] === 'E')) literal += escapeLiteral(chars[i++]);
				if (i < chars.length) i += 2;
				return literal;
			}
			case 'C':
				fail(pattern, 'invalid escape sequence: `\\C`');
		}
		if (/[!-/:-@[-`{-~]/.test(c)) return escapeLiteral(c, inClass);
		fail(pattern, `invalid escape sequence: \`\\${c}\``);
	};
	const readClass = (): string => {
		// chars[i] is '['
		const start = i;
		i++;
		let body = '';
		if (chars[i] === '^') {
			body += '^';
			i++;
		}
		let first = true;
		while (i < chars.length && (chars[i] !== ']' || first)) {
			first = false;
			const c = chars[i];
			if (c === '[' && chars[i + 1] === ':') {
				const end = pattern.indexOf(':]', chars.slice(0, i).join('').length);
				const close = chars.slice(i).join('').indexOf(':]');
				void end;
				if (close > 0) {
					let name = chars.slice(i + 2, i + close).join('');
					const negate = name.startsWith('^');
					if (negate) name = name.slice(1);
					const cls = POSIX_CLASSES[name];
					if (!cls) fail(pattern, `invalid character class range: \`[:${name}:]\``);
					if (negate) fail(pattern, `invalid character class range: \`[:^${name}:]\``);
					body += cls;
					i += close + 2;
					continue;
				}
			}
			if (c === '\\') {
				body += readEscape(true);
				continue;
			}
			body += c === '-' || c === '^' ? c : escapeLiteral(c, true);
			i++;
		}
		if (i >= chars.length) fail(pattern, `missing closing ]: \`${chars.slice(start).join('')}\``);
		i++;
		return `[${body}]`;
	};
	let lastWasRepeat = false;
	let nonGreedy = false;
	let atomPresent = false;
	while (i < chars.length) {
		const c = peek();
		if (c === '\\') {
			out += readEscape(false);
			lastWasRepeat = false;
			atomPresent = true;
			continue;
		}
		if (c === '[') {
			out += readClass();
			lastWasRepeat = false;
			atomPresent = true;
			continue;
		}
		if (c === '(') {
			if (peek(1) === '?') {
				const rest = chars.slice(i).join('');
				let m: RegExpExecArray | null;
				if ((m = /^\(\?P?<([A-Za-z0-9_]+)>/.exec(rest))) {
					out += `(?<${m[1]}>`;
					i += Array.from(m[0]).length;
				} else if ((m = /^\(\?([imsU]*)(?:-([imsU]*))?\)/.exec(rest)) && (m[1] || m[2] !== undefined)) {
					if (out !== '' || m[2] || m[1].includes('U')) {
						if (m[1].includes('U') || m[2]) fail(pattern, `invalid or unsupported Perl syntax: \`${m[0].slice(0, 3)}\``);
					}
					for (const f of m[1]) if (!flags.includes(f)) flags += f;
					i += m[0].length;
					continue;
				} else if ((m = /^\(\?([ims]*)(?:-([ims]*))?:/.exec(rest)) && (m[1] || m[2])) {
					fail(pattern, `invalid or unsupported Perl syntax: \`${m[0].slice(0, 3)}\``);
				} else if (rest.startsWith('(?:')) {
					out += '(?:';
					i += 3;
				} else {
					fail(pattern, `invalid or unsupported Perl syntax: \`${rest.slice(0, 3)}\``);
				}
			} else {
				out += '(';
				i++;
			}
			groupDepth++;
			lastWasRepeat = false;
			atomPresent = false;
			continue;
		}
		if (c === ')') {
			if (groupDepth === 0) fail(pattern, `unexpected ): \`${pattern}\``);
			groupDepth--;
			out += ')';
			i++;
			lastWasRepeat = false;
			atomPresent = true;
			continue;
		}
		if (c === '*' || c === '+' || c === '?') {
			// after a repetition only one `?` (non-greedy) may follow
			if (lastWasRepeat && (c !== '?' || out.endsWith('?') && nonGreedy)) fail(pattern, `invalid nested repetition operator: \`${chars.slice(i - 1, i + 1).join('')}\``);
			if (!atomPresent) fail(pattern, `missing argument to repetition operator: \`${c}\``);
			nonGreedy = lastWasRepeat;
			out += c;
			i++;
			lastWasRepeat = true;
			continue;
		}
		if (c === '{') {
			const m = /^\{(\d+)(,(\d*))?\}/.exec(chars.slice(i).join(''));
			if (m && atomPresent) {
				const min = Number(m[1]);
				const max = m[3] ? Number(m[3]) : min;
				if (min > 1000 || max > 1000 || (m[3] && max < min)) fail(pattern, `invalid repeat count: \`${m[0]}\``);
				if (lastWasRepeat) fail(pattern, `invalid nested repetition operator: \`${m[0]}\``);
				out += m[0];
				i += m[0].length;
				lastWasRepeat = true;
				nonGreedy = false;
				continue;
			}
			out += '\\{';
			i++;
			lastWasRepeat = false;
			atomPresent = true;
			continue;
		}
		if (c === '}' || c === ']' || c === '/') {
			out += '\\' + c;
			i++;
			lastWasRepeat = false;
			atomPresent = true;
			continue;
		}
		if (c === '|') {
			out += c;
			i++;
			lastWasRepeat = false;
			atomPresent = false;
			continue;
		}
		if (c === '^' || c === '$') {
			out += c === '$' && !flags.includes('m') ? '$(?![\\s\\S])' : c;
			i++;
			lastWasRepeat = false;
			atomPresent = true;
			continue;
		}
		out += c === '.' ? (flags.includes('s') ? '[\\s\\S]' : '[^\\n]') : c;
		i++;
		lastWasRepeat = false;
		atomPresent = true;
	}
	if (groupDepth > 0) fail(pattern, `missing closing ): \`${pattern}\``);
	flags = flags.replace('s', '');
	try {
		return new RegExp(out, flags);
	} catch (e) {
		fail(pattern, `invalid regexp: \`${pattern}\` (${(e as Error).message})`);
	}
}

/** Go's regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
	return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** Go's Regexp.Expand template syntax ($1, ${1}, $name, ${name}, $$) against one match. */
export function expandReplacement(template: string, match: RegExpExecArray): string {
	return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (_all, dollar: string, braced?: string, bare?: string) => {
		if (dollar === '$') return '$';
		const name = braced ?? bare ?? '';
		if (/^\d+$/.test(name)) return match[Number(name)] ?? '';
		return match.groups?.[name] ?? '';
	});
}
