// Every contributed snippet, expanded with its default values, lints without a warning or an error; it
// produces no finding at all except the cross-resource ones a lone snippet cannot avoid (listed below
// with the reason), and no default is wrong for an application (no system priority class). Workload
// snippets bring the companions they need. Container-level snippets, inserted into a bare container,
// clear the finding they exist for.
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { analyzeFile, lintAnalysis, lintText } from '../../server/src/core/linter';
import { WorkspaceIndex } from '../../server/src/core/workspace';
import { RULES } from '../../server/src/rules';
import { expandSnippet, SNIPPETS as snippets } from '../helpers/snippets';

/** Findings a lone snippet cannot avoid: the object it relates to lives in another document. */
const UNAVOIDABLE: Record<string, string[]> = {
	// An autoscaler is a choice (hint); the PriorityClass is a cluster object of its own (k8s-priorityclass).
	'k8s-deployment': ['missing-hpa', 'unknown-priority-class'],
	'k8s-statefulset': ['missing-hpa', 'unknown-priority-class'],
	'k8s-service': ['dangling-service'], // the pods it selects are in another document
	'k8s-pdb': ['dangling-pdb'],
	'k8s-networkpolicy-app': ['dangling-network-policy'],
	'k8s-hpa': ['hpa-target-missing'],
};

const CONTAINER_PIECES: Record<string, string> = {
	'k8s-liveness': 'missing-liveness-probe',
	'k8s-readiness': 'missing-readiness-probe',
	'k8s-resources': 'missing-memory-limit',
	'k8s-securitycontext': 'run-as-root',
};

const lint = (text: string) => lintText(text, { rules: RULES, config: DEFAULT_CONFIG });

/** Snippets that select a workload's pods: in the editor they are written beside one. */
const BESIDE_A_WORKLOAD = new Set(['k8s-service', 'k8s-pdb', 'k8s-networkpolicy-app', 'k8s-hpa']);

/**
 * Lint a snippet as the editor does right after it is inserted: against the workspace, which for a
 * snippet that selects pods holds the workload it selects (the Deployment snippet, same defaults).
 */
function lintInWorkspace(prefix: string, text: string) {
	const workspace = new WorkspaceIndex();
	if (BESIDE_A_WORKLOAD.has(prefix)) {
		const deployment = Object.values(snippets).find((s) => s.prefix === 'k8s-deployment')!;
		workspace.setFile('deployment.yaml', analyzeFile('deployment.yaml', expandSnippet(deployment.body)).objects);
	}
	const analysis = analyzeFile('snippet.yaml', text);
	workspace.setFile('snippet.yaml', analysis.objects);
	return lintAnalysis(analysis, { rules: RULES, config: DEFAULT_CONFIG, workspace });
}

describe('snippets', () => {
	it('workload snippets bring their PodDisruptionBudget and NetworkPolicy', () => {
		for (const prefix of ['k8s-deployment', 'k8s-statefulset']) {
			const snippet = Object.values(snippets).find((s) => s.prefix === prefix)!;
			const kinds = lint(expandSnippet(snippet.body)).map((f) => f.ruleId);
			assert.ok(!kinds.includes('missing-pdb') && !kinds.includes('missing-network-policy'), `${prefix}: ${kinds.join(', ')}`);
			assert.match(snippet.description, /PodDisruptionBudget and NetworkPolicy/);
		}
	});

	it('covers the production checklist', () => {
		const prefixes = Object.values(snippets).map((s) => s.prefix);
		for (const p of ['k8s-deployment', 'k8s-statefulset', 'k8s-service', 'k8s-ingress', 'k8s-cronjob', 'k8s-pdb', 'k8s-networkpolicy-deny', 'k8s-networkpolicy-app', 'k8s-hpa', 'k8s-limitrange', 'k8s-resourcequota', 'k8s-rbac', 'k8s-priorityclass', ...Object.keys(CONTAINER_PIECES)]) {
			assert.ok(prefixes.includes(p), `snippet ${p} is missing`);
		}
	});

	for (const [name, snippet] of Object.entries(snippets)) {
		if (snippet.prefix in CONTAINER_PIECES) {
			it(`${snippet.prefix} clears ${CONTAINER_PIECES[snippet.prefix]} when inserted into a container`, () => {
				const base = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\n  labels: {app.kubernetes.io/name: p}\nspec:\n  containers:\n    - name: web\n      image: ghcr.io/acme/web:1.0.0\n      ports:\n        - {name: http, containerPort: 8080}\n';
				const rule = CONTAINER_PIECES[snippet.prefix];
				assert.ok(lint(base).some((f) => f.ruleId === rule), `baseline lacks ${rule}`);
				const piece = expandSnippet(snippet.body).trimEnd().split('\n').map((l) => `      ${l}`).join('\n');
				const findings = lint(base + piece + '\n');
				assert.ok(!findings.some((f) => f.ruleId === 'syntax-error'), 'inserted snippet parses');
				assert.ok(!findings.some((f) => f.ruleId === rule), `${rule} still reported`);
			});
			continue;
		}
		it(`${snippet.prefix} (${name}) has no warning or error with its defaults`, () => {
			const serious = lintInWorkspace(snippet.prefix, expandSnippet(snippet.body)).filter((f) => f.severity === 'warning' || f.severity === 'error');
			assert.deepEqual(serious.map((f) => `${f.ruleId}: ${f.message}`), []);
			assert.ok(!/system-(cluster|node)-critical/.test(snippet.body.join('\n')), 'a system priority class is reserved for cluster components');
		});
		it(`${snippet.prefix} (${name}) lints clean with its defaults`, () => {
			const allowed = new Set(UNAVOIDABLE[snippet.prefix] ?? []);
			const findings = lint(expandSnippet(snippet.body)).filter((f) => !allowed.has(f.ruleId));
			assert.deepEqual(findings.map((f) => `${f.ruleId}: ${f.message}`), []);
		});
	}
});
