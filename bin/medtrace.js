#!/usr/bin/env node
'use strict';
// The `medtrace` command: the bundled CLI in dist/ (built by `npm run build`).
//
// Commands that parse the workspace (check, matrix, report) run in a child process, and this process ends it
// as soon as it has written its output and said its exit code. Node cannot exit before V8's background
// compiler threads are done, and the optimising compile of a large grammar function (Swift's 435 KB lexer:
// ~3 s of one core) started late in a run kept `medtrace check` alive for 1–2 s after its work was done.
// The child has nothing left to do then, so ending it loses nothing. MEDTRACE_IN_PROCESS=1 runs everything
// in this process (debugging, profiling).
const path = require('path');
const fs = require('fs');
const { fork } = require('child_process');

const cli = path.join(__dirname, '..', 'dist', 'cli.js');
const ONE_SHOT = new Set(['check', 'matrix', 'report']);
const CHILD_ENV = 'MEDTRACE_ONE_SHOT_CHILD';
// V8's optimising compiler, not the analysis, took most of the detectors' cost in a one-shot run: each hot
// function was compiled with its callees inlined into it, and recompiled so after every deoptimisation (the
// privacy walker meets a new language's paths file after file). A smaller inlining budget makes each compile
// cheaper; it is spent once per process, which matters more here than peak speed in a long session (the
// language server keeps V8's default). Measured on the bench (docs in ARCHITECTURE.md, "Performance notes").
const CHILD_V8_FLAGS = ['--max-inlined-bytecode-size-cumulative=150'];

/**
 * When the reader of stdout or stderr goes away (`medtrace report | head`), stop writing to it and finish:
 * the exit status stays the command's, where Node would crash with an EPIPE stack trace.
 */
function quietOnClosedPipes() {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e) => {
      if (!e || (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED')) throw e;
      stream.write = (_chunk, enc, cb) => {
        const done = typeof enc === 'function' ? enc : cb;
        if (done) process.nextTick(done);
        return true;
      };
    });
  }
}

/** Runs the CLI in this process; resolves to its exit code (2 on an internal error, reported on stderr). */
async function runHere(argv) {
  quietOnClosedPipes();
  if (!fs.existsSync(cli)) {
    process.stderr.write('medtrace: dist/cli.js is missing; run "npm run build" in the MedTrace folder first.\n');
    return 2;
  }
  try {
    return await require(cli).main(argv);
  } catch (e) {
    process.stderr.write(`medtrace: internal error: ${e && e.stack ? e.stack : e}\n`);
    return 2;
  }
}

/** Waits until everything written to stdout and stderr so far has been handed to the OS. */
function flushed() {
  return Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => s.write('', resolve))));
}

/**
 * Runs argv in a child process (this file again); calls onDone with the child's report — exit code, CPU
 * time and peak RSS — once its output is written, after ending it. Signals that end this process end the
 * child too; a child that dies without a report is reported as an internal error (code 2).
 */
function runOneShot(argv, onDone) {
  // Flags given to this process come after ours, so they win.
  const child = fork(__filename, argv, { env: { ...process.env, [CHILD_ENV]: '1' }, execArgv: [...CHILD_V8_FLAGS, ...process.execArgv] });
  let report;
  let finished = false;
  const finish = (r) => {
    if (finished) return;
    finished = true;
    for (const s of signals) process.removeListener(s, onSignal);
    onDone(r);
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  // End the child, wait until it is gone (so that it is reaped), then end this process by the same signal.
  const onSignal = (signal) => {
    finished = true;
    const die = () => {
      for (const s of signals) process.removeListener(s, onSignal);
      try {
        process.kill(process.pid, signal);
      } catch {
        process.exit(1); // a platform that cannot raise this signal (Windows: SIGHUP)
      }
    };
    if (child.exitCode !== null || child.signalCode !== null) return die();
    child.once('exit', die);
    child.kill('SIGKILL');
  };
  for (const s of signals) process.on(s, onSignal);
  child.on('message', (msg) => {
    if (!msg || typeof msg.code !== 'number') return;
    report = msg;
    child.kill('SIGKILL');
  });
  child.on('exit', (code, signal) => {
    if (report) finish(report);
    else {
      if (!finished) process.stderr.write(`medtrace: internal error: the analysis process ended ${signal ? `on ${signal}` : `with code ${code}`} before it finished\n`);
      finish({ code: 2 });
    }
  });
  child.on('error', (e) => {
    if (report || finished) return;
    process.stderr.write(`medtrace: internal error: could not run the analysis process: ${e.message}\n`);
    finish({ code: 2 });
  });
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  if (process.env[CHILD_ENV] === '1' && process.send) {
    // The child: run, make sure the output is out, report, then wait to be ended.
    process.on('disconnect', () => process.exit(2));
    runHere(argv).then(async (code) => {
      await flushed();
      const cpu = process.cpuUsage();
      try {
        process.send({ code: code >= 0 ? code : 0, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS });
      } catch {
        process.exit(code >= 0 ? code : 0); // the command is gone
      }
    });
  } else if (ONE_SHOT.has(argv[0]) && process.env.MEDTRACE_IN_PROCESS !== '1') {
    runOneShot(argv, (r) => (process.exitCode = r.code));
  } else {
    runHere(argv).then((code) => {
      if (code >= 0) process.exitCode = code;
    });
  }
}

module.exports = { runOneShot };
