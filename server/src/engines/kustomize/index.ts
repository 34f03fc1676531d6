// The in-process Kustomize engine: `kustomize build` over a file system interface (no process, no network).
export { buildKustomization, findKustomizationFile, KUSTOMIZATION_FILE_NAMES } from './build';
export { formatKustomizeBuildOutput } from './format';
export type { BuildError, BuiltObject, FileRole, KustomizeBuild, KustomizeFileSystem, OriginNode, SourceRef } from './types';
