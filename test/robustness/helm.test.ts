// Helm templates: one information finding per template file and nothing else (the Helm corpus through
// the built CLI), chart detection by a Chart.yaml above templates/, and manifests that merely carry
// {{ }} inside strings (Prometheus rules, Grafana dashboards) still linted as manifests.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstTemplateAction, HELM_MESSAGE, HELM_RULE_ID, isChartTemplatePath } from '../../server/src/core/helm';
import { analyzeFile } from '../../server/src/core/linter';
import { skipBecause } from '../helpers/skip';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist/cli.js');
const corpus = join(root, '..', 'shared', 'corpus');

interface JsonFinding {
	rule: string;
	severity: string;
	message: string;
	file: string;
	line: number;
}

function lintJson(args: string[], cwd = root): { code: number | null; findings: JsonFinding[]; stderr: string } {
	const r = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', '--fail-on', 'never', ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	return { code: r.status, findings: r.status === 0 ? JSON.parse(r.stdout).findings : [], stderr: r.stderr };
}

describe('robustness: Helm templates', () => {
	it('finds template actions where YAML expects a node, not inside strings or comments', () => {
		for (const text of [
			'kind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n',
			'{{- if .Values.enabled }}\nkind: Pod\n',
			'spec:\n  - {{ toYaml .Values.x | nindent 4 }}\n',
			'labels:\n  a: "{{ .Values.a }}"\n  {{- include "labels" . | nindent 2 }}\n',
		]) {
			assert.equal(firstTemplateAction(text), text.lastIndexOf('{{'), text);
		}
		for (const text of [
			'name: "{{ .Release.Name }}"\n',
			"name: '{{ .Release.Name }}'\n",
			'name: app-{{ .Release.Name }}\n',
			'summary: |\n  {{ $labels.instance }} is down\n  {{ $value }}\n',
			'# {{ .Values.comment }}\nkind: Pod\n',
			'expr: "x"\nlegendFormat: "{{pod}}"\n',
		]) {
			assert.equal(firstTemplateAction(text), -1, text);
		}
	});

	it('gives a template file one information finding at its first action and nothing else', () => {
		const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "app.fullname" . }}\nspec:\n  replicas: {{ .Values.replicas }}\n{{- if .Values.x }}\n  bad: [\n{{- end }}\n';
		const a = analyzeFile('deploy.yaml', text);
		assert.equal(a.objects.length, 0);
		assert.equal(a.documentFindings.length, 1);
		const [f] = a.documentFindings;
		assert.deepEqual({ ruleId: f.ruleId, severity: f.severity, message: f.message }, { ruleId: HELM_RULE_ID, severity: 'info', message: HELM_MESSAGE });
		assert.equal(text.slice(f.range.start, f.range.end), '{{ include "app.fullname" . }}');
		assert.match(f.message, /helm template \. \| bosun lint -/);
	});

	it('treats a file under a chart\'s templates/ as a template even without actions', () => {
		const dir = mkdtempSync(join(tmpdir(), 'bosun-chart-'));
		try {
			mkdirSync(join(dir, 'templates', 'sub'), { recursive: true });
			writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
			const plain = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n';
			writeFileSync(join(dir, 'templates', 'sub', 'pod.yaml'), plain);
			mkdirSync(join(dir, 'other', 'templates'), { recursive: true });
			writeFileSync(join(dir, 'other', 'templates', 'pod.yaml'), plain);

			assert.equal(isChartTemplatePath(join(dir, 'templates', 'sub', 'pod.yaml'), existsSync), true);
			assert.equal(isChartTemplatePath(join(dir, 'other', 'templates', 'pod.yaml'), existsSync), false, 'no Chart.yaml next to other/templates');
			assert.equal(isChartTemplatePath(join(dir, 'Chart.yaml'), existsSync), false);

			const { findings } = lintJson(['templates', 'other'], dir);
			const inChart = findings.filter((f) => f.file.startsWith('templates'));
			assert.deepEqual(inChart.map((f) => [f.rule, f.severity, f.line]), [[HELM_RULE_ID, 'info', 1]]);
			assert.ok(findings.some((f) => f.file.startsWith('other') && f.rule !== HELM_RULE_ID), 'the same manifest outside a chart is linted');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	describe('corpus', function () {
		before(function () {
			if (!existsSync(join(corpus, 'helm-templates'))) skipBecause(this, `the Helm corpus (${corpus}) is not present`);
		});

		it('the CLI reports at most one finding per Helm corpus file, without crashing', () => {
			const { code, findings, stderr } = lintJson([join(corpus, 'helm-templates')]);
			assert.equal(code, 0, stderr);
			assert.equal(stderr, '');
			const perFile = new Map<string, JsonFinding[]>();
			for (const f of findings) perFile.set(f.file, [...(perFile.get(f.file) ?? []), f]);
			for (const [file, list] of perFile) assert.ok(list.length <= 1, `${file}: ${list.map((f) => f.rule).join(', ')}`);
			// Every file of this corpus has actions outside strings: each gets the Helm finding, nothing else.
			assert.equal(perFile.size, 117);
			assert.ok(findings.every((f) => f.rule === HELM_RULE_ID && f.severity === 'info'));
		});

		it('lints manifests that only carry {{ }} inside strings as manifests', () => {
			const files = [
				'real/prometheus-operator__kube-prometheus/manifests/nodeExporter-prometheusRule.yaml',
				'real/prometheus-operator__kube-prometheus/manifests/grafana-dashboardDefinitions.yaml',
				'real/istio__istio/samples/addons/grafana.yaml',
				'real/istio__istio/samples/security/spire/clusterspiffeid.yaml',
			];
			for (const file of files) {
				const text = readFileSync(join(corpus, file), 'utf8');
				assert.ok(text.includes('{{'), file);
				const a = analyzeFile(file, text);
				assert.ok(a.objects.length > 0, `${file} yields objects`);
				assert.ok(!a.documentFindings.some((f) => f.ruleId === HELM_RULE_ID), `${file} is not a template`);
			}
		});
	});
});
