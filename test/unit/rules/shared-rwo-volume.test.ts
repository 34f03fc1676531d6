import { ruleTester } from '../../helpers/ruleTester';
import { claim, docs, hpa, lineOf, workload, WorkloadOptions } from '../../helpers/workspaceManifests';

const mounting = (claimName: string, options: WorkloadOptions = {}) =>
	workload('web', { namespace: 'shop', ...options, podSpec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] } });
const rwo = claim('data', ['ReadWriteOnce'], { namespace: 'shop' });

const twoClaims = docs(
	claim('a', ['ReadWriteOnce']),
	claim('b', ['ReadWriteOncePod']),
	workload('search', { kind: 'ReplicaSet', replicas: 2, podSpec: { volumes: [{ name: 'a', persistentVolumeClaim: { claimName: 'a' } }, { name: 'b', persistentVolumeClaim: { claimName: 'b' } }] } }),
);

const statefulSetWithTemplates = workload('db', { kind: 'StatefulSet', replicas: 3, namespace: 'shop', container: { volumeMounts: [{ name: 'data', mountPath: '/data' }] } });
statefulSetWithTemplates.spec.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }];
const threeReplicas = docs(rwo, mounting('data', { replicas: 3 }));
const autoscaled = docs(rwo, mounting('data'), hpa('web', { name: 'web' }, { namespace: 'shop' }));
const daemonSet = docs(rwo, mounting('data', { kind: 'DaemonSet' }));

ruleTester('shared-rwo-volume', {
	valid: [
		{ name: 'single replica', code: docs(rwo, mounting('data', { replicas: 1 })) },
		{ name: 'replicas unset (1)', code: docs(rwo, mounting('data')) },
		{ name: 'claim not in the workspace', code: docs(mounting('data', { replicas: 3 })) },
		{ name: 'claim only in another namespace', code: docs(claim('data', ['ReadWriteOnce'], { namespace: 'staging' }), mounting('data', { replicas: 3 })) },
		{ name: 'ReadWriteMany claim', code: docs(claim('data', ['ReadWriteMany'], { namespace: 'shop' }), mounting('data', { replicas: 3 })) },
		{ name: 'RWO listed next to RWX', code: docs(claim('data', ['ReadWriteOnce', 'ReadWriteMany'], { namespace: 'shop' }), mounting('data', { replicas: 3 })) },
		{ name: 'HPA pinned to one replica (min and max 1)', code: docs(rwo, mounting('data', { replicas: 3 }), hpa('web', { name: 'web' }, { namespace: 'shop', spec: { minReplicas: 1, maxReplicas: 1 } })) },
		{ name: 'bare Pod and Job', code: docs(rwo, mounting('data', { kind: 'Pod' }), mounting('data', { kind: 'Job' })) },
		{ name: 'StatefulSet volumeClaimTemplates', code: docs(rwo, statefulSetWithTemplates) },
	],
	invalid: [
		{ name: '3 replicas on a RWO claim', code: threeReplicas, errors: [{ line: lineOf(threeReplicas, 'claimName'), column: 24, message: 'Claim "data" is ReadWriteOnce but Deployment "web" can run 3 pods', severity: 'warning', fixable: false }] },
		{ name: 'HPA maxReplicas above 1', code: autoscaled, errors: [{ line: lineOf(autoscaled, 'claimName'), message: 'up to 5 pods' }] },
		{ name: 'any DaemonSet', code: daemonSet, errors: [{ line: lineOf(daemonSet, 'claimName'), message: 'one pod per node' }] },
		{ name: 'one finding per claim, RWOP named', code: twoClaims, errors: [{ line: lineOf(twoClaims, 'claimName: a') }, { line: lineOf(twoClaims, 'claimName: b'), message: 'only one pod can use it' }] },
	],
});
