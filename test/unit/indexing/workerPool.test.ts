// The worker pool (indexing/workerPool.ts) with small worker scripts of its own: tasks spread over the
// workers and answered in full, a crashing worker fails its task and a pool that keeps crashing becomes
// unavailable, idle workers stop. Then the bundled worker (dist/worker.js) indexes files exactly as the
// server's own thread does.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexFile } from '../../../server/src/indexing/indexFile';
import { WorkerPool } from '../../../server/src/indexing/workerPool';
import { skipBecause } from '../../helpers/skip';

const ECHO = `const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', (r) => {
	const busyUntil = Date.now() + 5;
	while (Date.now() < busyUntil);
	if (typeof r.input === 'object') setTimeout(() => parentPort.postMessage({ id: r.id, ok: true, output: { echo: r.input.value, threadId } }), r.input.delay);
	else if (r.input === 'fail') parentPort.postMessage({ id: r.id, ok: false, error: 'asked to fail' });
	else if (r.input === 'crash') process.exit(3);
	else parentPort.postMessage({ id: r.id, ok: true, output: { echo: r.input, threadId } });
});`;

describe('worker pool', function () {
	this.timeout(20000);
	let dir: string;
	let echo: string;
	before(() => {
		dir = mkdtempSync(join(tmpdir(), 'bosun-pool-'));
		echo = join(dir, 'echo.js');
		writeFileSync(echo, ECHO);
	});
	after(() => rmSync(dir, { recursive: true, force: true }));

	it('answers every task, on every worker', async () => {
		const pool = new WorkerPool(echo, 2);
		try {
			const outputs = (await Promise.all(Array.from({ length: 40 }, (_, i) => pool.run('indexFiles', i as never)))) as unknown as { echo: number; threadId: number }[];
			assert.deepEqual(outputs.map((o) => o.echo), Array.from({ length: 40 }, (_, i) => i));
			assert.equal(new Set(outputs.map((o) => o.threadId)).size, 2);
		} finally {
			await pool.close();
		}
	});

	it('matches answers that come out of order (tasks that await) to their tasks', async () => {
		const pool = new WorkerPool(echo, 1);
		try {
			const outputs = await Promise.all([60, 40, 20, 0].map((delay, value) => pool.run('indexFiles', { delay, value } as never)));
			assert.deepEqual((outputs as unknown as { echo: number }[]).map((o) => o.echo), [0, 1, 2, 3]);
		} finally {
			await pool.close();
		}
	});

	it('rejects a task that failed and keeps going', async () => {
		const pool = new WorkerPool(echo, 1);
		try {
			await assert.rejects(pool.run('indexFiles', 'fail' as never), /asked to fail/);
			assert.deepEqual(((await pool.run('indexFiles', 'after' as never)) as unknown as { echo: string }).echo, 'after');
		} finally {
			await pool.close();
		}
	});

	it('a crashed worker fails its task and is replaced; one that keeps crashing makes the pool unavailable', async () => {
		const pool = new WorkerPool(echo, 1);
		try {
			await assert.rejects(pool.run('indexFiles', 'crash' as never), /exit code 3/);
			assert.equal(((await pool.run('indexFiles', 'again' as never)) as unknown as { echo: string }).echo, 'again');
			await assert.rejects(pool.run('indexFiles', 'crash' as never));
			await assert.rejects(pool.run('indexFiles', 'crash' as never));
			assert.equal(pool.available, false);
			await assert.rejects(pool.run('indexFiles', 'never' as never), /no worker threads/);
		} finally {
			await pool.close();
		}
	});

	it('is unavailable without a script, so callers work in their own thread', async () => {
		const pool = new WorkerPool(undefined, 2);
		assert.equal(pool.available, false);
		await assert.rejects(pool.run('indexFiles', 'x' as never), /no worker threads/);
	});

	it('stops idle workers and starts them again for new work', async () => {
		const pool = new WorkerPool(echo, 1, 50);
		try {
			const first = (await pool.run('indexFiles', 1 as never)) as unknown as { threadId: number };
			await new Promise((resolve) => setTimeout(resolve, 300));
			const second = (await pool.run('indexFiles', 2 as never)) as unknown as { threadId: number };
			assert.notEqual(second.threadId, first.threadId, 'a new worker thread');
		} finally {
			await pool.close();
		}
	});

	it('the bundled worker indexes a file as this thread does', async function () {
		const script = join(__dirname, '../../../dist/worker.js');
		if (!existsSync(script)) skipBecause(this, 'dist/worker.js is not built (npm run build)');
		const file = join(dir, 'app.yaml');
		writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {a: b}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: web:1}]}\n');
		const pool = new WorkerPool(script, 1);
		try {
			const request = { path: file, uri: `file://${file}`, maxFileSize: 1 << 20 };
			const [inWorker] = await pool.run('indexFiles', [request]);
			assert.deepEqual(inWorker, indexFile(request));
			assert.equal(inWorker.status, 'read');
			const known = inWorker.status === 'read' ? { size: inWorker.file.size, mtimeMs: inWorker.file.mtimeMs, hash: inWorker.file.hash } : undefined;
			assert.deepEqual(await pool.run('indexFiles', [{ ...request, known }, { ...request, maxFileSize: 10 }, { ...request, path: join(dir, 'gone.yaml') }]), [
				{ status: 'unchanged' },
				{ status: 'skipped', reason: 'too-large' },
				{ status: 'skipped', reason: 'gone' },
			]);
		} finally {
			await pool.close();
		}
	});
});
