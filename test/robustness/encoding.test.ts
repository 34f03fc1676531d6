// Encodings and characters a manifest may arrive with: UTF-8 with or without BOM, CRLF line ends, tabs
// where YAML forbids them, invalid UTF-8, UTF-16, NUL bytes, control characters and lone surrogates.
// Each is linted or refused with a clear message; none throws. A named pipe called .yaml is skipped.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { decodeManifest } from '../../server/src/cli';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { LineIndex } from '../../server/src/core/lines';
import { lintText } from '../../server/src/core/linter';
import type { Finding } from '../../server/src/core/types';
import { RULES } from '../../server/src/rules';
import { skipBecause } from '../helpers/skip';

const root = join(__dirname, '..', '..');
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n';

function lint(text: string): Finding[] {
	const findings = lintText(text, { rules: RULES, config: DEFAULT_CONFIG });
	for (const f of findings) assert.ok(0 <= f.range.start && f.range.start <= f.range.end && f.range.end <= text.length, JSON.stringify(f));
	return findings;
}

const rangeText = (text: string, f: Finding) => text.slice(f.range.start, f.range.end);

describe('robustness: encodings', () => {
	it('decodes UTF-8 with or without a BOM, keeping CRLF line ends', () => {
		assert.deepEqual(decodeManifest(Buffer.from('kind: Pod\r\n')), { text: 'kind: Pod\r\n' });
		assert.deepEqual(decodeManifest(Buffer.from('\uFEFFkind: Pod\n')), { text: 'kind: Pod\n' });
		assert.deepEqual(decodeManifest(Buffer.from('name: café ☸\n')), { text: 'name: café ☸\n' });
		assert.deepEqual(decodeManifest(Buffer.alloc(0)), { text: '' });
	});

	it('refuses invalid UTF-8, UTF-16 and binary files with a message naming the problem', () => {
		const latin1 = Buffer.concat([Buffer.from('kind: Pod\nmetadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
		assert.deepEqual(decodeManifest(latin1), { error: 'not valid UTF-8 (line 3; Kubernetes reads manifests as UTF-8), not linted' });
		const truncated = Buffer.from([0x61, 0x3a, 0x20, 0xe2, 0x98]); // "a: " and two of the three bytes of ☸
		assert.match((decodeManifest(truncated) as { error: string }).error, /^not valid UTF-8 \(line 1;/);
		assert.deepEqual(decodeManifest(Buffer.from('\uFEFFkind: Pod\n', 'utf16le')), { error: 'UTF-16 encoded (save it as UTF-8), not linted' });
		assert.deepEqual(decodeManifest(Buffer.from([0x6b, 0x00, 0x69])), { error: 'binary file (contains NUL bytes), not linted' });
	});

	it('the CLI names a refused file on stderr and still lints the others', () => {
		const dir = mkdtempSync(join(tmpdir(), 'bosun-enc-'));
		try {
			writeFileSync(join(dir, 'a-latin1.yaml'), Buffer.concat([Buffer.from('kind: Pod\nmetadata:\n  name: caf'), Buffer.from([0xe9, 0x0a])]));
			writeFileSync(join(dir, 'b-binary.yaml'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
			writeFileSync(join(dir, 'c-pod.yaml'), `\uFEFF${POD.replace(/\n/g, '\r\n')}`);
			const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'lint', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
			assert.equal(r.stderr, 'bosun: a-latin1.yaml: not valid UTF-8 (line 3; Kubernetes reads manifests as UTF-8), not linted\nbosun: b-binary.yaml: binary file (contains NUL bytes), not linted\n');
			const findings = JSON.parse(r.stdout).findings as { file: string; rule: string; line: number; column: number }[];
			assert.ok(findings.length > 0 && findings.every((f) => f.file === 'c-pod.yaml'));
			const tag = findings.find((f) => f.rule === 'latest-image-tag')!;
			assert.deepEqual([tag.line, tag.column], [8, 14], 'positions count the BOM-less, CRLF text as the editor shows it');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('the CLI refuses standard input that is not UTF-8 with the same message, and reads it with a BOM', () => {
		const cli = join(root, 'dist/cli.js');
		const latin1 = Buffer.concat([Buffer.from('kind: Pod\nmetadata:\n  name: caf'), Buffer.from([0xe9, 0x0a])]);
		const refused = spawnSync(process.execPath, [cli, 'lint', '-'], { input: latin1, encoding: 'utf8' });
		assert.equal(refused.status, 2);
		assert.equal(refused.stderr, 'bosun: <stdin>: not valid UTF-8 (line 3; Kubernetes reads manifests as UTF-8), not linted\n');
		const bom = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', '-'], { input: Buffer.from(`\uFEFF${POD}`), encoding: 'utf8' });
		const tag = JSON.parse(bom.stdout).findings.find((f: { rule: string }) => f.rule === 'latest-image-tag');
		assert.deepEqual([tag.line, tag.column], [8, 14]);
	});

	it('the CLI walking a directory skips a named pipe called .yaml instead of blocking on it', function () {
		if (process.platform === 'win32') skipBecause(this, 'Windows has no named pipes in the file system');
		const dir = mkdtempSync(join(tmpdir(), 'bosun-fifo-'));
		try {
			spawnSync('mkfifo', [join(dir, 'pipe.yaml')]);
			writeFileSync(join(dir, 'pod.yaml'), POD);
			const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'lint', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', timeout: 10000 });
			assert.equal(r.signal, null, 'the CLI finished');
			assert.deepEqual([...new Set(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file))], ['pod.yaml']);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('counts lines and columns as the editor does: LF, CRLF and a lone CR each end a line', () => {
		for (const text of ['a: 1\rb: 2\r\nc\n', '\r\r\n\n\r', '', 'x', 'a\r\nb\r\n', '\r', 'k: v\r\n\r\n  - x\r']) {
			const lines = new LineIndex(text);
			const editor = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
			assert.equal(lines.lineCount, editor.lineCount, JSON.stringify(text));
			for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(lines.position(offset), editor.positionAt(offset), `${JSON.stringify(text)} at ${offset}`);
		}
	});

	it('finds the same things at the same places with CRLF line ends', () => {
		const crlf = POD.replace(/\n/g, '\r\n');
		const lf = lint(POD);
		const cr = lint(crlf);
		assert.deepEqual(cr.map((f) => f.ruleId), lf.map((f) => f.ruleId));
		cr.forEach((f, i) => assert.equal(rangeText(crlf, f), rangeText(POD, lf[i])));
	});

	it('lints text that starts with a BOM', () => {
		const text = `\uFEFF${POD}`;
		const findings = lint(text);
		assert.ok(!findings.some((f) => f.ruleId === 'syntax-error'));
		assert.equal(rangeText(text, findings.find((f) => f.ruleId === 'latest-image-tag')!), 'nginx:latest');
	});

	it('reports a tab used as indentation once, where it is', () => {
		for (const text of [POD.replace('  name: p', '\tname: p'), POD.replace('    - name: c', '\t- name: c')]) {
			const findings = lint(text);
			assert.equal(findings.length, 1);
			assert.equal(findings[0].ruleId, 'syntax-error');
			assert.match(findings[0].message, /^YAML syntax error: Tabs are not allowed as indentation/);
			assert.equal(rangeText(text, findings[0]), '\t');
		}
	});

	it('accepts tabs where YAML allows them', () => {
		const text = POD.replace('name: p', 'name:\tp').replace('image: nginx:latest', 'image: nginx:latest\t# pinned later');
		assert.ok(!lint(text).some((f) => f.ruleId === 'syntax-error'));
	});

	it('never throws on NUL, control characters, lone surrogates or replacement characters in the text', () => {
		for (const inject of ['\0', '\x01\x02\x1b', '\uD800', '\uDFFF', '\uFFFD\uFFFD', '\u2028', '\x85', '\uFEFF']) {
			for (const at of ['  name: p', '      image: ', 'kind: Pod']) {
				const text = POD.replace(at, at + inject);
				assert.doesNotThrow(() => lint(text), JSON.stringify({ inject, at }));
			}
		}
	});
});
