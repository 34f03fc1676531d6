// Entry point @vscode/test-electron calls inside the extension host: runs the in-editor scenarios
// (bosun.e2e.ts, bundled into this file) with mocha and rejects when any of them fails.
import Mocha from 'mocha';

export function run(): Promise<void> {
	const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: true });
	// The scenarios are bundled, not files on disk: give them mocha's globals, then load them.
	mocha.suite.emit('pre-require', globalThis, 'bosun.e2e.ts', mocha);
	require('./bosun.e2e');
	return new Promise((resolve, reject) => {
		mocha.run((failures) => (failures ? reject(new Error(`${failures} in-editor test(s) failed`)) : resolve()));
	});
}
