// Fix plans rendered as text edits, one case per layout, each with the exact expected file text. Every
// case also checks that no comment outside the replaced text is lost.
import assert from 'node:assert/strict';
import { analyzeFile } from '../../../server/src/core/linter';
import { applyEdits, commentsOf, explainOps, ignoreEdit, TextEdit, UNVERIFIED } from '../../../server/src/core/fix';
import type { FixOp } from '../../../server/src/core/types';

interface EditCase {
	name: string;
	input: string;
	ops?: FixOp[];
	/** Instead of `ops`: the ignore annotation for this rule id. */
	ignore?: string;
	/** Which object of the file the plan is for (0-based, in file order). */
	object?: number;
	/** The file after the fix; null when no fix may be offered. */
	output: string | null;
	/** Why no fix is offered: part of the renderer's reason (never a failed verification: that would be a renderer bug). */
	refused?: string;
}

const crlf = (s: string) => s.replace(/\n/g, '\r\n');
const container = ['spec', 'template', 'spec', 'containers', 0];
const probe: FixOp = { op: 'set', path: [...container, 'livenessProbe'], value: { tcpSocket: { port: 'http' } } };

const deployment2 = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: web:1
          ports:
            - name: http
              containerPort: 8080
`;

const deployment4Flush = `apiVersion: apps/v1
kind: Deployment
metadata:
    name: web
spec:
    template:
        spec:
            containers:
            - name: web
              image: web:1
              ports:
              - name: http
                containerPort: 8080
`;

const pod = (containerBody: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: p
${containerBody}`;
const podContainer = ['spec', 'containers', 0];

const cases: EditCase[] = [
	{
		name: '2-space indent, indented sequences: new key after the last pair at the first key’s column',
		input: deployment2,
		ops: [probe, { op: 'set', path: [...container, 'args'], value: ['--port', '8080'] }],
		output: `${deployment2}          livenessProbe:
            tcpSocket:
              port: http
          args:
            - --port
            - "8080"
`,
	},
	{
		name: '4-space indent, flush sequences',
		input: deployment4Flush,
		ops: [probe, { op: 'set', path: [...container, 'args'], value: ['--port'] }],
		output: `${deployment4Flush}              livenessProbe:
                  tcpSocket:
                      port: http
              args:
              - --port
`,
	},
	{
		name: 'a document that shows no sequence style takes the file’s (flush here)',
		input: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: ClusterIP\n',
		object: 1,
		ops: [{ op: 'set', path: ['spec', 'ports'], value: [{ port: 80 }] }],
		output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: ClusterIP\n  ports:\n  - port: 80\n',
	},
	{
		name: 'CRLF line endings stay CRLF',
		input: crlf(deployment2),
		ops: [probe],
		output: crlf(`${deployment2}          livenessProbe:
            tcpSocket:
              port: http
`),
	},
	{
		name: 'last line without a newline stays without one',
		input: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: ClusterIP',
		ops: [{ op: 'set', path: ['spec', 'selector'], value: { app: 's' } }],
		output: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: ClusterIP\n  selector:\n    app: s',
	},
	{
		name: 'flow map: insert `, key: {…}` in flow style',
		input: pod('    resources: {limits: {cpu: 500m}}\n'),
		ops: [{ op: 'set', path: [...podContainer, 'resources', 'requests'], value: { cpu: '100m', memory: '128Mi' } }],
		output: pod('    resources: {limits: {cpu: 500m}, requests: {cpu: 100m, memory: 128Mi}}\n'),
	},
	{
		name: 'flow map with brace padding keeps the padding',
		input: 'apiVersion: v1\nkind: Pod\nmetadata: { name: p, labels: { app: p } }\n',
		ops: [{ op: 'set', path: ['metadata', 'labels', 'tier'], value: 'web' }],
		output: 'apiVersion: v1\nkind: Pod\nmetadata: { name: p, labels: { app: p, tier: web } }\n',
	},
	{
		name: 'flow container item: a nested map is written in flow style, not converted',
		input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: a, image: b}\n',
		ops: [{ op: 'set', path: [...podContainer, 'readinessProbe'], value: { httpGet: { path: '/', port: 80 } } }],
		output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: a, image: b, readinessProbe: {httpGet: {path: /, port: 80}}}\n',
	},
	{
		name: 'multi-line flow map: the new pair goes on its own aligned line',
		input: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {\n    app: p,\n    tier: web\n  }\n',
		ops: [{ op: 'set', path: ['metadata', 'labels', 'team'], value: 'core' }],
		output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {\n    app: p,\n    tier: web,\n    team: core\n  }\n',
	},
	{
		name: 'multi-line flow map with a trailing comma keeps it',
		input: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {\n    app: p,\n  }\n',
		ops: [{ op: 'set', path: ['metadata', 'labels', 'team'], value: 'core' }],
		output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {\n    app: p,\n    team: core,\n  }\n',
	},
	{
		name: 'empty value `resources:`: only the value is written',
		input: pod('    image: p:1\n    resources:\n    ports: []\n'),
		ops: [{ op: 'set', path: [...podContainer, 'resources', 'limits', 'memory'], value: '128Mi' }],
		output: pod('    image: p:1\n    resources:\n      limits:\n        memory: 128Mi\n    ports: []\n'),
	},
	{
		name: 'empty value `resources: ~`',
		input: pod('    resources: ~\n    image: p:1\n'),
		ops: [{ op: 'set', path: [...podContainer, 'resources', 'limits', 'memory'], value: '128Mi' }],
		output: pod('    resources:\n      limits:\n        memory: 128Mi\n    image: p:1\n'),
	},
	{
		name: 'empty value `resources: {}` with a comment keeps the comment on the key line',
		input: pod('    resources: {} # sized later\n    image: p:1\n'),
		ops: [{ op: 'set', path: [...podContainer, 'resources', 'limits', 'memory'], value: '128Mi' }],
		output: pod('    resources: # sized later\n      limits:\n        memory: 128Mi\n    image: p:1\n'),
	},
	{
		name: 'a scalar on an empty value goes after the colon',
		input: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas:\n  paused: false\n',
		ops: [{ op: 'set', path: ['spec', 'replicas'], value: 2 }],
		output: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 2\n  paused: false\n',
	},
	{
		name: 'a document in the middle of a multi-document file; the others stay byte-identical',
		input: '# first\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 80}]\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n',
		object: 1,
		ops: [{ op: 'set', path: ['spec', 'selector'], value: { app: 's' } }],
		output: '# first\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 80}]\n  selector:\n    app: s\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n',
	},
	{
		name: 'List item: paths are relative to the item',
		input: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: b\n',
		object: 1,
		ops: [{ op: 'set', path: ['metadata', 'namespace'], value: 'prod' }],
		output: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: b\n    namespace: prod\n',
	},
	{
		name: 'comments, blank lines and quoting around the edit are kept; a same-line comment stays on its line',
		input: pod('    # the image\n    image: "p:1"   # pinned\n\n    # ports below\n    ports:\n    - containerPort: 80 # http\n# end of pod\n'),
		ops: [{ op: 'set', path: [...podContainer, 'livenessProbe'], value: { tcpSocket: { port: 80 } } }],
		output: pod('    # the image\n    image: "p:1"   # pinned\n\n    # ports below\n    ports:\n    - containerPort: 80 # http\n    livenessProbe:\n      tcpSocket:\n        port: 80\n# end of pod\n'),
	},
	{
		name: 'YAML 1.1 booleans and number-like strings are quoted',
		input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n',
		ops: [{ op: 'set', path: ['data'], value: { enabled: 'on', debug: 'no', y: 'y', port: '8080', plain: 'text' } }],
		output: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n  enabled: "on"\n  debug: "no"\n  "y": "y"\n  port: "8080"\n  plain: text\n',
	},
	{
		name: 'set on an existing scalar replaces the value text only',
		input: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 1 # one for now\n  paused: false\n',
		ops: [{ op: 'set', path: ['spec', 'replicas'], value: 2 }],
		output: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 2 # one for now\n  paused: false\n',
	},
	{
		name: 'set on an existing quoted scalar',
		input: pod('    securityContext:\n      privileged: "true"\n'),
		ops: [{ op: 'set', path: [...podContainer, 'securityContext', 'privileged'], value: false }],
		output: pod('    securityContext:\n      privileged: false\n'),
	},
	{
		name: 'set merges into an existing map key by key',
		input: pod('    resources:\n      limits:\n        cpu: 500m\n'),
		ops: [{ op: 'set', path: [...podContainer, 'resources'], value: { requests: { cpu: '100m' }, limits: { memory: '128Mi' } } }],
		output: pod('    resources:\n      limits:\n        cpu: 500m\n        memory: 128Mi\n      requests:\n        cpu: 100m\n'),
	},
	{
		name: 'two operations creating the same missing map insert it once',
		input: pod('    image: p:1\n'),
		ops: [
			{ op: 'set', path: [...podContainer, 'securityContext', 'runAsNonRoot'], value: true },
			{ op: 'set', path: [...podContainer, 'securityContext', 'allowPrivilegeEscalation'], value: false },
		],
		output: pod('    image: p:1\n    securityContext:\n      runAsNonRoot: true\n      allowPrivilegeEscalation: false\n'),
	},
	{
		name: 'a list that grows keeps its items and gains the new ones',
		input: pod('    securityContext:\n      capabilities:\n        drop:\n        - NET_RAW # not needed\n'),
		ops: [{ op: 'set', path: [...podContainer, 'securityContext', 'capabilities', 'drop'], value: ['NET_RAW', 'ALL'] }],
		output: pod('    securityContext:\n      capabilities:\n        drop:\n        - NET_RAW # not needed\n        - ALL\n'),
	},
	{
		name: 'a flow list that grows',
		input: pod('    securityContext:\n      capabilities: {drop: [NET_RAW]}\n'),
		ops: [{ op: 'set', path: [...podContainer, 'securityContext', 'capabilities', 'drop'], value: ['NET_RAW', 'ALL'] }],
		output: pod('    securityContext:\n      capabilities: {drop: [NET_RAW, ALL]}\n'),
	},
	{
		name: 'a written flow list that is replaced stays flow',
		input: pod('    securityContext:\n      capabilities:\n        drop: [NET_RAW]\n'),
		ops: [{ op: 'set', path: [...podContainer, 'securityContext', 'capabilities', 'drop'], value: ['ALL'] }],
		output: pod('    securityContext:\n      capabilities:\n        drop: [ALL]\n'),
	},
	{
		name: 'a block list that is replaced is written as a block again',
		input: pod('    securityContext:\n      capabilities:\n        drop:\n        - NET_RAW\n        - CHOWN\n      privileged: false\n'),
		ops: [{ op: 'set', path: [...podContainer, 'securityContext', 'capabilities', 'drop'], value: ['ALL'] }],
		output: pod('    securityContext:\n      capabilities:\n        drop:\n        - ALL\n      privileged: false\n'),
	},
	{
		name: 'a block scalar replaced by a plain value goes onto the key’s line',
		input: pod('    command: |\n      run --fast\n    image: p:1\n'),
		ops: [{ op: 'set', path: [...podContainer, 'command'], value: 'run' }],
		output: pod('    command: run\n    image: p:1\n'),
	},
	{
		name: 'multi-line flow map: a comment after the last pair stays on its line',
		input: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {\n    app: p, # the app\n    tier: web # why\n  }\n',
		ops: [{ op: 'set', path: ['metadata', 'labels', 'team'], value: 'core' }],
		output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {\n    app: p, # the app\n    tier: web, # why\n    team: core\n  }\n',
	},
	{
		name: 'not offered: replacing a block list that holds a comment would lose it',
		input: pod('    securityContext:\n      capabilities:\n        drop:\n        # keep raw sockets off\n        - NET_RAW\n'),
		ops: [{ op: 'set', path: [...podContainer, 'securityContext', 'capabilities', 'drop'], value: ['ALL'] }],
		output: null,
		refused: 'comment',
	},
	{
		name: 'delete removes the pair’s whole lines, nested block included',
		input: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  # scaled by the HPA\n  replicas: 3\n  strategy:\n    rollingUpdate:\n      maxSurge: 1\n  paused: false\n',
		ops: [{ op: 'delete', path: ['spec', 'strategy'] }],
		output: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  # scaled by the HPA\n  replicas: 3\n  paused: false\n',
	},
	{
		name: 'delete the last line of a file without a final newline',
		input: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  paused: false\n  replicas: 3',
		ops: [{ op: 'delete', path: ['spec', 'replicas'] }],
		output: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  paused: false',
	},
	{
		name: 'delete the first key of a sequence item: the next key moves onto the dash line',
		input: pod('    image: p:1\n').replace('  - name: p\n', '  - imagePullPolicy: Always\n    name: p\n'),
		ops: [{ op: 'delete', path: [...podContainer, 'imagePullPolicy'] }],
		output: pod('    image: p:1\n').replace('  - name: p\n', '  - name: p\n'),
	},
	{
		name: 'delete in a flow map',
		input: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: 3, paused: false}\n',
		ops: [{ op: 'delete', path: ['spec', 'replicas'] }],
		output: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {paused: false}\n',
	},
	{
		name: 'ignore annotation: metadata without annotations gets them',
		input: deployment2,
		ignore: 'missing-liveness-probe',
		output: deployment2.replace('  name: web\n', '  name: web\n  annotations:\n    ignore-check.bosun.dev/missing-liveness-probe: "TODO: why this is safe"\n'),
	},
	{
		name: 'ignore annotation: existing annotations gain one',
		input: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations:\n    team: core # owner\nspec:\n  selector: {app: s}\n',
		ignore: 'dangling-service',
		output: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations:\n    team: core # owner\n    ignore-check.bosun.dev/dangling-service: "TODO: why this is safe"\nspec:\n  selector: {app: s}\n',
	},
	{
		name: 'ignore annotation: flow annotations stay flow',
		input: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations: {team: core}\n',
		ignore: 'dangling-service',
		output: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations: {team: core, ignore-check.bosun.dev/dangling-service: "TODO: why this is safe"}\n',
	},
	{
		name: 'companion document: `---` and the object right after the object’s document, in the file’s style',
		input: '# web\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n    name: web\nspec:\n    replicas: 2\n---\napiVersion: v1\nkind: Service\nmetadata:\n    name: web\n',
		ops: [{ op: 'appendDocument', value: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } } } }],
		output:
			'# web\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n    name: web\nspec:\n    replicas: 2\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n    name: web\nspec:\n    maxUnavailable: 1\n    selector:\n        matchLabels:\n            app: web\n---\napiVersion: v1\nkind: Service\nmetadata:\n    name: web\n',
	},
	{
		name: 'companion document at the end of a CRLF file without a final newline',
		input: crlf('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web'),
		ops: [{ op: 'appendDocument', value: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', spec: { policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 80 }] }] } } }],
		output: crlf(
			'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec:\n  policyTypes:\n  - Ingress\n  ingress:\n  - ports:\n    - port: 80',
		),
	},
	{
		name: 'not offered: the target map is reached through an alias (the anchor would change too)',
		input: 'apiVersion: v1\nkind: List\nitems:\n- &pod\n  apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n- *pod\n',
		object: 1,
		ops: [{ op: 'set', path: ['metadata', 'namespace'], value: 'prod' }],
		output: null,
		refused: 'alias',
	},
	{
		name: 'not offered: an edit inside an anchored map that an alias repeats',
		input: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: &labels\n    app: p\n  annotations: *labels\n',
		ops: [{ op: 'set', path: ['metadata', 'labels', 'tier'], value: 'web' }],
		output: null,
		refused: 'repeated by an alias',
	},
	{
		name: 'not offered: deleting a pair whose value an alias repeats',
		input: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: &labels\n    app: p\n  annotations: *labels\n',
		ops: [{ op: 'delete', path: ['metadata', 'labels'] }],
		output: null,
		refused: 'repeated by an alias',
	},
	{
		name: 'not offered: a map that only comes through a `<<` merge',
		input: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - <<: {securityContext: {runAsUser: 1000}}\n    name: p\n',
		ops: [{ op: 'set', path: [...podContainer, 'securityContext', 'runAsNonRoot'], value: true }],
		output: null,
		refused: 'merge key',
	},
	{
		name: 'not offered: deleting the only key of a block map would turn it into null',
		input: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 3\n',
		ops: [{ op: 'delete', path: ['spec', 'replicas'] }],
		output: null,
		refused: 'only key',
	},
	{
		name: 'not offered: a plan that changes nothing',
		input: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 2\n',
		ops: [{ op: 'set', path: ['spec', 'replicas'], value: 2 }],
		output: null,
		refused: 'changes nothing',
	},
	{
		name: 'not offered: a sequence item that does not exist',
		input: pod('    image: p:1\n'),
		ops: [{ op: 'set', path: ['spec', 'containers', 3, 'image'], value: 'x' }],
		output: null,
		refused: 'no such sequence item',
	},
];

/** Comments that sit outside every replaced range must all still be there. */
function assertCommentsKept(input: string, output: string, edits: TextEdit[]): void {
	const replaced = (offset: number) => edits.some((e) => offset >= e.start && offset < e.end);
	const before = commentsOf(input).filter((c) => !replaced(c.start)).map((c) => c.text);
	const after = commentsOf(output).map((c) => c.text);
	for (const text of before) {
		const i = after.indexOf(text);
		assert.ok(i >= 0, `comment lost: ${text}`);
		after.splice(i, 1);
	}
}

describe('fix engine: plans rendered as edits', () => {
	for (const c of cases) {
		it(c.name, () => {
			const analysis = analyzeFile('main.yaml', c.input);
			const object = analysis.objects[c.object ?? 0];
			assert.ok(object, 'the case names an object the file holds');
			let edits: TextEdit[] | null;
			let why = '';
			if (c.ignore) edits = ignoreEdit(object, c.ignore, analysis);
			else {
				const result = explainOps(analysis, object, c.ops ?? []);
				edits = 'edits' in result ? result.edits : null;
				why = 'error' in result ? result.error : '';
			}
			if (c.output === null) {
				assert.equal(edits, null, 'no fix may be offered');
				assert.notEqual(why, UNVERIFIED, 'the renderer refuses on its own, before verification');
				if (c.refused) assert.ok(why.includes(c.refused), `refused because "${why}", expected "${c.refused}"`);
				return;
			}
			assert.ok(edits, `a fix must be offered (${why})`);
			const output = applyEdits(c.input, edits);
			assert.equal(output, c.output);
			assertCommentsKept(c.input, output, edits);
		});
	}
});
