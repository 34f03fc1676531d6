// The contributed snippets (snippets/kubernetes.code-snippets) and their expansion with default values,
// shared by the snippet lint test and the schema test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Snippet {
	prefix: string;
	body: string[];
	description: string;
}

export const SNIPPETS: Record<string, Snippet> = JSON.parse(readFileSync(join(__dirname, '../../snippets/kubernetes.code-snippets'), 'utf8'));

/** Expand VS Code snippet syntax with defaults: ${1:x} → x, ${1|a,b|} → a, $1/$0 → ''. */
export function expandSnippet(body: string[]): string {
	let text = body.join('\n');
	for (let guard = 0; /\$\{\d+:[^{}]*\}/.test(text) && guard < 10; guard++) text = text.replace(/\$\{\d+:([^{}]*)\}/g, '$1');
	return text.replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1').replace(/\$\d+/g, '') + '\n';
}
