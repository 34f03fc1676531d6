// The entry point of a worker thread (bundled as dist/worker.js): answers the pool's tasks one at a
// time. Each task type is a function of its input (lintShare also talks to the main thread over the
// port its input carries); adding one means a line in TASKS and its type in WorkerTasks.
import { parentPort } from 'node:worker_threads';
import { indexFile, IndexFileRequest, IndexFileResult } from './indexFile';
import { lintShare, LintShareInput, LintShareOutput } from './lintShare';

export interface WorkerTasks {
	/** Files to index, several per message: the main thread handles fewer messages per file. */
	indexFiles: { input: IndexFileRequest[]; output: IndexFileResult[] };
	/** A share of a `bosun lint` run (cliWorkers.ts). */
	lintShare: { input: LintShareInput; output: LintShareOutput };
}

function indexFiles(requests: IndexFileRequest[]): IndexFileResult[] {
	return requests.map(indexFile);
}

export interface WorkerRequest {
	id: number;
	type: keyof WorkerTasks;
	input: unknown;
}

export type WorkerReply = { id: number; ok: true; output: unknown } | { id: number; ok: false; error: string };

const TASKS: { [K in keyof WorkerTasks]: (input: WorkerTasks[K]['input']) => Promise<WorkerTasks[K]['output']> | WorkerTasks[K]['output'] } = {
	indexFiles,
	lintShare,
};

if (parentPort) {
	const port = parentPort;
	port.on('message', async (request: WorkerRequest) => {
		try {
			const output = await (TASKS[request.type] as (input: unknown) => unknown)(request.input);
			port.postMessage({ id: request.id, ok: true, output } satisfies WorkerReply);
		} catch (e) {
			port.postMessage({ id: request.id, ok: false, error: (e as Error).message ?? String(e) } satisfies WorkerReply);
		}
	});
}
