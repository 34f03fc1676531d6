// A rule's documentation page, generated from its module: docs/rules/<id>.md (scripts/gen-docs.ts) and
// the help SARIF carries for code scanning (cliFormat.ts) are this same text, so they never disagree.
import type { Rule } from './core/rule';

const SEVERITY_LABEL: Record<string, string> = { error: 'Error', warning: 'Warning', info: 'Information', hint: 'Hint', off: 'Off (enable in configuration)' };
const FIX_LABEL = { Q: 'Quick fix in place', G: 'Code action that adds a companion document', '-': 'None' };
const SAFETY_LABEL = {
	safe: 'safe (`--fix` and fix on save apply it)',
	unsafe: 'unsafe (offered in the editor; the CLI applies it with `--fix --unsafe-fixes`)',
	'per-fix': 'safe or unsafe per fix (safe only where nothing but the apiVersion changes and the new version means the same; unsafe fixes need `--fix --unsafe-fixes`)',
};

/**
 * A rule's documentation page as Markdown. `suppressionLink` is where the page points for the other
 * linters' annotations: the docs folder's own page, or '' when the text travels alone (SARIF).
 */
export function ruleDocPage(rule: Rule, suppressionLink = '../suppression.md'): string {
	return `# ${rule.id}

**${rule.title}** · ${rule.category} · default severity: ${SEVERITY_LABEL[rule.defaultSeverity]} · fix: ${FIX_LABEL[rule.fixKind]}${rule.fixKind !== '-' && rule.fixSafety ? `, ${SAFETY_LABEL[rule.fixSafety]}` : ''}

## What it flags

${rule.description}

## Why it matters

${rule.rationale}

## How to fix

${rule.remediation}
${rule.leavesAlone ? `\n## What it leaves alone\n\n${rule.leavesAlone}\n` : ''}
## Examples

Incorrect:

\`\`\`yaml
${rule.examples.incorrect.trimEnd()}
\`\`\`

Correct:

\`\`\`yaml
${rule.examples.correct.trimEnd()}
\`\`\`

## Configuration and suppression

- Severity: \`"bosun.rules": {"${rule.id}": "off" | "hint" | "info" | "warning" | "error"}\` in VS Code settings,
  or \`rules: {${rule.id}: warning}\` in \`.bosun.yaml\` (the file wins, so the editor agrees with CI).
- One object: the annotation \`ignore-check.bosun.dev/${rule.id}: "<reason>"\` on the object or its pod template.
- One line: \`# bosun-disable-next-line ${rule.id}\` on the line before the flagged one.
- One document: \`# bosun-disable ${rule.id}\` as a comment at the top of the document.
${suppressionLink ? `\nSee [suppression](${suppressionLink}) for the equivalent annotations of other linters.\n` : ''}`;
}

/** The page as plain text, for SARIF's `help.text`: what the rule flags, why, how to fix, what it leaves alone. */
export function ruleHelpText(rule: Rule): string {
	return [rule.description, `Why it matters: ${rule.rationale}`, `How to fix: ${rule.remediation}`, ...(rule.leavesAlone ? [`Leaves alone: ${rule.leavesAlone}`] : [])].join('\n\n');
}
