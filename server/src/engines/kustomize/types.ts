// The public shape of a Kustomize build: what the linter and the CLI read. Pure data, no behaviour.

/** The file system a build reads, with absolute POSIX paths. */
export interface KustomizeFileSystem {
	readFile(path: string): string | undefined;
	isDirectory(path: string): boolean;
	listDirectory(path: string): string[];
}

export type FileRole = 'kustomization' | 'resource' | 'patch' | 'generator-input' | 'component' | 'config';

/** A problem (or a notice) located in a source file; `message` uses kustomize's wording. */
export interface BuildError {
	file: string;
	start: number;
	end: number;
	message: string;
}

/** The value node's range in a source file; `keyStart` when it is a map value. */
export interface SourceRef {
	file: string;
	start: number;
	end: number;
	keyStart?: number;
}

/** Where each node of the built object came from; a node without `source` inherits its parent's. */
export interface OriginNode {
	source?: SourceRef;
	children?: Map<string | number, OriginNode>;
}

export interface BuiltObject {
	value: Record<string, unknown>;
	origin: OriginNode;
}

export interface KustomizeBuild {
	/** In `kustomize build` output order. */
	objects: BuiltObject[];
	/** Never thrown: a build that fails has at least one error and no objects. */
	errors: BuildError[];
	/** E.g. remote resources that are not fetched. */
	notices: BuildError[];
	/** Every file the build read, absolute path → role. */
	files: Map<string, FileRole>;
}
