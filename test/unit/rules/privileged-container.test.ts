import { deployment } from '../../helpers/manifests';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester('privileged-container', {
	valid: [
		{ name: 'no securityContext', code: deployment('        - name: web\n          image: web:1\n') },
		{ name: 'privileged: false', code: deployment('        - name: web\n          image: web:1\n          securityContext:\n            privileged: false\n') },
		{ name: 'privileged as a string is not true', code: deployment('        - name: web\n          image: web:1\n          securityContext: {privileged: "true"}\n') },
		{ name: 'not a workload', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  securityContext: "privileged: true"\n' },
	],
	invalid: [
		{
			name: 'block style: on the true value, with a fix',
			code: deployment('        - name: web\n          image: web:1\n          securityContext:\n            privileged: true\n'),
			errors: [{ line: 16, column: 25, message: 'Container "web" runs privileged', severity: 'error', fixable: true }],
		},
		{
			name: 'flow style and an init container: one finding each',
			code: deployment('        - name: web\n          image: web:1\n          securityContext: {privileged: true}\n', { podSpec: '\n      initContainers:\n        - name: setup\n          image: setup:1\n          securityContext:\n            privileged: true' }),
			errors: [
				{ line: 16, column: 25, message: '"setup"' },
				{ line: 20, column: 41, message: '"web"' },
			],
		},
		{
			name: 'one anchored securityContext shared by two containers is one offending value',
			code: deployment('        - name: a\n          image: a:1\n          securityContext: &sc\n            privileged: true\n        - name: b\n          image: b:1\n          securityContext: *sc\n'),
			errors: [{ line: 16, column: 25 }],
		},
	],
});
