// The fix engine's public face: fix plans in, verified minimal text edits out (see DESIGN.md, "Fixes
// that never break a file"). Callers: the CLI (`--fix`, `fixable`), the language server's code actions.
export { applyEdits, combineFixEdits, editsOverlap, sortEdits, spanEdit } from './edits';
export type { TextEdit } from './edits';
export { commentsOf } from './comments';
export type { Comment } from './comments';
export { fixAll, fixFiles, fixPass, MAX_FIX_PASSES } from './fixAll';
export type { AppliedFix, FixAllOptions, FixAllResult, FixPassOptions, FixPassResult, LintResult } from './fixAll';
export { IGNORE_REASON_PLACEHOLDER, ignoreAnnotation, ignoreEdit, ignorePlan } from './ignore';
export { newFileText } from './newFile';
export { explainOps, findingFixEdits, inPlaceFixSafety, isCompanionPlan, isFixableInPlace, objectOfFinding, planToEdits, styleFor, UNVERIFIED } from './planEdits';
export { detectStyle } from './style';
export type { FileStyle } from './style';
export { verifyChanges, verifyEdits } from './verify';
export type { PlannedChange } from './verify';
export { placeholderEdits } from './placeholders';
export type { PlaceholderEdit, PlaceholderRange } from './placeholders';
