// RuleTester in the spirit of ESLint's: valid and invalid cases for one rule, with exact start
// positions (1-based line and column) and message fragments, linted through the real core. Cases may
// span several files (a workspace) and carry configuration.
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, mergeConfig, PartialConfig } from '../../server/src/core/config';
import { LineIndex } from '../../server/src/core/lines';
import type { Finding } from '../../server/src/core/types';
import { lintInputs } from '../../server/src/engine';
import { RULES_BY_ID } from '../../server/src/rules';

export interface ExpectedFinding {
	line: number;
	column?: number;
	/** Substring the message must contain. */
	message?: string;
	severity?: Finding['severity'];
	/** Whether a fix must (true) or must not (false) be offered. */
	fixable?: boolean;
}

export interface RuleCase {
	name?: string;
	/** The manifest under test (file `main.yaml`). */
	code: string;
	/** Other files of the workspace, by name. */
	others?: Record<string, string>;
	config?: PartialConfig;
}

export interface InvalidCase extends RuleCase {
	errors: ExpectedFinding[];
}

/** Lint `code` (plus `others`) and return this rule's findings in main.yaml with 1-based positions. */
export function findingsFor(ruleId: string, c: RuleCase): (Finding & { line: number; column: number })[] {
	const inputs = [{ file: 'main.yaml', text: c.code }, ...Object.entries(c.others ?? {}).map(([file, text]) => ({ file, text }))];
	const result = lintInputs(inputs, () => c.config)[0];
	const lines = new LineIndex(c.code);
	return result.findings
		.filter((f) => f.ruleId === ruleId)
		.map((f) => {
			const p = lines.position(f.range.start);
			return { ...f, line: p.line + 1, column: p.character + 1 };
		});
}

export function ruleTester(ruleId: string, cases: { valid: (RuleCase | string)[]; invalid: InvalidCase[] }): void {
	describe(`rule ${ruleId}`, () => {
		it('is registered', () => assert.ok(RULES_BY_ID.get(ruleId), `${ruleId} is not in the registry`));
		cases.valid.forEach((raw, i) => {
			const c = typeof raw === 'string' ? { code: raw } : raw;
			it(`valid: ${c.name ?? `case ${i + 1}`}`, () => {
				const got = findingsFor(ruleId, c);
				assert.deepEqual(got.map((f) => `${f.line}:${f.column} ${f.message}`), []);
			});
		});
		cases.invalid.forEach((c, i) => {
			it(`invalid: ${c.name ?? `case ${i + 1}`}`, () => {
				const got = findingsFor(ruleId, c);
				assert.equal(got.length, c.errors.length, `expected ${c.errors.length} findings, got:\n${got.map((f) => `  ${f.line}:${f.column} ${f.message}`).join('\n')}`);
				c.errors.forEach((want, j) => {
					const f = got[j];
					assert.equal(f.line, want.line, `finding ${j + 1} line (${f.message})`);
					if (want.column !== undefined) assert.equal(f.column, want.column, `finding ${j + 1} column`);
					if (want.message !== undefined) assert.ok(f.message.includes(want.message), `finding ${j + 1} message "${f.message}" lacks "${want.message}"`);
					if (want.severity !== undefined) assert.equal(f.severity, want.severity, `finding ${j + 1} severity`);
					if (want.fixable !== undefined) assert.equal(f.fix !== undefined, want.fixable, `finding ${j + 1} fixable`);
				});
			});
		});
	});
}

export { DEFAULT_CONFIG, mergeConfig };
