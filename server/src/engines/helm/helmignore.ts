// .helmignore as Helm's ignore package reads it: one pattern per line, `#` comments, `!` negation,
// a trailing `/` for folders only, patterns without `/` matched against the base name, others against the
// chart-relative path, with Go's filepath.Match syntax; plus Helm's default rule `templates/.?*`.

/** Go's path.Match: `*` and `?` never cross `/`, `[...]` classes with ranges and `^`/`!` negation. */
export function goPathMatch(pattern: string, name: string): boolean {
	let source = '^';
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i];
		if (c === '*') source += '[^/]*';
		else if (c === '?') source += '[^/]';
		else if (c === '\\' && i + 1 < pattern.length) source += '\\' + pattern[++i];
		else if (c === '[') {
			const end = pattern.indexOf(']', i + 2);
			if (end < 0) return false;
			let body = pattern.slice(i + 1, end);
			if (body.startsWith('^') || body.startsWith('!')) body = '^' + body.slice(1);
			source += `[${body.replace(/\\/g, '\\\\')}]`;
			i = end;
		} else source += c.replace(/[.+^${}()|\]\\/]/g, '\\$&');
	}
	try {
		return new RegExp(source + '$').test(name);
	} catch {
		return false;
	}
}

interface Rule {
	pattern: string;
	negate: boolean;
	mustDir: boolean;
}

export class HelmIgnore {
	private readonly rules: Rule[] = [];

	constructor(text: string, withDefaults = true) {
		for (const raw of [...text.split(/\r?\n/), ...(withDefaults ? ['templates/.?*'] : [])]) {
			let line = raw.trim();
			if (line === '' || line.startsWith('#')) continue;
			if (line.includes('**')) continue; // Helm rejects `**`; the rule has no effect
			const negate = line.startsWith('!');
			if (negate) line = line.slice(1);
			const mustDir = line.endsWith('/');
			if (mustDir) line = line.slice(0, -1);
			if (line.startsWith('/')) line = line.slice(1);
			this.rules.push({ pattern: line, negate, mustDir });
		}
	}

	private matches(rule: Rule, path: string): boolean {
		if (!rule.pattern.includes('/')) return goPathMatch(rule.pattern, path.slice(path.lastIndexOf('/') + 1));
		return goPathMatch(rule.pattern, path);
	}

	/** The last rule that matches decides (a `!` rule keeps what an earlier rule ignored). */
	private ignoresEntry(path: string, isDir: boolean): boolean {
		let ignored = false;
		for (const rule of this.rules) {
			if (rule.mustDir && !isDir) continue;
			if (this.matches(rule, path)) ignored = !rule.negate;
		}
		return ignored;
	}

	/** Whether a chart-relative file path is ignored (itself or one of its folders). */
	ignores(path: string): boolean {
		const parts = path.split('/');
		for (let i = 1; i < parts.length; i++) if (this.ignoresEntry(parts.slice(0, i).join('/'), true)) return true;
		return this.ignoresEntry(path, false);
	}
}
