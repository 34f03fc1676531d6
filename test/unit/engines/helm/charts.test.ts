// Chart shapes the corpus does not cover, rendered in memory and, where helm is available, compared
// byte for byte with `helm template`: a subchart shipped as .tgz, an apiVersion v1 chart with
// requirements.yaml, tags, aliases, a library subchart and .helmignore.
import assert from 'node:assert/strict';
import { formatHelmTemplateOutput, renderChart } from '../../../../server/src/engines/helm';
import { helmTemplateOf } from '../../../helpers/helmRun';
import { helmBinary } from '../../../helpers/oracle';
import { tgz } from '../../../helpers/tarball';

type Files = Map<string, string | Uint8Array>;

const SUB = {
	'sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.0.0\n',
	'sub/values.yaml': 'port: 8080\n',
	'sub/templates/svc.yaml': 'kind: Service\nmetadata:\n  name: {{ .Release.Name }}-{{ .Chart.Name }}\nport: {{ .Values.port }}\nglobal: {{ .Values.global.env | default "none" }}\n',
};

const LIBRARY = {
	'lib/Chart.yaml': 'apiVersion: v2\nname: lib\nversion: 0.1.0\ntype: library\n',
	'lib/templates/_names.tpl': '{{- define "lib.name" -}}lib-{{ .Release.Name }}{{- end }}\n',
	'lib/templates/ignored.yaml': 'kind: ConfigMap\nmetadata:\n  name: never-rendered\n',
};

function charts(): Record<string, Files> {
	return {
		'archive subchart, alias, tags and library': new Map<string, string | Uint8Array>([
			['Chart.yaml', 'apiVersion: v2\nname: top\nversion: 0.2.0\ndependencies:\n  - name: sub\n    version: 1.0.0\n    alias: backend\n  - name: sub\n    version: 1.0.0\n    alias: tagged\n    tags: [extra]\n  - name: lib\n    version: 0.1.0\n'],
			['values.yaml', 'global:\n  env: prod\nbackend:\n  port: 9090\ntags:\n  extra: false\n'],
			['templates/cm.yaml', 'kind: ConfigMap\nmetadata:\n  name: {{ include "lib.name" . }}\ndata:\n  subcharts: {{ keys .Subcharts | sortAlpha | join "," | quote }}\n'],
			['charts/sub-1.0.0.tgz', tgz(SUB)],
			['charts/lib-0.1.0.tgz', tgz(LIBRARY)],
			['.helmignore', '*.bak\nsecret/\n'],
			['notes.bak', 'ignored'],
			['secret/key.txt', 'ignored'],
			['templates/files.yaml', 'kind: ConfigMap\nmetadata:\n  name: files\ndata:\n  names: {{ range $k, $_ := .Files }}{{ $k }} {{ end }}\n'],
		]),
		'apiVersion v1 with requirements.yaml and a disabled condition': new Map<string, string | Uint8Array>([
			['Chart.yaml', 'apiVersion: v1\nname: old\nversion: 1.0.0\nappVersion: 1.10\n'],
			['requirements.yaml', 'dependencies:\n  - name: sub\n    version: ">=1.0.0"\n    condition: sub.enabled,global.subEnabled\n'],
			['values.yaml', 'sub:\n  enabled: false\nglobal:\n  subEnabled: true\n'],
			['templates/app.yaml', 'kind: ConfigMap\nmetadata:\n  name: {{ .Chart.Name }}\ndata:\n  app: {{ .Chart.AppVersion | quote }}\n'],
			...Object.entries(SUB).map(([k, v]) => [`charts/${k}`, v] as [string, string]),
		]),
		'import-values (exports and child/parent)': new Map<string, string | Uint8Array>([
			['Chart.yaml', 'apiVersion: v2\nname: umbrella\nversion: 1.0.0\ndependencies:\n  - name: db\n    version: 2.0.0\n    import-values:\n      - conn\n      - child: settings\n        parent: imported.settings\n'],
			['values.yaml', 'host: parent-wins\nimported:\n  settings:\n    mode: parent\n'],
			['templates/cm.yaml', 'kind: ConfigMap\nmetadata:\n  name: x\ndata:\n{{ toYaml .Values | indent 2 }}\n'],
			['charts/db/Chart.yaml', 'apiVersion: v2\nname: db\nversion: 2.0.0\n'],
			['charts/db/values.yaml', 'exports:\n  conn:\n    host: db-host\n    port: 5432\nsettings:\n  mode: child\n  level: 3\n'],
		]),
	};
}

describe('chart shapes', () => {
	for (const [name, files] of Object.entries(charts())) {
		it(`renders a chart with ${name} as helm does`, function () {
			const render = renderChart(files);
			assert.deepEqual(render.errors, []);
			const output = formatHelmTemplateOutput(render);
			assert.ok(output.includes('# Source:'));
			const want = helmTemplateOf(files);
			if (!want) {
				console.log(`      helm unavailable (${helmBinary().reason}): checked without the oracle`);
				return;
			}
			assert.equal(want.code, 0, want.stderr);
			assert.equal(output, want.stdout);
		});
	}

	it('gives the archive subchart and aliases the expected shape', () => {
		const output = formatHelmTemplateOutput(renderChart(charts()['archive subchart, alias, tags and library']));
		assert.match(output, /# Source: top\/charts\/backend\/templates\/svc.yaml\nkind: Service\nmetadata:\n  name: release-name-backend\nport: 9090\nglobal: prod\n/);
		assert.doesNotMatch(output, /tagged|never-rendered/);
		assert.match(output, /subcharts: "backend,lib"/);
		// .helmignore itself stays a chart file, as in Helm; what it ignores does not
		assert.match(output, /names: \.helmignore$/m);
	});
});
