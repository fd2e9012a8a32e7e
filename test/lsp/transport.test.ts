/**
 * The real server bundle over stdio, spoken to in raw bytes: malformed framing makes it exit non-zero with a
 * reason (so the client restarts it) instead of going silent; the LSP lifecycle is enforced (-32002 before
 * initialize, -32600 after shutdown); a framed body that is not JSON-RPC gets an error and the server goes on.
 */
import * as assert from 'assert';
import { spawn } from 'child_process';
import { SERVER } from './lspClient';

interface Run {
  code: number | null;
  stderr: string;
  responses: { id: unknown; result?: unknown; error?: { code: number; message: string } }[];
}

const frame = (o: unknown): Buffer => {
  const body = Buffer.from(JSON.stringify(o), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'latin1'), body]);
};

const INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } };
const HOVER = (id: number) => ({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///nowhere/a.c' }, position: { line: 0, character: 0 } } });

/** Writes the inputs, waits until the server exits or `settleMs` passes, and parses what it wrote. */
function run(inputs: Buffer[], settleMs = 4000): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => out.push(d));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => p.kill(), settleMs);
    p.on('exit', (code) => {
      clearTimeout(timer);
      const text = Buffer.concat(out).toString('utf8');
      const responses = text
        .split(/Content-Length: \d+\r\n\r\n/)
        .filter((s) => s.trim())
        .map((s) => JSON.parse(s) as Run['responses'][number])
        .filter((m) => 'id' in m && !('method' in m));
      resolve({ code, stderr, responses });
    });
    for (const b of inputs) p.stdin.write(b);
  });
}

describe('LSP transport: framing and lifecycle', function () {
  this.timeout(60000);

  const broken: [string, string, RegExp][] = [
    ['junk bytes', 'this is not LSP\r\nContent-Length: 2\r\n\r\n{}', /malformed header line "this is not LSP"/],
    ['a non-numeric Content-Length', 'Content-Length: abc\r\n\r\n{}', /Content-Length is not a non-negative number: "abc"/],
    ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{}', /Content-Length is not a non-negative number: "-5"/],
    ['a Content-Length too small for a message', 'Content-Length: 0\r\n\r\n', /Content-Length 0 is too small/],
    ['a huge Content-Length', 'Content-Length: 99999999999\r\n\r\n{}', /Content-Length 99999999999 exceeds the 67108864-byte limit/],
    ['no Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}', /header without Content-Length/],
    ['a header that never ends', 'x'.repeat(9000), /no end of header \(CRLF CRLF\) within 8192 bytes/],
  ];
  for (const [what, bytes, reason] of broken) {
    it(`exits non-zero, saying why, on ${what}`, async () => {
      const r = await run([Buffer.from(bytes, 'latin1')]);
      assert.strictEqual(r.code, 1, `exit code (stderr: ${r.stderr})`);
      assert.match(r.stderr, /MedTrace language server: unreadable input \(/);
      assert.match(r.stderr, reason);
    });
  }

  it('answers a request before initialize with -32002 and one after shutdown with -32600', async () => {
    const exit = { jsonrpc: '2.0', method: 'exit' };
    const r = await run([frame(HOVER(7)), frame(INITIALIZE), frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }), frame(HOVER(8)), frame(exit)]);
    assert.strictEqual(r.code, 0, 'exit after shutdown is a clean exit');
    const byId = new Map(r.responses.map((m) => [m.id, m]));
    assert.strictEqual(byId.get(7)?.error?.code, -32002);
    assert.match(byId.get(7)!.error!.message, /not initialized: send "initialize" before "textDocument\/hover"/);
    assert.ok(byId.get(1)?.result, 'initialize answered');
    assert.strictEqual(byId.get(2)?.result, null, 'shutdown answered');
    assert.strictEqual(byId.get(8)?.error?.code, -32600);
  });

  it('answers a framed body that is not JSON (-32700) or not JSON-RPC (-32600), and goes on', async () => {
    const notJson = Buffer.from('{"jsonrpc": "2.0", "id": 3, "method": ', 'utf8');
    const r = await run([
      Buffer.concat([Buffer.from(`Content-Length: ${notJson.length}\r\n\r\n`), notJson]),
      frame([1, 2, 3]),
      frame(INITIALIZE),
      frame(HOVER(9)),
    ]);
    assert.strictEqual(r.code, null, `still running until killed (stderr: ${r.stderr})`);
    const codes = r.responses.filter((m) => m.error).map((m) => m.error!.code);
    assert.deepStrictEqual(codes.slice(0, 2), [-32700, -32600]);
    assert.ok(r.responses.some((m) => m.id === 1 && m.result), 'initialize after the bad bodies is answered');
    assert.ok(r.responses.some((m) => m.id === 9 && !m.error), 'and so is a request after it');
  });

  it('exits 1 when the client closes the stream without shutdown, 0 after it', async () => {
    const p = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'ignore', 'ignore'] });
    p.stdin.end(Buffer.concat([frame(INITIALIZE)]));
    const code = await new Promise((resolve) => p.on('exit', resolve));
    assert.strictEqual(code, 1);
    const q = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'ignore', 'ignore'] });
    q.stdin.end(Buffer.concat([frame(INITIALIZE), frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' })]));
    assert.strictEqual(await new Promise((resolve) => q.on('exit', resolve)), 0);
  });
});
