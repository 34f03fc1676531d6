// "Ignore <rule-id> for this object": the suppression annotation added to the object's own
// metadata.annotations (created when missing), rendered and verified like any other fix.
import type { K8sObject } from '../k8s';
import type { FileAnalysis } from '../linter';
import type { FixPlan } from '../types';
import type { TextEdit } from './edits';
import { planToEdits } from './planEdits';

/** The reason the annotation gets until the author writes one; reviewers can grep for it. */
export const IGNORE_REASON_PLACEHOLDER = 'TODO: why this is safe';

export function ignoreAnnotation(ruleId: string): string {
	return `ignore-check.bosun.dev/${ruleId}`;
}

export function ignorePlan(ruleId: string): FixPlan {
	return {
		title: `Ignore ${ruleId} for this object`,
		ops: [{ op: 'set', path: ['metadata', 'annotations', ignoreAnnotation(ruleId)], value: IGNORE_REASON_PLACEHOLDER }],
	};
}

export function ignoreEdit(object: K8sObject, ruleId: string, analysis?: FileAnalysis): TextEdit[] | null {
	return planToEdits(analysis, object, ignorePlan(ruleId));
}
