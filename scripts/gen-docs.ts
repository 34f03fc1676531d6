// Generates docs/rules/<id>.md for every rule, docs/rules/README.md (the index) and the rules table in
// README.md (between the `rules-table` markers), all from the registry. `--check` exits 1 when a
// committed file is stale instead of writing it (the meta test runs that).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rule } from '../server/src/core/rule';
import { RULES } from '../server/src/rules';
import { PEER_CHECKS } from '../server/src/core/suppress';

const root = join(__dirname, '..');
const check = process.argv.includes('--check');
const stale: string[] = [];

function write(path: string, text: string): void {
	const full = join(root, path);
	const old = existsSync(full) ? readFileSync(full, 'utf8') : null;
	if (old === text) return;
	if (check) stale.push(path);
	else {
		mkdirSync(join(full, '..'), { recursive: true });
		writeFileSync(full, text);
	}
}

const SEVERITY_LABEL: Record<string, string> = { error: 'Error', warning: 'Warning', info: 'Information', hint: 'Hint', off: 'Off (enable in configuration)' };
const FIX_LABEL = { Q: 'Quick fix in place', G: 'Code action that adds a companion document', '-': 'None' };
const SAFETY_LABEL = {
	safe: 'safe (`--fix` and fix on save apply it)',
	unsafe: 'unsafe (offered in the editor; the CLI applies it with `--fix --unsafe-fixes`)',
	'per-fix': 'safe or unsafe per fix (safe only where nothing but the apiVersion changes and the new version means the same; unsafe fixes need `--fix --unsafe-fixes`)',
};

/** The fix cell of the rules table: Q or G with the fix's safety, or -. */
function fixCell(rule: Rule): string {
	if (rule.fixKind === '-' || !rule.fixSafety) return rule.fixKind;
	return `${rule.fixKind} (${rule.fixSafety === 'per-fix' ? 'safe or unsafe' : rule.fixSafety})`;
}

export function ruleDoc(rule: Rule): string {
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

See [suppression](../suppression.md) for the equivalent annotations of other linters.
`;
}

export function rulesTable(linkPrefix: string): string {
	const rows = RULES.map((r) => `| [\`${r.id}\`](${linkPrefix}${r.id}.md) | ${r.category} | ${r.defaultSeverity} | ${fixCell(r)} | ${r.title} |`);
	return ['| rule | category | severity | fix | what it flags |', '|---|---|---|---|---|', ...rows].join('\n');
}

for (const rule of RULES) write(`docs/rules/${rule.id}.md`, ruleDoc(rule));
write(
	'docs/rules/README.md',
	`# Bosun rules\n\n${RULES.length} rules. Fix: Q = quick fix in place, G = companion document, - = none; safe fixes are applied by \`bosun lint --fix\` and fix on save, unsafe ones are offered in the editor and applied by \`--fix --unsafe-fixes\` (see [fix safety](../../README.md#fix-safety)). Each page is generated from the rule's module; edit the module, then \`npm run docs\`.\n\n${rulesTable('./')}\n`,
);

const PEERS: Record<string, string> = {
	'kube-linter': '`ignore-check.kube-linter.io/<check>` (any value); `kube-linter.io/ignore-all` silences every rule',
	polaris: '`polaris.fairwinds.com/<check>-exempt: "true"`; `polaris.fairwinds.com/exempt: "true"` silences every rule',
	'kube-score': '`kube-score/ignore: <check>[,<check>...]`',
	checkov: '`checkov.io/skip<N>: <CHECK_ID>=<reason>`',
};
write(
	'docs/suppression.md',
	`# Suppressing findings

Bosun's own forms, on the object's \`metadata.annotations\` or its pod template's:

- \`ignore-check.bosun.dev/<rule-id>: "<reason>"\` silences one rule for the object;
- \`bosun.dev/ignore-all: "<reason>"\` silences every rule for the object.

Comments:

- \`# bosun-disable-next-line <rule-id>[, <rule-id>]\` on the line before the flagged line;
- \`# bosun-disable <rule-id>[, <rule-id>]\` as a comment line at the top of a YAML document silences
  those rules for the whole document (no rule ids: every rule).

Every quick-fix menu offers "Ignore <rule-id> for this object", which adds the annotation.

## Annotations of other linters

Teams moving from another linter keep their reviewed exceptions: these annotations silence the
equivalent Bosun rules. The table is generated from \`server/src/core/suppress.ts\`.

${Object.entries(PEERS).map(([peer, form]) => `- ${peer}: ${form}`).join('\n')}

| linter | check | Bosun rules |
|---|---|---|
${Object.entries(PEER_CHECKS).map(([key, ids]) => { const i = key.indexOf(':'); return `| ${key.slice(0, i)} | \`${key.slice(i + 1)}\` | ${ids.map((id) => `[\`${id}\`](rules/${id}.md)`).join(', ')} |`; }).join('\n')}
`,
);

const readmePath = join(root, 'README.md');
if (existsSync(readmePath)) {
	const readme = readFileSync(readmePath, 'utf8');
	const updated = readme.replace(/(<!-- rules-table:start -->)[\s\S]*?(<!-- rules-table:end -->)/, (_, start, end) => `${start}\n${rulesTable('docs/rules/')}\n${end}`);
	write('README.md', updated);
}

if (check && stale.length) {
	console.error(`stale generated docs (run npm run docs): ${stale.join(', ')}`);
	process.exit(1);
}
