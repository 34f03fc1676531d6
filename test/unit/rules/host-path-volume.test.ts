import { deployment } from '../../helpers/manifests';
import { ruleTester } from '../../helpers/ruleTester';

const withVolumes = (volumes: string) => deployment('        - name: web\n          image: web:1\n', { podSpec: `\n      volumes:\n${volumes}` });

ruleTester('host-path-volume', {
	valid: [
		{ name: 'emptyDir and PVC', code: withVolumes('        - name: tmp\n          emptyDir: {}\n        - name: data\n          persistentVolumeClaim: {claimName: data}') },
		{ name: 'a PersistentVolume of type hostPath is not a pod spec', code: 'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\nspec:\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  hostPath: {path: /data}\n' },
	],
	invalid: [
		{
			name: 'a plain host path: on the path value, named in the message',
			code: withVolumes('        - name: logs\n          hostPath:\n            path: /var/log\n            type: Directory'),
			errors: [{ line: 15, column: 19, message: 'Volume "logs" mounts /var/log from the node', severity: 'warning', fixable: false }],
		},
		{
			name: 'the Docker socket and the node root are critical, trailing slashes included',
			code: withVolumes('        - name: sock\n          hostPath: {path: /var/run/docker.sock/}\n        - name: root\n          hostPath:\n            path: /'),
			errors: [
				{ line: 14, column: 28, message: '(the Docker socket) from the node: critical, it controls every container' },
				{ line: 17, column: 19, message: "(the node's root filesystem) from the node: critical" },
			],
		},
		{
			name: 'hostPath without a path: on the hostPath key',
			code: withVolumes('        - name: odd\n          hostPath: {}'),
			errors: [{ line: 14, column: 11, message: 'is a hostPath volume' }],
		},
	],
});
