import { deployment } from '../../helpers/manifests';
import { ruleTester } from '../../helpers/ruleTester';

const withCapabilities = (capabilities: string) => deployment(`        - name: web\n          image: web:1\n          securityContext:\n            capabilities:\n${capabilities}`);

ruleTester('capabilities-not-dropped', {
	valid: [
		{ name: 'drop ALL, add one back', code: withCapabilities('              drop: [ALL]\n              add: [NET_BIND_SERVICE]\n') },
		{ name: 'ALL among others, lower case', code: withCapabilities('              drop:\n                - NET_RAW\n                - all\n') },
		{ name: 'Windows pod', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  os: {name: windows}\n  containers:\n    - name: w\n      image: w:1\n' },
	],
	invalid: [
		{
			name: 'no capabilities: on the container name',
			code: deployment('        - name: web\n          image: web:1\n'),
			errors: [{ line: 13, column: 11, message: 'does not drop capabilities', severity: 'info', fixable: true }],
		},
		{
			name: 'add without drop is still absent',
			code: withCapabilities('              add: [CHOWN]\n'),
			errors: [{ line: 13, column: 11, message: 'does not drop capabilities' }],
		},
		{
			name: 'a drop list without ALL: on the drop key',
			code: withCapabilities('              add: [CHOWN]\n              drop: [NET_RAW, MKNOD]\n'),
			errors: [{ line: 18, column: 15, message: 'drops some capabilities but not ALL', fixable: true }],
		},
	],
});
