// The peer of the benchmark: @monokle/validation with its offline core plugins `practices` and
// `pod-security-standards`, fed the same files as Bosun. Imported by bench.mjs for in-process timings;
// run as `node bench/peer.mjs <folder>` it validates a folder in one process, like `bosun lint <folder>`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const PEER_PLUGINS = { practices: true, 'pod-security-standards': true };

/** A Monokle validator with the offline plugins loaded (no plugin or schema is fetched). */
export async function createPeer() {
	const monokle = await import('@monokle/validation');
	const validator = new monokle.MonokleValidator({
		loader: new monokle.DefaultPluginLoader(),
		parser: new monokle.ResourceParser(),
		schemaLoader: new monokle.SchemaLoader(),
		suppressors: [new monokle.AnnotationSuppressor()],
		fixer: new monokle.DisabledFixer(),
	});
	await validator.preload({ plugins: PEER_PLUGINS });
	return validator;
}

/** Monokle resources of one file: one per document with apiVersion and kind, as its CLI builds them. */
export function extractResources(path, text) {
	const resources = [];
	parseAllDocuments(text, { logLevel: 'error' }).forEach((doc, i) => {
		const resource = resourceOf(path, text, doc, i);
		if (resource) resources.push(resource);
	});
	return resources;
}

/** The resource of one parsed document, or undefined when it is not a Kubernetes object. */
export function resourceOf(path, text, doc, index) {
	let content;
	try {
		content = doc.toJS();
	} catch {
		return undefined; // unreadable documents (alias bombs) are skipped, as Bosun skips them
	}
	if (!content || typeof content !== 'object' || typeof content.kind !== 'string' || typeof content.apiVersion !== 'string') return undefined;
	const [start, , end] = doc.range;
	return {
		id: `${path}#${index}`,
		fileId: path,
		filePath: path,
		fileOffset: start,
		name: String(content.metadata?.name ?? ''),
		apiVersion: content.apiVersion,
		kind: content.kind,
		namespace: content.metadata?.namespace,
		content,
		text: text.slice(start, end),
	};
}

/** Number of problems in a Monokle SARIF response. */
export function resultCount(response) {
	return response.runs.reduce((n, run) => n + run.results.length, 0);
}

function yamlFiles(dir, out = []) {
	for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
		if (entry.isDirectory()) yamlFiles(join(dir, entry.name), out);
		else if (/\.ya?ml$/i.test(entry.name)) out.push(join(dir, entry.name));
	}
	return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
	const folder = process.argv[2];
	if (!folder) {
		process.stderr.write('usage: node bench/peer.mjs <folder>\n');
		process.exit(2);
	}
	const validator = await createPeer();
	const resources = yamlFiles(folder).flatMap((file) => extractResources(file, readFileSync(file, 'utf8')));
	const response = await validator.validate({ resources });
	process.stdout.write(`${resources.length} resources, ${resultCount(response)} problems\n`);
}
