// Generates docs/rules/<id>.md for every rule, docs/rules/README.md (the index) and the rules table in
// README.md (between the `rules-table` markers), all from the registry. `--check` exits 1 when a
// committed file is stale instead of writing it (the meta test runs that).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rule } from '../server/src/core/rule';
import { ruleDocPage } from '../server/src/ruleDocPage';
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

/** The fix cell of the rules table: Q or G with the fix's safety, or -. */
function fixCell(rule: Rule): string {
	if (rule.fixKind === '-' || !rule.fixSafety) return rule.fixKind;
	return `${rule.fixKind} (${rule.fixSafety === 'per-fix' ? 'safe or unsafe' : rule.fixSafety})`;
}

export function rulesTable(linkPrefix: string): string {
	const rows = RULES.map((r) => `| [\`${r.id}\`](${linkPrefix}${r.id}.md) | ${r.category} | ${r.defaultSeverity} | ${fixCell(r)} | ${r.title} |`);
	return ['| rule | category | severity | fix | what it flags |', '|---|---|---|---|---|', ...rows].join('\n');
}

for (const rule of RULES) write(`docs/rules/${rule.id}.md`, ruleDocPage(rule));
write(
	'docs/rules/README.md',
	`# Bosun rules\n\n${RULES.length} rules. Fix: Q = quick fix in place, G = companion document, - = none; safe fixes are applied by \`bosun lint --fix\` and fix on save, unsafe ones are offered in the editor and applied by \`--fix --unsafe-fixes\` (see [fix safety](../../README.md#fix-safety)). Each page is generated from the rule's module; edit the module, then \`npm run docs\`.\n\n${rulesTable('./')}\n`,
);

/** What each contributed command does, for the Marketplace page. */
const COMMAND_HELP: Record<string, string> = {
	'bosun.restartServer': 'Restarts the Bosun language server (it restarts itself after a crash, up to four times in three minutes).',
	'bosun.showRuleDocumentation': "Opens a rule's page, rendered, from the extension (pick the rule from the list).",
	'bosun.lintWorkspace': 'Lints every manifest of the workspace, open or not, and shows the findings in Problems.',
	'bosun.showRenderedManifests': "Opens what the active file's Helm chart renders, read-only beside it (what Bosun lints, as `helm template` prints it).",
	'bosun.showBuiltManifests': "Opens what the Kustomize overlays using the active file build, read-only beside it (as `kustomize build` prints it).",
};

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

/** Replace the text between `<!-- name:start -->` and `<!-- name:end -->` in a committed file. */
function fillMarkers(path: string, tables: Record<string, string>): void {
	const full = join(root, path);
	if (!existsSync(full)) return;
	let text = readFileSync(full, 'utf8');
	for (const [name, table] of Object.entries(tables)) {
		text = text.replace(new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`), (_, start, end) => `${start}\n${table}\n${end}`);
	}
	write(path, text);
}

/** A Markdown table cell: one line, no column breaks. */
const cell = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');

// The Marketplace page lists the settings and commands package.json contributes (written by the build).
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const settingsTable = [
	'| setting | default | what it does |',
	'|---|---|---|',
	...Object.entries(manifest.contributes.configuration.properties as Record<string, { default: unknown; markdownDescription?: string; description?: string }>).map(
		([key, setting]) => `| \`${key}\` | \`${JSON.stringify(setting.default)}\` | ${cell(setting.markdownDescription ?? setting.description ?? '')} |`,
	),
].join('\n');
const commandsTable = [
	'| command | what it does |',
	'|---|---|',
	...(manifest.contributes.commands as { command: string; title: string; category: string }[]).map((c) => `| *${c.category}: ${c.title}* | ${cell(COMMAND_HELP[c.command] ?? '')} |`),
].join('\n');

fillMarkers('README.md', { 'rules-table': rulesTable('docs/rules/') });
fillMarkers('docs/marketplace/README.md', { 'rules-table': rulesTable('docs/rules/'), 'settings-table': settingsTable, 'commands-table': commandsTable });

if (check && stale.length) {
	console.error(`stale generated docs (run npm run docs): ${stale.join(', ')}`);
	process.exit(1);
}
