import { deployment } from '../../helpers/manifests';
import { ruleTester } from '../../helpers/ruleTester';

const container = '        - name: web\n          image: web:1\n';

ruleTester('missing-priority-class', {
	valid: [
		{ name: 'priorityClassName set', code: deployment(container, { podSpec: '\n      priorityClassName: business-critical' }) },
		{ name: 'run-to-completion Pod', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Never\n  containers: [{name: p, image: p:1}]\n' },
		{ name: 'CronJob', code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: c, image: c:1}]\n' },
	],
	invalid: [
		{
			name: 'unset: on kind, hint, no fix',
			code: deployment(container, { kind: 'StatefulSet' }),
			errors: [{ line: 2, column: 1, message: 'StatefulSet "web" has no priorityClassName', severity: 'hint', fixable: false }],
		},
		{
			name: 'an empty name is no class',
			code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  priorityClassName: ""\n  containers: [{name: p, image: p:1}]\n',
			errors: [{ line: 2, message: 'Pod "p"' }],
		},
	],
});
