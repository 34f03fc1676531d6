// `bosun render` (the built CLI) against the real `helm template` 3.17: the fixture chart and the real
// charts of ../shared/corpus/charts (read in place, never copied), several value sets each, compared
// object by object; the fixture and the charts without random values also byte for byte.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compareOutputs } from '../helpers/helmCompare';
import { helmBinary } from '../helpers/oracle';
import { tgz } from '../helpers/tarball';
import { skipBecause } from '../helpers/skip';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist/cli.js');
const fixture = join(root, 'test/fixtures/helm/web');
const corpus = join(root, '..', 'shared', 'corpus', 'charts');

function run(command: string, args: string[]) {
	const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function bosun(args: string[]) {
	return run(process.execPath, [cli, 'render', ...args]);
}

interface Case {
	chart: string;
	args: string[];
	/** Byte-identical output expected (no random values in the chart). */
	exact?: boolean;
	/** Sources whose objects hold random values (randAlphaNum in names), left out of the comparison. */
	skipSources?: RegExp;
}

const CORPUS_CASES: Case[] = [
	{ chart: 'argoproj__argo-helm__argo-rollouts', args: [], exact: true },
	{ chart: 'argoproj__argo-helm__argo-rollouts', args: ['--set', 'dashboard.enabled=true', '--set', 'controller.metrics.enabled=true', '--set', 'controller.metrics.serviceMonitor.enabled=true'] },
	{ chart: 'bitnami__charts__grafana-loki', args: [], exact: true },
	{ chart: 'bitnami__charts__grafana-loki', args: ['--set', 'gateway.enabled=false', '--set', 'memcachedchunks.enabled=false'] },
	{ chart: 'bitnami__charts__redis', args: ['--set', 'auth.password=x'], exact: true },
	{ chart: 'bitnami__charts__redis', args: ['--set', 'auth.password=x', '--set', 'architecture=standalone', '--set', 'metrics.enabled=true'], exact: true },
	{ chart: 'grafana-community__helm-charts__grafana', args: ['--set', 'adminPassword=x'] },
	{ chart: 'grafana-community__helm-charts__grafana', args: ['--set', 'adminPassword=x', '--set', 'persistence.enabled=true', '--set', 'ingress.enabled=true'] },
	{ chart: 'jetstack__cert-manager__cert-manager', args: [], exact: true },
	{ chart: 'jetstack__cert-manager__cert-manager', args: ['--set', 'prometheus.servicemonitor.enabled=true', '--set', 'webhook.replicaCount=2', '--set', 'crds.enabled=true'] },
	{ chart: 'kubernetes-sigs__external-dns__external-dns', args: ['--set', 'policy=sync'] },
	{ chart: 'prometheus-community__helm-charts__kube-prometheus-stack', args: ['--set', 'grafana.adminPassword=x'] },
	{ chart: 'prometheus-community__helm-charts__kube-prometheus-stack', args: ['--set', 'grafana.enabled=false', '--set', 'alertmanager.enabled=false'] },
	// a binary file (files/crds.bz2) through .Files.Get | b64enc
	{ chart: 'prometheus-community__helm-charts__kube-prometheus-stack', args: ['--set', 'grafana.enabled=false', '--set', 'crds.upgradeJob.enabled=true', '--show-only', 'charts/crds/templates/upgrade/crds.yaml'], exact: true },
	{ chart: 'prometheus-community__helm-charts__prometheus', args: [], exact: true },
	{ chart: 'prometheus-community__helm-charts__prometheus', args: ['--set', 'alertmanager.enabled=false', '--set', 'kube-state-metrics.enabled=false'] },
	{ chart: 'stefanprodan__podinfo__podinfo', args: ['--set', 'ingress.enabled=true', '--set', 'hpa.enabled=true'], skipSources: /\/templates\/tests\// },
	{ chart: 'traefik__traefik-helm-chart__traefik', args: [], exact: true },
	{ chart: 'traefik__traefik-helm-chart__traefik', args: ['--set', 'ingressRoute.dashboard.enabled=true', '--set', 'metrics.prometheus.serviceMonitor.enabled=true', '--api-versions', 'monitoring.coreos.com/v1', '--include-crds'] },
];

/** Value sets Helm refuses (schema violations, a chart's own `fail`): the same message, the same exit. */
const ERROR_CASES: Case[] = [
	{ chart: 'kubernetes-sigs__external-dns__external-dns', args: [] },
	{ chart: 'traefik__traefik-helm-chart__traefik', args: ['--set', 'adminPassword=x', '--set', 'auth.password=x'] },
	{ chart: 'bitnami__charts__redis', args: ['--set', 'architecture=bogus', '--set', 'replica.replicaCount=abc'] },
	{ chart: 'prometheus-community__helm-charts__prometheus', args: ['--set', 'server.replicaCount=x'] },
	{ chart: 'traefik__traefik-helm-chart__traefik', args: ['--set', 'metrics.prometheus.serviceMonitor.enabled=true'] },
	// output that is not YAML: go-yaml's message and line
	{ chart: 'prometheus-community__helm-charts__prometheus', args: ['--set', 'server.verticalAutoscaler.enabled=true'] },
	// a multi-line `fail` message from a chart's validation helper
	{ chart: 'bitnami__charts__redis', args: ['--set', 'auth.password=x', '--set', 'podSecurityPolicy.create=true'] },
];

const FIXTURE_ARGS: string[][] = [[], ['--set', 'cache.enabled=false'], ['--include-crds', '--set-string', 'replicaCount=3'], ['--kube-version', '1.29', '--set', 'labels.tier=front'], ['--show-only', 'templates/configmap.yaml'], ['--include-crds', '--show-only', 'crds/widget.yaml', '--show-only', 'charts/cache/templates/*']];

function withoutSources(output: string, skip: RegExp | undefined): string {
	if (!skip) return output;
	return output
		.split(/^(?=---$)/m)
		.filter((part) => !skip.test(/^# Source: (.*)$/m.exec(part)?.[1] ?? ''))
		.join('');
}

describe('bosun render', function () {
	this.timeout(120_000);
	const helm = helmBinary();

	before(function () {
		if (!existsSync(cli)) {
			skipBecause(this, `${cli} is not built (node esbuild.mjs)`);
		}
	});

	it('reports a render error with Helm\'s message on stderr and exits 2', () => {
		const r = bosun([fixture, '--set', 'image=oops']);
		assert.equal(r.code, 2);
		assert.match(r.stderr, /^Error: template: web\/templates\/deployment.yaml:\d+:\d+: executing "web\/templates\/deployment.yaml" at <\.Values\.image\.repository>: can't evaluate field repository in type interface \{\}\n$|^Error: .*repository/);
		assert.equal(r.stdout, '');
	});

	it('exits 2 with a usage message without a chart folder', () => {
		const r = bosun([]);
		assert.equal(r.code, 2);
		assert.match(r.stderr, /expected one chart folder/);
		const notAChart = bosun([join(fixture, 'Chart.yaml')]);
		assert.equal(notAChart.code, 2);
		assert.match(notAChart.stderr, /neither a chart folder nor a .tgz chart archive/);
	});

	it('prints the fixture chart with # Source headers, hooks last and NOTES.txt left out', () => {
		const r = bosun([fixture]);
		assert.equal(r.code, 0, r.stderr);
		const sources = [...r.stdout.matchAll(/^# Source: (.*)$/gm)].map((m) => m[1]);
		// Helm's install order by kind: PodDisruptionBudget, ConfigMap, Service, Deployment; the hook Job last
		assert.deepEqual(sources, ['web/templates/deployment.yaml', 'web/templates/configmap.yaml', 'web/charts/cache/templates/service.yaml', 'web/templates/deployment.yaml', 'web/templates/hook.yaml']);
		assert.match(r.stdout, /greeting: "hello release-name"/);
		assert.match(r.stdout, /big: "1e\+06"/);
	});

	it('renders a .tgz chart archive as its folder', function () {
		const files: Record<string, string> = {};
		const walk = (dir: string, prefix: string) => {
			for (const entry of readdirSync(dir, { withFileTypes: true })) {
				if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
				else files[`web/${prefix}${entry.name}`] = readFileSync(join(dir, entry.name), 'utf8');
			}
		};
		walk(fixture, '');
		const dir = mkdtempSync(join(tmpdir(), 'bosun-tgz-'));
		try {
			const archive = join(dir, 'web-1.2.3.tgz');
			writeFileSync(archive, tgz(files));
			const fromArchive = bosun([archive]);
			assert.equal(fromArchive.code, 0, fromArchive.stderr);
			assert.equal(fromArchive.stdout, bosun([fixture]).stdout);
			if (helm.path) assert.equal(fromArchive.stdout, run(helm.path, ['template', archive]).stdout);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	for (const args of FIXTURE_ARGS) {
		it(`matches helm template byte for byte on the fixture chart ${args.join(' ')}`, function () {
			if (!helm.path) return skipBecause(this, `the helm oracle is unavailable (${helm.reason})`);
			const want = run(helm.path, ['template', fixture, ...args]);
			const got = bosun([fixture, ...args]);
			assert.equal(got.code, want.code, got.stderr);
			assert.equal(got.stdout, want.stdout);
		});
	}

	/** helm's and bosun's results for a corpus case, or undefined (the test skipped) without helm or the corpus. */
	function bothOutputs(context: Mocha.Context, c: Case) {
		if (!helm.path) return skipBecause(context, `the helm oracle is unavailable (${helm.reason})`);
		const dir = join(corpus, c.chart);
		if (!existsSync(dir)) return skipBecause(context, 'the Helm corpus (../shared/corpus/charts) is not present');
		return { want: run(helm.path, ['template', dir, ...c.args]), got: bosun([dir, ...c.args]) };
	}

	for (const c of ERROR_CASES) {
		it(`fails as helm template does on ${c.chart} ${c.args.join(' ')}`, function () {
			const outputs = bothOutputs(this, c);
			if (!outputs) return;
			const { want, got } = outputs;
			assert.equal(want.code, 1);
			assert.equal(got.code, 2);
			// helm adds a hint about --debug after a template error, and lists a schema's violations in Go's map order
			const lines = (text: string) => text.split('\n').sort();
			assert.deepEqual(lines(got.stderr), lines(want.stderr.replace(/\nUse --debug flag to render out invalid YAML\n$/, '')));
			assert.equal(got.stderr.split('\n')[0], want.stderr.split('\n')[0]);
		});
	}

	for (const c of CORPUS_CASES) {
		it(`agrees with helm template on ${c.chart} ${c.args.join(' ')}`, function () {
			const outputs = bothOutputs(this, c);
			if (!outputs) return;
			const { want, got } = outputs;
			assert.equal(want.code, 0, want.stderr);
			assert.equal(got.code, 0, got.stderr);
			if (c.exact) assert.equal(got.stdout, want.stdout);
			const diffs = compareOutputs(withoutSources(want.stdout, c.skipSources), withoutSources(got.stdout, c.skipSources));
			assert.deepEqual(diffs, []);
			assert.ok(want.stdout.includes('# Source:'), 'helm rendered objects');
		});
	}
});

/**
 * Opt-in exploration (BOSUN_HELM_EXPLORE=<runs per chart>, BOSUN_HELM_SEED=<n>): flips random boolean
 * values of each corpus chart's values.yaml and compares with helm; a chart helm refuses must fail with
 * helm's first line. Random Secrets, checksums and test pods are left out of the comparison.
 */
describe('bosun render against helm on random boolean flips (opt-in)', function () {
	this.timeout(0);
	const runs = Number(process.env.BOSUN_HELM_EXPLORE ?? 0);
	const helm = helmBinary();

	it('agrees on every flip', function () {
		if (!runs || !helm.path || !existsSync(corpus)) {
			return skipBecause(this, !runs ? 'opt-in: set BOSUN_HELM_EXPLORE=<runs per chart> to run it' : !helm.path ? `the helm oracle is unavailable (${helm.reason})` : 'the Helm corpus (../shared/corpus/charts) is not present');
		}
		let seed = Number(process.env.BOSUN_HELM_SEED ?? 1);
		const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		const baseArgs = new Map(CORPUS_CASES.filter((c) => c.args.some((a) => /password|policy=/i.test(a))).map((c) => [c.chart, c.args.slice(0, 2)]));
		const failures: string[] = [];
		for (const chart of readdirSync(corpus)) {
			const dir = join(corpus, chart);
			const flips: string[] = [];
			const walk = (value: unknown, path: string[]) => {
				if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
				for (const [key, v] of Object.entries(value)) {
					if (/[.,=[]/.test(key)) continue;
					if (typeof v === 'boolean') flips.push(`${[...path, key].join('.')}=${!v}`);
					else walk(v, [...path, key]);
				}
			};
			walk(parse(readFileSync(join(dir, 'values.yaml'), 'utf8')), []);
			for (let attempt = 0; attempt < runs && flips.length > 0; attempt++) {
				const args = [...(baseArgs.get(chart) ?? []), ...Array.from({ length: 4 }, () => ['--set', flips[Math.floor(random() * flips.length)]]).flat()];
				const want = run(helm.path, ['template', dir, ...args]);
				const got = bosun([dir, ...args]);
				const tag = `${chart} ${args.join(' ')}`;
				if (want.code !== 0 || got.code !== 0) {
					if (want.stderr.split('\n')[0] !== got.stderr.split('\n')[0]) failures.push(`${tag}\n  helm:  ${want.stderr.split('\n')[0]}\n  bosun: ${got.stderr.split('\n')[0]}`);
					continue;
				}
				const diffs = compareOutputs(want.stdout, got.stdout).filter((d) => !/test-|Secret|checksum/.test(d));
				if (diffs.length > 0) failures.push(`${tag}\n  ${diffs.slice(0, 3).join('\n  ')}`);
			}
		}
		assert.deepEqual(failures, []);
	});
});
