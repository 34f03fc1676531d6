import { deployment } from '../../helpers/manifests';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester('writable-root-filesystem', {
	valid: [
		{ name: 'read-only root', code: deployment('        - name: web\n          image: web:1\n          securityContext: {readOnlyRootFilesystem: true}\n') },
		{ name: 'Windows pod', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  os:\n    name: windows\n  containers:\n    - name: w\n      image: w:1\n' },
		{ name: 'Service has no containers', code: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80}]\n' },
	],
	invalid: [
		{
			name: 'absent: on the name, info, fixable',
			code: deployment('        - name: web\n          image: web:1\n          securityContext: {}\n'),
			errors: [{ line: 13, column: 11, message: 'does not set readOnlyRootFilesystem: true', severity: 'info', fixable: true }],
		},
		{
			name: 'explicit false: on the value',
			code: deployment('        - name: web\n          image: web:1\n          securityContext:\n            readOnlyRootFilesystem: false\n'),
			errors: [{ line: 16, column: 37, message: 'sets readOnlyRootFilesystem: false', fixable: true }],
		},
		{
			name: 'container without a name: its first pair',
			code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - image: p:1\n',
			errors: [{ line: 6, column: 7, message: 'A container without a name' }],
		},
	],
});
