import { deployment } from '../../helpers/manifests';
import { ruleTester } from '../../helpers/ruleTester';

const adding = (add: string) => deployment(`        - name: web\n          image: web:1\n          securityContext:\n            capabilities:\n              add: ${add}\n`);

ruleTester('dangerous-capabilities', {
	valid: [
		{ name: 'harmless additions', code: adding('[NET_BIND_SERVICE, CHOWN, NET_RAW]') },
		{ name: 'dangerous names under drop', code: deployment('        - name: web\n          image: web:1\n          securityContext:\n            capabilities: {drop: [ALL, SYS_ADMIN]}\n') },
	],
	invalid: [
		{
			name: 'each dangerous item, on the item',
			code: adding('[NET_BIND_SERVICE, SYS_ADMIN, NET_ADMIN]'),
			errors: [
				{ line: 17, column: 39, message: 'adds capability SYS_ADMIN', severity: 'warning', fixable: false },
				{ line: 17, column: 50, message: 'adds capability NET_ADMIN' },
			],
		},
		{
			name: 'CAP_ prefix and lower case are the same capability to the runtime',
			code: adding('\n                - cap_sys_ptrace\n                - CAP_SYS_MODULE\n                - all'),
			errors: [
				{ line: 18, column: 19, message: 'SYS_PTRACE' },
				{ line: 19, column: 19, message: 'SYS_MODULE' },
				{ line: 20, column: 19, message: 'capability ALL' },
			],
		},
	],
});
