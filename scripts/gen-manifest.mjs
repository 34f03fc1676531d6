// Writes the `contributes.configuration`, `contributes.commands` and `contributes.yamlValidation`
// sections of package.json from the rule registry and the configuration defaults, so the settings UI
// lists every rule with its default severity and the defaults VS Code hands the server are the core's
// own; and the JSON schema of `.bosun.yaml` (schemas/bosun-config.schema.json, the same keys as the
// settings), which the Red Hat YAML extension applies through `yamlValidation`. Run by the build
// (esbuild.mjs); other sections of package.json are left as they are. `--check` fails when either is stale.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const packagePath = new URL('../package.json', import.meta.url).pathname;

/** Load the registry and defaults from the TypeScript sources (bundled in memory, nothing written). */
async function loadSources() {
	const bundle = await build({
		stdin: {
			contents: [
				"export { RULES } from './server/src/rules';",
				"export { DEFAULT_CONFIG, SEVERITY_SETTINGS } from './server/src/core/config';",
				"export { ruleDocsLink } from './server/src/core/rule';",
				"export { COMPANION_PLACEMENTS, DEFAULT_COMPANION_PLACEMENT, DEFAULT_MAX_FILE_SIZE } from './server/src/lsp/protocol';",
			].join('\n'),
			resolveDir: root,
			loader: 'ts',
		},
		bundle: true,
		write: false,
		platform: 'node',
		format: 'cjs',
		logLevel: 'warning',
	});
	const module = { exports: {} };
	new Function('module', 'exports', 'require', bundle.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
	return module.exports;
}

const { RULES, DEFAULT_CONFIG, SEVERITY_SETTINGS, ruleDocsLink, COMPANION_PLACEMENTS, DEFAULT_COMPANION_PLACEMENT, DEFAULT_MAX_FILE_SIZE } = await loadSources();

const stringList = { type: 'array', items: { type: 'string' } };
const configuration = {
	title: 'Bosun',
	properties: {
		'bosun.rules': {
			type: 'object',
			scope: 'resource',
			default: {},
			additionalProperties: false,
			markdownDescription:
				'Severity per rule: `off`, `hint`, `info`, `warning` or `error`. Rules not listed keep their default severity. The nearest `.bosun.yaml` above a file wins over this setting.',
			properties: Object.fromEntries(
				RULES.map((rule) => [
					rule.id,
					{ type: 'string', enum: [...SEVERITY_SETTINGS], default: rule.defaultSeverity, markdownDescription: `${rule.title}. [Documentation](${ruleDocsLink(rule.id)})` },
				]),
			),
		},
		'bosun.requiredLabels': {
			...stringList,
			scope: 'resource',
			default: DEFAULT_CONFIG.requiredLabels,
			markdownDescription: 'Labels every workload and Service must carry on `metadata.labels` (and workloads on their pod template), checked by `missing-labels`.',
		},
		'bosun.trustedRegistries': {
			...stringList,
			scope: 'resource',
			default: DEFAULT_CONFIG.trustedRegistries,
			markdownDescription:
				'Image sources `untrusted-registry` accepts, as `registry/path` prefixes (e.g. `ghcr.io/acme`, `registry.internal:5000`). Empty: the rule is inactive.',
		},
		'bosun.kubernetesVersion': {
			type: 'string',
			scope: 'resource',
			default: DEFAULT_CONFIG.kubernetesVersion,
			pattern: '^(v?1\\.\\d+(\\.\\d+)?)?$',
			markdownDescription:
				'The Kubernetes minor version the manifests target (e.g. `1.30`): `deprecated-api-version` reports an error for APIs removed in it and a warning for deprecated ones. Empty: the newest version Bosun knows.',
		},
		'bosun.resourceDefaults': {
			type: 'object',
			scope: 'resource',
			default: DEFAULT_CONFIG.resourceDefaults,
			additionalProperties: false,
			properties: {
				cpu: { type: 'string', default: DEFAULT_CONFIG.resourceDefaults.cpu, markdownDescription: 'CPU quantity the resource quick fixes insert (e.g. `100m`).' },
				memory: { type: 'string', default: DEFAULT_CONFIG.resourceDefaults.memory, markdownDescription: 'Memory quantity the resource quick fixes insert (e.g. `128Mi`).' },
			},
			markdownDescription: 'Requests and limits the quick fixes of `missing-resource-requests`, `missing-memory-limit` and `missing-cpu-limit` insert when the container has no value to copy.',
		},
		'bosun.exclude': {
			...stringList,
			scope: 'resource',
			default: DEFAULT_CONFIG.exclude,
			markdownDescription:
				'Glob patterns, relative to the workspace folder, of YAML files Bosun neither lints nor reads into the workspace index (e.g. `charts/**/templates/**`). `files.exclude` is respected too.',
		},
		'bosun.maxFileSize': {
			type: 'number',
			scope: 'resource',
			default: DEFAULT_MAX_FILE_SIZE,
			minimum: 1,
			markdownDescription: `Files larger than this many bytes are not linted (default ${DEFAULT_MAX_FILE_SIZE}, 5 MB); an open one gets a single information diagnostic instead.`,
		},
		'bosun.companions.placement': {
			type: 'string',
			scope: 'resource',
			enum: [...COMPANION_PLACEMENTS],
			default: DEFAULT_COMPANION_PLACEMENT,
			markdownEnumDescriptions: [
				'`---` and the new document right after the workload\'s document, in the file\'s style.',
				'A new file next to the workload\'s, e.g. `web-pdb.yaml`, `web-networkpolicy.yaml`, `web-hpa.yaml`, `container-defaults-limitrange.yaml`.',
			],
			markdownDescription:
				'Where the companion documents Bosun generates (PodDisruptionBudget, NetworkPolicy, HorizontalPodAutoscaler, LimitRange) go: in the workload\'s file or in a new file next to it.',
		},
		'bosun.trace.server': {
			type: 'string',
			// Per window: it traces the one connection between this window and its server.
			scope: 'window',
			enum: ['off', 'messages', 'verbose'],
			default: 'off',
			description: 'Traces the messages between VS Code and the Bosun language server in the Bosun output channel.',
		},
	},
};

const commands = [
	{ command: 'bosun.restartServer', title: 'Restart Server', category: 'Bosun' },
	{ command: 'bosun.showRuleDocumentation', title: 'Show Rule Documentation', category: 'Bosun' },
	{ command: 'bosun.lintWorkspace', title: 'Lint Workspace', category: 'Bosun' },
	{ command: 'bosun.showRenderedManifests', title: 'Show Rendered Manifests', category: 'Bosun' },
	{ command: 'bosun.showBuiltManifests', title: 'Show Built Manifests', category: 'Bosun' },
];

/** `.bosun.yaml` keys: the settings that configure linting, without the `bosun.` prefix and editor-only fields. */
const CONFIG_FILE_KEYS = ['rules', 'requiredLabels', 'trustedRegistries', 'kubernetesVersion', 'resourceDefaults', 'exclude'];
const SCHEMA_PATH = 'schemas/bosun-config.schema.json';
const withoutScope = (value) => {
	if (Array.isArray(value) || typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'scope').map(([key, v]) => [key, withoutScope(v)]));
};
const schema = {
	$schema: 'http://json-schema.org/draft-07/schema#',
	title: 'Bosun configuration (.bosun.yaml)',
	description: 'Configures Bosun for the manifests in this directory and below it; wins over the editor settings.',
	type: 'object',
	additionalProperties: false,
	properties: Object.fromEntries(
		CONFIG_FILE_KEYS.map((key) => {
			const property = withoutScope(configuration.properties[`bosun.${key}`]);
			// `exclude` in .bosun.yaml is relative to the file's directory, not to the workspace folder.
			// YAML reads `1.30` and `cpu: 1` as numbers; Bosun accepts them, so the schema does too.
			if (key === 'kubernetesVersion') property.type = ['string', 'number'];
			if (key === 'resourceDefaults') for (const field of Object.values(property.properties)) field.type = ['string', 'number'];
			// The settings link each rule to a command that opens its page in VS Code; other editors cannot run it.
			if (key === 'rules') for (const rule of RULES) property.properties[rule.id].markdownDescription = `${rule.title}. ${rule.description}`;
			if (key === 'exclude') property.markdownDescription = 'Glob patterns, relative to the directory of this `.bosun.yaml`, of YAML files Bosun neither lints nor reads into the workspace index.';
			return [key, property];
		}),
	),
};
// Keys of .bosun.yaml only (how charts render and whether overlays are built), not editor settings.
schema.properties.helm = {
	type: 'object',
	additionalProperties: false,
	markdownDescription: 'How the Helm charts below this file render (as `helm template release-name <chart>` with these options).',
	properties: {
		valueFiles: { type: 'array', items: { type: 'string' }, markdownDescription: "Value files, relative to the chart's folder, applied after its values.yaml in order." },
		set: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] }, markdownDescription: '`--set` values: `path: value`.' },
		releaseName: { type: 'string' },
		namespace: { type: 'string' },
		kubeVersion: { type: ['string', 'number'] },
		apiVersions: { type: 'array', items: { type: 'string' }, markdownDescription: '`.Capabilities.APIVersions` beyond the built-in ones, e.g. `monitoring.coreos.com/v1`.' },
	},
};
schema.properties.kustomize = {
	type: 'object',
	additionalProperties: false,
	markdownDescription: 'Whether Kustomize overlays below this file are built and linted through their output (default true).',
	properties: { enabled: { type: 'boolean' } },
};
const yamlValidation = [{ fileMatch: '.bosun.yaml', url: `./${SCHEMA_PATH}` }];

const schemaPath = new URL(`../${SCHEMA_PATH}`, import.meta.url).pathname;
const oldText = readFileSync(packagePath, 'utf8');
const oldSchema = existsSync(schemaPath) ? readFileSync(schemaPath, 'utf8') : '';
const pkg = JSON.parse(oldText);
pkg.contributes = { ...pkg.contributes, configuration, commands, yamlValidation };
const newText = JSON.stringify(pkg, null, 2) + '\n';
const newSchema = JSON.stringify(schema, null, 2) + '\n';
if (process.argv.includes('--check')) {
	if (oldText !== newText || oldSchema !== newSchema) {
		console.error(`package.json \`contributes\` or ${SCHEMA_PATH} is stale: run \`node scripts/gen-manifest.mjs\``);
		process.exit(1);
	}
} else {
	if (oldText !== newText) writeFileSync(packagePath, newText);
	if (oldSchema !== newSchema) {
		mkdirSync(dirname(schemaPath), { recursive: true });
		writeFileSync(schemaPath, newSchema);
	}
}
