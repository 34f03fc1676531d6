// The documents fuzzing starts from: every YAML construct the spec has (written here), each rule's
// examples, the project's examples/ and, when the shared corpus is on this machine, its small real
// documents. Mutations (generators.ts) break and recombine these.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { segmentStarts } from '../../server/src/core/document';
import { RULES } from '../../server/src/rules';

const root = join(__dirname, '..', '..');
const corpusReal = join(root, '..', 'shared', 'corpus', 'real');

/** Documents longer than this are left out: fuzzing wants many small cases, limits.test.ts covers size. */
const MAX_SEED_LENGTH = 6000;

/** One document per YAML construct, each also a plausible manifest so the rules get to run. */
export const CONSTRUCT_SEEDS: readonly string[] = [
	// anchors, aliases, merge keys, explicit tags
	`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: &labels {app: web, tier: front}
spec:
  replicas: !!int "3"
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels: *labels
    spec:
      containers:
        - &main
          name: web
          image: nginx:1.25
          resources: &res
            requests: {cpu: 100m, memory: 128Mi}
            limits:
              <<: {cpu: "1"}
              memory: 256Mi
        - <<: *main
          name: sidecar
          resources: *res
`,
	// block scalars with every header, comments everywhere, a directive and an explicit end
	`%YAML 1.2
---
# leading comment
apiVersion: v1 # trailing comment
kind: ConfigMap
metadata:
  name: scripts
data:
  literal: |
    line one
      indented
  folded: >-
    folded
    text
  keep: |+
    kept

  indented: |2
      two extra
  strip: >2-
      x
...
`,
	// flow collections, quoting styles, complex keys, empty values, multi-line scalars
	`{apiVersion: v1, kind: Pod, metadata: {name: "p", annotations: {'a': 'it''s', "b": "tab\\tnewline\\n\\u00e9"}},
 spec: {containers: [{name: c, image: 'busybox', command: [sh, -c, "echo {{ not a template }}"],
   ports: [{containerPort: 8080, name: http}], livenessProbe: {httpGet: {port: http, path: /}}}]}}
---
? complex key
: value
? [a, b]
: {c: d}
empty:
nulls: [~, null, Null]
plain multi
  line: scalar
`,
	// a List, Services, NetworkPolicy, PDB, HPA, RBAC: objects the cross-resource rules read
	`apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata: {name: web, namespace: shop}
    spec:
      selector: {app: web}
      ports: [{port: 80, targetPort: http}]
  - apiVersion: policy/v1
    kind: PodDisruptionBudget
    metadata: {name: web, namespace: shop}
    spec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: deny, namespace: shop}
    spec: {podSelector: {}, policyTypes: [Ingress]}
  - apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: {name: web, namespace: shop}
    spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 1, maxReplicas: 5}
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata: {name: admin}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
    subjects: [{kind: ServiceAccount, name: default, namespace: shop}]
`,
	// a CronJob with init containers, a native sidecar, security contexts and volumes
	`apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
  annotations:
    bosun.dev/ignore: latest-image-tag
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          hostNetwork: true
          securityContext: {runAsUser: 0}
          initContainers:
            - name: init
              image: alpine:latest
            - name: proxy
              image: envoy:v1
              restartPolicy: Always
              securityContext: {privileged: true, capabilities: {add: [NET_ADMIN, SYS_ADMIN]}}
          containers:
            - name: job
              image: registry.example.com/report@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
              resources: {requests: {cpu: 2, memory: 1e3Mi}, limits: {cpu: 500m, memory: 1Gi}}
          volumes:
            - name: host
              hostPath: {path: /var/run/docker.sock}
            - name: data
              persistentVolumeClaim: {claimName: data}
          restartPolicy: OnFailure
`,
	// suppression comments, duplicate keys, CRLF line ends
	'# bosun-disable missing-namespace\r\napiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: dup\r\n  name: dup2\r\nspec:\r\n  # bosun-disable-next-line dangling-service\r\n  selector: {app: none}\r\n',
	// a Helm template and a manifest with {{ }} only inside strings
	'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "x.fullname" . }}\n{{- with .Values.data }}\ndata:\n  {{- toYaml . | nindent 2 }}\n{{- end }}\n',
	'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: r\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: Down\n          annotations:\n            summary: "{{ $labels.instance }} down"\n            description: |\n              {{ $value }} for {{ $labels.job }}\n',
];

function yamlFilesUnder(dir: string, out: string[] = []): string[] {
	for (const entry of readdirSync(dir).sort()) {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) yamlFilesUnder(path, out);
		else if (/\.ya?ml$/.test(entry)) out.push(path);
	}
	return out;
}

/** The documents of a file, split at `---` lines the way the linter splits them. */
function documentsOf(text: string): string[] {
	const starts = segmentStarts(text);
	return starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length)).filter((d) => d.trim().length > 0);
}

let cached: string[] | undefined;

/** Every seed document, deterministic in content and order. */
export function seedDocuments(): string[] {
	if (cached) return cached;
	const seeds = new Set<string>(CONSTRUCT_SEEDS);
	for (const rule of RULES) {
		seeds.add(rule.examples.incorrect);
		seeds.add(rule.examples.correct);
	}
	const files = yamlFilesUnder(join(root, 'examples'));
	if (existsSync(corpusReal)) files.push(...yamlFilesUnder(corpusReal));
	for (const file of files) {
		for (const doc of documentsOf(readFileSync(file, 'utf8'))) if (doc.length <= MAX_SEED_LENGTH) seeds.add(doc);
	}
	return (cached = [...seeds].filter((s) => s.length > 0));
}
