// The configuration model: built-in defaults, then VS Code settings (`bosun.*`), then the repository
// file `.bosun.yaml`; later wins. Every source is validated key by key: a wrong key or value becomes a
// problem with a range (and, for a misspelt rule id or key, the closest known one to put instead), and
// the rest of the source still applies. Messages quote names in plain double quotes: the editor shows
// diagnostics as plain text.
import { isMap, isPair, isScalar, parseDocument, Pair } from 'yaml';
import type { Config, ConfigProblem, HelmSettings, SeveritySetting } from './types';

export const DEFAULT_CONFIG: Config = {
	rules: {},
	requiredLabels: ['app.kubernetes.io/name'],
	trustedRegistries: [],
	kubernetesVersion: '',
	resourceDefaults: { cpu: '100m', memory: '128Mi' },
	exclude: [],
};

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];

/** The keys a configuration source may set. */
export const CONFIG_KEYS = ['rules', 'requiredLabels', 'trustedRegistries', 'kubernetesVersion', 'resourceDefaults', 'exclude', 'helm', 'kustomize'] as const;

/**
 * Edit distance between two short names (insertions, deletions, substitutions, and swaps of two
 * neighbours, the commonest typo). Written here because it is a dozen lines over names of a few dozen
 * characters; the core imports nothing but `yaml`.
 */
function editDistance(a: string, b: string): number {
	const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
	for (let j = 1; j <= b.length; j++) rows[0][j] = j;
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
		}
	}
	return rows[a.length][b.length];
}

/** The known name closest to `name`, when it is close enough to be a typo of it (a third of its length at most). */
export function closestName(name: string, known: Iterable<string>): string | undefined {
	let best: string | undefined;
	let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
	for (const candidate of known) {
		const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best;
}

const didYouMean = (suggestion: string | undefined) => (suggestion ? ` Did you mean "${suggestion}"?` : '');

export type PartialConfig = Partial<Omit<Config, 'resourceDefaults'>> & { resourceDefaults?: Partial<Config['resourceDefaults']> };

/** Later sources win; `rules` and `resourceDefaults` merge key by key. */
export function mergeConfig(base: Config, ...overrides: (PartialConfig | undefined)[]): Config {
	let out: Config = { ...base, rules: { ...base.rules }, resourceDefaults: { ...base.resourceDefaults } };
	for (const o of overrides) {
		if (!o) continue;
		out = {
			...out,
			...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)),
			rules: { ...out.rules, ...(o.rules ?? {}) },
			resourceDefaults: { ...out.resourceDefaults, ...(o.resourceDefaults ?? {}) },
		} as Config;
	}
	return out;
}

const HELM_STRING_KEYS = ['releaseName', 'namespace', 'kubeVersion'] as const;

/** `helm:` of `.bosun.yaml`: how the charts below it render; a wrong entry is a problem and is left out. */
function validateHelmSettings(value: unknown, problem: (message: string, path?: (string | number)[]) => void): HelmSettings | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		problem('`helm` must be a mapping (valueFiles, set, releaseName, namespace, kubeVersion, apiVersions).');
		return undefined;
	}
	const settings: HelmSettings = {};
	for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
		const path = ['helm', k];
		if (k === 'valueFiles' || k === 'apiVersions') {
			if (isStringList(v)) settings[k] = v;
			else problem(`\`helm.${k}\` must be a list of strings.`, path);
		} else if (k === 'set') {
			if (typeof v === 'object' && v !== null && !Array.isArray(v)) settings.set = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([p, x]) => [p, String(x)]));
			else problem('`helm.set` must map value paths to values (`image.tag: "1.2.3"`).', path);
		} else if ((HELM_STRING_KEYS as readonly string[]).includes(k)) {
			if (typeof v === 'string' || typeof v === 'number') settings[k as (typeof HELM_STRING_KEYS)[number]] = String(v);
			else problem(`\`helm.${k}\` must be a string.`, path);
		} else problem(`Unknown key \`helm.${k}\` (use valueFiles, set, releaseName, namespace, kubeVersion or apiVersions).`, path);
	}
	return settings;
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Validate a configuration given as plain values (VS Code settings, or `.bosun.yaml` after parsing).
 * `at(key)` returns a range for a key's problems when the source has positions.
 */
export function validateConfig(
	raw: unknown,
	knownRules: ReadonlySet<string>,
	at: (path: (string | number)[]) => { start: number; end: number } | undefined = () => undefined,
): { config: PartialConfig; problems: ConfigProblem[] } {
	const problems: ConfigProblem[] = [];
	const config: PartialConfig = {};
	if (raw === null || raw === undefined) return { config, problems };
	if (typeof raw !== 'object' || Array.isArray(raw)) {
		problems.push({ message: `Bosun configuration must be a mapping of keys (${CONFIG_KEYS.join(', ')}).`, range: at([]) });
		return { config, problems };
	}
	for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
		const problem = (message: string, path: (string | number)[] = [key], replacement?: string) =>
			problems.push({ message, range: at(path), ...(replacement ? { replacement } : {}) });
		switch (key) {
			case 'rules': {
				if (typeof value !== 'object' || value === null || Array.isArray(value)) {
					problem('"rules" must map rule ids to off, hint, info, warning or error.');
					break;
				}
				const rules: Record<string, SeveritySetting> = {};
				for (const [id, sev] of Object.entries(value as Record<string, unknown>)) {
					if (!knownRules.has(id)) {
						const suggestion = closestName(id, knownRules);
						problem(`Unknown rule id "${id}".${didYouMean(suggestion)}`, ['rules', id], suggestion);
					} else if (!SEVERITY_SETTINGS.includes(sev as SeveritySetting)) problem(`Rule "${id}": severity must be one of ${SEVERITY_SETTINGS.join(', ')}, not "${String(sev)}".`, ['rules', id]);
					else rules[id] = sev as SeveritySetting;
				}
				config.rules = rules;
				break;
			}
			case 'requiredLabels':
			case 'trustedRegistries':
			case 'exclude':
				if (isStringList(value)) config[key] = value;
				else problem(`"${key}" must be a list of strings.`);
				break;
			case 'kubernetesVersion': {
				const v = typeof value === 'number' ? String(value) : value;
				if (typeof v === 'string' && /^v?1\.\d+(\.\d+)?$/.test(v)) config.kubernetesVersion = v.replace(/^v/, '').split('.').slice(0, 2).join('.');
				else if (v !== '') problem('"kubernetesVersion" must be a Kubernetes minor version such as "1.30".');
				break;
			}
			case 'resourceDefaults': {
				if (typeof value !== 'object' || value === null || Array.isArray(value)) {
					problem('"resourceDefaults" must be a mapping with "cpu" and/or "memory".');
					break;
				}
				const defaults: PartialConfig['resourceDefaults'] = {};
				for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
					if (k !== 'cpu' && k !== 'memory') {
						const suggestion = closestName(k, ['cpu', 'memory']);
						problem(`Unknown key "resourceDefaults.${k}" (use cpu or memory).${didYouMean(suggestion)}`, ['resourceDefaults', k], suggestion);
					} else if (typeof v !== 'string' && typeof v !== 'number') problem(`"resourceDefaults.${k}" must be a quantity such as "100m" or "128Mi".`, ['resourceDefaults', k]);
					else defaults[k] = String(v);
				}
				config.resourceDefaults = defaults;
				break;
			}
			case 'helm':
				config.helm = validateHelmSettings(value, problem);
				break;
			case 'kustomize':
				if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((k) => k === 'enabled') && typeof (value as { enabled?: unknown }).enabled !== 'string') {
					config.kustomize = { enabled: (value as { enabled?: unknown }).enabled !== false };
				} else problem('`kustomize` must be a mapping `{enabled: true|false}`.');
				break;
			default: {
				const suggestion = closestName(key, CONFIG_KEYS);
				problem(`Unknown configuration key "${key}".${didYouMean(suggestion) || ` Known keys: ${CONFIG_KEYS.join(', ')}.`}`, [key], suggestion);
			}
		}
	}
	return { config, problems };
}

/** Parse and validate the text of a `.bosun.yaml`; syntax errors are problems too. */
export function parseConfigText(text: string, knownRules: ReadonlySet<string>): { config: PartialConfig; problems: ConfigProblem[] } {
	const doc = parseDocument(text, { prettyErrors: false });
	if (doc.errors.length) {
		return { config: {}, problems: doc.errors.map((e) => ({ message: `.bosun.yaml: ${e.message}`, range: { start: e.pos[0], end: e.pos[1] } })) };
	}
	const at = (path: (string | number)[]) => {
		let node: unknown = doc.contents;
		let pair: Pair | undefined;
		for (const step of path) {
			if (!isMap(node)) return undefined;
			pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step)) as Pair | undefined;
			node = pair?.value;
		}
		const key = pair?.key as { range?: [number, number, number] } | undefined;
		const r = key?.range ?? (doc.contents as { range?: [number, number, number] } | null)?.range;
		return r ? { start: r[0], end: r[1] } : undefined;
	};
	return validateConfig(doc.toJS(), knownRules, at);
}
