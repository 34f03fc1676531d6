import { deployment } from '../../helpers/manifests';
import { ruleTester } from '../../helpers/ruleTester';

const container = '        - name: web\n          image: web:1\n';
const defaultAccount = (automount: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\nautomountServiceAccountToken: ${automount}\n`;

ruleTester('default-service-account', {
	valid: [
		{ name: 'own ServiceAccount', code: deployment(container, { podSpec: '\n      serviceAccountName: web' }) },
		{ name: 'the deprecated serviceAccount field names one too', code: deployment(container, { podSpec: '\n      serviceAccount: web' }) },
		{ name: 'token opted out', code: deployment(container, { podSpec: '\n      automountServiceAccountToken: false' }) },
		{ name: 'Job', code: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: j, image: j:1}]\n' },
		{
			name: 'the namespace default ServiceAccount opts out and the pod spec defers to it',
			code: deployment(container, { namespace: 'shop' }),
			others: { 'sa.yaml': defaultAccount('false') },
		},
	],
	invalid: [
		{
			name: 'implicit default: on kind, with the pod-spec fix',
			code: deployment(container),
			errors: [{ line: 2, column: 1, message: 'Deployment "web" runs as the implicit default ServiceAccount', severity: 'info', fixable: true }],
		},
		{
			name: 'explicit default and automount true, even when the account opts out',
			code: deployment(container, { namespace: 'shop', podSpec: '\n      serviceAccountName: default\n      automountServiceAccountToken: true' }),
			others: { 'sa.yaml': defaultAccount('false') },
			errors: [{ line: 2, message: 'runs as the default ServiceAccount' }],
		},
		{
			name: 'an opting-out default account of another namespace does not count',
			code: deployment(container, { namespace: 'web' }),
			others: { 'sa.yaml': defaultAccount('false') },
			errors: [{ line: 2 }],
		},
	],
});
