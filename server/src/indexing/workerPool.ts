// A pool of worker threads running one script (worker.ts): tasks are queued and handed to the least
// loaded worker, a few at a time, so files are parsed on every core while the main thread keeps
// answering the editor. Workers
// start on demand and stop after a quiet spell, so an idle server holds no worker heaps. A worker that
// crashes fails its task (the caller does that task itself) and is replaced; a pool whose workers keep
// crashing, or whose script is missing, reports itself unavailable and callers work in their own thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { TransferListItem, Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest, WorkerTasks } from './worker';

/** Stop idle workers after this long: the next burst of work pays a worker start (~50 ms) again. */
const IDLE_MS = 5000;
/** Crashes after which the pool stops starting workers. */
const MAX_CRASHES = 3;
/**
 * Tasks posted to a worker before it answers the first: the next ones already wait in its port, so a
 * worker never idles while the main thread is busy handling answers (tasks can take well under a ms).
 */
const TASKS_PER_WORKER = 4;

interface Pending {
	request: WorkerRequest;
	/** Moved to the worker with the request rather than copied (a MessagePort must be). */
	transfer: readonly TransferListItem[];
	resolve: (value: unknown) => void;
	reject: (error: Error) => void;
}

interface PoolWorker {
	worker: Worker;
	/** Posted and not answered yet. A worker may answer out of order: a task that awaits (lintShare) lets the next one run. */
	posted: Pending[];
}

/** The bundled worker script beside the running bundle (dist/worker.js); undefined when running from sources. */
export function bundledWorkerScript(): string | undefined {
	const script = join(__dirname, 'worker.js');
	return existsSync(script) ? script : undefined;
}

/**
 * Each worker's heap limit by default: workers share the process's memory budget, so one pathological
 * file cannot take the server down.
 */
const WORKER_HEAP_MB = 1024;

/** Threads for parallel work: every core, at least one. */
export function defaultPoolSize(): number {
	return Math.max(1, availableParallelism());
}

export class WorkerPool {
	private workers: PoolWorker[] = [];
	private queue: Pending[] = [];
	private nextId = 1;
	private crashes = 0;
	private idleTimer: NodeJS.Timeout | undefined;

	constructor(
		private readonly script: string | undefined,
		readonly size = defaultPoolSize(),
		private readonly idleMs = IDLE_MS,
		/** null: V8's default limit, as the main thread has (a CLI run holds a share of all its files' syntax trees). */
		private readonly maxHeapMb: number | null = WORKER_HEAP_MB,
	) {}

	/** Whether tasks can run in workers at all. */
	get available(): boolean {
		return this.script !== undefined && this.crashes < MAX_CRASHES;
	}

	/**
	 * Run a task in a worker. Rejects when the worker fails or the pool is unavailable: do it in-thread then.
	 * `transfer` lists what the input moves to the worker (MessagePorts, ArrayBuffers) instead of copying.
	 */
	run<K extends keyof WorkerTasks>(type: K, input: WorkerTasks[K]['input'], transfer: readonly TransferListItem[] = []): Promise<WorkerTasks[K]['output']> {
		if (!this.available) return Promise.reject(new Error('no worker threads available'));
		clearTimeout(this.idleTimer);
		return new Promise((resolve, reject) => {
			this.queue.push({ request: { id: this.nextId++, type, input }, transfer, resolve: resolve as (value: unknown) => void, reject });
			this.dispatch();
		});
	}

	/** Stop every worker; queued tasks are rejected. */
	async close(): Promise<void> {
		clearTimeout(this.idleTimer);
		for (const pending of this.queue.splice(0)) pending.reject(new Error('worker pool closed'));
		const workers = this.workers.splice(0);
		await Promise.all(workers.map((w) => w.worker.terminate()));
	}

	private dispatch(): void {
		while (this.queue.length) {
			// the least loaded worker; a new one while the pool is not full and every worker has work
			let target = this.workers.reduce<PoolWorker | undefined>((best, w) => (!best || w.posted.length < best.posted.length ? w : best), undefined);
			if ((!target || target.posted.length > 0) && this.workers.length < this.size && this.available) target = this.start();
			if (!target || target.posted.length >= TASKS_PER_WORKER) return;
			const pending = this.queue.shift()!;
			target.posted.push(pending);
			// A busy worker keeps the process alive (a CLI awaiting it); an idle one does not.
			target.worker.ref();
			target.worker.postMessage(pending.request, pending.transfer as TransferListItem[]);
		}
		if (this.workers.every((w) => !w.posted.length)) {
			clearTimeout(this.idleTimer);
			this.idleTimer = setTimeout(() => void this.close(), this.idleMs);
			this.idleTimer.unref();
		}
	}

	private start(): PoolWorker {
		const worker = new Worker(this.script!, this.maxHeapMb === null ? {} : { resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb } });
		worker.unref();
		const entry: PoolWorker = { worker, posted: [] };
		worker.on('message', (reply: WorkerReply) => {
			const at = entry.posted.findIndex((p) => p.request.id === reply.id);
			if (at < 0) return;
			const [pending] = entry.posted.splice(at, 1);
			if (!entry.posted.length) worker.unref();
			if (reply.ok) pending.resolve(reply.output);
			else pending.reject(new Error(reply.error));
			this.dispatch();
		});
		const crashed = (error: Error) => {
			if (!this.workers.includes(entry)) return;
			this.workers.splice(this.workers.indexOf(entry), 1);
			this.crashes++;
			for (const pending of entry.posted.splice(0)) pending.reject(error);
			if (this.available) this.dispatch();
			else for (const pending of this.queue.splice(0)) pending.reject(error);
		};
		worker.on('error', crashed);
		worker.on('exit', (code) => crashed(new Error(`worker stopped (exit code ${code})`)));
		this.workers.push(entry);
		return entry;
	}
}
