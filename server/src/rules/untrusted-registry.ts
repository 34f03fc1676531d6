// untrusted-registry: images that no entry of the trustedRegistries setting matches.
import { WORKLOAD_KINDS } from '../core/k8s';
import type { Rule } from '../core/rule';
import { containerLabel } from './helpers';
import { DOCKER_HUB, imageOf, ImageRef, parseImage } from './imageRefs';
import { oncePerRange } from './securityHelpers';

/** An entry names a registry, optionally with a repository path prefix; it is read like an image name. */
function normalizeEntry(entry: string): string | undefined {
	const trimmed = entry.trim().replace(/\/+$/, '');
	if (trimmed === '') return undefined;
	const slash = trimmed.indexOf('/');
	const host = (slash < 0 ? trimmed : trimmed.slice(0, slash)).toLowerCase();
	const rest = slash < 0 ? '' : trimmed.slice(slash);
	const hub = host === 'index.docker.io' || host === 'registry-1.docker.io' ? DOCKER_HUB : host;
	return hub + rest;
}

/**
 * The names an image can be matched by: `registry/path`, and for Docker Hub official images also the
 * canonical `docker.io/library/<name>` (so an entry `docker.io/library` trusts `nginx`).
 */
function candidateNames(ref: ImageRef): string[] {
	const names = [`${ref.registry}/${ref.path}`];
	if (ref.registry === DOCKER_HUB && !ref.path.includes('/')) names.push(`${DOCKER_HUB}/library/${ref.path}`);
	return names;
}

const matchesAtBoundary = (name: string, entry: string) => name === entry || name.startsWith(`${entry}/`);

export const rule: Rule = {
	id: 'untrusted-registry',
	title: 'Image comes from an untrusted registry',
	category: 'Image sources',
	defaultSeverity: 'warning',
	description:
		'Flags a container image (init containers included) that no entry of the `trustedRegistries` setting matches. The rule is inactive while the setting is empty.',
	rationale:
		'Images from anywhere are code from anyone: a typo-squatted name, a compromised upstream account or a registry outside your scanning and mirroring goes straight into production. Allowing only the registries (and organisations) you control or mirror keeps the supply chain reviewable.',
	remediation: 'Pull the image through a trusted registry or mirror (or add its registry or organisation to `trustedRegistries` once it has been reviewed).',
	leavesAlone:
		'Everything while `trustedRegistries` is empty. The registry is the first path component when it contains `.` or `:` or is `localhost`, else `docker.io` (`index.docker.io` and `registry-1.docker.io` count as `docker.io`); a port is part of the registry, and hosts compare case-insensitively. An entry matches `registry/path` as a prefix at a `/` boundary (`ghcr.io/acme` matches `ghcr.io/acme/web:1`, not `ghcr.io/acmecorp/x`); Docker Hub official images match both `docker.io/nginx` and `docker.io/library/nginx`. Template placeholders (`${IMAGE}`) and values that cannot be image references (`<your-image>`) are skipped.',
	fixKind: '-',
	kinds: WORKLOAD_KINDS,
	examples: {
		incorrect: `# with trustedRegistries: [ghcr.io/acme]
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: docker.io/library/nginx:1.27.2
`,
		correct: `# with trustedRegistries: [ghcr.io/acme]
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: ghcr.io/acme/nginx:1.27.2
`,
	},
	check(ctx) {
		const entries = ctx.config.trustedRegistries.map(normalizeEntry).filter((e): e is string => e !== undefined);
		if (entries.length === 0) return;
		const { object } = ctx;
		const report = oncePerRange(ctx);
		for (const container of object.containers()) {
			const image = imageOf(container);
			const ref = image === undefined ? undefined : parseImage(image);
			if (!ref) continue;
			if (candidateNames(ref).some((name) => entries.some((entry) => matchesAtBoundary(name, entry)))) continue;
			report({
				range: object.valueRange([...container.path, 'image']),
				message: `${containerLabel(container)} uses image "${image}" (${ref.registry}/${ref.path}), which no trustedRegistries entry matches (${entries.join(', ')}).`,
			});
		}
	},
};
