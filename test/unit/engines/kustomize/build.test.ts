// The in-process Kustomize builder on small in-memory trees: recognition, each feature's exact output,
// origins (base file, patch, kustomization entry, generator), file roles, errors and remote notices.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildKustomization, findKustomizationFile, formatKustomizeBuildOutput, KustomizeBuild, OriginNode } from '../../../../server/src/engines/kustomize';
import { memoryFs, yaml } from './memoryFs';

const DEPLOYMENT = yaml(`
	apiVersion: apps/v1
	kind: Deployment
	metadata:
	  name: web
	spec:
	  selector:
	    matchLabels:
	      app: web
	  template:
	    metadata:
	      labels:
	        app: web
	    spec:
	      containers:
	      - name: web
	        image: nginx:1.25
`);

function build(files: Record<string, string>, dir = '/app'): { build: KustomizeBuild; fs: ReturnType<typeof memoryFs> } {
	const fs = memoryFs(files);
	return { build: buildKustomization(fs, dir), fs };
}

function output(files: Record<string, string>, dir = '/app'): string {
	const { build: b } = build(files, dir);
	assert.deepEqual(b.errors, []);
	return formatKustomizeBuildOutput(b);
}

/** The origin node at `path` (the nearest source on the way, as the engine's contract says). */
function sourceAt(origin: OriginNode, path: (string | number)[]) {
	let node: OriginNode | undefined = origin;
	let source = origin.source;
	for (const step of path) {
		node = node?.children?.get(step);
		if (node?.source) source = node.source;
	}
	return source;
}

function textAt(files: Record<string, string>, ref: { file: string; start: number; end: number } | undefined): string | undefined {
	return ref && files[ref.file].slice(ref.start, ref.end);
}

describe('kustomize engine', () => {
	describe('recognition', () => {
		for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
			it(`finds ${name}`, () => {
				const fs = memoryFs({ [`/app/${name}`]: 'resources: []\n' });
				assert.equal(findKustomizationFile(fs, '/app'), `/app/${name}`);
			});
		}

		it('builds a kustomization without apiVersion/kind and refuses two kustomization files', () => {
			assert.equal(output({ '/app/kustomization.yaml': 'resources: [d.yaml]\n', '/app/d.yaml': DEPLOYMENT }), DEPLOYMENT.replace('- name: web\n        image: nginx:1.25', '- image: nginx:1.25\n        name: web'));
			const { build: b } = build({ '/app/kustomization.yaml': 'resources: []\n', '/app/kustomization.yml': 'resources: []\n' });
			assert.equal(b.errors[0].message, 'Found multiple kustomization files under: /app');
		});

		it('accepts a Component only under components:', () => {
			const component = yaml(`
				apiVersion: kustomize.config.k8s.io/v1alpha1
				kind: Component
				commonAnnotations:
				  from: component
			`);
			const files = { '/app/kustomization.yaml': 'resources: [d.yaml]\ncomponents: [../c]\n', '/app/d.yaml': DEPLOYMENT, '/c/kustomization.yaml': component };
			const { build: b } = build(files);
			assert.deepEqual(b.errors, []);
			assert.equal((b.objects[0].value.metadata as Record<string, unknown>).annotations instanceof Object, true);
			assert.equal(b.files.get('/c/kustomization.yaml'), 'component');
			const asResource = build({ '/app/kustomization.yaml': 'resources: [../c]\n', '/c/kustomization.yaml': component });
			assert.match(asResource.build.errors[0].message, /expected kind != 'Component'/);
		});
	});

	describe('transformers', () => {
		it('applies namespace, prefix/suffix, commonLabels (selectors too), annotations, images and replicas', () => {
			const out = output({
				'/app/kustomization.yaml': yaml(`
					resources: [d.yaml]
					namespace: prod
					namePrefix: p-
					nameSuffix: -s
					commonLabels:
					  team: a
					commonAnnotations:
					  note: x
					images:
					- name: nginx
					  newName: ghcr.io/acme/nginx
					  newTag: "1.27"
					replicas:
					- name: web
					  count: 3
				`),
				'/app/d.yaml': DEPLOYMENT,
			});
			assert.equal(out, yaml(`
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  annotations:
				    note: x
				  labels:
				    team: a
				  name: p-web-s
				  namespace: prod
				spec:
				  replicas: 3
				  selector:
				    matchLabels:
				      app: web
				      team: a
				  template:
				    metadata:
				      annotations:
				        note: x
				      labels:
				        app: web
				        team: a
				    spec:
				      containers:
				      - image: ghcr.io/acme/nginx:1.27
				        name: web
			`));
		});

		it('labels without includeSelectors leave selectors and templates alone', () => {
			const out = output({ '/app/kustomization.yaml': 'resources: [d.yaml]\nlabels:\n- pairs: {team: a}\n', '/app/d.yaml': DEPLOYMENT });
			assert.match(out, /metadata:\n {2}labels:\n {4}team: a\n {2}name: web/);
			assert.doesNotMatch(out, /matchLabels:\n {6}app: web\n {6}team/);
		});

		it('names generated ConfigMaps with kustomize\'s hash and rewrites references to them', () => {
			const out = output({
				'/app/kustomization.yaml': yaml(`
					resources: [pod.yaml]
					configMapGenerator:
					- name: gen
					  literals: [b=2, a=1]
				`),
				'/app/pod.yaml': yaml(`
					apiVersion: v1
					kind: Pod
					metadata:
					  name: p
					spec:
					  containers:
					  - name: c
					    image: busybox:1.36
					    envFrom:
					    - configMapRef:
					        name: gen
				`),
			});
			assert.match(out, /name: gen-7gdc49gk6d\n---/);
			assert.match(out, /configMapRef:\n {8}name: gen-7gdc49gk6d/);
		});
	});

	describe('patches', () => {
		it('merges containers by name, env by name, and replaces lists without a merge key', () => {
			const out = output({
				'/app/kustomization.yaml': 'resources: [d.yaml]\npatches:\n- path: patch.yaml\n',
				'/app/d.yaml': DEPLOYMENT,
				'/app/patch.yaml': yaml(`
					apiVersion: apps/v1
					kind: Deployment
					metadata:
					  name: web
					spec:
					  template:
					    spec:
					      containers:
					      - name: sidecar
					        image: envoy:1.30
					      - name: web
					        args: [--fast]
				`),
			});
			assert.match(out, /containers:\n {6}- image: envoy:1.30\n {8}name: sidecar\n {6}- args:\n {8}- --fast\n {8}image: nginx:1.25\n {8}name: web/);
		});

		it('applies a JSON 6902 patch to the objects its target selects', () => {
			const out = output({
				'/app/kustomization.yaml': yaml(`
					resources: [d.yaml]
					patches:
					- target: {kind: Deployment, name: "w.*"}
					  patch: |-
					    - op: add
					      path: /spec/replicas
					      value: 4
				`),
				'/app/d.yaml': DEPLOYMENT,
			});
			assert.match(out, /spec:\n {2}replicas: 4\n/);
		});
	});

	describe('origins', () => {
		const files = {
			'/app/kustomization.yaml': yaml(`
				resources: [d.yaml]
				namespace: prod
				commonLabels:
				  team: a
				images:
				- name: nginx
				  newTag: "1.27"
				replicas:
				- {name: web, count: 1}
				patches:
				- path: patch.yaml
				- target: {kind: Deployment}
				  patch: |-
				    - op: add
				      path: /spec/template/spec/priorityClassName
				      value: high
				configMapGenerator:
				- name: settings
				  literals: [a=1]
			`),
			'/app/d.yaml': DEPLOYMENT,
			'/app/patch.yaml': yaml(`
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: web
				spec:
				  template:
				    spec:
				      containers:
				      - name: web
				        resources:
				          limits:
				            memory: 128Mi
			`),
		};
		const { build: b } = build(files);
		const deployment = b.objects.find((o) => o.value.kind === 'Deployment')!;
		const at = (path: (string | number)[]) => sourceAt(deployment.origin, path);

		it('points base nodes at the resource file, kind and container name included', () => {
			assert.equal(at(['kind'])?.file, '/app/d.yaml');
			assert.equal(textAt(files, at(['kind'])), 'Deployment');
			assert.equal(files['/app/d.yaml'].slice(at(['kind'])!.keyStart!, at(['kind'])!.end), 'kind: Deployment');
			assert.equal(textAt(files, at(['spec', 'template', 'spec', 'containers', 0, 'name'])), 'web');
		});

		it('points patched fields at the patch file and JSON patch values at the operation value', () => {
			const memory = at(['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'memory']);
			assert.equal(memory?.file, '/app/patch.yaml');
			assert.equal(textAt(files, memory), '128Mi');
			const priority = at(['spec', 'template', 'spec', 'priorityClassName']);
			assert.equal(priority?.file, '/app/kustomization.yaml');
			assert.equal(textAt(files, priority), 'high');
		});

		it('points transformer-set fields at their kustomization entries', () => {
			assert.equal(textAt(files, at(['metadata', 'namespace'])), 'prod');
			assert.equal(textAt(files, at(['metadata', 'labels', 'team'])), 'a');
			assert.equal(textAt(files, at(['spec', 'selector', 'matchLabels', 'team'])), 'a');
			assert.equal(textAt(files, at(['spec', 'template', 'spec', 'containers', 0, 'image'])), 'name: nginx\n  newTag: "1.27"');
			assert.equal(textAt(files, at(['spec', 'replicas'])), '{name: web, count: 1}');
		});

		it('points a generated object at its generator entry and its data at the literal', () => {
			const cm = b.objects.find((o) => o.value.kind === 'ConfigMap')!;
			assert.equal(textAt(files, sourceAt(cm.origin, ['kind'])), 'name: settings\n  literals: [a=1]');
			assert.equal(textAt(files, sourceAt(cm.origin, ['data', 'a'])), 'a=1');
		});

		it('points fields of an inline patch at their place in the kustomization', () => {
			const inline = {
				'/app/kustomization.yaml': yaml(`
					resources: [d.yaml]
					patches:
					- patch: |-
					    apiVersion: apps/v1
					    kind: Deployment
					    metadata:
					      name: web
					    spec:
					      replicas: 3
					      template:
					        spec:
					          containers:
					          - name: web
					            image: nginx:2
				`),
				'/app/d.yaml': DEPLOYMENT,
			};
			const { build: inlineBuild } = build(inline);
			const origin = inlineBuild.objects[0].origin;
			const replicas = sourceAt(origin, ['spec', 'replicas'])!;
			assert.equal(replicas.file, '/app/kustomization.yaml');
			assert.equal(inline['/app/kustomization.yaml'].slice(replicas.keyStart!, replicas.end), 'replicas: 3');
			assert.equal(textAt(inline, sourceAt(origin, ['spec', 'template', 'spec', 'containers', 0, 'image'])), 'nginx:2');
			assert.equal(sourceAt(origin, ['spec', 'selector'])?.file, '/app/d.yaml');
		});

		it('records every file with its role', () => {
			assert.deepEqual([...b.files].sort(), [
				['/app/d.yaml', 'resource'],
				['/app/kustomization.yaml', 'kustomization'],
				['/app/patch.yaml', 'patch'],
			]);
		});
	});

	describe('file roles', () => {
		it('tells patches, generator inputs, components, configurations and bases apart', () => {
			const { build: b } = build({
				'/app/overlay/kustomization.yaml': yaml(`
					resources: [../base]
					components: [../component]
					configurations: [config.yaml]
					patchesStrategicMerge: [patch.yaml]
					configMapGenerator:
					- name: settings
					  envs: [settings.env]
					  files: [app.properties]
				`),
				'/app/overlay/config.yaml': 'commonLabels:\n- path: spec/labels\n  kind: Thing\n',
				'/app/overlay/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n',
				'/app/overlay/settings.env': 'A=1\n',
				'/app/overlay/app.properties': 'color=blue\n',
				'/app/base/kustomization.yaml': 'resources: [d.yaml]\n',
				'/app/base/d.yaml': DEPLOYMENT,
				'/app/component/kustomization.yaml': 'kind: Component\ncommonAnnotations: {a: b}\n',
			}, '/app/overlay');
			assert.deepEqual(b.errors, []);
			assert.deepEqual(Object.fromEntries(b.files), {
				'/app/overlay/kustomization.yaml': 'kustomization',
				'/app/base/kustomization.yaml': 'kustomization',
				'/app/base/d.yaml': 'resource',
				'/app/overlay/config.yaml': 'config',
				'/app/overlay/settings.env': 'generator-input',
				'/app/overlay/app.properties': 'generator-input',
				'/app/component/kustomization.yaml': 'component',
				'/app/overlay/patch.yaml': 'patch',
			});
		});
	});

	describe('errors and notices', () => {
		it('reports a missing resource on its kustomization entry and never throws', () => {
			const files = { '/app/kustomization.yaml': 'resources:\n- missing.yaml\n' };
			const { build: b } = build(files);
			assert.equal(b.objects.length, 0);
			assert.equal(b.errors.length, 1);
			assert.equal(textAt(files, b.errors[0]), 'missing.yaml');
			assert.match(b.errors[0].message, /accumulating resources: .*missing\.yaml/);
		});

		it('reports a patch that matches nothing with kustomize\'s message', () => {
			const { build: b } = build({
				'/app/kustomization.yaml': 'resources: [d.yaml]\npatches:\n- path: p.yaml\n',
				'/app/d.yaml': DEPLOYMENT,
				'/app/p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: other\n',
			});
			assert.equal(b.errors[0].message, 'no resource matches strategic merge patch "Deployment.v1.apps/other.[noNs]": no matches for Id Deployment.v1.apps/other.[noNs]; failed to find unique target for patch Deployment.v1.apps/other.[noNs]');
		});

		it('rejects unknown kustomization fields', () => {
			const { build: b } = build({ '/app/kustomization.yaml': 'resource: [d.yaml]\n' });
			assert.equal(b.errors[0].message, 'invalid Kustomization: json: unknown field "resource"');
		});

		it('does not fetch remote resources: one notice on that line, the rest still builds', () => {
			const files = { '/app/kustomization.yaml': 'resources:\n- https://github.com/acme/base?ref=v1\n- d.yaml\n', '/app/d.yaml': DEPLOYMENT };
			const { build: b } = build(files);
			assert.deepEqual(b.errors, []);
			assert.equal(b.objects.length, 1);
			assert.equal(b.notices.length, 1);
			assert.equal(textAt(files, b.notices[0]), 'https://github.com/acme/base?ref=v1');
		});

		it('gives a notice, not a wrong build, for fields it does not apply', () => {
			const files = { '/app/kustomization.yaml': 'resources: [d.yaml]\nhelmCharts:\n- name: redis\n', '/app/d.yaml': DEPLOYMENT };
			const { build: b } = build(files);
			assert.equal(b.objects.length, 1);
			assert.deepEqual(b.notices.map((n) => [n.message, files['/app/kustomization.yaml'].slice(n.start, n.start + 10)]), [['helmCharts are not rendered in-process; the build leaves their objects out', 'helmCharts']]);
		});

		it('never throws, whatever the kustomization and resources hold', () => {
			const field = fc.constantFrom('resources', 'patches', 'namespace', 'namePrefix', 'commonLabels', 'labels', 'images', 'replicas', 'configMapGenerator', 'replacements', 'components', 'vars', 'patchesJson6902', 'transformers');
			const value = fc.oneof(fc.constant('[d.yaml]'), fc.constant('{}'), fc.constant('- {path: d.yaml}'), fc.constant('- name: web\n  count: x'), fc.string({ maxLength: 12 }), fc.constant('[{target: {kind: Deployment}, patch: "[{op: remove, path: /x}]"}]'));
			fc.assert(fc.property(fc.array(fc.tuple(field, value), { maxLength: 4 }), fc.string({ maxLength: 40 }), (entries, resource) => {
				const text = entries.map(([k, v]) => `${k}: ${v.includes('\n') ? `\n${v}` : v}`).join('\n');
				const b = buildKustomization(memoryFs({ '/app/kustomization.yaml': text, '/app/d.yaml': resource }), '/app');
				for (const e of b.errors) assert.doesNotMatch(e.message, /^internal error/, text);
				return true;
			}), { numRuns: 300, seed: 7 });
		});

		it('survives garbage: YAML errors, cycles, non-map documents', () => {
			for (const files of [
				{ '/app/kustomization.yaml': 'resources: [d.yaml\n' },
				{ '/app/kustomization.yaml': 'resources: [../app]\n' },
				{ '/app/kustomization.yaml': 'resources: [d.yaml]\n', '/app/d.yaml': '- a\n- b\n' },
				{ '/app/kustomization.yaml': '' },
				{ '/app/kustomization.yaml': 'patches: 3\n' },
				{ '/app/kustomization.yaml': 'resources: [d.yaml]\n', '/app/d.yaml': `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`).join('\n')}\nkind: Bomb\n` },
			]) {
				const { build: b } = build(files as Record<string, string>);
				assert.equal(b.errors.length, 1, JSON.stringify(files));
				assert.equal(b.objects.length, 0);
			}
		});
	});
});
