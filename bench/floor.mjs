// The parse floor in a process of its own, for the server rows of the benchmark: the server parses in a
// small, fresh process, so its floor is measured in one too (the benchmark's own heap holds every input
// and the peer, and its collector works harder). Receives texts over IPC and answers the parse time in ms.
import { LineCounter, parseAllDocuments } from 'yaml';

process.on('message', ({ text }) => {
	const start = performance.now();
	parseAllDocuments(text, { lineCounter: new LineCounter() });
	process.send({ ms: performance.now() - start });
});
