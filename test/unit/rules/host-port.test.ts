import { deployment } from '../../helpers/manifests';
import { ruleTester } from '../../helpers/ruleTester';

const proxy = (ports: string) => `        - name: proxy\n          image: proxy:1\n          ports:\n${ports}`;
const podWithSidecar =
	'apiVersion: v1\nkind: Pod\nmetadata: {name: debug}\nspec:\n  initContainers:\n    - name: relay\n      image: relay:1\n      restartPolicy: Always\n      ports:\n        - {containerPort: 7000, hostPort: 7000}\n  containers:\n    - name: shell\n      image: shell:1\n';

ruleTester('host-port', {
	valid: [
		{ name: 'container ports only', code: deployment(proxy('            - {name: http, containerPort: 8080}\n')) },
		{ name: 'hostPort: 0 is unset', code: deployment(proxy('            - {containerPort: 8080, hostPort: 0}\n')) },
		{ name: 'hostNetwork pods: host-namespaces speaks for them', code: deployment(proxy('            - {containerPort: 9099, hostPort: 9099}\n'), { kind: 'DaemonSet', podSpec: '\n      hostNetwork: true' }) },
		{ name: 'Polaris\' hostPortSet exemption carries over', code: podWithSidecar.replace('metadata: {name: debug}', 'metadata:\n  name: debug\n  annotations: {polaris.fairwinds.com/hostPortSet-exempt: "true"}') },
		{ name: 'a ConfigMap key named hostPort', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  hostPort: "80"\n' },
	],
	invalid: [
		{
			name: 'a Deployment: a warning on each hostPort value',
			code: deployment(proxy('            - name: http\n              containerPort: 8080\n              hostPort: 80\n            - {name: metrics, containerPort: 9090}\n            - {name: admin, containerPort: 9000, hostPort: 9000}\n')),
			errors: [
				{ line: 18, column: 25, message: 'Container "proxy" binds host port 80 (containerPort 8080): at most one such pod fits on each node', severity: 'warning', fixable: false },
				{ line: 20, column: 60, message: 'binds host port 9000' },
			],
		},
		{
			name: 'a DaemonSet node agent: information',
			code: deployment(proxy('            - {containerPort: 9100, hostPort: 9100}\n'), { kind: 'DaemonSet' }),
			errors: [{ line: 16, message: 'open on every node\'s address', severity: 'info' }],
		},
		{ name: 'a native sidecar of a bare Pod', code: podWithSidecar, errors: [{ line: 10, column: 43, message: 'Container "relay" binds host port 7000', severity: 'warning' }] },
	],
});
