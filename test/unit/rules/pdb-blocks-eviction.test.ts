import { ruleTester } from '../../helpers/ruleTester';
import { docs, hpa, lineOf, pdb, workload } from '../../helpers/workspaceManifests';

const selecting = (spec: Record<string, unknown>, app = 'web') => pdb('p', { ...spec, selector: { matchLabels: { app } } });
const maxZero = docs(selecting({ maxUnavailable: 0 }));
const percents = docs(selecting({ maxUnavailable: '0%' }), selecting({ minAvailable: '100%' }, 'db'));
const equalsReplicas = docs(workload('etcd', { kind: 'StatefulSet', replicas: 3 }), selecting({ minAvailable: 3 }, 'etcd'));
const singleReplica = docs(workload('admin'), selecting({ minAvailable: 1 }, 'admin'));
const twoWorkloads = (minAvailable: string) => docs(workload('a', { replicas: 2, labels: { tier: 'x' } }), workload('b', { replicas: 2, labels: { tier: 'x' } }), pdb('p', { minAvailable, selector: { matchLabels: { tier: 'x' } } }));

ruleTester('pdb-blocks-eviction', {
	valid: [
		{ name: 'maxUnavailable 1 and 25%', code: docs(selecting({ maxUnavailable: 1 }), selecting({ maxUnavailable: '25%' })) },
		{ name: 'minAvailable below the replicas', code: docs(workload('etcd', { kind: 'StatefulSet', replicas: 3 }), selecting({ minAvailable: 2 }, 'etcd'), selecting({ minAvailable: '50%' }, 'etcd')) },
		{ name: 'HPA minReplicas counts instead of replicas', code: docs(workload('api'), hpa('api', { name: 'api' }, { spec: { minReplicas: 3 } }), selecting({ minAvailable: 2 }, 'api')) },
		{ name: 'minAvailable selecting no workload of the workspace', code: docs(selecting({ minAvailable: 5 })) },
		{ name: 'DaemonSet pod count is unknown', code: docs(workload('agent', { kind: 'DaemonSet' }), selecting({ minAvailable: 1 }, 'agent')) },
		{ name: 'workload scaled to zero', code: docs(workload('web', { replicas: 0 }), selecting({ minAvailable: 1 })) },
		{ name: '75% of 4 replicas over two workloads is 3: one eviction left', code: twoWorkloads('75%') },
		{ name: 'percentages round up: 66% of 3 is 2', code: docs(workload('web', { replicas: 3 }), selecting({ minAvailable: '66%' })) },
	],
	invalid: [
		{ name: 'maxUnavailable: 0', code: maxZero, errors: [{ line: lineOf(maxZero, 'maxUnavailable'), column: 19, message: 'allows no pod to be unavailable', severity: 'warning', fixable: false }] },
		{ name: '0% and 100%', code: percents, errors: [{ line: lineOf(percents, 'maxUnavailable') }, { line: lineOf(percents, 'minAvailable'), message: 'requires 100% of its pods' }] },
		{ name: 'minAvailable equals the replicas', code: equalsReplicas, errors: [{ line: lineOf(equalsReplicas, 'minAvailable'), message: 'requires 3 available pods of the 3 replicas of StatefulSet "etcd"' }] },
		{ name: 'minAvailable 1 on a default single replica', code: singleReplica, errors: [{ line: lineOf(singleReplica, 'minAvailable') }] },
		{ name: '76% of 4 replicas over two workloads rounds up to 4', code: twoWorkloads('76%'), errors: [{ line: lineOf(twoWorkloads('76%'), 'minAvailable'), message: 'requires 4 available pods of the 4 replicas of Deployment "a", Deployment "b"' }] },
	],
});
