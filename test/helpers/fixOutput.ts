// The text a rule's quick fix produces, through the real fix engine (render, verify, apply), so rule
// tests can pin the exact output as ESLint's RuleTester does.
import { applyEdits, findingFixEdits } from '../../server/src/core/fix';
import { analyzeFile } from '../../server/src/core/linter';
import { findingsFor, RuleCase } from './ruleTester';

/** `code` after applying the fix of the rule's `index`-th finding; null when the fix does not verify. */
export function fixedText(ruleId: string, c: RuleCase, index = 0): string | null {
	const finding = findingsFor(ruleId, c)[index];
	if (!finding?.fix) throw new Error(`${ruleId}: finding ${index + 1} has no fix`);
	const edits = findingFixEdits(analyzeFile('main.yaml', c.code), finding);
	return edits ? applyEdits(c.code, edits) : null;
}
