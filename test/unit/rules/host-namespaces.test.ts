import { deployment } from '../../helpers/manifests';
import { ruleTester } from '../../helpers/ruleTester';

const container = '        - name: web\n          image: web:1\n';

ruleTester('host-namespaces', {
	valid: [
		{ name: 'all false', code: deployment(container, { podSpec: '\n      hostNetwork: false\n      hostPID: false\n      hostIPC: false' }) },
		{ name: 'shareProcessNamespace and hostPort are not host namespaces', code: deployment('        - name: web\n          image: web:1\n          ports: [{containerPort: 80, hostPort: 80}]\n', { podSpec: '\n      shareProcessNamespace: true' }) },
	],
	invalid: [
		{
			name: 'one finding per true value, on the value',
			code: deployment(container, { podSpec: '\n      hostNetwork: true\n      hostPID: false\n      hostIPC: true' }),
			errors: [
				{ line: 12, column: 20, message: 'hostNetwork: true shares the node\'s network namespace', severity: 'warning', fixable: false },
				{ line: 14, column: 16, message: 'hostIPC: true' },
			],
		},
		{
			name: 'CronJob pod spec',
			code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          hostPID: true\n          restartPolicy: Never\n          containers: [{name: c, image: c:1}]\n',
			errors: [{ line: 10, column: 20, message: 'hostPID: true' }],
		},
	],
});
