import { ruleTester } from '../../helpers/ruleTester';

const pod = (...images: string[]) =>
	`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n${images.map((image, i) => `    - name: c${i}\n      image: ${image}\n`).join('')}`;

const skaffold = (build: string) => `apiVersion: skaffold/v4beta11\nkind: Config\n${build}`;

ruleTester('latest-image-tag', {
	valid: [
		{ name: 'version tags, a repository named latest-news, a registry port with a tag', code: pod('nginx:1.27.2', 'ghcr.io/acme/latest-news:2.0.1', 'registry.local:5000/app:1.2', 'localhost:5000/team/worker:2024-10-01') },
		{ name: 'digest-pinned, with or without tag', code: pod('nginx@sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb', 'busybox:latest@sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb') },
		{ name: 'template placeholders are filled in at deploy time', code: pod('${IMAGE}', '"{{ .Values.image }}"') },
		{ name: 'whole-reference placeholders: all-caps tokens and $VARIABLE', code: pod('CONTAINER_IMAGE', '$IMAGE', 'IMAGE') },
		{ name: 'a placeholder elsewhere and a templated tag', code: pod('gcr.io/$PROJECT_ID/app:${TAG}', '${REGISTRY}/proxy:1.4.0', '"gcr.io/$PROJECT_ID/app@sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"') },
		{ name: 'a skaffold.yaml artifact: Skaffold replaces the name', code: pod('echo-grpc', 'ghcr.io/acme/api:latest'), others: { 'skaffold.yaml': skaffold('build:\n  artifacts:\n    - image: echo-grpc\n    - image: ghcr.io/acme/api\n') } },
		{ name: 'a skaffold profile artifact, Docker Hub spelled out', code: pod('docker.io/acme/worker'), others: { 'skaffold.yaml': skaffold('profiles:\n  - name: dev\n    build:\n      artifacts:\n        - image: acme/worker\n') } },
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
			name: 'an explicit :latest behind a placeholder still fires',
			code: pod('gcr.io/$PROJECT_ID/backend:latest', '${REGISTRY}/proxy:latest'),
			errors: [
				{ line: 7, column: 14, message: 'uses image "gcr.io/$PROJECT_ID/backend:latest": :latest changes' },
				{ line: 9, column: 14, message: '"${REGISTRY}/proxy:latest"' },
			],
		},
		{
			name: 'skaffold artifacts are matched by name; other configs and other names do not count',
			code: pod('echo-grpc-client', 'echo-grpc'),
			others: { 'skaffold.yaml': skaffold('build:\n  artifacts:\n    - image: echo-grpc\n'), 'other.yaml': 'apiVersion: example.com/v1\nkind: Config\nbuild:\n  artifacts:\n    - image: echo-grpc-client\n' },
			errors: [{ line: 7, message: '"echo-grpc-client" without a tag' }],
		},
		{
			name: 'a document kubectl reads although a quoted annotation continues at its key\'s indentation is linted',
			code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    example.com/init: \'[\n      {"name": "wait"}\n    ]\'\nspec:\n  containers:\n    - name: c0\n      image: giantswarm/tiny-tools\n',
			errors: [{ line: 12, column: 14, message: '"giantswarm/tiny-tools" without a tag' }],
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
