/**
 * Entry of the language server bundle (dist/server.js): `node dist/server.js --stdio`, `medtrace lsp --stdio`,
 * or VS Code over IPC (`--node-ipc`). The connection reads the transport from process.argv.
 */
import { format } from 'util';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { MedTraceServer } from './server';

const connection = createConnection(ProposedFeatures.all);

// stdout is the protocol channel under --stdio: nothing else may write to it.
console.log = (...a: unknown[]) => connection.console.log(format(...a));
console.info = (...a: unknown[]) => connection.console.info(format(...a));
console.warn = (...a: unknown[]) => connection.console.warn(format(...a));
console.error = (...a: unknown[]) => connection.console.error(format(...a));

process.on('uncaughtException', (e) => connection.console.error(`MedTrace: uncaught error: ${e.stack ?? String(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`MedTrace: unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));

new MedTraceServer(connection, { distDir: __dirname }).listen();
