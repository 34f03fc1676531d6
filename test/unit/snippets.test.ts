// Every contributed snippet, expanded with its default values, is a clean manifest: it produces no
// finding except the cross-resource ones a single document cannot avoid (listed below with the reason).
// Container-level snippets, inserted into a bare container, clear the finding they exist for.
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { lintText } from '../../server/src/core/linter';
import { RULES } from '../../server/src/rules';
import { expandSnippet, SNIPPETS as snippets } from '../helpers/snippets';

/** Findings a lone snippet cannot avoid: the object it relates to lives in another document. */
const UNAVOIDABLE: Record<string, string[]> = {
	'k8s-deployment': ['missing-pdb', 'missing-network-policy', 'missing-hpa'], // companions are separate documents
	'k8s-statefulset': ['missing-pdb', 'missing-network-policy', 'missing-hpa'],
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

describe('snippets', () => {
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
		it(`${snippet.prefix} (${name}) lints clean with its defaults`, () => {
			const allowed = new Set(UNAVOIDABLE[snippet.prefix] ?? []);
			const findings = lint(expandSnippet(snippet.body)).filter((f) => !allowed.has(f.ruleId));
			assert.deepEqual(findings.map((f) => `${f.ruleId}: ${f.message}`), []);
		});
	}
});
