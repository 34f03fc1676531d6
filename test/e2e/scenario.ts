// What both end-to-end suites (desktop VS Code and code-server) know about the fixture workspace: its
// files, where RULES.md says each expected finding sits, and how an edit is judged.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A Deployment with no probes and no PodDisruptionBudget, otherwise production-ready. */
export const MANIFEST = 'deployment.yaml';
/** A CI pipeline: YAML, but not a Kubernetes document. */
export const NOT_KUBERNETES = 'pipeline.yaml';
export const PDB_ACTION_TITLE = 'Add PodDisruptionBudget for web';

// Bundled into the desktop suite, this module no longer sits next to the fixtures: the runner says where.
export const fixtureWorkspace = process.env.BOSUN_E2E_FIXTURES ?? join(__dirname, 'fixtures/workspace');
export const originalManifest = readFileSync(join(fixtureWorkspace, MANIFEST), 'utf8');

export interface TextSpan {
	/** 1-based, as editors show it. */
	line: number;
	/** 1-based, as editors show it. */
	column: number;
	length: number;
}

/** Where `text` is in the fixture manifest, looked up within its first `context` (to tell repeats apart). */
function spanOf(text: string, context = text): TextSpan {
	assert.ok(originalManifest.includes(context) && context.includes(text), `${context} is not in the fixture`);
	const offset = originalManifest.indexOf(context) + context.indexOf(text);
	const before = originalManifest.slice(0, offset).split('\n');
	return { line: before.length, column: before[before.length - 1].length + 1, length: text.length };
}

// RULES.md "Range": a container finding sits on the container's `name` pair, an object finding on `kind`.
export const CONTAINER_NAME_PAIR = spanOf('name: web', '- name: web');
export const KIND_PAIR = spanOf('kind: Deployment');
export const EXPECTED_FINDINGS: Record<string, TextSpan> = {
	'missing-liveness-probe': CONTAINER_NAME_PAIR,
	'missing-readiness-probe': CONTAINER_NAME_PAIR,
	'missing-pdb': KIND_PAIR,
};

/** The lines `after` adds to `before` when it only inserts lines; undefined when it changed any. */
export function insertedLines(before: string, after: string): string[] | undefined {
	const old = before.split('\n');
	const inserted: string[] = [];
	let i = 0;
	for (const line of after.split('\n')) {
		if (i < old.length && line === old[i]) i++;
		else inserted.push(line);
	}
	return i === old.length ? inserted : undefined;
}

/** Markdown as a rendered hover reads (code and bold markers gone, whitespace collapsed). */
export function plainText(markdown: string): string {
	return markdown.replace(/`|\*\*/g, '').replace(/\s+/g, ' ').trim();
}
