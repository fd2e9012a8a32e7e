#!/usr/bin/env node
'use strict';
// The `medtrace` command: the bundled CLI in dist/ (built by `npm run build`).
const path = require('path');
const fs = require('fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('medtrace: dist/cli.js is missing; run "npm run build" in the MedTrace folder first.\n');
  process.exit(2);
}
require(cli).main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`medtrace: internal error: ${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 2;
  },
);
