import { ruleTester } from '../../helpers/ruleTester';
import { docs, lineOf, workload } from '../../helpers/workspaceManifests';

const priorityClass = (name: string) => `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: ${name}\nvalue: 1000\n`;
const using = (name: unknown, kind = 'Deployment') => docs(workload('web', { kind, namespace: 'shop', podSpec: { priorityClassName: name } }));
const typo = `${priorityClass('business-critical')}---\n${using('bussiness-critical')}`;
const cronJob = using('batch-low', 'CronJob');
const pod = using('system-critical', 'Pod');

ruleTester('unknown-priority-class', {
	valid: [
		{ name: 'declared PriorityClass (cluster-scoped, any namespace)', code: `${priorityClass('high')}---\n${using('high')}` },
		{ name: 'declared in another file', code: using('high'), others: { 'pc.yaml': priorityClass('high') } },
		{ name: 'built-in system classes', code: `${using('system-cluster-critical')}---\n${using('system-node-critical', 'DaemonSet')}` },
		{ name: 'no class', code: docs(workload('web')) },
		{ name: 'template placeholder', code: using('{{ .Values.priorityClassName }}') },
		{ name: 'empty class name', code: using('') },
	],
	invalid: [
		{ name: 'typo next to the class it meant', code: typo, errors: [{ line: lineOf(typo, 'priorityClassName'), column: 26, message: 'Priority class "bussiness-critical" of Deployment "web" is not declared', severity: 'info', fixable: false }] },
		{ name: 'CronJob job template', code: cronJob, errors: [{ line: lineOf(cronJob, 'priorityClassName') }] },
		{ name: 'run-to-completion Pod', code: pod, errors: [{ line: lineOf(pod, 'priorityClassName'), message: 'Pod "web"' }] },
	],
});
