import { deployment } from '../../helpers/manifests';
import { ruleTester } from '../../helpers/ruleTester';

const windowsPod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  os: {name: windows}\n  containers:\n    - name: w\n      image: w:1\n';

ruleTester('privilege-escalation', {
	valid: [
		{ name: 'set to false', code: deployment('        - name: web\n          image: web:1\n          securityContext:\n            allowPrivilegeEscalation: false\n') },
		{ name: 'Windows pod (the field is rejected there)', code: windowsPod },
		{ name: 'privileged container: privileged-container speaks for it (false would be rejected)', code: deployment('        - name: driver\n          image: driver:1\n          securityContext:\n            privileged: true\n') },
		{ name: 'merge key brings the securityContext', code: 'x-sc: &hardened\n  securityContext: {allowPrivilegeEscalation: false}\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - <<: *hardened\n      name: p\n      image: p:1\n' },
	],
	invalid: [
		{
			name: 'absent: on the container name, fixable',
			code: deployment('        - name: web\n          image: web:1\n'),
			errors: [{ line: 13, column: 11, message: 'does not set allowPrivilegeEscalation: false', severity: 'warning', fixable: true }],
		},
		{
			name: 'explicit true: on the value',
			code: deployment('        - name: web\n          image: web:1\n          securityContext:\n            allowPrivilegeEscalation: true\n'),
			errors: [{ line: 16, column: 39, message: 'sets allowPrivilegeEscalation: true', fixable: true }],
		},
		{
			name: 'a pod-level securityContext does not carry the field; init containers count',
			code: deployment('        - name: web\n          image: web:1\n          securityContext: {allowPrivilegeEscalation: false}\n', { podSpec: '\n      securityContext:\n        runAsNonRoot: true\n      initContainers:\n        - image: busybox:1.36\n          name: init' }),
			errors: [{ line: 16, column: 11, message: 'Container "init"' }],
		},
		{
			name: 'SYS_ADMIN: reported without a fix (the API server rejects false there); the privileged neighbour is left alone',
			code: deployment('        - name: a\n          image: a:1\n          securityContext: {privileged: true}\n        - name: b\n          image: b:1\n          securityContext:\n            capabilities: {add: [CAP_SYS_ADMIN]}\n'),
			errors: [{ line: 16, message: 'Container "b"', fixable: false }],
		},
	],
});
