// Values that are template placeholders rather than data: `{{ .Values.memory }}` (Helm and other Go
// templates) or `${MEMORY}` (envsubst). The file is rendered before it is applied, so
// what Kubernetes will read is unknown; rules that judge a value's form leave these alone.

// Found with indexOf, not /\{\{.*\}\}|\$\{[^}]*\}/: that expression backtracks quadratically, and a long run
// of `{{` in a value held the linter for minutes.

/** `{{` and, later on the same line, `}}`. */
function hasGoAction(value: string): boolean {
	for (const line of value.split(/[\n\r\u2028\u2029]/)) {
		const open = line.indexOf('{{');
		if (open >= 0 && line.lastIndexOf('}}') >= open + 2) return true;
	}
	return false;
}

/** `${` and, anywhere after it, `}`. */
function hasVariable(value: string): boolean {
	const open = value.indexOf('${');
	return open >= 0 && value.indexOf('}', open + 2) >= 0;
}

export function isPlaceholder(value: unknown): boolean {
	return typeof value === 'string' && (hasGoAction(value) || hasVariable(value));
}
