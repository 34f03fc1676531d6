import { ruleTester } from '../../helpers/ruleTester';

const pod = (...images: string[]) =>
	`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n${images.map((image, i) => `    - name: c${i}\n      image: ${image}\n`).join('')}`;
const trusted = (...trustedRegistries: string[]) => ({ trustedRegistries });

ruleTester('untrusted-registry', {
	valid: [
		{ name: 'inactive while the setting is empty', code: pod('nginx:1.27', 'quay.io/x/y:1') },
		{
			name: 'prefix at a / boundary, deeper paths, digests',
			code: pod('ghcr.io/acme/web:1', 'ghcr.io/acme/platform/agent:0.9.1', 'registry.example.com/base/alpine@sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb'),
			config: trusted('registry.example.com', 'ghcr.io/acme'),
		},
		{ name: 'Docker Hub aliases and the library/ prefix', code: pod('nginx:1.27', 'index.docker.io/library/redis:7', 'bitnami/kubectl:1.31'), config: trusted('docker.io/library', 'registry-1.docker.io/bitnami') },
		{ name: 'an entry spelled without library/ trusts official images too', code: pod('nginx:1.27'), config: trusted('docker.io/nginx') },
		{ name: 'a registry with a port; hosts compare case-insensitively', code: pod('Registry.Local:5000/app:1.2'), config: trusted('registry.local:5000/') },
	],
	invalid: [
		{
			name: 'bare names resolve to Docker Hub',
			code: pod('nginx:1.27.2', 'ghcr.io/acme/api:2'),
			config: trusted('ghcr.io/acme'),
			errors: [{ line: 7, column: 14, message: 'uses image "nginx:1.27.2" (docker.io/nginx), which no trustedRegistries entry matches', severity: 'warning', fixable: false }],
		},
		{
			name: 'look-alike organisation and host',
			code: pod('ghcr.io/acmecorp/x:1', 'ghcr.io.evil.io/acme/x:1', 'ghcr.io:5000/acme/x:1'),
			config: trusted('ghcr.io/acme'),
			errors: [{ line: 7 }, { line: 9 }, { line: 11 }],
		},
	],
});
