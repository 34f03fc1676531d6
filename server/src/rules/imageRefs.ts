// Container image references as the container runtimes read them: registry, repository path, tag and
// digest. `host:5000/app` has a registry port, not a tag; a bare `nginx` lives on Docker Hub.
import type { ContainerRef } from '../core/k8s';
import { isPlaceholder } from './placeholders';

export const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

export interface ImageRef {
	/** Registry host (with its port), lower-cased; Docker Hub aliases become `docker.io`. */
	registry: string;
	/** Repository path without the registry, as written (`library/` is not added). */
	path: string;
	tag?: string;
	digest?: string;
}

/** The characters of an image reference; `<your-image>` and other prose placeholders fall outside. */
const REFERENCE_CHARS = /^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/;

/**
 * Parses an image reference; undefined for an empty value, a template placeholder (`${IMAGE}`) or a
 * value that cannot be a reference at all (`<your-image>`): none of these names a registry or a tag.
 */
export function parseImage(raw: string): ImageRef | undefined {
	const image = raw.trim();
	if (image === '' || isPlaceholder(image) || !REFERENCE_CHARS.test(image)) return undefined;
	const at = image.indexOf('@');
	const name = at < 0 ? image : image.slice(0, at);
	const digest = at < 0 ? undefined : image.slice(at + 1);
	const parts = name.split('/');
	const first = parts[0];
	const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
	const registryRaw = hasRegistry ? first.toLowerCase() : DOCKER_HUB;
	const repo = hasRegistry ? parts.slice(1) : parts;
	const last = repo[repo.length - 1];
	const colon = last.lastIndexOf(':');
	const tag = colon < 0 ? undefined : last.slice(colon + 1);
	if (colon >= 0) repo[repo.length - 1] = last.slice(0, colon);
	return { registry: DOCKER_HUB_ALIASES.has(registryRaw) ? DOCKER_HUB : registryRaw, path: repo.join('/'), tag, digest };
}

/** The container's image as a string, or undefined when it has none. */
export function imageOf(container: ContainerRef): string | undefined {
	const image = container.value.image;
	return typeof image === 'string' ? image : typeof image === 'number' ? String(image) : undefined;
}
