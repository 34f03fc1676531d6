import { deployment } from '../../helpers/manifests';
import { ruleTester } from '../../helpers/ruleTester';

const probe = (field: string, body: string) => `          ${field}:\n${body}`;
const http = (path: string, extra = '') => `            httpGet: {path: ${path}, port: 8080}\n${extra}`;

ruleTester('identical-probes', {
	valid: [
		{ name: 'different paths', code: deployment(`        - name: web\n          image: web:1\n${probe('livenessProbe', http('/livez'))}${probe('readinessProbe', http('/readyz'))}`) },
		{
			name: 'only failureThreshold differs',
			code: deployment(`        - name: web\n          image: web:1\n${probe('livenessProbe', http('/healthz', '            failureThreshold: 6\n'))}${probe('readinessProbe', http('/healthz', '            failureThreshold: 2\n'))}`),
		},
		{
			name: 'a field written on one probe only (defaults are not filled in)',
			code: deployment(`        - name: web\n          image: web:1\n${probe('livenessProbe', http('/healthz', '            periodSeconds: 10\n'))}${probe('readinessProbe', http('/healthz'))}`),
		},
		{ name: 'only one probe', code: deployment(`        - name: web\n          image: web:1\n${probe('livenessProbe', http('/healthz'))}${probe('startupProbe', http('/healthz'))}`) },
		{
			name: 'exec commands in a different order differ',
			code: deployment(`        - name: web\n          image: web:1\n          livenessProbe: {exec: {command: [a, b]}}\n          readinessProbe: {exec: {command: [b, a]}}\n`),
		},
	],
	invalid: [
		{
			name: 'identical httpGet probes',
			code: deployment(`        - name: web\n          image: web:1\n${probe('livenessProbe', http('/healthz'))}${probe('readinessProbe', http('/healthz'))}`),
			errors: [{ line: 13, column: 11, message: 'Container "web" has identical livenessProbe and readinessProbe', severity: 'info', fixable: false }],
		},
		{
			name: 'key order and flow vs block style do not matter',
			code: deployment(
				`        - name: cache\n          image: redis:7\n          livenessProbe:\n            tcpSocket:\n              port: 6379\n            timeoutSeconds: 2\n          readinessProbe: {timeoutSeconds: 2, tcpSocket: {port: 6379}}\n`,
			),
			errors: [{ line: 13, column: 11, message: '"cache"' }],
		},
		{
			name: 'a probe shared through an alias is identical',
			code: deployment(`        - name: web\n          image: web:1\n          livenessProbe: &probe\n            httpGet: {path: /healthz, port: 8080}\n          readinessProbe: *probe\n`),
			errors: [{ line: 13 }],
		},
		{
			name: 'native sidecar is checked, plain init container is not an app container',
			code: deployment(
				`        - name: web\n          image: web:1\n`,
				{ podSpec: `\n      initContainers:\n        - name: init\n          image: busybox:1\n          livenessProbe: {tcpSocket: {port: 1}}\n          readinessProbe: {tcpSocket: {port: 1}}\n        - name: proxy\n          image: envoy:1\n          restartPolicy: Always\n          livenessProbe: {tcpSocket: {port: 9901}}\n          readinessProbe: {tcpSocket: {port: 9901}}` },
			),
			errors: [{ line: 17, column: 11, message: '"proxy"' }],
		},
	],
});
