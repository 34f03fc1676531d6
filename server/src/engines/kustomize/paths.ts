// POSIX path helpers for the build (the file system interface speaks absolute POSIX paths only).

export function joinPath(dir: string, rel: string): string {
	const parts = (rel.startsWith('/') ? rel : `${dir}/${rel}`).split('/');
	const out: string[] = [];
	for (const p of parts) {
		if (p === '' || p === '.') continue;
		if (p === '..') out.pop();
		else out.push(p);
	}
	return '/' + out.join('/');
}

export function dirName(path: string): string {
	const i = path.lastIndexOf('/');
	return i <= 0 ? '/' : path.slice(0, i);
}

export function baseName(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}

/** A resource entry kustomize would fetch from the network (URL or git repository). */
export function isRemote(entry: string): boolean {
	return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^git@/.test(entry) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry) || /\.git(\/\/|\?|$)/.test(entry) || /\?ref=/.test(entry);
}
