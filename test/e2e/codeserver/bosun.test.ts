// Bosun as a user meets it: the packaged .vsix installed into code-server (a real VS Code workbench),
// the fixture workspace open, Chromium at the keyboard. Findings are read from the Problems panel, the
// explanation from the hover, fixes are applied with Ctrl+. and checked in the saved file on disk.
// One session for the whole file; the steps run in order and each leaves a screenshot in
// test-results/e2e/ (scripts/screenshots.mjs copies some of them into docs/images/ for the README).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DIAGNOSTIC_SOURCE } from '../../../server/src/lsp/protocol';
import { RULES_BY_ID } from '../../../server/src/rules';
import { CONTAINER_NAME_PAIR, EXPECTED_FINDINGS, insertedLines, KIND_PAIR, MANIFEST, NOT_KUBERNETES, PDB_ACTION_TITLE, plainText } from '../scenario';
import { CodeServerSession, formatProblem, Problem } from './harness';

/** A chart of the fixture workspace (charts-api/): a Deployment template without probes, one replica. */
const CHART_TEMPLATE = 'api.yaml';
const CHART_VALUES = 'values.yaml';
/** Manifests added to the workspace so that reading it takes long enough to watch. */
const GENERATED_MANIFESTS = 3000;
/** A Deployment whose container line carries many findings (no probes, resources or hardening). */
const BARE = 'bare.yaml';
const BARE_CONTAINER_LINE = 21;
/** Code-server's hover shows at most about this much before it scrolls; each explanation is about 150 px. */
const HOVER_CONTENT_LIMIT_PX = 900;

function findingOf(problems: Problem[], code: string, file = MANIFEST): Problem | undefined {
	return problems.find((p) => p.file === file && p.code === code && p.source === DIAGNOSTIC_SOURCE);
}

describe('e2e: Bosun in code-server', function () {
	this.timeout(600_000);
	let session: CodeServerSession;

	before(async () => {
		session = await CodeServerSession.start({ generatedManifests: GENERATED_MANIFESTS });
	});

	afterEach(async function () {
		if (this.currentTest?.state === 'failed' && session) {
			await session.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`);
			await session.recover();
		}
	});

	after(async () => {
		await session?.stop();
	});

	it('the status item says the workspace is being indexed, with a percentage, then counts the findings', async () => {
		// Opening the first YAML file starts Bosun, which then reads the workspace.
		await session.openFile(MANIFEST);
		const item = session.statusItem();
		await item.filter({ hasText: /indexing \d+%/ }).waitFor();
		await session.screenshot('status-indexing');
		const indexing = await item.innerText();
		assert.match(indexing, /indexing \d+%/);
		// Once the index is read, the cross-file findings are in and the item counts them.
		await item.filter({ hasText: /^(?![\s\S]*indexing)[\s\S]*\d/ }).waitFor();
		assert.doesNotMatch(await item.innerText(), /indexing/);
		await session.waitForProblems('the cross-file missing-pdb finding', (found) => !!findingOf(found, 'missing-pdb'));
	});

	it('lists the Bosun findings of the manifest in the Problems panel, none for a non-Kubernetes YAML file', async () => {
		// The non-Kubernetes file is opened first: by the time the manifest's findings show, the server has
		// had the other file in front of it too.
		await session.openFile(NOT_KUBERNETES);
		await session.openFile(MANIFEST);
		const codes = Object.keys(EXPECTED_FINDINGS);
		const problems = await session.waitForProblems(codes.join(', '), (found) => codes.every((code) => findingOf(found, code)));
		await session.screenshot('problems');
		for (const [code, span] of Object.entries(EXPECTED_FINDINGS)) {
			const { line, column, severity } = findingOf(problems, code)!;
			assert.deepEqual({ code, line, column, severity }, { code, line: span.line, column: span.column, severity: 'warning' });
		}
		assert.match(findingOf(problems, 'missing-liveness-probe')!.message, /Container "web" has no livenessProbe/);
		assert.deepEqual(problems.filter((p) => p.file === NOT_KUBERNETES).map(formatProblem), []);
	});

	it('hovering the squiggle explains the rule', async () => {
		const rule = RULES_BY_ID.get('missing-liveness-probe')!;
		await session.goTo(CONTAINER_NAME_PAIR.line, CONTAINER_NAME_PAIR.column);
		const hover = await session.hoverAtCursor(rule.title);
		await session.screenshot('hover');
		const text = hover.replace(/\s+/g, ' ');
		assert.ok(text.includes(plainText(rule.rationale)), `the hover lacks the rationale:\n${hover}`);
		assert.ok(text.includes(plainText(rule.remediation)), `the hover lacks the remediation:\n${hover}`);
	});

	it("the hover's Documentation link and the finding's code in Problems open the rule's bundled page, rendered", async () => {
		const rule = RULES_BY_ID.get('missing-liveness-probe')!;
		await session.goTo(CONTAINER_NAME_PAIR.line, CONTAINER_NAME_PAIR.column);
		const hover = await session.hoverElementAtCursor(rule.title);
		await session.openRulePageFrom(hover.locator(`a[data-href*="${encodeURIComponent(JSON.stringify([rule.id]))}"]`, { hasText: 'Documentation' }), rule.id, 'rule-page-from-hover');
		const panel = await session.showProblems();
		const row = panel.locator('.monaco-list-row', { hasText: 'has no livenessProbe' }).first();
		await session.openRulePageFrom(row.locator('.marker-code').getByText(rule.id), rule.id, 'rule-page-from-problems');
	});

	it('Ctrl+. on the missing liveness probe applies the fix; the saved file only gains the probe', async () => {
		const before = readFileSync(join(session.workspace, MANIFEST), 'utf8');
		await session.goTo(CONTAINER_NAME_PAIR.line, CONTAINER_NAME_PAIR.column);
		const titles = await session.openCodeActions();
		await session.screenshot('quick-fix-menu');
		// The two findings there are warnings with unsafe fixes: the probes come first, in file order.
		assert.match(titles[0], /^Add livenessProbe/, JSON.stringify(titles));
		const fix = titles.find((t) => /liveness/i.test(t));
		assert.ok(fix, `no liveness fix among the code actions: ${JSON.stringify(titles)}`);
		await session.applyCodeAction(fix);
		const after = await session.save(MANIFEST);

		const inserted = insertedLines(before, after);
		assert.ok(inserted, `the fix changed existing lines:\n${after}`);
		assert.ok(inserted.length > 0, 'the fix inserted nothing');
		const container = parseAllDocuments(after)[0].toJS().spec.template.spec.containers[0];
		// RULES.md: a tcpSocket probe on the container's first declared port, by name when it is named.
		assert.deepEqual(container.livenessProbe?.tcpSocket, { port: 'http' });
		const { livenessProbe, ...rest } = container;
		assert.deepEqual(rest, parseAllDocuments(before)[0].toJS().spec.template.spec.containers[0]);

		await session.waitForProblems('the liveness finding gone and the readiness one still there', (found) =>
			!findingOf(found, 'missing-liveness-probe') && !!findingOf(found, 'missing-readiness-probe'));
		await session.screenshot('quick-fix-applied');
	});

	it('"Add PodDisruptionBudget" appends a PDB for the workload and the missing-pdb finding goes away', async () => {
		const before = readFileSync(join(session.workspace, MANIFEST), 'utf8');
		await session.goTo(KIND_PAIR.line, KIND_PAIR.column);
		const titles = await session.openCodeActions();
		await session.screenshot('pdb-action-menu');
		assert.ok(titles.includes(PDB_ACTION_TITLE), `no "${PDB_ACTION_TITLE}" among the code actions: ${JSON.stringify(titles)}`);
		// The safe fix (a soft topology spread) is preferred and preselected; "fix all safe" is in the menu itself.
		assert.match(titles[0], /topologySpreadConstraints/, JSON.stringify(titles));
		assert.ok(titles.includes('Fix all safe Bosun problems in this file'), JSON.stringify(titles));
		await session.applyCodeAction(PDB_ACTION_TITLE);
		const after = await session.save(MANIFEST);

		assert.ok(after.startsWith(before.trimEnd()), `the manifest itself changed:\n${after}`);
		const documents = parseAllDocuments(after).map((d) => d.toJS());
		assert.equal(documents.length, 2);
		assert.deepEqual(documents[0], parseAllDocuments(before)[0].toJS());
		const pdb = documents[1];
		assert.equal(pdb.apiVersion, 'policy/v1');
		assert.equal(pdb.kind, 'PodDisruptionBudget');
		assert.equal(pdb.metadata.namespace, 'shop');
		assert.deepEqual(pdb.spec.selector, { matchLabels: documents[0].spec.selector.matchLabels });
		assert.equal(pdb.spec.maxUnavailable, 1);

		await session.waitForProblems('the missing-pdb finding gone', (found) =>
			!findingOf(found, 'missing-pdb') && !!findingOf(found, 'missing-readiness-probe'));
		// Bring the appended document into view for the screenshot.
		const pdbKindLine = after.split('\n').findIndex((line) => line.startsWith('kind: PodDisruptionBudget')) + 1;
		assert.ok(pdbKindLine > 0, after);
		await session.goTo(pdbKindLine, 1);
		await session.screenshot('pdb-companion');
	});

	it('the non-Kubernetes YAML file shows no Bosun finding in its editor or in Problems', async () => {
		await session.openFile(NOT_KUBERNETES);
		await session.statusItem().filter({ hasText: 'not a Kubernetes manifest' }).waitFor();
		const problems = await session.waitForProblems('the manifest still linted', (found) => !!findingOf(found, 'missing-readiness-probe'));
		await session.screenshot('not-kubernetes');
		assert.deepEqual(problems.filter((p) => p.file === NOT_KUBERNETES).map(formatProblem), []);
		assert.equal(await session.activeEditor().locator('[class*="squiggly-"]').count(), 0);
	});

	it('a Helm chart template is rendered: the missing probe sits on its container line, replicaCount in values.yaml', async () => {
		await session.openFile(CHART_TEMPLATE);
		const problems = await session.waitForProblems('the rendered template findings', (found) => !!findingOf(found, 'missing-liveness-probe', CHART_TEMPLATE));
		await session.screenshot('helm-template');
		const probe = findingOf(problems, 'missing-liveness-probe', CHART_TEMPLATE)!;
		// `        - name: api` in templates/api.yaml: the container's name pair, as RULES.md places it
		assert.deepEqual({ line: probe.line, column: probe.column }, { line: 19, column: 11 });
		assert.equal(findingOf(problems, 'helm-template', CHART_TEMPLATE), undefined, 'the template is rendered, not set aside');
		// values.yaml: the replica count the template prints whole is flagged where it is written (the hover
		// on that value names the rule; Problems shows only the rows in view, already full of the template's)
		await session.openFile(CHART_VALUES);
		await session.goTo(1, 15);
		const hover = await session.hoverAtCursor(RULES_BY_ID.get('single-replica')!.title);
		assert.match(hover, /single-replica/);
	});

	// The file with many findings comes last: its findings fill the Problems panel, which shows only
	// the rows in view.
	it('on a container with many findings, the quick-fix menu starts with one fix for the missing resources', async () => {
		await session.openFile(BARE);
		await session.waitForProblems('the findings of the bare container', (found) => !!findingOf(found, 'missing-resource-requests', BARE));
		await session.goTo(BARE_CONTAINER_LINE, 11);
		const titles = await session.openCodeActions();
		await session.screenshot('quick-fix-menu-many');
		assert.equal(titles[0], 'Add requests and limits to container "worker"', JSON.stringify(titles));
		assert.ok(!titles.some((t) => /^Add (requests|limits) (cpu|memory)/.test(t)), `the separate resource fixes are folded into one: ${JSON.stringify(titles)}`);
		await session.recover();
	});

	it('the hover on a container with many findings lists them and explains one, so it stays short', async () => {
		await session.goTo(BARE_CONTAINER_LINE, 11);
		const hover = await session.hoverAtCursor('Why it matters');
		await session.screenshot('hover-many-findings');
		assert.equal(hover.split('Why it matters').length - 1, 1, `one explanation:\n${hover}`);
		const { height, contentHeight } = await session.hoverSize();
		console.log(`      (hover ${Math.round(height)} px high, content ${Math.round(contentHeight)} px)`);
		assert.ok(contentHeight < HOVER_CONTENT_LIMIT_PX, `the hover's content is ${contentHeight} px high:\n${hover}`);
		await session.recover();
	});
});
