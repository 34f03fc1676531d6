// A Kustomize overlay as a source of objects: built in-process (engines/kustomize) as `kustomize build`
// would, the output written as one YAML text whose nodes map back through the builder's origin tree:
// a field a patch set to the patch, a field a transformer set to that kustomization entry, everything
// else to the base document that defined it.
import { basename } from 'node:path';
import { stringify } from 'yaml';
import type { OffsetRange, Path } from '../core/types';
import { buildKustomization, type BuiltObject, type KustomizeBuild, type KustomizeFileSystem, type OriginNode, type SourceRef } from '../engines/kustomize';
import type { ProducedFile, ProducedWorkspace } from './produced';
import { hitOfRange, type MappedFinding } from './sourceMap';

export const BUILD_ERROR_RULE_ID = 'render-error';

/** The deepest source along `path` in an origin tree (a node without one inherits its parent's). */
function originAt(origin: OriginNode, path: Path): { ref: SourceRef; exact: boolean } | undefined {
	let found = origin.source ? { ref: origin.source, exact: path.length === 0 } : undefined;
	let node: OriginNode | undefined = origin;
	for (let i = 0; i < path.length && node; i++) {
		node = node.children?.get(path[i]);
		if (node?.source) found = { ref: node.source, exact: i === path.length - 1 };
	}
	return found;
}

function producedObjects(dir: string, objects: readonly BuiltObject[]): ProducedFile {
	// One document per object; `starts` records where each begins, to find a range's object.
	const starts: number[] = [];
	let text = '';
	for (const object of objects) {
		if (text) text += '---\n';
		starts.push(text.length);
		text += stringify(object.value, { lineWidth: 0, version: '1.1' });
	}
	return {
		name: `${dir}/`,
		text,
		place(parsed, range: OffsetRange) {
			let index = starts.length - 1;
			while (index > 0 && starts[index] > range.start) index--;
			const object = objects[index];
			const hit = object && hitOfRange(parsed, range);
			if (!hit) return undefined;
			const origin = originAt(object.origin, hit.path);
			if (!origin) return undefined;
			const { ref, exact } = origin;
			const start = exact && hit.atKey && ref.keyStart !== undefined ? ref.keyStart : ref.start;
			return { span: { file: ref.file, start, end: Math.max(ref.end, start + 1) } };
		},
	};
}

/** Build an overlay into a produced workspace; build errors and notices are placed on their entries. */
export function overlayWorkspace(fs: KustomizeFileSystem, dir: string, build: KustomizeBuild = buildKustomization(fs, dir)): ProducedWorkspace {
	const problems: MappedFinding[] = [
		...build.errors.map((e) => ({ file: e.file, finding: { ruleId: BUILD_ERROR_RULE_ID, severity: 'error' as const, message: e.message, range: { start: e.start, end: Math.max(e.end, e.start + 1) } } })),
		...build.notices.map((e) => ({ file: e.file, finding: { ruleId: BUILD_ERROR_RULE_ID, severity: 'info' as const, message: e.message, range: { start: e.start, end: Math.max(e.end, e.start + 1) } } })),
	];
	return { label: basename(dir), files: build.objects.length ? [producedObjects(dir, build.objects)] : [], problems };
}
