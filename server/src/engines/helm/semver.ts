// Masterminds/semver v3 as Sprig's `semver` and `semverCompare` use it: loose versions ("v1.2", "1"),
// constraints with `,`/space AND and `||` OR, wildcards, `~`/`^`/hyphen ranges, and its pre-release rule
// (a pre-release version only satisfies a constraint that itself names a pre-release). Node's `semver`
// package differs on all of these, hence this small implementation.

import { goUint64, type GoNumber } from '../template';

const VERSION = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** A parsed version; its methods are what templates call (`(semver "1.2.3").Major`). */
export class SemverVersion {
	constructor(
		private readonly major: bigint,
		private readonly minor: bigint,
		private readonly patch: bigint,
		private readonly pre: string,
		private readonly metadata: string,
		private readonly original: string,
	) {}
	Major(): GoNumber {
		return goUint64(this.major);
	}
	Minor(): GoNumber {
		return goUint64(this.minor);
	}
	Patch(): GoNumber {
		return goUint64(this.patch);
	}
	Prerelease(): string {
		return this.pre;
	}
	Metadata(): string {
		return this.metadata;
	}
	Original(): string {
		return this.original;
	}
	String(): string {
		return `${this.major}.${this.minor}.${this.patch}${this.pre ? '-' + this.pre : ''}${this.metadata ? '+' + this.metadata : ''}`;
	}
	Compare(other: SemverVersion): bigint {
		return BigInt(compareVersions(this, other));
	}
	/** @internal */
	parts(): [bigint, bigint, bigint, string] {
		return [this.major, this.minor, this.patch, this.pre];
	}
}

export function parseSemver(text: string): SemverVersion {
	const v = tryParse(text);
	if (!v) throw new Error('Invalid Semantic Version');
	return v;
}

function tryParse(text: string): SemverVersion | undefined {
	const m = VERSION.exec(text);
	if (!m) return undefined;
	return new SemverVersion(BigInt(m[1]), m[2] ? BigInt(m[2].slice(1)) : 0n, m[3] ? BigInt(m[3].slice(1)) : 0n, m[5] ?? '', m[8] ?? '', text);
}

function comparePre(a: string, b: string): number {
	if (a === b) return 0;
	if (a === '') return 1;
	if (b === '') return -1;
	const pa = a.split('.');
	const pb = b.split('.');
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		if (i >= pa.length) return -1;
		if (i >= pb.length) return 1;
		const x = pa[i];
		const y = pb[i];
		if (x === y) continue;
		const xn = /^\d+$/.test(x);
		const yn = /^\d+$/.test(y);
		if (xn && yn) return BigInt(x) < BigInt(y) ? -1 : 1;
		if (xn) return -1;
		if (yn) return 1;
		return x < y ? -1 : 1;
	}
	return 0;
}

function compareVersions(a: SemverVersion, b: SemverVersion): number {
	const [am, an, ap, apre] = a.parts();
	const [bm, bn, bp, bpre] = b.parts();
	if (am !== bm) return am < bm ? -1 : 1;
	if (an !== bn) return an < bn ? -1 : 1;
	if (ap !== bp) return ap < bp ? -1 : 1;
	return comparePre(apre, bpre);
}

interface Constraint {
	op: string;
	version: SemverVersion;
	/** which parts were wildcards or missing: 1 = minor onwards, 2 = patch only, 0 = none */
	dirtyFrom: 0 | 1 | 2 | 3;
	hasPre: boolean;
}

const CONSTRAINT = /^\s*(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*(v?[0-9xX*]+(?:\.[0-9xX*]+)?(?:\.[0-9xX*]+)?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)\s*$/;

function parseConstraint(text: string, whole: string): Constraint {
	const m = CONSTRAINT.exec(text);
	if (!m) throw new Error(`improper constraint: ${whole}`);
	const op = m[1] === '=>' ? '>=' : m[1] === '=<' ? '<=' : m[1] === '~>' ? '~' : (m[1] ?? '');
	const raw = m[2].replace(/^v/, '');
	const [core] = raw.split(/[-+]/);
	const parts = core.split('.');
	const isWild = (p: string | undefined) => p === undefined || /^[xX*]$/.test(p);
	let dirtyFrom: Constraint['dirtyFrom'] = 0;
	if (isWild(parts[0])) dirtyFrom = 3;
	else if (isWild(parts[1])) dirtyFrom = 1;
	else if (isWild(parts[2])) dirtyFrom = 2;
	const fixed = [0, 1, 2].map((i) => (isWild(parts[i]) ? '0' : parts[i])).join('.') + raw.slice(core.length);
	const version = tryParse(fixed);
	if (!version) throw new Error(`improper constraint: ${whole}`);
	return { op, version, dirtyFrom, hasPre: version.Prerelease() !== '' };
}

function check(v: SemverVersion, c: Constraint): boolean {
	// != is the one operator that does not exclude pre-releases
	if (v.Prerelease() !== '' && !c.hasPre && c.op !== '!=') return false;
	const cmp = compareVersions(v, c.version);
	const [vm, vn] = v.parts();
	const [cm, cn] = c.version.parts();
	switch (c.op) {
		case '':
		case '=':
			if (c.dirtyFrom === 3) return true;
			if (c.dirtyFrom === 1) return vm === cm;
			if (c.dirtyFrom === 2) return vm === cm && vn === cn;
			return cmp === 0;
		case '!=':
			if (c.dirtyFrom === 3) return false;
			if (c.dirtyFrom === 1) return vm !== cm;
			if (c.dirtyFrom === 2) return vm !== cm || vn !== cn;
			return cmp !== 0;
		case '>':
			if (c.dirtyFrom === 3) return false;
			if (c.dirtyFrom === 1) return vm > cm;
			if (c.dirtyFrom === 2) return vm > cm || (vm === cm && vn > cn);
			return cmp > 0;
		case '<':
			return cmp < 0;
		case '>=':
			return cmp >= 0;
		case '<=':
			if (c.dirtyFrom === 3) return true;
			if (c.dirtyFrom === 1) return vm <= cm;
			if (c.dirtyFrom === 2) return vm < cm || (vm === cm && vn <= cn);
			return cmp <= 0;
		case '~': {
			if (cmp < 0) return false;
			if (c.dirtyFrom === 3) return true;
			if (vm !== cm) return false;
			if (c.dirtyFrom === 1) return true;
			return vn === cn;
		}
		case '^': {
			if (cmp < 0) return false;
			if (c.dirtyFrom === 3) return true;
			if (cm > 0n || c.dirtyFrom === 1) return vm === cm;
			if (vm !== 0n) return false;
			const [, , cp] = c.version.parts();
			if (cn > 0n || c.dirtyFrom === 2) return vn === cn;
			const [, , vp] = v.parts();
			return vn === 0n && vp === cp;
		}
	}
	return false;
}

/** Whether `version` satisfies `constraint`; errors as Masterminds words them. */
export function semverCompare(constraint: string, version: string): boolean {
	const groups = constraint.split('||').map((group) => {
		const text = group.trim();
		const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
		if (hyphen) return [parseConstraint('>=' + hyphen[1], constraint), parseConstraint('<=' + hyphen[2], constraint)];
		const pieces = text
			.replace(/(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)\s+/g, '$1')
			.split(/\s*,\s*|\s+/)
			.filter((p) => p !== '');
		if (pieces.length === 0) throw new Error(`improper constraint: ${constraint}`);
		return pieces.map((p) => parseConstraint(p, constraint));
	});
	const v = parseSemver(version);
	return groups.some((group) => group.every((c) => check(v, c)));
}
