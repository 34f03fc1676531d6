// Entry point of dist/server.js. The transport comes from the command line (`--stdio`, `--node-ipc`,
// `--socket=<port>`), as vscode-languageserver reads it; the VS Code client uses IPC, tests use stdio.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { describeError } from './context';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
// A failure that escaped every handler is logged, not fatal: the open documents' state stays valid.
process.on('uncaughtException', (e) => connection.console.error(`Bosun: unexpected error: ${describeError(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`Bosun: unexpected error: ${describeError(e)}`));
startServer(connection);
connection.listen();
