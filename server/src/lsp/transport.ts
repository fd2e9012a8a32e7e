/**
 * The language server's transport: strict LSP framing on stdio, and the LSP lifecycle enforced in front of
 * every handler.
 *
 * vscode-jsonrpc's stream reader reports a bad header (junk bytes, a Content-Length that is not a number)
 * and then waits for ever on the same bytes: the server goes silent and the client never learns why. Here a
 * framing error is fatal: the caller logs it and exits non-zero, so the client restarts the server. Bodies
 * that are framed correctly but are not JSON-RPC get a JSON-RPC error and the server goes on.
 *
 * LSP 3.17 lifecycle: a request before `initialize` is answered with ServerNotInitialized (-32002) and a
 * notification then is dropped (except `exit`); after `shutdown` every request gets InvalidRequest (-32600).
 */
import type { Readable } from 'stream';
import {
  AbstractMessageReader,
  Disposable,
  ErrorCodes,
  Message,
  type DataCallback,
  type MessageReader,
  type MessageWriter,
  type ResponseMessage,
} from 'vscode-languageserver/node';

/** Header section limit: real clients send one or two short lines. */
const MAX_HEADER_BYTES = 8 * 1024;
/** Body limit: a 2 MiB source file (the analysis limit) escaped as JSON stays far below it. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export class FramingError extends Error {}

const HEADER_END = Buffer.from('\r\n\r\n');

/** Reads `Content-Length: N\r\n\r\n<N bytes of JSON>` messages; any deviation in framing is a FramingError. */
export class StrictStreamReader extends AbstractMessageReader implements MessageReader {
  private chunks: Buffer[] = [];
  private size = 0;
  /** Body length of the message being read; -1 while reading a header. */
  private need = -1;
  private broken = false;

  constructor(
    private readonly input: Readable,
    /** Called with a response for a body that is framed but not a JSON-RPC message. */
    private readonly reply: (m: ResponseMessage) => void,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (d: Buffer) => this.onData(d, callback);
    const onError = (e: Error) => this.fireError(e);
    const onClose = () => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('end', onClose);
    this.input.on('close', onClose);
    return Disposable.create(() => {
      this.input.off('data', onData);
      this.input.off('error', onError);
      this.input.off('end', onClose);
      this.input.off('close', onClose);
    });
  }

  private onData(data: Buffer, callback: DataCallback): void {
    if (this.broken) return;
    this.chunks.push(data);
    this.size += data.length;
    try {
      for (let m = this.next(); m !== undefined; m = this.next()) if (m !== null) callback(m);
    } catch (e) {
      this.broken = true;
      this.chunks = [];
      this.fireError(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private flat(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private consume(n: number): void {
    const rest = this.flat().subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.size = rest.length;
  }

  /** The next message, null for a framed body that was answered with an error, undefined when more bytes are needed. */
  private next(): Message | null | undefined {
    if (this.need < 0) {
      if (this.size === 0) return undefined;
      const buf = this.flat();
      const end = buf.indexOf(HEADER_END);
      if (end < 0 || end > MAX_HEADER_BYTES) {
        if (end < 0 && buf.length <= MAX_HEADER_BYTES) return undefined;
        throw new FramingError(`no end of header (CRLF CRLF) within ${MAX_HEADER_BYTES} bytes; the input is not LSP framing: ${preview(buf)}`);
      }
      this.need = contentLength(buf.subarray(0, end).toString('latin1'));
      this.consume(end + HEADER_END.length);
    }
    if (this.size < this.need) return undefined;
    const body = this.flat().subarray(0, this.need);
    const length = this.need;
    this.need = -1;
    const text = body.toString('utf8');
    this.consume(length);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      this.reply({ jsonrpc: '2.0', id: null, error: { code: ErrorCodes.ParseError, message: `The message body is not JSON: ${(e as Error).message}` } });
      return null;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || (parsed as { jsonrpc?: unknown }).jsonrpc !== '2.0') {
      const id = (parsed as { id?: unknown })?.id;
      this.reply({ jsonrpc: '2.0', id: typeof id === 'number' || typeof id === 'string' ? id : null, error: { code: ErrorCodes.InvalidRequest, message: 'Not a JSON-RPC 2.0 message (batches are not used by LSP).' } });
      return null;
    }
    return parsed as Message;
  }
}

/** The Content-Length of a header section: required, decimal digits only, within 2 … MAX_BODY_BYTES. */
function contentLength(header: string): number {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!m) throw new FramingError(`malformed header line ${JSON.stringify(line.slice(0, 80))}`);
    const name = m[1].toLowerCase();
    if (name === 'content-length') {
      if (!/^\d{1,12}$/.test(m[2])) throw new FramingError(`Content-Length is not a non-negative number: ${JSON.stringify(m[2].slice(0, 40))}`);
      length = Number(m[2]);
    } else if (name === 'content-type' && /charset=/i.test(m[2]) && !/charset=["']?utf-?8["']?/i.test(m[2])) {
      throw new FramingError(`unsupported charset in Content-Type ${JSON.stringify(m[2].slice(0, 80))}: LSP messages are UTF-8`);
    }
  }
  if (length === undefined) throw new FramingError('header without Content-Length');
  // The smallest JSON-RPC message, {"jsonrpc":"2.0","method":"x"}, is far above 2 bytes; 0 or 1 cannot be one.
  if (length < 2) throw new FramingError(`Content-Length ${length} is too small for a JSON-RPC message`);
  if (length > MAX_BODY_BYTES) throw new FramingError(`Content-Length ${length} exceeds the ${MAX_BODY_BYTES}-byte limit`);
  return length;
}

function preview(buf: Buffer): string {
  return JSON.stringify(buf.subarray(0, 40).toString('latin1'));
}

type Phase = 'uninitialized' | 'running' | 'shutdown';

/** Passes messages on in the order LSP allows, answering the others itself (see the file comment). */
export class LifecycleReader extends AbstractMessageReader implements MessageReader {
  private phase: Phase = 'uninitialized';

  constructor(
    private readonly inner: MessageReader,
    private readonly writer: MessageWriter,
  ) {
    super();
    inner.onError((e) => this.fireError(e));
    inner.onClose(() => this.fireClose());
    inner.onPartialMessage((p) => this.firePartialMessage(p));
  }

  /** Whether `shutdown` was received: the exit code when the client closes the stream. */
  get shutdownReceived(): boolean {
    return this.phase === 'shutdown';
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((m) => {
      if (this.admit(m)) callback(m);
    });
  }

  private admit(m: Message): boolean {
    if (Message.isRequest(m)) {
      if (this.phase === 'uninitialized' && m.method !== 'initialize') return this.refuse(m.id, ErrorCodes.ServerNotInitialized, `The server is not initialized: send "initialize" before "${m.method}".`);
      if (this.phase === 'running' && m.method === 'initialize') return this.refuse(m.id, ErrorCodes.InvalidRequest, '"initialize" was already received.');
      if (this.phase === 'shutdown') return this.refuse(m.id, ErrorCodes.InvalidRequest, `The server is shut down: "${m.method}" is not accepted; send "exit".`);
      if (m.method === 'initialize') this.phase = 'running';
      else if (m.method === 'shutdown') this.phase = 'shutdown';
      return true;
    }
    // Notifications before initialize and after shutdown are dropped, except exit.
    if (Message.isNotification(m)) return m.method === 'exit' || this.phase === 'running';
    return true;
  }

  private refuse(id: number | string | null, code: number, message: string): false {
    void this.writer.write({ jsonrpc: '2.0', id, error: { code, message } } as ResponseMessage);
    return false;
  }
}
