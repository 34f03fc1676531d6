// values.schema.json as Helm checks it: the violations listed in gojsonschema's words and order, the
// closest anyOf branch's errors after the anyOf's own, and no code generated from the (workspace) schema.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderChart } from '../../../../server/src/engines/helm';
import { helmBinary } from '../../../helpers/oracle';
import { skipBecause } from '../../../helpers/skip';

const CHART = new Map<string, string>([
	['Chart.yaml', 'apiVersion: v2\nname: s\nversion: 0.1.0\n'],
	['values.yaml', 'policy: null\nn: 1\ne: z\ns: b\nextra: 1\no: true\nreq: {}\n'],
	[
		'values.schema.json',
		JSON.stringify({
			type: 'object',
			additionalProperties: false,
			required: ['policy'],
			properties: {
				policy: { type: 'string' },
				n: { type: ['integer', 'null'], minimum: 3 },
				e: { enum: ['x', 'y'] },
				s: { type: 'string', pattern: '^a' },
				o: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
				req: { type: 'object', required: ['name'] },
			},
		}),
	],
	['templates/a.yaml', 'kind: ConfigMap\n'],
]);

// What helm 3.17 prints for this chart (checked against the real binary below when it can run here).
const EXPECTED = `values don't meet the specifications of the schema(s) in the following chart(s):
s:
- (root): Additional property extra is not allowed
- (root): Additional property false is not allowed
- policy: Invalid type. Expected: string, given: null
- e: e must be one of the following: "x", "y"
- s: Does not match pattern '^a'
- o: Must validate at least one schema (anyOf)
- o: Invalid type. Expected: string, given: boolean
- req: name is required
`;

describe('helm: values.schema.json', () => {
	it('lists every violation as helm does (`n` is YAML 1.1 false, so an additional property)', () => {
		const render = renderChart(CHART);
		assert.equal(render.errors.length, 1);
		assert.equal(render.errors[0].message, EXPECTED);
	});

	it('agrees with the real helm', function () {
		const helm = helmBinary();
		if (!helm.path) skipBecause(this, `the helm oracle cannot run here: ${helm.reason}`);
		const dir = mkdtempSync(join(tmpdir(), 'bosun-schema-'));
		try {
			for (const [file, text] of CHART) {
				mkdirSync(join(dir, file, '..'), { recursive: true });
				writeFileSync(join(dir, file), text);
			}
			const real = spawnSync(helm.path!, ['template', dir], { encoding: 'utf8' });
			assert.notEqual(real.status, 0);
			// gojsonschema walks the schema's properties in Go's random map order: compare the lines as a set
			const lines = (text: string) => text.trim().split('\n').sort();
			assert.deepEqual(lines(real.stderr.replace(/^Error: /, '')), lines(EXPECTED));
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
