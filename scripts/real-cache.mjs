// Fills the real-code evaluation cache from local git snapshots: nothing is downloaded.
// For every code base in test/real/corpora.json whose git directory is found under --mirror DIR
// (as <owner>+<name>/repo (bare, or a clone with repo/.git), or <owner>+<name>.git, or <owner>+<name>), writes the tree of the pinned commit
// to <cache>/<id>/ (default cache: $MEDTRACE_REAL_CACHE or ~/.cache/medtrace-real). Blobs the snapshot
// lacks (large files, LFS) are skipped and counted. Usage:
//   node scripts/real-cache.mjs --mirror /path/to/mirrors [--cache DIR] [--only id,id]
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, loadCorpora } from './real-corpora.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const mirror = opt('--mirror');
if (!mirror) {
  console.error('usage: node scripts/real-cache.mjs --mirror DIR [--cache DIR] [--only id,id]');
  process.exit(2);
}
const cache = resolve(opt('--cache') ?? cacheDir());
const only = opt('--only')?.split(',');

function gitDirOf(repo) {
  const base = join(mirror, repo.replace('/', '+'));
  for (const c of [join(base, 'repo'), join(base, 'repo', '.git'), `${base}.git`, base]) if (existsSync(join(c, 'HEAD'))) return c;
  return undefined;
}

/** Reads every blob of `commit` through one `git cat-file --batch` and writes it below `dest`. */
async function extract(gitDir, commit, dest) {
  const list = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', '--full-tree', commit], {
    maxBuffer: 1 << 28,
  })
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = line.split('\t');
      const [mode, type, oid] = meta.split(' ');
      return { mode, type, oid, path };
    })
    .filter((e) => e.type === 'blob' && e.mode !== '120000' && e.mode !== '160000');
  const child = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buf = Buffer.alloc(0);
  let written = 0;
  let missing = 0;
  let i = 0;
  const done = new Promise((ok, fail) => {
    child.on('error', fail);
    child.stdout.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const nl = buf.indexOf(10);
        if (nl < 0) return;
        const header = buf.subarray(0, nl).toString('utf8');
        if (header.endsWith(' missing')) {
          missing++;
          i++;
          buf = buf.subarray(nl + 1);
          continue;
        }
        const size = Number(header.split(' ')[2]);
        if (buf.length < nl + 1 + size + 1) return;
        const entry = list[i++];
        const target = join(dest, entry.path);
        if (!target.startsWith(dest + sep)) throw new Error(`path outside the cache: ${entry.path}`);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, buf.subarray(nl + 1, nl + 1 + size));
        written++;
        buf = buf.subarray(nl + 1 + size + 1);
      }
    });
    child.on('close', () => ok());
  });
  for (const e of list) child.stdin.write(`${e.oid}\n`);
  child.stdin.end();
  await done;
  return { written, missing };
}

mkdirSync(cache, { recursive: true });
for (const corpus of loadCorpora(root)) {
  if (only && !only.includes(corpus.id)) continue;
  const dest = join(cache, corpus.id);
  const stamp = join(dest, '.medtrace-real-commit');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === corpus.commit) {
    console.log(`${corpus.id}: cached`);
    continue;
  }
  const gitDir = gitDirOf(corpus.repo);
  if (!gitDir) {
    console.log(`${corpus.id}: no snapshot of ${corpus.repo} under ${mirror}; skipped`);
    continue;
  }
  const tmp = `${dest}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const { written, missing } = await extract(gitDir, corpus.commit, tmp);
  writeFileSync(join(tmp, '.medtrace-real-commit'), `${corpus.commit}\n`);
  rmSync(dest, { recursive: true, force: true });
  renameSync(tmp, dest);
  console.log(`${corpus.id}: ${written} files${missing ? `, ${missing} absent from the snapshot` : ''}`);
}
