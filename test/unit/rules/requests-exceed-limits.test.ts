import { ruleTester } from '../../helpers/ruleTester';

const pod = (resources: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:${extra}
  containers:
    - name: app
      image: app:1
      resources:
${resources}`;

ruleTester('requests-exceed-limits', {
	valid: [
		{ name: '500m below 1', code: pod('        requests: {cpu: 500m}\n        limits: {cpu: "1"}\n') },
		{ name: 'equal in different notations', code: pod('        requests: {cpu: 0.5, memory: 1024Mi}\n        limits: {cpu: 500m, memory: 1Gi}\n') },
		{ name: 'no float rounding: 0.3 equals 300m', code: pod('        requests: {cpu: "0.3"}\n        limits: {cpu: 300m}\n') },
		{ name: '1G is below 1Gi', code: pod('        requests: {memory: 1G}\n        limits: {memory: 1Gi}\n') },
		{ name: 'unparseable request is left to invalid-quantity', code: pod('        requests: {cpu: 1.5.0}\n        limits: {cpu: "1"}\n') },
		{ name: 'request without a limit for that resource', code: pod('        requests: {cpu: "4"}\n        limits: {memory: 1Gi}\n') },
	],
	invalid: [
		{
			name: 'cpu request above the limit, on the request value',
			code: pod('        requests:\n          cpu: "2"\n        limits:\n          cpu: 1500m\n'),
			errors: [{ line: 11, column: 16, message: 'Container "app" requests cpu 2, more than its limit 1500m', severity: 'error', fixable: false }],
		},
		{
			name: 'binary above decimal: one finding per value',
			code: pod('        requests: {memory: 1Gi, cpu: 1200m}\n        limits: {memory: 1000Mi, cpu: 1}\n'),
			errors: [
				{ line: 10, column: 28, message: 'memory 1Gi, more than its limit 1000Mi' },
				{ line: 10, column: 38, message: 'cpu 1200m' },
			],
		},
		{
			name: 'extended resources are compared too; init containers included',
			code: pod('        requests: {cpu: 100m}\n', '\n  initContainers:\n    - name: gpu-init\n      image: gpu:1\n      resources:\n        requests: {nvidia.com/gpu: 2}\n        limits: {nvidia.com/gpu: 1}'),
			errors: [{ line: 10, message: 'Container "gpu-init" requests nvidia.com/gpu 2' }],
		},
	],
});
