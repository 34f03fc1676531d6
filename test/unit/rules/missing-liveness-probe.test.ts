import assert from 'node:assert/strict';
import { fixedText } from '../../helpers/fixOutput';
import { findingsFor, ruleTester } from '../../helpers/ruleTester';

const deployment = (containers: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:${extra}
      containers:
${containers}`;

ruleTester('missing-liveness-probe', {
	valid: [
		{ name: 'probed container', code: deployment('        - name: web\n          image: web:1\n          livenessProbe:\n            tcpSocket: {port: 80}\n') },
		{ name: 'plain init container without probe', code: deployment('        - name: web\n          image: web:1\n          livenessProbe: {exec: {command: [true]}}\n', '\n      initContainers:\n        - name: init\n          image: busybox:1') },
		{ name: 'Job', code: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: j\n          image: j:1\n' },
		{ name: 'Pod with restartPolicy OnFailure', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: OnFailure\n  containers:\n    - name: p\n      image: p:1\n' },
		{ name: 'not Kubernetes', code: 'services:\n  web:\n    image: nginx\n' },
		{ name: 'merge key brings the probe', code: 'x-probe: &probe\n  livenessProbe: {tcpSocket: {port: 80}}\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - <<: *probe\n      name: p\n      image: p:1\n' },
	],
	invalid: [
		{
			name: 'named port: fix uses the name',
			code: deployment('        - name: web\n          image: web:1\n          ports:\n            - name: http\n              containerPort: 8080\n'),
			errors: [{ line: 13, column: 11, message: 'Container "web" has no livenessProbe', fixable: true, severity: 'warning' }],
		},
		{
			name: 'no port: no fix; kubectl style order puts the range on name',
			code: deployment('        - image: web:1\n          name: web\n'),
			errors: [{ line: 14, column: 11, fixable: false }],
		},
		{
			name: 'native sidecar is an app container',
			code: deployment('        - name: web\n          image: web:1\n          livenessProbe: {tcpSocket: {port: 80}}\n', '\n      initContainers:\n        - name: proxy\n          image: envoy:1\n          restartPolicy: Always'),
			errors: [{ line: 13, message: '"proxy"' }],
		},
		{
			name: 'List items are objects',
			code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: p}\n    spec:\n      containers:\n        - name: p\n          image: p:1\n',
			errors: [{ line: 9, column: 11 }],
		},
	],
});

describe('missing-liveness-probe fix: more lenient than the readiness probe', () => {
	const container = (probe = '') => deployment(`        - name: cache\n          image: redis:7.4\n          ports:\n            - name: redis\n              containerPort: 6379\n${probe}`);
	const probePath = ['spec', 'template', 'spec', 'containers', 0, 'livenessProbe'];

	it('a TCP check on the declared port that gives up after twice the default failures', () => {
		assert.deepEqual(findingsFor('missing-liveness-probe', { code: container() })[0].fix, {
			title: 'Add livenessProbe (tcpSocket on port redis, failureThreshold 6)',
			ops: [{ op: 'set', path: probePath, value: { tcpSocket: { port: 'redis' }, failureThreshold: 6 } }],
			placeholders: [[...probePath, 'tcpSocket', 'port'], [...probePath, 'failureThreshold']],
			safety: 'unsafe',
		});
	});

	it('twice the failureThreshold of a written readiness probe, so the two never match', () => {
		const code = container('          readinessProbe: {tcpSocket: {port: redis}, failureThreshold: 4}\n');
		assert.equal(fixedText('missing-liveness-probe', { code }), `${code}          livenessProbe:\n            tcpSocket:\n              port: redis\n            failureThreshold: 8\n`);
	});
});
