// Runs one `medtrace check` as the `medtrace` command does (bin/medtrace.js: the work in a child process,
// ended once its output is written) and prints {ms, cpuMs, maxRssKb, findings} as JSON (used by bench.mjs).
// ms: from the start of this script until the check's output is written and its exit code known (the child's
// Node start-up and bundle loading included); cpuMs, maxRssKb: the child's (every thread of it).
const path = require('path');
const fs = require('fs');
const { runOneShot } = require(path.join(__dirname, '..', 'bin', 'medtrace.js'));
const [dir, ...extra] = process.argv.slice(2);
const out = path.join(require('os').tmpdir(), `medtrace-bench-${process.pid}.json`);
const t0 = performance.now();
runOneShot(['check', dir, '--format', 'json', '--output', out, '--fail-on', 'none', '--quiet', ...extra], (r) => {
  const ms = performance.now() - t0;
  if (r.code !== 0) {
    process.stderr.write(`bench-check: medtrace check exited with ${r.code}\n`);
    process.exitCode = 1;
    return;
  }
  const findings = JSON.parse(fs.readFileSync(out, 'utf8')).findings.length;
  fs.rmSync(out);
  process.stdout.write(JSON.stringify({ code: r.code, ms, cpuMs: r.cpuMs, maxRssKb: r.maxRssKb, findings }) + '\n');
});
