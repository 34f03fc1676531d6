import { ruleTester } from '../../helpers/ruleTester';

const withStrategy = (kind: string, strategy: string) =>
	`apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: web\nspec:\n${strategy}  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: web:1}]\n`;

ruleTester('recreate-strategy', {
	valid: [
		{ name: 'no strategy', code: withStrategy('Deployment', '') },
		{ name: 'RollingUpdate', code: withStrategy('Deployment', '  strategy:\n    type: RollingUpdate\n') },
		{ name: 'a StatefulSet updateStrategy is another field', code: withStrategy('StatefulSet', '  updateStrategy:\n    type: OnDelete\n') },
	],
	invalid: [
		{
			name: 'block style: on the Recreate value',
			code: withStrategy('Deployment', '  strategy:\n    type: Recreate\n'),
			errors: [{ line: 7, column: 11, message: 'Deployment "web" uses the Recreate strategy', severity: 'info', fixable: false }],
		},
		{
			name: 'flow style',
			code: withStrategy('Deployment', '  strategy: {type: Recreate}\n'),
			errors: [{ line: 6, column: 20 }],
		},
	],
});
