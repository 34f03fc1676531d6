import { ruleTester } from '../../helpers/ruleTester';

const pod = (...images: string[]) =>
	`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n${images.map((image, i) => `    - name: c${i}\n      image: ${image}\n`).join('')}`;

ruleTester('latest-image-tag', {
	valid: [
		{ name: 'version tags, a repository named latest-news, a registry port with a tag', code: pod('nginx:1.27.2', 'ghcr.io/acme/latest-news:2.0.1', 'registry.local:5000/app:1.2', 'localhost:5000/team/worker:2024-10-01') },
		{ name: 'digest-pinned, with or without tag', code: pod('nginx@sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb', 'busybox:latest@sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb') },
		{ name: 'template placeholders are filled in at deploy time', code: pod('${IMAGE}', '"{{ .Values.image }}"') },
		{ name: 'prose placeholders are not image references', code: pod('<YOUR-CONTAINER>', '"<image_url>"') },
		{ name: 'no image at all', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n' },
	],
	invalid: [
		{
			name: 'untagged and latest, on the image value',
			code: pod('nginx', 'ghcr.io/acme/api:latest'),
			errors: [
				{ line: 7, column: 14, message: 'Container "c0" uses image "nginx" without a tag', severity: 'warning', fixable: false },
				{ line: 9, column: 14, message: 'uses image "ghcr.io/acme/api:latest"' },
			],
		},
		{
			name: 'a registry port is not a tag',
			code: pod('registry.local:5000/app', 'localhost:5000/team/worker'),
			errors: [
				{ line: 7, message: 'without a tag' },
				{ line: 9, message: 'without a tag' },
			],
		},
		{
			name: 'init containers count',
			code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n    - name: wait\n      image: "busybox:latest"\n  containers:\n    - name: app\n      image: app:1\n',
			errors: [{ line: 7, column: 14, message: '"wait"' }],
		},
	],
});
