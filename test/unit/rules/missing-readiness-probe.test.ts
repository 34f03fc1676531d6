import assert from 'node:assert/strict';
import { fixedText } from '../../helpers/fixOutput';
import { deployment } from '../../helpers/manifests';
import { findingsFor, ruleTester } from '../../helpers/ruleTester';

const withPort = (port: string) => `        - name: web\n          image: web:1\n          ports:\n            - ${port}\n`;

ruleTester('missing-readiness-probe', {
	valid: [
		{ name: 'probed container', code: deployment('        - name: web\n          image: web:1\n          readinessProbe:\n            httpGet: {path: /ready, port: 8080}\n') },
		{ name: 'a grpc readinessProbe counts', code: deployment('        - name: web\n          image: web:1\n          readinessProbe: {grpc: {port: 9090}}\n') },
		{ name: 'plain init container without probe', code: deployment('        - name: web\n          image: web:1\n          readinessProbe: {tcpSocket: {port: 80}}\n', { podSpec: '\n      initContainers:\n        - name: init\n          image: busybox:1' }) },
		{ name: 'CronJob', code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: c, image: c:1}]\n' },
		{ name: 'Pod with restartPolicy Never', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Never\n  containers:\n    - name: p\n      image: p:1\n' },
	],
	invalid: [
		{
			name: 'liveness only',
			code: deployment(`${withPort('{name: http, containerPort: 8080}')}          livenessProbe: {httpGet: {path: /healthz, port: http}}\n`),
			errors: [{ line: 13, column: 11, message: 'Container "web" has no readinessProbe', severity: 'warning', fixable: true }],
		},
		{
			name: 'no declared port: no fix',
			code: deployment('        - image: web:1\n          name: web\n'),
			errors: [{ line: 14, column: 11, fixable: false }],
		},
		{
			name: 'bare Pod with restartPolicy Always and a native sidecar',
			code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Always\n  initContainers:\n    - name: proxy\n      image: envoy:1\n      restartPolicy: Always\n  containers:\n    - name: p\n      image: p:1\n      readinessProbe: {exec: {command: [true]}}\n',
			errors: [{ line: 7, column: 7, message: '"proxy"' }],
		},
	],
});

describe('missing-readiness-probe fix: httpGet or tcpSocket by the chosen port', () => {
	const opsFor = (port: string) => findingsFor('missing-readiness-probe', { code: deployment(withPort(port)) })[0].fix;
	const probePath = ['spec', 'template', 'spec', 'containers', 0, 'readinessProbe'];

	for (const name of ['http', 'http-alt', 'web']) {
		it(`port named ${name}: httpGet on /`, () => {
			assert.deepEqual(opsFor(`{name: ${name}, containerPort: 8080}`), {
				title: `Add readinessProbe (httpGet / on port ${name})`,
				ops: [{ op: 'set', path: probePath, value: { httpGet: { path: '/', port: name } } }],
				placeholders: [[...probePath, 'httpGet', 'path'], [...probePath, 'httpGet', 'port']],
				safety: 'unsafe',
			});
		});
	}

	for (const [label, port, value] of [
		['another name', '{name: metrics, containerPort: 9100}', 'metrics'],
		['a name that only starts with http', '{name: https, containerPort: 8443}', 'https'],
		['an unnamed port, by number', '{containerPort: 8080}', 8080],
	] as const) {
		it(`${label}: tcpSocket`, () => {
			assert.deepEqual(opsFor(port), {
				title: `Add readinessProbe (tcpSocket on port ${value})`,
				ops: [{ op: 'set', path: probePath, value: { tcpSocket: { port: value } } }],
				placeholders: [[...probePath, 'tcpSocket', 'port']],
				safety: 'unsafe',
			});
		});
	}

	it('uses the first declared port', () => {
		const code = deployment('        - name: web\n          image: web:1\n          ports:\n            - {name: grpc, containerPort: 9090}\n            - {name: http, containerPort: 8080}\n');
		assert.deepEqual(findingsFor('missing-readiness-probe', { code })[0].fix?.ops, [{ op: 'set', path: probePath, value: { tcpSocket: { port: 'grpc' } } }]);
	});

	it('skips a UDP port: a probe cannot check it', () => {
		const code = deployment('        - name: dns\n          image: dns:1\n          ports:\n            - {name: dns-udp, containerPort: 53, protocol: UDP}\n            - {name: dns-tcp, containerPort: 53}\n');
		assert.deepEqual(findingsFor('missing-readiness-probe', { code })[0].fix?.ops, [{ op: 'set', path: probePath, value: { tcpSocket: { port: 'dns-tcp' } } }]);
		const udpOnly = deployment('        - name: dns\n          image: dns:1\n          ports:\n            - {name: dns, containerPort: 53, protocol: UDP}\n');
		assert.equal(findingsFor('missing-readiness-probe', { code: udpOnly })[0].fix, undefined);
	});

	it('checks more often than a written liveness probe it would otherwise equal', () => {
		const code = deployment(`${withPort('{name: redis, containerPort: 6379}')}          livenessProbe: {tcpSocket: {port: redis}, periodSeconds: 30}\n`);
		const fix = findingsFor('missing-readiness-probe', { code })[0].fix;
		assert.equal(fix?.title, 'Add readinessProbe (tcpSocket on port redis)', 'differs already: the liveness probe sets periodSeconds');
		const same = deployment(`${withPort('{name: redis, containerPort: 6379}')}          livenessProbe: {tcpSocket: {port: redis}}\n`);
		assert.deepEqual(findingsFor('missing-readiness-probe', { code: same })[0].fix?.ops, [{ op: 'set', path: probePath, value: { tcpSocket: { port: 'redis' }, periodSeconds: 5 } }]);
	});
});

describe('missing-readiness-probe fix output', () => {
	it('inserts an httpGet probe in the container, in block style', () => {
		const code = deployment(withPort('name: http\n              containerPort: 8080'));
		assert.equal(fixedText('missing-readiness-probe', { code }), `${code}          readinessProbe:\n            httpGet:\n              path: /\n              port: http\n`);
	});
});
