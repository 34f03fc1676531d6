// Image names that the repository's build tooling replaces at deploy time, so the tag written in a
// manifest is not what runs: Skaffold build artifacts (`build.artifacts[].image` of a skaffold.yaml, in
// its profiles too). Skaffold matches a manifest image by name and swaps in the reference it built,
// whatever tag the manifest carries. The set is read from the workspace index, which holds a
// skaffold.yaml's document like any other apiVersion/kind document (kind Config), so the CLI and the
// editor see the same artifacts. Other sources (a Kustomize `images:` entry) join deployTimeImageSources.
import { isPlainObject, K8sObject } from '../core/k8s';
import type { WorkspaceIndex } from '../core/workspace';
import { workspaceMemo } from './helpers';
import { parseImage } from './imageRefs';

/** A repository name as compared across sources: registry and path, tag and digest dropped. */
export function imageName(raw: string): string | undefined {
	const ref = parseImage(raw);
	return ref && `${ref.registry}/${ref.path}`;
}

function isSkaffoldConfig(object: K8sObject): boolean {
	return object.kind === 'Config' && object.apiVersion.startsWith('skaffold/');
}

function artifactImages(build: unknown): string[] {
	if (!isPlainObject(build) || !Array.isArray(build.artifacts)) return [];
	return build.artifacts.flatMap((artifact) => (isPlainObject(artifact) && typeof artifact.image === 'string' ? [artifact.image] : []));
}

/** The images a skaffold.yaml of the workspace builds: its `build` and each profile's. */
export function skaffoldArtifactImages(workspace: WorkspaceIndex): string[] {
	return workspace
		.ofKind('Config')
		.filter(isSkaffoldConfig)
		.flatMap((config) => {
			const profiles = config.get(['profiles']);
			const profileBuilds = Array.isArray(profiles) ? profiles.map((p) => (isPlainObject(p) ? p.build : undefined)) : [];
			return [config.get(['build']), ...profileBuilds].flatMap(artifactImages);
		});
}

/** Each source lists raw image names it replaces at deploy time. */
export const deployTimeImageSources: ((workspace: WorkspaceIndex) => string[])[] = [skaffoldArtifactImages];

/** Image names (see imageName) a deploy-time tool of the workspace replaces. */
export function deployTimeImages(workspace: WorkspaceIndex): ReadonlySet<string> {
	return workspaceMemo(workspace, 'deploy-time-images', () => {
		const names = new Set<string>();
		for (const source of deployTimeImageSources) {
			for (const raw of source(workspace)) {
				const name = imageName(raw);
				if (name) names.add(name);
			}
		}
		return names;
	});
}
