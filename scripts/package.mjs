// `npm run package`: production bundles, then `vsce package` → medtrace-<version>.vsix at the repository
// root, with the size printed. Dependencies are bundled by esbuild, so the .vsix ships no node_modules.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = process.argv[2] ?? join(root, `${name}-${version}.vsix`);
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', out], { cwd: root, stdio: 'inherit' });
const size = statSync(out).size;
console.log(`${out}: ${(size / 1048576).toFixed(2)} MB`);
