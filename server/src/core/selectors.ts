// Label selectors with Kubernetes semantics: `matchLabels` + `matchExpressions` (In, NotIn, Exists,
// DoesNotExist), and the plain-map selectors of Services and ReplicationControllers.
import { isPlainObject } from './k8s';

export interface LabelSelector {
	matchLabels?: Record<string, unknown>;
	matchExpressions?: { key?: unknown; operator?: unknown; values?: unknown }[];
}

/** True when the selector (`{matchLabels, matchExpressions}`) has no requirement at all. */
export function isEmptySelector(selector: unknown): boolean {
	if (!isPlainObject(selector)) return true;
	const labels = isPlainObject(selector.matchLabels) ? Object.keys(selector.matchLabels).length : 0;
	const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
	return labels === 0 && exprs === 0;
}

/** A LabelSelector matches `labels`; an empty selector matches everything (callers decide if it should). */
export function matchesLabelSelector(selector: unknown, labels: Record<string, string>): boolean {
	if (!isPlainObject(selector)) return true;
	const matchLabels = selector.matchLabels;
	if (isPlainObject(matchLabels)) {
		// for...in over a resolved map: its own keys, without an entries array per call (selectors run per pair)
		for (const k in matchLabels) if (Object.prototype.hasOwnProperty.call(matchLabels, k) && labels[k] !== String(matchLabels[k])) return false;
	}
	if (Array.isArray(selector.matchExpressions)) {
		for (const expr of selector.matchExpressions) {
			if (!isPlainObject(expr)) return false;
			const key = String(expr.key);
			const values = Array.isArray(expr.values) ? expr.values.map(String) : [];
			const has = Object.prototype.hasOwnProperty.call(labels, key);
			switch (expr.operator) {
				case 'In': if (!has || !values.includes(labels[key])) return false; break;
				case 'NotIn': if (has && values.includes(labels[key])) return false; break;
				case 'Exists': if (!has) return false; break;
				case 'DoesNotExist': if (has) return false; break;
				default: return false;
			}
		}
	}
	return true;
}

/** A plain equality map selector (Service, ReplicationController) matches `labels`. */
export function matchesMapSelector(selector: unknown, labels: Record<string, string>): boolean {
	if (!isPlainObject(selector)) return false;
	return Object.entries(selector).every(([k, v]) => labels[k] === String(v));
}

/**
 * A LabelSelector in kubectl's selector syntax, for messages: `app=web, tier in (front, edge), !legacy`.
 * Expressions with an unknown operator are shown as written.
 */
export function describeLabelSelector(selector: unknown): string {
	if (!isPlainObject(selector)) return '';
	const parts = isPlainObject(selector.matchLabels) ? Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${String(v)}`) : [];
	for (const expr of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
		if (!isPlainObject(expr)) continue;
		const key = String(expr.key);
		const values = Array.isArray(expr.values) ? expr.values.map(String).join(', ') : '';
		switch (expr.operator) {
			case 'In': parts.push(`${key} in (${values})`); break;
			case 'NotIn': parts.push(`${key} notin (${values})`); break;
			case 'Exists': parts.push(key); break;
			case 'DoesNotExist': parts.push(`!${key}`); break;
			default: parts.push(`${key} ${String(expr.operator)} (${values})`);
		}
	}
	return parts.join(', ');
}
