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
 * One all-caps token (`CONTAINER_IMAGE`, `IMAGE`): repository names are lower-case, so this is a name a
 * script replaces (sed, envsubst without braces), not a reference to Docker Hub.
 */
const CAPS_TOKEN = /^[A-Z][A-Z0-9_]*$/;

/**
 * Parses an image reference; undefined for an empty value, a template placeholder (`${IMAGE}`,
 * `gcr.io/$PROJECT_ID/app`), an all-caps token (`CONTAINER_IMAGE`) or a value that cannot be a reference
 * at all (`<your-image>`): none of these names a registry (see literalTagOf for their tag).
 */
export function parseImage(raw: string): ImageRef | undefined {
	const image = raw.trim();
	if (image === '' || isPlaceholder(image) || CAPS_TOKEN.test(image) || !REFERENCE_CHARS.test(image)) return undefined;
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

/** A tag as Docker reads it: a word character first, at most 128 characters. */
const TRAILING_TAG = /:([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$/;

/**
 * The tag written literally at the end of a value parseImage cannot read because another part of it is a
 * placeholder: `gcr.io/$PROJECT_ID/app:latest` and `${REGISTRY}/proxy:latest` still say `latest`.
 * Undefined when the end itself is templated (`app:${TAG}`) or a digest pins the image.
 */
export function literalTagOf(raw: string): string | undefined {
	const image = raw.trim();
	if (image.includes('@')) return undefined;
	return TRAILING_TAG.exec(image.slice(image.lastIndexOf('/') + 1))?.[1];
}
