/** Starts a language server over stdio (a packaged copy) and returns its raw reply to `initialize`. */
import { spawn } from 'child_process';

export async function initializeReply(command: string, args: string[], timeoutMs = 30000): Promise<string> {
  const server = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null } });
    server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    return await new Promise<string>((resolve, reject) => {
      let buf = '';
      const timer = setTimeout(() => reject(new Error(`no initialize reply: ${buf}`)), timeoutMs);
      server.stdout.on('data', (c: Buffer) => {
        buf += c.toString('utf8');
        if (buf.includes('"capabilities"')) {
          clearTimeout(timer);
          resolve(buf);
        }
      });
    });
  } finally {
    server.kill();
  }
}
