// Values that are template placeholders rather than data: `{{ .Values.memory }}` (Helm and other Go
// templates) or `${MEMORY}` (envsubst). The file is rendered before it is applied, so
// what Kubernetes will read is unknown; rules that judge a value's form leave these alone.

const PLACEHOLDER = /\{\{.*\}\}|\$\{[^}]*\}/;

export function isPlaceholder(value: unknown): boolean {
	return typeof value === 'string' && PLACEHOLDER.test(value);
}
