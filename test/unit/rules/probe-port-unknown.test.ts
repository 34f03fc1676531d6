import { deployment } from '../../helpers/manifests';
import { ruleTester } from '../../helpers/ruleTester';

const web = (probes: string, ports = '          ports:\n            - name: http\n              containerPort: 8080\n') => `        - name: web\n          image: web:1\n${ports}${probes}`;

ruleTester('probe-port-unknown', {
	valid: [
		{ name: 'declared name', code: deployment(web('          livenessProbe:\n            httpGet: {path: /, port: http}\n          startupProbe:\n            tcpSocket: {port: http}\n')) },
		{ name: 'numeric port, undeclared', code: deployment(web('          readinessProbe:\n            tcpSocket: {port: 9999}\n', '')) },
		{ name: 'number written as a string', code: deployment(web('          readinessProbe:\n            tcpSocket: {port: "8080"}\n', '')) },
		{ name: 'template placeholder', code: deployment(web('          readinessProbe:\n            tcpSocket: {port: "{{ .Values.port }}"}\n')) },
		{ name: 'a kustomize patch is a partial object', code: deployment(web('          livenessProbe: {httpGet: {path: /, port: admin}}\n', '')), others: { 'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [base.yaml]\npatches:\n  - path: main.yaml\n' } },
		{ name: 'grpc and exec probes', code: deployment(web('          livenessProbe:\n            grpc: {port: 9090}\n          readinessProbe:\n            exec: {command: [check]}\n', '')) },
		{ name: 'lifecycle hooks are not probes', code: deployment(web('          lifecycle:\n            preStop:\n              httpGet: {path: /stop, port: admin}\n')) },
		{
			name: 'port name declared through a merge key',
			code: 'x-ports: &ports\n  ports: [{name: metrics, containerPort: 9100}]\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - <<: *ports\n      name: p\n      image: p:1\n      readinessProbe: {httpGet: {path: /, port: metrics}}\n',
		},
	],
	invalid: [
		{
			name: 'undeclared name on the value',
			code: deployment(web('          livenessProbe:\n            httpGet:\n              path: /healthz\n              port: health\n')),
			errors: [{ line: 21, column: 21, message: 'livenessProbe port "health" is not one of its port names (http)', severity: 'error', fixable: false }],
		},
		{
			name: 'no ports declared; readiness tcpSocket and startup httpGet, one finding each',
			code: deployment(web('          readinessProbe:\n            tcpSocket: {port: grpc}\n          startupProbe:\n            httpGet: {path: /, port: admin}\n', '')),
			errors: [
				{ line: 16, column: 31, message: 'readinessProbe port "grpc" is not one of its port names (it declares none)' },
				{ line: 18, column: 38, message: 'startupProbe port "admin"' },
			],
		},
		{
			name: 'a sibling container declaring the name does not count, and the message says so',
			code: deployment(`${web('', '')}        - name: proxy\n          image: proxy:1\n          ports: [{name: metrics, containerPort: 9100}]\n          livenessProbe: {httpGet: {path: /, port: http}}\n`.replace('          image: web:1\n', '          image: web:1\n          ports: [{name: http, containerPort: 8080}]\n')),
			errors: [{ line: 19, message: 'container "web" declares it, but the kubelet resolves probe ports on the probing container only' }],
		},
		{
			name: 'native sidecar',
			code: deployment(web(''), { podSpec: '\n      initContainers:\n        - name: mesh\n          image: mesh:1\n          restartPolicy: Always\n          readinessProbe: {httpGet: {path: /ready, port: status}}' }),
			errors: [{ line: 16, message: 'Container "mesh"' }],
		},
	],
});
