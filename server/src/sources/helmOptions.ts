// The render options of a chart from its configuration (`helm:` in `.bosun.yaml`): value files are read
// relative to the chart's folder; a file that cannot be read is a problem placed on the chart.
import { isAbsolute, join } from 'node:path';
import type { HelmSettings } from '../core/types';
import type { HelmRenderOptions } from '../engines/helm';

export function helmRenderOptions(root: string, settings: HelmSettings | undefined, readFile: (path: string) => string | undefined): { options: HelmRenderOptions; missing: string[] } {
	const missing: string[] = [];
	const valueFiles: { path: string; text: string }[] = [];
	for (const file of settings?.valueFiles ?? []) {
		const path = isAbsolute(file) ? file : join(root, file);
		const text = readFile(path);
		if (text === undefined) missing.push(file);
		else valueFiles.push({ path, text });
	}
	return {
		options: {
			releaseName: settings?.releaseName,
			namespace: settings?.namespace,
			kubeVersion: settings?.kubeVersion,
			apiVersions: settings?.apiVersions,
			valueFiles,
			set: Object.entries(settings?.set ?? {}).map(([path, value]) => `${path}=${value}`),
		},
		missing,
	};
}
