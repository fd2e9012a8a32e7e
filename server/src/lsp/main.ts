/**
 * Entry of the language server bundle (dist/server.js): `node dist/server.js --stdio`, `medtrace lsp --stdio`,
 * or VS Code over IPC (`--node-ipc`). Both go through transport.ts (strict framing, the LSP lifecycle); other
 * transports vscode-languageserver knows (--socket, --pipe) are left to it.
 */
import { format } from 'util';
import { createConnection, IPCMessageReader, IPCMessageWriter, ProposedFeatures, StreamMessageWriter, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';
import { MedTraceServer } from './server';
import { LifecycleReader, StrictStreamReader } from './transport';

function transport(): { reader: LifecycleReader; writer: MessageWriter } | undefined {
  let raw: MessageReader;
  let writer: MessageWriter;
  if (process.argv.includes('--stdio')) {
    writer = new StreamMessageWriter(process.stdout);
    raw = new StrictStreamReader(process.stdin, (m) => void writer.write(m));
  } else if (process.argv.includes('--node-ipc')) {
    writer = new IPCMessageWriter(process);
    raw = new IPCMessageReader(process);
  } else return undefined;
  const reader = new LifecycleReader(raw, writer);
  // A framing error leaves the stream unreadable: say why and exit non-zero, so the client restarts the server.
  reader.onError((e) => {
    process.stderr.write(`MedTrace language server: unreadable input (${e.message}); exiting so the client can restart it.\n`);
    process.exit(1);
  });
  reader.onClose(() => process.exit(reader.shutdownReceived ? 0 : 1));
  return { reader, writer };
}

const t = transport();
const connection = t ? createConnection(ProposedFeatures.all, t.reader, t.writer) : createConnection(ProposedFeatures.all);

// stdout is the protocol channel under --stdio: nothing else may write to it.
console.log = (...a: unknown[]) => connection.console.log(format(...a));
console.info = (...a: unknown[]) => connection.console.info(format(...a));
console.warn = (...a: unknown[]) => connection.console.warn(format(...a));
console.error = (...a: unknown[]) => connection.console.error(format(...a));

process.on('uncaughtException', (e) => connection.console.error(`MedTrace: uncaught error: ${e.stack ?? String(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`MedTrace: unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));

new MedTraceServer(connection, { distDir: __dirname }).listen();
