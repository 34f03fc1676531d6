import { deployment } from '../../helpers/manifests';
import { ruleTester } from '../../helpers/ruleTester';

const podLevel = (lines: string) => ({ podSpec: `\n      securityContext:\n${lines}` });

ruleTester('run-as-root', {
	valid: [
		{ name: 'container runAsNonRoot: true', code: deployment('        - name: web\n          image: web:1\n          securityContext: {runAsNonRoot: true}\n') },
		{ name: 'pod-level runAsUser inherited', code: deployment('        - name: web\n          image: web:1\n', podLevel('        runAsUser: 1000')) },
		{ name: 'runAsNonRoot: false next to a non-zero UID is not root', code: deployment('        - name: web\n          image: web:1\n          securityContext: {runAsNonRoot: false, runAsUser: 101}\n') },
		{ name: 'runAsNonRoot: true wins over runAsUser: 0 (the kubelet refuses to start it)', code: deployment('        - name: web\n          image: web:1\n          securityContext: {runAsUser: 0}\n', podLevel('        runAsNonRoot: true')) },
		{ name: 'Windows pod', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  os: {name: windows}\n  containers:\n    - name: w\n      image: w:1\n' },
	],
	invalid: [
		{
			name: 'nothing set: per container, on the name, with the container fix',
			code: deployment('        - name: web\n          image: web:1\n        - name: sidecar\n          image: s:1\n'),
			errors: [
				{ line: 13, column: 11, message: 'Container "web" may run as root', severity: 'warning', fixable: true },
				{ line: 15, column: 11, message: 'Container "sidecar"', fixable: true },
			],
		},
		{
			name: 'a container overriding with runAsNonRoot: false: on its value',
			code: deployment('        - name: web\n          image: web:1\n          securityContext:\n            runAsNonRoot: false\n', podLevel('        runAsNonRoot: true')),
			errors: [{ line: 18, column: 27, message: 'sets runAsNonRoot: false', fixable: true }],
		},
		{
			name: 'a container overriding with runAsUser: 0: on its value, no fix',
			code: deployment('        - name: web\n          image: web:1\n          securityContext:\n            runAsUser: 0\n', podLevel('        runAsUser: 1000')),
			errors: [{ line: 18, column: 24, message: 'sets runAsUser: 0: it runs as root', fixable: false }],
		},
		{
			name: 'a bad pod-level value is reported once, at that value',
			code: deployment('        - name: a\n          image: a:1\n        - name: b\n          image: b:1\n', podLevel('        runAsNonRoot: false')),
			errors: [{ line: 13, column: 23, message: 'The pod securityContext sets runAsNonRoot: false', fixable: true }],
		},
		{
			name: 'pod-level runAsUser: 0, one container opting out',
			code: deployment('        - name: a\n          image: a:1\n        - name: b\n          image: b:1\n          securityContext: {runAsUser: 1000}\n', podLevel('        runAsUser: 0')),
			errors: [{ line: 13, column: 20, message: 'The pod securityContext sets runAsUser: 0', fixable: false }],
		},
	],
});
