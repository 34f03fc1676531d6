// Manifest builders shared by rule tests, so each case shows only the lines it is about. Line numbers
// are stable: the first container line of `deployment()` is line 13 (14 with a namespace), and pod spec
// lines given in `podSpec` start on line 12.

export interface DeploymentOptions {
	/** Another workload kind with the same layout (StatefulSet, DaemonSet, ReplicaSet). */
	kind?: string;
	namespace?: string;
	/** Extra pod spec lines before `containers:`, starting with a newline. */
	podSpec?: string;
}

/** A Deployment named `web` (labels `app: web`) around the given `containers` list items. */
export function deployment(containers: string, options: DeploymentOptions = {}): string {
	return `apiVersion: apps/v1
kind: ${options.kind ?? 'Deployment'}
metadata:
  name: web${options.namespace ? `\n  namespace: ${options.namespace}` : ''}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:${options.podSpec ?? ''}
      containers:
${containers}`;
}

/** A LimitRange named `defaults` with one item of `type` (default Container); `item` holds its indented fields. */
export function limitRange(namespace: string | undefined, item: string, type = 'Container'): string {
	return `apiVersion: v1
kind: LimitRange
metadata:
  name: defaults${namespace ? `\n  namespace: ${namespace}` : ''}
spec:
  limits:
    - type: ${type}
${item}`;
}
