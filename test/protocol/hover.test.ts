// Hover that teaches, from the built server over stdio: the findings at the position first (one line
// each, most severe first, only the most severe explained) and the key's explanation after them;
// explanations of production keys only where the key means that thing; quantities in plain numbers with requests and limits side by side; what a selector
// selects across the workspace (count, kind, name, file); the LimitRange behind a silent resource rule.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { MarkupContent, Position } from 'vscode-languageserver-protocol';
import { RULES_BY_ID } from '../../server/src/rules';
import { codes, createWorkspace, fileUri, LspTestClient, positionOf, removeWorkspace } from '../helpers/lspClient';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app.kubernetes.io/name: web}
spec:
  replicas: 3
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      priorityClassName: high
      serviceAccountName: web
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        privileged: true
      topologySpreadConstraints:
        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
      affinity:
        podAntiAffinity: {}
      volumes:
        - name: sock
          hostPath: {path: /var/run/docker.sock}
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
          imagePullPolicy: IfNotPresent
          livenessProbe: {tcpSocket: {port: 8080}}
          readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 5}
          startupProbe: {tcpSocket: {port: 8080}, failureThreshold: 30}
          resources:
            requests:
              cpu: 500m
              memory: 1Gi
            limits:
              memory: 1G
          securityContext:
            runAsUser: 1000
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  selector: "app=web"
  replicas: "3"
`;

const CANARY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-canary
  namespace: shop
spec:
  replicas: 1
  selector:
    matchLabels: {app: web, track: canary}
  template:
    metadata:
      labels: {app: web, track: canary}
    spec:
      hostNetwork: true
      containers:
        - name: web
          image: ghcr.io/acme/web:1.5.0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
  namespace: shop
spec:
  selector:
    matchLabels: {app: other}
  template:
    metadata:
      labels: {app: broken}
    spec:
      containers:
        - name: broken
          image: ghcr.io/acme/broken:1.0.0
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: shop
spec:
  minAvailable: 1
  selector:
    matchLabels: {app: web, track: canary}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
  namespace: shop
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 2
  maxReplicas: 5
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: nobody
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: nothing}
  policyTypes: [Ingress]
`;

const WORKER = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: batch
spec:
  selector:
    matchLabels: {app: worker}
  template:
    metadata:
      labels: {app: worker}
    spec:
      containers:
        - name: worker
          image: ghcr.io/acme/worker:2.0.0
          resources:
            requests: {cpu: 250m}
`;

const LIMITS = `apiVersion: v1
kind: LimitRange
metadata:
  name: container-defaults
  namespace: batch
spec:
  limits:
    - type: Container
      default: {memory: 512Mi}
      defaultRequest: {memory: 256Mi}
`;

const BARE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: bare
  namespace: bare
spec:
  replicas: 3
  selector:
    matchLabels: {app: bare}
  template:
    metadata:
      labels: {app: bare}
    spec:
      containers:
        - name: bare
          image: ghcr.io/acme/bare:1.0.0
`;

describe('protocol: hover that teaches', function () {
	let root: string;
	let client: LspTestClient;
	const uris: Record<string, string> = {};
	const texts: Record<string, string> = { 'web.yaml': WEB, 'canary.yaml': CANARY, 'service.yaml': SERVICE, 'worker.yaml': WORKER, 'limits/batch.yaml': LIMITS, 'bare.yaml': BARE };

	async function hoverText(file: string, position: Position): Promise<string | null> {
		const hover = await client.hover(uris[file], position);
		if (!hover) return null;
		assert.equal((hover.contents as MarkupContent).kind, 'markdown');
		return (hover.contents as MarkupContent).value;
	}

	/** Hover on the `occurrence`-th `needle` (one character in, so the position is inside it). */
	function at(file: string, needle: string, occurrence = 0): Position {
		const p = positionOf(texts[file], needle, occurrence);
		return { line: p.line, character: p.character + 1 };
	}

	before(async () => {
		root = createWorkspace(texts);
		for (const file of Object.keys(texts)) uris[file] = fileUri(join(root, file));
		client = await LspTestClient.start({ folders: [root] });
		await client.request('bosun/lintWorkspace');
		for (const file of Object.keys(texts)) {
			const mark = client.mark();
			await client.open(uris[file], texts[file], 1);
			await client.waitForDiagnostics(uris[file], (p) => p.version === 1, { after: mark, timeoutMs: 10000 });
		}
	});
	after(async () => {
		await client?.stop();
		removeWorkspace(root);
	});

	it('shows the rule help first and the key explanation after it when a diagnostic sits on the key', async () => {
		const published = client.diagnosticsSince(uris['canary.yaml'], 0).at(-1)!;
		assert.ok(codes(published.diagnostics).includes('selector-mismatch'), codes(published.diagnostics).join(', '));
		const markdown = (await hoverText('canary.yaml', at('canary.yaml', 'selector', 1)))!;
		const rule = RULES_BY_ID.get('selector-mismatch')!;
		const ruleAt = markdown.indexOf(`**${rule.title}** (\`selector-mismatch\`)`);
		const keyAt = markdown.indexOf('**`selector`**: Which pods this controller owns');
		assert.ok(ruleAt >= 0 && keyAt > ruleAt, markdown);
		assert.ok(markdown.includes('Selects no pod template in the workspace.'), markdown);
		assert.ok(markdown.includes('It does not select its own pod template: the API server rejects the Deployment.'), markdown);
		const hover = await client.hover(uris['canary.yaml'], at('canary.yaml', 'selector', 1));
		const mismatch = published.diagnostics.find((d) => d.code === 'selector-mismatch')!;
		assert.deepEqual(hover!.range, mismatch.range, 'the range is the diagnostic\'s');
	});

	it('explains a key that carries a diagnostic on its value (hostNetwork) and the rule on the value', async () => {
		const onKey = (await hoverText('canary.yaml', at('canary.yaml', 'hostNetwork')))!;
		assert.match(onKey, /^\*\*`hostNetwork`\*\*: Runs the pod in the node's network namespace/);
		assert.ok(onKey.includes('(https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline)'));
		const onValue = (await hoverText('canary.yaml', at('canary.yaml', 'true')))!;
		assert.ok(onValue.startsWith(`**${RULES_BY_ID.get('host-namespaces')!.title}**`), onValue);
		assert.ok(!onValue.includes('**`hostNetwork`**'), 'the key text belongs to the key');
	});

	const KEYS: [needle: string, occurrence: number, key: string, phrase: string, url: string][] = [
		['replicas', 0, 'replicas', 'How many pods the controller keeps running', '/concepts/workloads/controllers/deployment/#scaling-a-deployment'],
		['strategy', 0, 'strategy', '`Recreate` stops every old pod', '/concepts/workloads/controllers/deployment/#strategy'],
		['maxUnavailable', 0, 'maxUnavailable', 'How far below the desired replica count a rolling update may go', '/concepts/workloads/controllers/deployment/#max-unavailable'],
		['labels: {app.kubernetes.io', 0, 'labels', 'Identify the Deployment for people and tools', '/concepts/overview/working-with-objects/common-labels/'],
		['labels: {app: web}', 0, 'labels', 'The labels of every pod created from this template', '/concepts/overview/working-with-objects/labels/'],
		['namespace', 0, 'namespace', 'The namespace the object lives in', '/concepts/overview/working-with-objects/namespaces/'],
		['priorityClassName', 0, 'priorityClassName', 'preempts (evicts) pods of lower priority', '/concepts/scheduling-eviction/pod-priority-preemption/'],
		['serviceAccountName', 0, 'serviceAccountName', 'the namespace\'s `default` account', '/tasks/configure-pod-container/configure-service-account/'],
		['automountServiceAccountToken', 0, 'automountServiceAccountToken', 'a token on disk is the first thing an intruder uses', '#opt-out-of-api-credential-automounting'],
		['runAsNonRoot', 0, 'runAsNonRoot', 'Set at pod level, it applies to every container that does not set its own.', '/tasks/configure-pod-container/security-context/'],
		['privileged', 0, 'privileged', 'A pod-level `securityContext` has no `privileged`', '/concepts/security/pod-security-standards/'],
		['topologySpreadConstraints', 0, 'topologySpreadConstraints', '`maxSkew` bounds the difference between domains', '/concepts/scheduling-eviction/topology-spread-constraints/'],
		['podAntiAffinity', 0, 'podAntiAffinity', 'every replica may land on one node', '#inter-pod-affinity-and-anti-affinity'],
		['hostPath', 0, 'hostPath', '`/var/run/docker.sock` or `/` amount to root on the node', '/concepts/storage/volumes/#hostpath'],
		['image:', 0, 'image', 'pinning by digest makes every node run the same bytes', '/concepts/containers/images/'],
		['imagePullPolicy', 0, 'imagePullPolicy', '`IfNotPresent` uses the node\'s copy', '/concepts/containers/images/#image-pull-policy'],
		['livenessProbe', 0, 'livenessProbe', 'restarts the container after `failureThreshold` failures', '/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/'],
		['readinessProbe', 0, 'readinessProbe', 'taken out of the endpoints of every Service', '/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/'],
		['startupProbe', 0, 'startupProbe', 'holds back the liveness and readiness probes', '/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/'],
		['resources', 0, 'resources', 'give the pod its QoS class', '/concepts/configuration/manage-resources-containers/'],
		['requests', 0, 'requests', 'Capacity reserved for the container on its node', '/concepts/configuration/manage-resources-containers/#requests-and-limits'],
		['limits', 0, 'limits', 'The ceiling enforced at run time', '/concepts/configuration/manage-resources-containers/#requests-and-limits'],
		['securityContext', 1, 'securityContext', 'Its fields override the pod-level `securityContext` one by one', '/tasks/configure-pod-container/security-context/'],
		['runAsUser', 0, 'runAsUser', '`0` is root', '/tasks/configure-pod-container/security-context/'],
		['allowPrivilegeEscalation', 0, 'allowPrivilegeEscalation', '`no_new_privs`', '/tasks/configure-pod-container/security-context/'],
		['readOnlyRootFilesystem', 0, 'readOnlyRootFilesystem', 'Mounts the container\'s root filesystem read-only', '/tasks/configure-pod-container/security-context/'],
		['capabilities', 0, 'capabilities', 'Drop `ALL` and add back only what the app needs', '#set-capabilities-for-a-container'],
	];

	for (const [needle, occurrence, key, phrase, url] of KEYS) {
		it(`explains ${key}${occurrence ? ` (occurrence ${occurrence})` : ''} in a Deployment, with its kubernetes.io page`, async () => {
			const markdown = await hoverText('web.yaml', at('web.yaml', needle, occurrence));
			assert.ok(markdown, `no hover on ${needle}`);
			assert.ok(markdown.includes(`**\`${key}\`**: `), markdown);
			assert.ok(markdown.includes(phrase), markdown);
			assert.match(markdown, new RegExp(`\\[Kubernetes documentation\\]\\(https://kubernetes\\.io/docs[^)]*${url.replace(/[.?*+^$[\]\\(){}|-]/g, '\\$&')}\\)`));
		});
	}

	it('explains PodDisruptionBudget, HorizontalPodAutoscaler and Service keys in their own terms', async () => {
		const min = (await hoverText('service.yaml', at('service.yaml', 'minAvailable')))!;
		assert.ok(min.includes('**`minAvailable`**: How many selected pods'), min);
		assert.ok(min.includes('https://kubernetes.io/docs/tasks/run-application/configure-pdb/'), min);
		const minReplicas = (await hoverText('service.yaml', at('service.yaml', 'minReplicas')))!;
		assert.ok(minReplicas.includes('**`minReplicas`**: The fewest pods the autoscaler scales down to'), minReplicas);
		const serviceSelector = (await hoverText('service.yaml', at('service.yaml', 'selector')))!;
		assert.ok(serviceSelector.includes('become the Service\'s endpoints'), serviceSelector);
	});

	it('says nothing about the same words outside the places they mean something (a ConfigMap\'s data)', async () => {
		assert.equal(await hoverText('web.yaml', at('web.yaml', 'selector: "app=web"')), null);
		assert.equal(await hoverText('web.yaml', at('web.yaml', 'replicas: "3"')), null);
		assert.equal(await hoverText('web.yaml', at('web.yaml', 'name: settings')), null);
	});

	it('normalizes a quantity and shows the container\'s requests and limits side by side', async () => {
		const cpu = (await hoverText('web.yaml', at('web.yaml', '500m')))!;
		assert.ok(cpu.startsWith('`500m` = 0.5 CPU (500 millicores)'), cpu);
		assert.ok(cpu.includes('**Requests and limits of container `web`**'), cpu);
		assert.ok(cpu.includes('| cpu | `500m` = 0.5 CPU (500 millicores) | none (may use idle cpu of the node) |'), cpu);
		assert.ok(cpu.includes('| memory | `1Gi` = 1,073,741,824 bytes | `1G` = 1,000,000,000 bytes (about 953.67 MiB) |'), cpu);
		assert.ok(cpu.includes('Pod QoS class: **Burstable**'), cpu);
		// requests-exceed-limits sits on the request: its help comes first, the numbers that show why after it.
		const memory = (await hoverText('web.yaml', at('web.yaml', '1Gi')))!;
		assert.ok(memory.startsWith(`**${RULES_BY_ID.get('requests-exceed-limits')!.title}**`), memory);
		assert.ok(memory.includes('\n\n---\n\n`1Gi` = 1,073,741,824 bytes\n\n---\n\n**Requests and limits of container `web`**'), memory);
		const limit = (await hoverText('web.yaml', at('web.yaml', '1G\n')))!;
		assert.ok(limit.startsWith('`1G` = 1,000,000,000 bytes (about 953.67 MiB)'), limit);
	});

	it('counts and names the pod templates a selector selects across the workspace', async () => {
		const service = (await hoverText('service.yaml', at('service.yaml', 'selector')))!;
		assert.ok(service.includes('Selects **2** pod templates in the workspace:\n- Deployment "web-canary" (canary.yaml, 1 replica)\n- Deployment "web" (web.yaml, 3 replicas)'), service);
		const pdb = (await hoverText('service.yaml', at('service.yaml', 'selector', 1)))!;
		assert.ok(pdb.includes('Selects **1** pod template in the workspace:\n- Deployment "web-canary" (canary.yaml, 1 replica)'), pdb);
		const policy = (await hoverText('service.yaml', at('service.yaml', 'podSelector')))!;
		assert.ok(policy.includes('Selects no pod template in the workspace.'), policy);
		const own = (await hoverText('web.yaml', at('web.yaml', 'selector')))!;
		assert.ok(own.includes('Selects **2** pod templates in the workspace:\n- Deployment "web-canary" (canary.yaml, 1 replica)\n- Deployment "web" (web.yaml, 3 replicas), this one'), own);
		assert.ok(own.includes('Controllers whose selectors overlap fight over the same pods'), own);
	});

	it('names the LimitRange that keeps the resource rules silent, on `resources` and on the container name', async () => {
		const published = client.diagnosticsSince(uris['worker.yaml'], 0).at(-1)!;
		for (const silent of ['missing-memory-limit', 'missing-resource-requests']) assert.ok(!codes(published.diagnostics).includes(silent), `${silent} reported`);
		assert.ok(codes(published.diagnostics).includes('missing-cpu-limit'), 'no LimitRange default for the cpu limit');
		const note = '**LimitRange `container-defaults`** (limits/batch.yaml) gives this container what it leaves unset when the pod is created: `limits.memory`: `512Mi`, `requests.memory`: `256Mi`. That is why `missing-memory-limit` and `missing-resource-requests` do not report this container.';
		const onResources = (await hoverText('worker.yaml', at('worker.yaml', 'resources')))!;
		assert.ok(onResources.includes(note), onResources);
		assert.ok(onResources.includes('| memory | `256Mi` = 268,435,456 bytes, from LimitRange `container-defaults` | `512Mi` = 536,870,912 bytes, from LimitRange `container-defaults` |'), onResources);
		const onName = (await hoverText('worker.yaml', at('worker.yaml', 'name: worker\n          image')))!;
		// missing-cpu-limit (and more) sit on the container name: the findings first, then the LimitRange.
		const cpuRule = onName.indexOf(`${RULES_BY_ID.get('missing-cpu-limit')!.title} ([\`missing-cpu-limit\`]`);
		assert.ok(cpuRule >= 0 && onName.indexOf(note) > cpuRule, onName);
		assert.ok(onName.endsWith(note), onName);
		// No LimitRange in the namespace of web: nothing to say on its container name but the rule help.
		const webName = await hoverText('web.yaml', at('web.yaml', 'name: web\n          image'));
		assert.ok(!webName?.includes('LimitRange'), webName ?? '');
	});

	it('on a container with many findings: one line per finding, most severe first, each linked; only the most severe explained', async () => {
		const published = client.diagnosticsSince(uris['bare.yaml'], 0).at(-1)!;
		const line = positionOf(BARE, 'name: bare\n          image').line;
		const here = published.diagnostics.filter((d) => d.range.start.line === line);
		assert.ok(here.length >= 6, codes(here).join(', '));
		const markdown = (await hoverText('bare.yaml', at('bare.yaml', 'name: bare\n          image')))!;
		const listed = [...markdown.matchAll(/^- \*\*(Error|Warning|Info|Hint)\*\* (.+) \(\[`([a-z-]+)`\]\(([^)]+)\)\)$/gm)];
		assert.deepEqual(listed.map((m) => m[3]).sort(), [...new Set(codes(here))].sort(), markdown);
		const rank = { Error: 0, Warning: 1, Info: 2, Hint: 3 } as Record<string, number>;
		const ranks = listed.map((m) => rank[m[1]]);
		assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'most severe first');
		for (const [, , title, id, link] of listed) {
			assert.equal(title, RULES_BY_ID.get(id)!.title);
			assert.ok(link.includes(id), `${id} links its page: ${link}`);
		}
		// One explanation, of the first finding listed; the others are a click away.
		assert.equal(markdown.split('**Why it matters:**').length - 1, 1, markdown);
		const first = RULES_BY_ID.get(listed[0][3])!;
		assert.ok(markdown.includes(`**${first.title}** (\`${first.id}\`)\n\n**Why it matters:** ${first.rationale}`), markdown);
		const hover = await client.hover(uris['bare.yaml'], at('bare.yaml', 'name: bare\n          image'));
		assert.deepEqual(hover!.range, here.find((d) => d.code === first.id)!.range);
	});

	it('never explains a finding the hover does not list (the kind line, hints included)', async () => {
		const published = client.diagnosticsSince(uris['bare.yaml'], 0).at(-1)!;
		const onKind = published.diagnostics.filter((d) => d.range.start.line === 1);
		const markdown = (await hoverText('bare.yaml', at('bare.yaml', 'kind: Deployment')))!;
		const listed = [...markdown.matchAll(/^- \*\*\w+\*\* .+ \(\[`([a-z-]+)`\]/gm)].map((m) => m[1]);
		assert.deepEqual(listed.sort(), [...new Set(codes(onKind))].sort(), markdown);
		const explained = [...markdown.matchAll(/^\*\*.+\*\* \(`([a-z-]+)`\)$/gm)].map((m) => m[1]);
		assert.equal(explained.length, 1, markdown);
		assert.ok(listed.includes(explained[0]), markdown);
	});

	it('a single finding is explained without a list', async () => {
		const markdown = (await hoverText('canary.yaml', at('canary.yaml', 'true')))!;
		assert.ok(!/^- \*\*/m.test(markdown), markdown);
		assert.ok(markdown.startsWith(`**${RULES_BY_ID.get('host-namespaces')!.title}**`), markdown);
	});
});
