// Language-server benchmark: edit → diagnostics latency on a 5,000-line file in a ~300k-line workspace,
// hover / definition / completion latency, initial index time and server RSS. Speaks LSP to the real bundle.
//
//   node scripts/bench-lsp.mjs                     # generates bench-workspace/lsp (once) and measures
//   node scripts/bench-lsp.mjs --workspace DIR --file REL   # an existing workspace and a file in it
//   node scripts/bench-lsp.mjs --lines 300000 --edits 50 --json
//   node scripts/bench-lsp.mjs --breakdown        # also the server's own step timings (MEDTRACE_TRACE_TIMING)
//   node scripts/bench-lsp.mjs --settings '{"crypto":{"enable":false},"privacy":{"enable":false}}'   # trace rules only
//
// Targets (issue 3): edit → diagnostics p95 ≤ 50 ms; hover/definition/completion p95 ≤ 10 ms.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const rpc = require('vscode-jsonrpc/node');

const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const TOTAL_LINES = Number(flag('lines', 300000));
const EDITS = Number(flag('edits', 50));
const REQUESTS = Number(flag('requests', 50));
const BIG_LINES = 5000;
const asJson = args.includes('--json');
const breakdown = args.includes('--breakdown');
const settings = JSON.parse(flag('settings', '{}'));
const server = join(root, 'dist', 'server.js');
if (!existsSync(server)) {
  console.error('bench-lsp: dist/server.js is missing; run "npm run build" first.');
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------------------
// Workspace

const UNITS = ['dose', 'alarm', 'comm', 'ui', 'storage', 'sensors', 'motor', 'power'];
const REQS = 400;

function manifest() {
  const out = ['version: 1', 'system: { name: Bench pump, safetyClass: C }', 'units:'];
  for (const u of UNITS) out.push(`  - { id: SU-${u.toUpperCase()}, name: ${u}, safetyClass: C, paths: ["src/${u}/**"] }`);
  out.push('requirements:');
  for (let i = 1; i <= REQS; i++) out.push(`  - id: SRS-${String(i).padStart(3, '0')}`, `    title: Requirement number ${i}`, `    text: The pump shall do thing ${i}.`, '    kind: functional');
  out.push('risks:');
  for (let i = 1; i <= 40; i++) out.push(`  - { id: RISK-${i}, hazard: Hazard ${i}, severity: 4, probability: 3, controls: [RC-${i}] }`);
  out.push('riskControls:');
  for (let i = 1; i <= 40; i++) out.push(`  - { id: RC-${i}, title: Control ${i}, type: protective, requirements: [SRS-${String(i).padStart(3, '0')}] }`);
  return out.join('\n') + '\n';
}

const req = (n) => `SRS-${String((n % REQS) + 1).padStart(3, '0')}`;

function cFile(lines, seed) {
  const out = ['/* Generated C unit. */', '#include <stdint.h>', ''];
  let f = 0;
  while (out.length < lines - 8) {
    const traced = (seed + f) % 5 !== 0;
    if (traced) out.push(`/* @implements ${req(seed + f)} */`);
    out.push(`int fn_${seed}_${f}(int a, int b) {`, '    int r = a + b;', '    if (r > 100) {', '        r = 100;', '    }', '    return r;', '}', '');
    f++;
  }
  return out.join('\n') + '\n';
}

function pyFile(lines, seed) {
  const out = ['"""Generated Python unit."""', ''];
  let f = 0;
  while (out.length < lines - 6) {
    if ((seed + f) % 5 !== 0) out.push(`# @implements ${req(seed + f)}`);
    out.push(`def fn_${seed}_${f}(a, b):`, '    r = a + b', '    if r > 100:', '        r = 100', '    return r', '', '');
    f++;
  }
  return out.join('\n') + '\n';
}

function tsFile(lines, seed) {
  const out = ['// Generated TypeScript unit.', ''];
  let f = 0;
  while (out.length < lines - 7) {
    if ((seed + f) % 5 !== 0) out.push(`// @implements ${req(seed + f)}`);
    out.push(`export function fn_${seed}_${f}(a: number, b: number): number {`, '  let r = a + b;', '  if (r > 100) {', '    r = 100;', '  }', '  return r;', '}', '');
    f++;
  }
  return out.join('\n') + '\n';
}

function testFile(lines, seed) {
  const out = ['# Generated tests.', ''];
  let f = 0;
  while (out.length < lines - 4) {
    out.push(`# @verifies ${req(seed + f)}`, `def test_${seed}_${f}():`, '    assert True', '');
    f++;
  }
  return out.join('\n') + '\n';
}

function generate(dir) {
  const stamp = join(dir, '.generated');
  const want = `${TOTAL_LINES}`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'medtrace.yaml'), manifest());
  let lines = 0;
  let n = 0;
  const perFile = 250;
  mkdirSync(join(dir, 'src', 'dose'), { recursive: true });
  writeFileSync(join(dir, 'src', 'dose', 'big.c'), cFile(BIG_LINES, 7));
  lines += BIG_LINES;
  while (lines < TOTAL_LINES) {
    const unit = UNITS[n % UNITS.length];
    const kind = n % 10;
    const folder = kind === 9 ? join(dir, 'test', unit) : join(dir, 'src', unit);
    mkdirSync(folder, { recursive: true });
    if (kind === 9) writeFileSync(join(folder, `test_${n}.py`), testFile(perFile, n));
    else if (kind < 5) writeFileSync(join(folder, `m${n}.c`), cFile(perFile, n));
    else if (kind < 7) writeFileSync(join(folder, `m${n}.py`), pyFile(perFile, n));
    else writeFileSync(join(folder, `m${n}.ts`), tsFile(perFile, n));
    lines += perFile;
    n++;
  }
  writeFileSync(stamp, want);
}

// ---------------------------------------------------------------------------------------------------------
// Measuring

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

async function main() {
  const wsArg = flag('workspace');
  const ws = resolve(wsArg ?? join(root, 'bench-workspace-lsp'));
  if (!wsArg) {
    const t = Date.now();
    generate(ws);
    if (!asJson) console.error(`bench-lsp: workspace ${ws} ready (${Date.now() - t} ms)`);
  }
  const bigRel = flag('file', 'src/dose/big.c');
  const bigUri = pathToFileURL(join(ws, bigRel)).href;

  const env = breakdown ? { ...process.env, MEDTRACE_TRACE_TIMING: '1' } : process.env;
  const child = spawn(process.execPath, [server, '--stdio'], { cwd: ws, stdio: ['pipe', 'pipe', 'inherit'], env });
  const steps = new Map();
  let measuring = false;
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiters = [];
  const poke = () => {
    for (const w of [...waiters]) if (w.check()) waiters.splice(waiters.indexOf(w), 1) && w.resolve();
  };
  const waitFor = (check, timeout = 600000) =>
    check()
      ? Promise.resolve()
      : new Promise((res, rej) => {
          const t = setTimeout(() => rej(new Error('bench-lsp: timed out')), timeout);
          waiters.push({ check, resolve: () => (clearTimeout(t), res()) });
        });
  let indexEnded = false;
  const published = new Map();
  conn.onNotification('$/progress', (p) => {
    if (p.value.kind === 'end') indexEnded = true;
    poke();
  });
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    published.set(p.uri, { version: p.version, count: p.diagnostics.length, at: process.hrtime.bigint() });
    poke();
  });
  conn.onNotification('window/logMessage', (p) => {
    const m = /^MedTrace timing: (.+?)(?: \S+\.\w+)? ([\d.]+) ms$/.exec(p.message);
    if (m && measuring) steps.set(m[1], [...(steps.get(m[1]) ?? []), Number(m[2])]);
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => settings));
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.onRequest('workspace/inlayHint/refresh', () => null);
  conn.onRequest('workspace/semanticTokens/refresh', () => null);
  conn.listen();

  const t0 = process.hrtime.bigint();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(ws).href,
    workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'bench' }],
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { definition: { linkSupport: true }, publishDiagnostics: { versionSupport: true } },
    },
  });
  await conn.sendNotification('initialized', {});
  await waitFor(() => indexEnded);
  const indexMs = ms(t0);
  const rssAfterIndex = rssMb(child.pid);

  let text = readFileSync(join(ws, bigRel), 'utf8');
  const lines = text.split('\n');
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'c', version: 1, text } });
  await waitFor(() => published.get(bigUri)?.version === 1 || (published.has(bigUri) && published.get(bigUri).version === undefined));
  await new Promise((r) => setTimeout(r, 200));

  // Untraced functions (every fifth) spread through the file: each edit traces one or un-traces it again.
  const untraced = [];
  for (let i = 0; i < lines.length; i++) if (/^int fn_/.test(lines[i]) && !/@implements/.test(lines[i - 1] ?? '')) untraced.push(i);
  const editLatencies = [];
  let version = 1;
  measuring = true;
  for (let e = 0; e < EDITS; e++) {
    // Edit pairs on the same function: insert a tag above it (traced), then delete that line again (untraced).
    const line = untraced[((e >> 1) * 7) % untraced.length];
    const change = e % 2 === 0
      ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '// @implements SRS-001\n' }
      : { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' };
    version++;
    const before = published.get(bigUri)?.count;
    const start = process.hrtime.bigint();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: bigUri, version }, contentChanges: [change] });
    const v = version;
    await waitFor(() => published.get(bigUri)?.version === v);
    editLatencies.push(Number(published.get(bigUri).at - start) / 1e6);
    if (published.get(bigUri).count === before) throw new Error('bench-lsp: an edit did not change the diagnostics');
    await new Promise((r) => setTimeout(r, 20));
  }

  measuring = false;
  // Let the debounced full re-assembly after the last edit finish: requests are measured on an idle server.
  await new Promise((r) => setTimeout(r, 2000));
  // Requests on ids in the big file.
  text = lines.join('\n');
  const idLines = [];
  for (let i = 0; i < lines.length; i++) if (lines[i].includes('@implements SRS-')) idLines.push(i);
  const timeRequests = async (method, params) => {
    const out = [];
    for (let i = 0; i < REQUESTS; i++) {
      const s = process.hrtime.bigint();
      await conn.sendRequest(method, params(i));
      out.push(ms(s));
    }
    return out;
  };
  const idPos = (i) => ({ line: idLines[(i * 13) % idLines.length], character: '/* @implements S'.length });
  const hover = await timeRequests('textDocument/hover', (i) => ({ textDocument: { uri: bigUri }, position: idPos(i) }));
  const definition = await timeRequests('textDocument/definition', (i) => ({ textDocument: { uri: bigUri }, position: idPos(i) }));
  const references = await timeRequests('textDocument/references', (i) => ({ textDocument: { uri: bigUri }, position: idPos(i), context: { includeDeclaration: true } }));
  const completion = await timeRequests('textDocument/completion', (i) => ({ textDocument: { uri: bigUri }, position: { line: idLines[(i * 13) % idLines.length], character: '/* @implements '.length } }));
  const codeLens = await timeRequests('textDocument/codeLens', () => ({ textDocument: { uri: bigUri } }));
  const rssEnd = rssMb(child.pid);

  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  child.kill();

  const row = (name, xs) => ({ name, p50: +pct(xs, 50).toFixed(1), p95: +pct(xs, 95).toFixed(1), max: +Math.max(...xs).toFixed(1), n: xs.length });
  const result = {
    workspace: ws,
    lines: TOTAL_LINES,
    file: `${bigRel} (${lines.length} lines)`,
    initialIndexMs: Math.round(indexMs),
    rssMb: { afterIndex: rssAfterIndex, end: rssEnd },
    serverStepsMs: breakdown ? [...steps].map(([name, xs]) => row(name, xs)) : undefined,
    latencyMs: [row('edit → diagnostics', editLatencies), row('hover', hover), row('definition', definition), row('references', references), row('completion', completion), row('codeLens (whole file)', codeLens)],
  };
  if (asJson) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  console.log(`MedTrace language server — ${TOTAL_LINES.toLocaleString('en')}-line workspace, ${result.file}`);
  console.log(`  initial index      ${result.initialIndexMs} ms`);
  console.log(`  server RSS         ${rssAfterIndex} MB after index, ${rssEnd} MB at the end`);
  console.log('  latency (ms)       p50     p95     max     n');
  for (const r of result.latencyMs) console.log(`  ${r.name.padEnd(18)} ${String(r.p50).padStart(6)}  ${String(r.p95).padStart(6)}  ${String(r.max).padStart(6)}  ${String(r.n).padStart(4)}`);
  console.log('  targets: edit → diagnostics p95 ≤ 50 ms; hover/definition/completion p95 ≤ 10 ms');
  if (result.serverStepsMs) {
    console.log('  server steps during the edits (ms)   p50     p95     n');
    for (const r of result.serverStepsMs) console.log(`  ${r.name.padEnd(34)} ${String(r.p50).padStart(6)}  ${String(r.p95).padStart(6)}  ${String(r.n).padStart(4)}`);
  }
}

main().catch((e) => {
  console.error(e.stack ?? String(e));
  process.exit(1);
});
