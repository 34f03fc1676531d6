// fast-check generators of hostile manifests. A case is a seed document (seeds.ts) or a random
// Kubernetes-shaped object with values of every type, then a few mutations: truncation, deleted,
// duplicated and swapped lines, changed indentation, inserted YAML indicators, template actions,
// random characters and bytes, huge scalars, anchors and aliases, deep nesting, CRLF and BOM,
// concatenated documents. Mutations are data (kind + positions), so fast-check shrinks a failure to a
// small one.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { seedDocuments } from './seeds';

/** Fragments that change YAML structure, or that the linter treats specially, when inserted anywhere. */
const SNIPPETS = [
	'\n', '\r\n', '\r', '\t', ' ', '  ', ': ', ':', '- ', '-', '? ', '---\n', '...\n', '#', ' # c', '%YAML 1.2\n',
	'[', ']', '{', '}', ',', '"', "'", '|', '|-', '>+', '|2', '&a ', '*a', '&b ', '*b', '<<: *a\n', '<<: ', '!!str ', '!!int ',
	'!!binary ', '!custom ', '!<tag:yaml.org,2002:str> ', '@', '`', '\\', '{{', '}}', '{{ .Values.x }}', '{{- if .Values.on }}\n', '{{- end }}',
	'${VAR}', 'null', '~', 'true', 'yes', '0x1F', '1e9', '-.inf', '.nan', '1_000', '0o17', '12:30:00', '2001-12-14t21:59:43.10-05:00',
	'\0', '\x01', '\x1b[31m', '\x7f', '\x85', '\u00a0', '\u2028', '\u2029', '\uFEFF', '\uFFFD', '\uD800', '\uDC00', '😀', 'é', '☸',
	'apiVersion: v1\n', 'kind: Pod\n', 'kind: List\nitems:\n', 'metadata:\n  name: x\n', 'containers:\n', '  - name: c\n    image: x:latest\n',
	'resources: {limits: {cpu: 1}}', 'cpu: "-1"', 'memory: 1.5.5Gi', 'port: 99999', 'port: http', 'replicas: -3', 'replicas: "2"',
	'# bosun-disable\n', '# bosun-disable-next-line latest-image-tag\n', 'bosun.dev/ignore: "*"',
];

/** Keys of Kubernetes objects the rules read; random objects are built from these. */
const KEYS = [
	'apiVersion', 'kind', 'metadata', 'name', 'namespace', 'labels', 'annotations', 'spec', 'template', 'selector', 'matchLabels',
	'matchExpressions', 'key', 'operator', 'values', 'replicas', 'strategy', 'type', 'containers', 'initContainers', 'image',
	'imagePullPolicy', 'command', 'args', 'env', 'ports', 'containerPort', 'port', 'targetPort', 'protocol', 'resources', 'requests',
	'limits', 'cpu', 'memory', 'ephemeral-storage', 'livenessProbe', 'readinessProbe', 'startupProbe', 'httpGet', 'tcpSocket', 'grpc',
	'exec', 'path', 'periodSeconds', 'securityContext', 'runAsNonRoot', 'runAsUser', 'privileged', 'allowPrivilegeEscalation',
	'readOnlyRootFilesystem', 'capabilities', 'add', 'drop', 'hostNetwork', 'hostPID', 'hostIPC', 'volumes', 'hostPath',
	'persistentVolumeClaim', 'claimName', 'accessModes', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken',
	'priorityClassName', 'affinity', 'podAntiAffinity', 'topologySpreadConstraints', 'jobTemplate', 'schedule', 'restartPolicy',
	'minReplicas', 'maxReplicas', 'scaleTargetRef', 'metrics', 'minAvailable', 'maxUnavailable', 'podSelector', 'policyTypes',
	'ingress', 'egress', 'rules', 'verbs', 'apiGroups', 'resourceNames', 'subjects', 'roleRef', 'items', 'data', 'default',
	'defaultRequest', 'limitRange', '<<', '',
];

const KINDS = [
	'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Service',
	'ConfigMap', 'Secret', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'Role', 'ClusterRole', 'RoleBinding',
	'ClusterRoleBinding', 'LimitRange', 'PersistentVolumeClaim', 'Ingress', 'Namespace', 'PriorityClass', 'List', 'Widget',
];

const API_VERSIONS = ['v1', 'apps/v1', 'batch/v1', 'batch/v1beta1', 'extensions/v1beta1', 'policy/v1beta1', 'autoscaling/v2beta2', 'networking.k8s.io/v1', 'rbac.authorization.k8s.io/v1', 'example.com/v1'];

/** Scalars the rules parse: quantities, ports, images, names, with wrong types mixed in. */
const scalar: fc.Arbitrary<unknown> = fc.oneof(
	fc.constantFrom('100m', '1', '0.5', '1Gi', '128Mi', '1e3', '-1', '', 'Infinity', '1.5.5', '10Ki', 'nginx', 'nginx:latest', 'a/b:1@sha256:00', 'http', 'Always', '*', 'default', 'cluster-admin', 'system:masters'),
	fc.integer({ min: -70000, max: 70000 }),
	fc.double({ noNaN: false }),
	fc.boolean(),
	fc.constant(null),
	fc.string({ maxLength: 12 }),
	fc.string({ unit: 'binary', maxLength: 8 }),
);

/** A random object of Kubernetes keys whose values may be of any type, nested a few levels. */
const k8sValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; map: Record<string, unknown>; list: unknown[] }>((tie) => ({
	value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('list')),
	map: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 6 }),
	list: fc.array(tie('value'), { maxLength: 4 }),
})).value;

/** How a generated object is written: block or flow, quoting, indentation. */
const STYLE = fc.record({
	collectionStyle: fc.constantFrom('any' as const, 'block' as const, 'flow' as const),
	defaultStringType: fc.constantFrom('PLAIN' as const, 'QUOTE_DOUBLE' as const, 'QUOTE_SINGLE' as const, 'BLOCK_LITERAL' as const, 'BLOCK_FOLDED' as const),
	indent: fc.integer({ min: 1, max: 4 }),
	indentSeq: fc.boolean(),
});

/** A manifest: apiVersion and kind (usually valid), random metadata and spec. */
const randomManifest: fc.Arbitrary<string> = fc
	.record({
		apiVersion: fc.oneof(fc.constantFrom(...API_VERSIONS), scalar),
		kind: fc.oneof(fc.constantFrom(...KINDS), scalar),
		metadata: fc.oneof(fc.record({ name: scalar, namespace: scalar, labels: k8sValue, annotations: k8sValue }, { requiredKeys: [] }), k8sValue),
		spec: k8sValue,
		items: fc.array(k8sValue, { maxLength: 3 }),
	}, { requiredKeys: ['apiVersion', 'kind'] })
	.chain((object) => STYLE.map((style) => stringify(object, { ...style, aliasDuplicateObjects: false })));

/** A mutation, as data: what to do and where (positions are taken modulo the text's length). */
type Mutation =
	| { kind: 'truncate'; at: number }
	| { kind: 'deleteLines'; at: number; count: number }
	| { kind: 'duplicateLine'; at: number }
	| { kind: 'swapLines'; at: number; other: number }
	| { kind: 'reindent'; at: number; delta: number; tab: boolean }
	| { kind: 'insert'; at: number; text: string }
	| { kind: 'replaceValue'; at: number; text: string }
	| { kind: 'hugeScalar'; at: number; size: number; unit: string; quoted: boolean; asKey: boolean }
	| { kind: 'anchorAlias'; at: number; other: number; name: string }
	| { kind: 'nest'; at: number; depth: number; open: string }
	| { kind: 'lineEnds'; crlf: boolean; bom: boolean }
	| { kind: 'append'; seed: number };

const position = fc.nat({ max: 1_000_000 });

/** What huge scalars repeat: text that regular expressions in rules (quantities, images, ports, placeholders) may backtrack on. */
const HUGE_UNITS = ['x', '{{', '}}', '${', '1', '0.', '1e', 'Gi', 'a-', '-', '/', ':', '@', 'a.', 'sha256:', ' ', '\t', '\\', '"', 'é', '😀', '*', '%'];

function mutation(hugeMax: number): fc.Arbitrary<Mutation> {
	return fc.oneof(
		fc.record({ kind: fc.constant('truncate' as const), at: position }),
		fc.record({ kind: fc.constant('deleteLines' as const), at: position, count: fc.integer({ min: 1, max: 4 }) }),
		fc.record({ kind: fc.constant('duplicateLine' as const), at: position }),
		fc.record({ kind: fc.constant('swapLines' as const), at: position, other: position }),
		fc.record({ kind: fc.constant('reindent' as const), at: position, delta: fc.integer({ min: -4, max: 4 }), tab: fc.boolean() }),
		fc.record({ kind: fc.constant('insert' as const), at: position, text: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 6 })) }),
		fc.record({ kind: fc.constant('replaceValue' as const), at: position, text: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 10 })) }),
		fc.record({ kind: fc.constant('hugeScalar' as const), at: position, size: fc.integer({ min: 1000, max: hugeMax }), unit: fc.constantFrom(...HUGE_UNITS), quoted: fc.boolean(), asKey: fc.boolean() }),
		fc.record({ kind: fc.constant('anchorAlias' as const), at: position, other: position, name: fc.constantFrom('a', 'b', 'x1') }),
		fc.record({ kind: fc.constant('nest' as const), at: position, depth: fc.integer({ min: 1, max: 260 }), open: fc.constantFrom('[', '{a: ', '- ', '[{x: ') }),
		fc.record({ kind: fc.constant('lineEnds' as const), crlf: fc.boolean(), bom: fc.boolean() }),
		fc.record({ kind: fc.constant('append' as const), seed: position }),
	);
}

function splitLines(text: string): string[] {
	return text.split('\n');
}

/** Offset just after the first `: ` or `- ` of the line holding `at`, or the line's end: where a value goes. */
function valueOffset(text: string, at: number): { start: number; end: number } {
	const lineStart = text.lastIndexOf('\n', at - 1) + 1;
	let lineEnd = text.indexOf('\n', at);
	if (lineEnd < 0) lineEnd = text.length;
	const line = text.slice(lineStart, lineEnd);
	const colon = line.indexOf(': ');
	const dash = line.search(/- /);
	const cut = colon >= 0 ? colon + 2 : dash >= 0 ? dash + 2 : line.length;
	return { start: lineStart + cut, end: lineEnd };
}

export function applyMutation(text: string, m: Mutation, seeds: readonly string[]): string {
	const at = m.kind === 'lineEnds' || m.kind === 'append' ? 0 : m.at % (text.length + 1);
	switch (m.kind) {
		case 'truncate':
			return text.slice(0, at);
		case 'deleteLines': {
			const lines = splitLines(text);
			const i = m.at % lines.length;
			lines.splice(i, m.count);
			return lines.join('\n');
		}
		case 'duplicateLine': {
			const lines = splitLines(text);
			const i = m.at % lines.length;
			lines.splice(i, 0, lines[i]);
			return lines.join('\n');
		}
		case 'swapLines': {
			const lines = splitLines(text);
			const i = m.at % lines.length;
			const j = m.other % lines.length;
			[lines[i], lines[j]] = [lines[j], lines[i]];
			return lines.join('\n');
		}
		case 'reindent': {
			const lines = splitLines(text);
			const i = m.at % lines.length;
			const indent = /^[ \t]*/.exec(lines[i])![0].length;
			const width = Math.max(0, indent + m.delta);
			lines[i] = (m.tab ? '\t'.repeat(Math.ceil(width / 2)) : ' '.repeat(width)) + lines[i].slice(indent);
			return lines.join('\n');
		}
		case 'insert':
			return text.slice(0, at) + m.text + text.slice(at);
		case 'replaceValue': {
			const { start, end } = valueOffset(text, at);
			return text.slice(0, start) + m.text + text.slice(end);
		}
		case 'hugeScalar': {
			const { start, end } = valueOffset(text, at);
			const unit = m.unit.repeat(Math.ceil(m.size / m.unit.length));
			const scalar = m.quoted ? JSON.stringify(unit) : unit;
			return text.slice(0, start) + (m.asKey ? `{${scalar}: 1}` : scalar) + text.slice(end);
		}
		case 'anchorAlias': {
			// An anchor on one value and an alias in place of another, which may come first (an unknown alias).
			const anchored = valueOffset(text, at);
			const aliased = valueOffset(text, m.other % (text.length + 1));
			const replacement = (r: { start: number; end: number }) => (r === anchored ? `&${m.name} ${text.slice(r.start, r.end)}` : `*${m.name}`);
			// Values on different lines never overlap; on the same line they are the same value.
			if (aliased.start === anchored.start) return text.slice(0, anchored.start) + replacement(anchored) + text.slice(anchored.end);
			const [first, second] = anchored.start < aliased.start ? [anchored, aliased] : [aliased, anchored];
			return text.slice(0, first.start) + replacement(first) + text.slice(first.end, second.start) + replacement(second) + text.slice(second.end);
		}
		case 'nest': {
			const { start, end } = valueOffset(text, at);
			const close = { '[': ']', '{a: ': '}', '[{x: ': '}]', '- ': '' }[m.open] ?? '';
			const inner = m.open === '- ' ? `\n    ${'- '.repeat(m.depth)}x` : `${m.open.repeat(m.depth)}1${close.repeat(m.depth)}`;
			return text.slice(0, start) + inner + text.slice(end);
		}
		case 'lineEnds':
			return (m.bom ? '\uFEFF' : '') + (m.crlf ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\r\n/g, '\n'));
		case 'append':
			return `${text}${text.endsWith('\n') ? '' : '\n'}---\n${seeds[m.seed % seeds.length]}`;
	}
}

/** Apply the mutations in order. */
function mutate(base: string, mutations: readonly Mutation[], seeds: readonly string[]): string {
	let text = base;
	for (const m of mutations) text = applyMutation(text, m, seeds);
	return text;
}

export interface CaseOptions {
	/** Largest inserted scalar, in characters. */
	hugeMax?: number;
	maxMutations?: number;
}

/** A whole file to lint: one or more documents, broken in random ways (or, sometimes, intact). */
export function fuzzedFile(options: CaseOptions = {}): fc.Arbitrary<string> {
	const seeds = seedDocuments();
	const base = fc.oneof(
		{ weight: 5, arbitrary: fc.nat({ max: seeds.length - 1 }).map((i) => seeds[i]) },
		{ weight: 3, arbitrary: randomManifest },
		{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
		{ weight: 1, arbitrary: fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 40 }).map((parts) => parts.join('')) },
	);
	return fc
		.tuple(base, fc.array(mutation(options.hugeMax ?? 20_000), { maxLength: options.maxMutations ?? 4 }))
		.map(([text, mutations]) => mutate(text, mutations, seeds));
}

/** Text edits a user might make to a document, for the server: a range to replace and what with. */
export interface FuzzEdit {
	at: number;
	length: number;
	text: string;
}

export function fuzzedEdits(maxEdits: number): fc.Arbitrary<FuzzEdit[]> {
	return fc.array(
		fc.record({
			at: position,
			length: fc.nat({ max: 40 }),
			text: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 8 }), fc.nat({ max: seedDocuments().length - 1 }).map((i) => seedDocuments()[i])),
		}),
		{ minLength: 1, maxLength: maxEdits },
	);
}
