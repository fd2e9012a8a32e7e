// Runs one `medtrace check` in this process and prints {ms, cpuMs, maxRssKb, findings} as JSON (used by bench.mjs).
// cpuMs is the CPU time of every thread of the process (main and workers).
const path = require('path');
const { main } = require(path.join(__dirname, '..', 'dist', 'cli.js'));
const [dir, ...extra] = process.argv.slice(2);
const out = path.join(require('os').tmpdir(), `medtrace-bench-${process.pid}.json`);
const t0 = performance.now();
const c0 = process.cpuUsage();
main(['check', dir, '--format', 'json', '--output', out, '--fail-on', 'none', '--quiet', ...extra]).then((code) => {
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpuMs = (c.user + c.system) / 1000;
  const findings = JSON.parse(require('fs').readFileSync(out, 'utf8')).findings.length;
  require('fs').rmSync(out);
  process.stdout.write(JSON.stringify({ code, ms, cpuMs, maxRssKb: process.resourceUsage().maxRSS, findings }) + '\n');
});
