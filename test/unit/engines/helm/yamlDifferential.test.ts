// Generated differential test of toYaml / toYamlPretty / toJson / fromYaml against helm 3.17: fast-check builds values
// (tricky strings, numbers, nesting), both render `toYaml` of each in one chart, the texts must be equal.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'yaml';
import { formatHelmTemplateOutput, renderChart } from '../../../../server/src/engines/helm';
import { helmTemplateOf } from '../../../helpers/helmRun';
import { helmBinary } from '../../../helpers/oracle';
import { skipBecause } from '../../../helpers/skip';

const trickyString = fc.oneof(
	fc.constantFrom('', ' ', 'yes', 'No', 'on', 'y', 'null', '~', 'true', '1', '0x1F', '1e3', '1_000', '0755', '.5', '1:20', '2024-01-01', '-', '- a', 'a: b', 'a:b', '#', 'a #b', 'a# b', '@x', '`x', "'q'", '"q"', '[a]', '{a}', '!x', '&a', '*a', '|', '>', '%', '?', '? x', 'x?', ',', 'a,b', '---', '...', 'tab\tx', 'cr\rx', 'é', '😀', '\u00a0', 'line\nline', 'trail\n', 'two\n\n', ' lead\nx', 'x \ny', '\n', 'a\\b', 'very long text with spaces '.repeat(5)),
	fc.string({ maxLength: 12 }),
	fc.string({ unit: 'grapheme', maxLength: 8 }),
	fc.stringMatching(/^[a-z :#\-'"\n]{0,30}$/),
);
const key = fc.oneof(fc.constantFrom('a', 'B', 'a10', 'a9', '_x', '1', '10', '2', 'key with space', 'y', 'n', '', 'a.b', 'a/b', 'é', 'Z'), fc.string({ maxLength: 6 }));
const scalar = fc.oneof(trickyString, fc.integer({ min: -1e6, max: 1e7 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e22, max: 1e22 }), fc.boolean(), fc.constant(null));
const value = fc.letrec((tie) => ({
	node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
	list: fc.array(tie('node'), { maxLength: 4 }),
	map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
})).node;

describe('toYaml and toJson against helm (generated)', function () {
	this.timeout(60_000);

	it('agree on generated values', function () {
		const helm = helmBinary();
		if (!helm.path) return skipBecause(this, `the helm oracle is unavailable (${helm.reason})`);
		const values = fc.sample(value, { numRuns: 400, seed: 424242 });
		const valuesJson = JSON.stringify(Object.fromEntries(values.map((v, i) => [`v${i}`, v])));
		// toToml is compared on values without maps inside lists or nulls (BurntSushi's inline tables
		// and nil handling are not reproduced)
		const tomlFriendly = (v: unknown, inList = false): boolean =>
			v === null ? false : Array.isArray(v) ? v.every((x) => tomlFriendly(x, true)) : typeof v === 'object' ? !inList && Object.values(v as object).every((x) => tomlFriendly(x)) : true;
		const lines = values.map((v, i) => `  y${i}: {{ toYaml .Values.v${i} | quote }}\n  j${i}: {{ toJson .Values.v${i} | quote }}\n  r${i}: {{ toYaml .Values.v${i} | fromYaml | toJson | quote }}\n  p${i}: {{ toYamlPretty .Values.v${i} | quote }}${tomlFriendly(v) ? `\n  t${i}: {{ toToml (dict "v" .Values.v${i}) | quote }}` : ''}`);
		const files = new Map<string, string>([
			['Chart.yaml', 'apiVersion: v2\nname: gen\nversion: 0.1.0\n'],
			['values.yaml', valuesJson],
			['templates/cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gen\ndata:\n${lines.join('\n')}\n`],
		]);
		const want = helmTemplateOf(files)!;
		assert.equal(want.code, 0, want.stderr);
		const render = renderChart(files);
		assert.deepEqual(render.errors, []);
		const data = (text: string) => (parse(text.replace(/^---\n# Source: .*\n/m, '')) as { data: Record<string, string> }).data;
		const wantData = data(want.stdout);
		const gotData = data(formatHelmTemplateOutput(render));
		const disagreements = Object.keys(wantData).flatMap((k) => (wantData[k] === gotData[k] ? [] : [`${k} of ${JSON.stringify(values[Number(k.slice(1))])}\n    helm:  ${JSON.stringify(wantData[k])}\n    bosun: ${JSON.stringify(gotData[k])}`]));
		assert.deepEqual(disagreements, []);
	});
});
