import { ruleTester } from '../../helpers/ruleTester';

const pod = (resources: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: app:1
      resources:
${resources}`;

const limitRange = (item: string) => `apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
spec:
  limits:
    - type: Container
${item}`;

ruleTester('invalid-quantity', {
	valid: [
		{ name: 'valid forms, quoted and as YAML numbers', code: pod('        requests: {cpu: 0.5, memory: 128Mi, ephemeral-storage: 1G}\n        limits: {cpu: 2, memory: 5e8}\n') },
		{ name: 'quoted', code: pod('        requests: {cpu: "250m", memory: "1.5Gi"}\n') },
		{ name: 'an empty value is left alone', code: pod('        requests:\n          cpu:\n') },
		{ name: 'template placeholders are left alone', code: pod('        requests: {cpu: "{{ .Values.cpu }}", memory: "${MEMORY}"}\n') },
		{ name: 'other resource names are not checked', code: pod('        limits: {hugepages-2Mi: 1 Gi}\n') },
		{ name: 'valid LimitRange', code: limitRange('      default: {cpu: 500m, memory: 512Mi}\n      defaultRequest: {cpu: 0.1, memory: 256M}\n      maxLimitRequestRatio: {cpu: 4}\n') },
	],
	invalid: [
		{
			name: 'malformed decimal',
			code: pod('        requests:\n          memory: 1.5.0\n'),
			errors: [{ line: 11, column: 19, message: 'Container "app": memory request "1.5.0" is not a valid quantity', severity: 'error', fixable: false }],
		},
		{
			name: 'space before the unit and a negative YAML number, one finding per value',
			code: pod('        requests:\n          cpu: 500 m\n        limits:\n          memory: -1\n'),
			errors: [
				{ line: 11, column: 16, message: 'cpu request "500 m" is not a valid quantity: quantities contain no spaces' },
				{ line: 13, column: 19, message: 'memory limit "-1" is not a valid quantity: quantities cannot be negative' },
			],
		},
		{
			name: 'unknown units get a suggestion',
			code: pod('        limits: {memory: 512MB, ephemeral-storage: 2gb}\n'),
			errors: [
				{ line: 10, column: 26, message: 'write 512Mi for binary or 512M for decimal units' },
				{ line: 10, column: 52, message: 'ephemeral-storage limit "2gb"' },
			],
		},
		{
			name: 'a LimitRange quantity',
			code: limitRange('      default:\n        cpu: 500m\n      max:\n        memory: 12 Mi\n'),
			errors: [{ line: 11, column: 17, message: 'LimitRange max memory "12 Mi"' }],
		},
	],
});
