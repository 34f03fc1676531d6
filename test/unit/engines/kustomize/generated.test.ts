// fast-check generated overlays, built in-process and by kubectl kustomize, compared byte for byte:
// random bases (Deployments, Services, ConfigMaps), an overlay combining namespace, prefix/suffix,
// labels, annotations, images, replicas, generators, strategic merge and JSON patches. The cases are
// generated up front (seeded) and run through kubectl a few at a time, so the default run stays short;
// BOSUN_KUSTOMIZE_RUNS and BOSUN_KUSTOMIZE_SEED run more or other cases.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { buildKustomization, formatKustomizeBuildOutput } from '../../../../server/src/engines/kustomize';
import { kubectlBinary } from '../../../helpers/oracle';
import { nodeFs } from './nodeFs';
import { skipBecause } from '../../../helpers/skip';

const run = promisify(execFile);
const RUNS = Number(process.env.BOSUN_KUSTOMIZE_RUNS ?? 24);
const SEED = Number(process.env.BOSUN_KUSTOMIZE_SEED ?? 20261206);

const APPS = ['web', 'api', 'db'];
const IMAGES = ['nginx:1.25', 'nginx', 'busybox', 'registry.local:5000/app:2.0', 'redis@sha256:' + 'a'.repeat(64)];
const labelKey = fc.constantFrom('team', 'tier', 'app.kubernetes.io/part-of', 'env');
// `yes` and `1` would be YAML 1.1 booleans and numbers in a kustomization, which kustomize refuses
const labelValue = fc.constantFrom('a', 'b', 'blue', 'x-y', 'v1.2');

const container = fc.record({
	name: fc.constantFrom('main', 'side', 'init'),
	image: fc.constantFrom(...IMAGES),
	env: fc.option(fc.array(fc.record({ name: fc.constantFrom('A', 'B', 'C'), value: fc.constantFrom('1', 'on', 'x y') }), { maxLength: 2 }), { nil: undefined }),
	args: fc.option(fc.array(fc.constantFrom('--a', 'b', '1.10', 'yes'), { maxLength: 3 }), { nil: undefined }),
});

function deployment(name: string, containers: { name: string }[], replicas: number | undefined, extra: Record<string, string>, configRef: boolean) {
	const unique = containers.filter((c, i) => containers.findIndex((o) => o.name === c.name) === i);
	return {
		apiVersion: 'apps/v1', kind: 'Deployment',
		metadata: { name, labels: { app: name, ...extra } },
		spec: {
			...(replicas !== undefined ? { replicas } : {}),
			selector: { matchLabels: { app: name } },
			template: {
				metadata: { labels: { app: name } },
				spec: {
					containers: unique.map((c) => ({ ...c, ...(configRef ? { envFrom: [{ configMapRef: { name: 'settings' } }] } : {}) })),
					...(configRef ? { volumes: [{ name: 'cfg', configMap: { name: 'settings' } }] } : {}),
				},
			},
		},
	};
}

const overlayCase = fc.record({
	apps: fc.subarray(APPS, { minLength: 1 }),
	containers: fc.array(container, { minLength: 1, maxLength: 2 }),
	replicas: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
	baseLabels: fc.dictionary(labelKey, labelValue, { maxKeys: 2 }),
	services: fc.boolean(),
	baseGenerator: fc.boolean(),
	basePrefix: fc.option(fc.constantFrom('base-', 'b'), { nil: undefined }),
	namespace: fc.option(fc.constantFrom('prod', 'team-a'), { nil: undefined }),
	namePrefix: fc.option(fc.constantFrom('p-', 'x'), { nil: undefined }),
	nameSuffix: fc.option(fc.constantFrom('-s', '2'), { nil: undefined }),
	commonLabels: fc.dictionary(labelKey, labelValue, { maxKeys: 2 }),
	labels: fc.option(fc.record({ pairs: fc.dictionary(labelKey, labelValue, { minKeys: 1, maxKeys: 2 }), includeSelectors: fc.boolean(), includeTemplates: fc.boolean() }), { nil: undefined }),
	commonAnnotations: fc.dictionary(fc.constantFrom('note', 'owner'), fc.constantFrom('hello world', 'ops@example.com', 'true'), { maxKeys: 2 }),
	images: fc.array(fc.record({ name: fc.constantFrom('nginx', 'busybox', 'registry.local:5000/app', 'redis'), newTag: fc.option(fc.constantFrom('1.27', 'v2'), { nil: undefined }), newName: fc.option(fc.constantFrom('ghcr.io/acme/img'), { nil: undefined }) }), { maxLength: 2 }),
	replicaEntry: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
	generatorBehavior: fc.option(fc.constantFrom('create', 'merge', 'replace'), { nil: undefined }),
	literals: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'LEVEL'), fc.constantFrom('1', 'debug', '"quoted"', 'x=y')), { minLength: 1, maxLength: 3 }),
	secret: fc.boolean(),
	smp: fc.option(fc.record({ env: fc.constantFrom('A', 'D'), value: fc.constantFrom('2', 'new'), sidecar: fc.boolean(), deleteMain: fc.boolean(), memory: fc.boolean() }), { nil: undefined }),
	jsonPatch: fc.option(fc.constantFrom('annotation', 'replicas', 'label', 'remove-label'), { nil: undefined }),
	targetBySelector: fc.boolean(),
	references: fc.boolean(),
	component: fc.option(fc.record({ annotation: fc.constantFrom('c', 'on'), prefix: fc.boolean() }), { nil: undefined }),
});

type Case = typeof overlayCase extends fc.Arbitrary<infer T> ? T : never;

// Strategic merge patches on pod specs: keyed lists (containers, ports, env, volumeMounts, volumes,
// imagePullSecrets), atomic lists (args, tolerations), $patch directives and null deletions. Keys are
// unique within each list, as in patches people write (kustomize's handling of repeated keys inside one
// patch is not modelled).
const port = fc.record({ name: fc.constantFrom('http', 'metrics', 'admin'), containerPort: fc.constantFrom(80, 8080, 9090) });
const envVar = fc.record({ name: fc.constantFrom('A', 'B', 'C'), value: fc.constantFrom('1', 'x', 'two words') });
const mount = fc.record({ name: fc.constantFrom('data', 'cache'), mountPath: fc.constantFrom('/data', '/cache', '/tmp') });
const smpContainer = fc.record({
	name: fc.constantFrom('main', 'side', 'proxy'),
	image: fc.option(fc.constantFrom('nginx:1.25', 'envoy:1.30'), { nil: undefined }),
	ports: fc.option(fc.array(port, { maxLength: 2 }), { nil: undefined }),
	env: fc.option(fc.array(envVar, { maxLength: 2 }), { nil: undefined }),
	volumeMounts: fc.option(fc.array(mount, { maxLength: 2 }), { nil: undefined }),
	args: fc.option(fc.array(fc.constantFrom('--a', '--b'), { maxLength: 2 }), { nil: undefined }),
	directive: fc.constantFrom(undefined, undefined, undefined, 'delete', 'replace'),
	nullImage: fc.boolean(),
	resources: fc.option(fc.record({
		limits: fc.option(fc.record({ cpu: fc.constantFrom('100m', '1'), memory: fc.option(fc.constantFrom('64Mi', '1Gi'), { nil: null }) }), { nil: undefined }),
		requests: fc.option(fc.record({ cpu: fc.constantFrom('50m') }), { nil: undefined }),
		directive: fc.constantFrom(undefined, undefined, 'replace', 'delete'),
	}), { nil: undefined }),
});
const podSpec = fc.record({
	containers: fc.array(smpContainer, { minLength: 1, maxLength: 3 }),
	volumes: fc.option(fc.array(fc.record({ name: fc.constantFrom('data', 'cache', 'extra') }), { maxLength: 2 }), { nil: undefined }),
	tolerations: fc.option(fc.array(fc.record({ key: fc.constantFrom('a', 'b'), operator: fc.constant('Exists') }), { maxLength: 2 }), { nil: undefined }),
	imagePullSecrets: fc.option(fc.array(fc.record({ name: fc.constantFrom('reg', 'other') }), { maxLength: 2 }), { nil: undefined }),
	replaceVolumes: fc.boolean(),
	nodeSelector: fc.option(fc.dictionary(fc.constantFrom('zone', 'disk'), fc.option(fc.constantFrom('a', 'ssd'), { nil: null }), { maxKeys: 2 }), { nil: undefined }),
	finalizers: fc.option(fc.array(fc.constantFrom('a.io/x', 'b.io/y', 'c.io/z'), { maxLength: 2 }), { nil: undefined }),
	dropFinalizers: fc.option(fc.array(fc.constantFrom('a.io/x', 'b.io/y'), { maxLength: 1 }), { nil: undefined }),
});
type PodSpecCase = typeof podSpec extends fc.Arbitrary<infer T> ? T : never;

/** The items of a list with the first of each key. */
function uniqueBy<T>(items: T[], key: (t: T) => unknown): T[] {
	return items.filter((item, i) => items.findIndex((o) => key(o) === key(item)) === i);
}

function podSpecYaml(spec: PodSpecCase, asPatch: boolean): Record<string, unknown> {
	const containers = uniqueBy(spec.containers, (c) => c.name).map((c) => {
		const out: Record<string, unknown> = { name: c.name };
		if (asPatch && c.directive) out.$patch = c.directive;
		if (c.image) out.image = c.image;
		else if (!asPatch) out.image = 'busybox:1.36';
		if (asPatch && c.nullImage) out.image = null;
		if (c.ports) out.ports = uniqueBy(c.ports, (p) => p.containerPort);
		if (c.env) out.env = uniqueBy(c.env, (e) => e.name);
		if (c.volumeMounts) out.volumeMounts = uniqueBy(c.volumeMounts, (m) => m.mountPath);
		if (c.args) out.args = c.args;
		if (c.resources) {
			const r: Record<string, unknown> = {};
			if (asPatch && c.resources.directive) r.$patch = c.resources.directive;
			if (c.resources.limits) r.limits = asPatch ? c.resources.limits : { cpu: c.resources.limits.cpu, memory: c.resources.limits.memory ?? '32Mi' };
			if (c.resources.requests) r.requests = c.resources.requests;
			out.resources = r;
		}
		return out;
	});
	const out: Record<string, unknown> = { containers };
	if (spec.volumes) out.volumes = [...(asPatch && spec.replaceVolumes ? [{ $patch: 'replace' }] : []), ...uniqueBy(spec.volumes, (v) => v.name).map((v) => ({ ...v, emptyDir: {} }))];
	if (spec.tolerations) out.tolerations = spec.tolerations;
	if (spec.imagePullSecrets) out.imagePullSecrets = uniqueBy(spec.imagePullSecrets, (s) => s.name);
	if (spec.nodeSelector) out.nodeSelector = asPatch ? spec.nodeSelector : Object.fromEntries(Object.entries(spec.nodeSelector).map(([k, v]) => [k, v ?? 'x']));
	return out;
}

const smpCase = fc.record({ base: podSpec, patches: fc.array(podSpec, { minLength: 1, maxLength: 2 }) });

function smpFiles(c: typeof smpCase extends fc.Arbitrary<infer T> ? T : never): Record<string, string> {
	const deployment = (spec: PodSpecCase, asPatch: boolean) => {
		const metadata: Record<string, unknown> = { name: 'web' };
		if (spec.finalizers) metadata.finalizers = [...new Set(spec.finalizers)];
		if (asPatch && spec.dropFinalizers) metadata['$deleteFromPrimitiveList/finalizers'] = spec.dropFinalizers;
		return { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec: { template: { spec: podSpecYaml(spec, asPatch) } } };
	};
	const files: Record<string, string> = { 'overlay/base.yaml': stringify(deployment(c.base, false)) };
	c.patches.forEach((p, i) => { files[`overlay/patch${i}.yaml`] = stringify(deployment(p, true)); });
	files['overlay/kustomization.yaml'] = stringify({ resources: ['base.yaml'], patches: c.patches.map((_, i) => ({ path: `patch${i}.yaml` })) });
	return files;
}

/** The files of one case, relative to its folder (`overlay/` is the one built). */
function filesOf(c: Case): Record<string, string> {
	const files: Record<string, string> = {};
	const objects: unknown[] = c.apps.map((a) => deployment(a, c.containers, c.replicas, c.baseLabels, c.baseGenerator));
	if (c.services) for (const a of c.apps) objects.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: a }, spec: { selector: { app: a }, ports: [{ port: 80 }] } });
	if (c.references) {
		const first = c.apps[0];
		const dep = objects[0] as { spec: { template: { spec: Record<string, unknown> } } };
		dep.spec.template.spec.serviceAccountName = first;
		dep.spec.template.spec.volumes = [...((dep.spec.template.spec.volumes as unknown[]) ?? []), { name: 'data', persistentVolumeClaim: { claimName: 'data' } }];
		objects.push(
			{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: first } },
			{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
			{ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: first }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: first }, minReplicas: 2, maxReplicas: 3 } },
			{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
			{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'reader' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects: [{ kind: 'ServiceAccount', name: first }] },
			{ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: first }, spec: { minAvailable: 1, selector: { matchLabels: { app: first } } } },
		);
		if (c.services) objects.push({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: first }, spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: first, port: { number: 80 } } } }] } }] } });
	}
	files['base/objects.yaml'] = objects.map((o) => stringify(o)).join('---\n');
	const base: Record<string, unknown> = { resources: ['objects.yaml'] };
	if (c.basePrefix) base.namePrefix = c.basePrefix;
	if (c.baseGenerator) base.configMapGenerator = [{ name: 'settings', literals: ['mode=base', 'a=0'] }];
	files['base/kustomization.yaml'] = stringify(base);

	const k: Record<string, unknown> = { resources: ['../base'] };
	if (c.namespace) k.namespace = c.namespace;
	if (c.namePrefix) k.namePrefix = c.namePrefix;
	if (c.nameSuffix) k.nameSuffix = c.nameSuffix;
	if (Object.keys(c.commonLabels).length) k.commonLabels = c.commonLabels;
	if (c.labels) k.labels = [c.labels];
	if (Object.keys(c.commonAnnotations).length) k.commonAnnotations = c.commonAnnotations;
	const images = c.images.filter((i) => i.newTag || i.newName).filter((i, n, all) => all.findIndex((o) => o.name === i.name) === n);
	if (images.length) k.images = images;
	const first = c.apps[0];
	if (c.replicaEntry !== undefined) k.replicas = [{ name: `${c.basePrefix ?? ''}${first}`, count: c.replicaEntry }];
	const behavior = c.baseGenerator ? c.generatorBehavior ?? 'merge' : 'create';
	k.configMapGenerator = [{ name: c.baseGenerator ? 'settings' : 'extra', ...(behavior !== 'create' ? { behavior } : {}), literals: c.literals.map(([key, v]) => `${key}=${v}`).filter((l, n, all) => all.findIndex((o) => o.split('=')[0] === l.split('=')[0]) === n) }];
	if (c.secret) k.secretGenerator = [{ name: 'creds', literals: ['password=s3cr3t'] }];
	const patches: unknown[] = [];
	if (c.smp) {
		const main = c.containers[0].name;
		const containers: unknown[] = [{ name: main, env: [{ name: c.smp.env, value: c.smp.value }], ...(c.smp.memory ? { resources: { limits: { memory: '128Mi' } } } : {}) }];
		if (c.smp.sidecar) containers.push({ name: 'proxy', image: 'envoy:1.30' });
		if (c.smp.deleteMain && c.containers.length > 1) containers.push({ name: c.containers[1].name, $patch: 'delete' });
		files['overlay/patch.yaml'] = stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `${c.basePrefix ?? ''}${first}` }, spec: { template: { spec: { containers } } } });
		patches.push({ path: 'patch.yaml' });
	}
	if (c.jsonPatch) {
		const op = c.jsonPatch === 'annotation' ? { op: 'add', path: '/metadata/annotations', value: { patched: 'yes' } }
			: c.jsonPatch === 'replicas' ? { op: 'add', path: '/spec/replicas', value: 7 }
				: c.jsonPatch === 'remove-label' ? { op: 'remove', path: '/metadata/labels/app' }
					: { op: 'add', path: '/metadata/labels/patched', value: 'json' };
		patches.push({ target: c.targetBySelector ? { labelSelector: `app=${first}` } : { kind: 'Deployment' }, patch: JSON.stringify([op]) });
	}
	if (c.component) {
		files['component/kustomization.yaml'] = stringify({
			apiVersion: 'kustomize.config.k8s.io/v1alpha1', kind: 'Component',
			commonAnnotations: { component: c.component.annotation === 'on' ? 'enabled' : c.component.annotation },
			...(c.component.prefix ? { namePrefix: 'c-' } : {}),
			patches: [{ target: { kind: 'Deployment' }, patch: stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'any' }, spec: { template: { metadata: { annotations: { from: 'component' } } } } }) }],
		});
		k.components = ['../component'];
	}
	if (patches.length) k.patches = patches;
	files['overlay/kustomization.yaml'] = stringify(k);
	return files;
}

/** Builds every case with kubectl (a few at a time) and in-process; the first difference fails. */
async function compareCases<T>(context: Mocha.Context, cases: T[], filesOf: (c: T) => Record<string, string>): Promise<void> {
	const kubectl = kubectlBinary();
	if (!kubectl.path) {
		skipBecause(context, `the kubectl oracle is unavailable (${kubectl.reason})`);
	}
	const root = mkdtempSync(join(tmpdir(), 'bosun-kustomize-'));
	try {
		const dirs = cases.map((c, i) => {
			const dir = join(root, String(i));
			for (const [rel, text] of Object.entries(filesOf(c))) {
				mkdirSync(dirname(join(dir, rel)), { recursive: true });
				writeFileSync(join(dir, rel), text);
			}
			return join(dir, 'overlay');
		});
		let compared = 0;
		let next = 0;
		const failures: string[] = [];
		await Promise.all([0, 1, 2].map(async () => {
			while (next < dirs.length) {
				const i = next++;
				let want: { out: string } | { error: string };
				try {
					want = { out: (await run(kubectl.path!, ['kustomize', dirs[i]])).stdout };
				} catch (e) {
					want = { error: String((e as { stderr?: string }).stderr ?? e).replace(/^# Warning: .*\n/gm, '').trim().replace(/^error: /, '') };
				}
				const build = buildKustomization(nodeFs, dirs[i]);
				const files = JSON.stringify(filesOf(cases[i]), null, 1);
				if ('error' in want) {
					if (process.env.BOSUN_KUSTOMIZE_DEBUG) console.log(`case ${i}: ${want.error}`);
					if (!build.errors.length) failures.push(`case ${i}: kustomize fails (${want.error}) but the build did not\n${files}`);
					else if (!want.error.includes(build.errors[0].message)) failures.push(`case ${i}: kustomize says ${want.error}\nbosun says ${build.errors[0].message}\n${files}`);
				} else if (build.errors.length) failures.push(`case ${i}: ${build.errors[0].message}\n${files}`);
				else if (formatKustomizeBuildOutput(build) !== want.out) failures.push(`case ${i}: output differs\n${files}\n--- kustomize:\n${want.out}\n--- bosun:\n${formatKustomizeBuildOutput(build)}`);
				else compared++;
			}
		}));
		assert.deepEqual(failures.slice(0, 1), []);
		assert.ok(compared > cases.length / 2, `only ${compared} of ${cases.length} cases built`);
	} finally {
		rmSync(root, { recursive: true, force: true });
	}
}

describe('kustomize engine on generated overlays', function () {
	this.timeout(120_000);
	it(`prints what kubectl kustomize prints for ${RUNS} generated overlays (seed ${SEED})`, async function () {
		await compareCases(this, fc.sample(overlayCase, { numRuns: RUNS, seed: SEED }), filesOf);
	});

	it(`applies ${RUNS} generated strategic merge patches as kubectl kustomize does (seed ${SEED})`, async function () {
		await compareCases(this, fc.sample(smpCase, { numRuns: RUNS, seed: SEED }), smpFiles);
	});
});
