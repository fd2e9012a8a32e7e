/**
 * The commit a report is built from, read from the .git directory through the host (no git process):
 * HEAD, then the loose ref or packed-refs. Handles worktrees and submodules (a `.git` file with
 * `gitdir:`), and a detached HEAD. Undefined when the folder is not in a git repository.
 */
import { decodeUtf8, type WorkspaceHost } from '../workspace/host';

async function readText(host: WorkspaceHost, p: string): Promise<string | undefined> {
  try {
    return decodeUtf8(await host.readFile(p)).text;
  } catch {
    return undefined;
  }
}

const join = (a: string, b: string) => (b.startsWith('/') ? b : `${a.replace(/\/+$/, '')}/${b}`);
const parent = (p: string) => p.replace(/\/+$/, '').replace(/\/[^/]*$/, '') || '/';

async function findGitDir(host: WorkspaceHost, rootAbs: string): Promise<string | undefined> {
  let dir = rootAbs.replace(/\\/g, '/');
  for (let i = 0; i < 64; i++) {
    const dotGit = join(dir, '.git');
    const st = await host.stat(dotGit);
    if (st) {
      if (st.kind === 'directory') return dotGit;
      const text = await readText(host, dotGit);
      const m = text && /^gitdir:\s*(.+?)\s*$/m.exec(text);
      if (m) return join(dir, m[1]);
    }
    const up = parent(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

export async function readCommit(host: WorkspaceHost, rootAbs: string): Promise<{ sha: string; ref?: string } | undefined> {
  const gitDir = await findGitDir(host, rootAbs);
  if (!gitDir) return undefined;
  const head = (await readText(host, join(gitDir, 'HEAD')))?.trim();
  if (!head) return undefined;
  if (/^[0-9a-f]{40,64}$/.test(head)) return { sha: head };
  const ref = /^ref:\s*(\S+)/.exec(head)?.[1];
  if (!ref) return undefined;
  // A worktree keeps HEAD in its own folder but refs in the common directory.
  const common = (await readText(host, join(gitDir, 'commondir')))?.trim();
  const dirs = common ? [gitDir, join(gitDir, common)] : [gitDir];
  for (const d of dirs) {
    const loose = (await readText(host, join(d, ref)))?.trim();
    if (loose && /^[0-9a-f]{40,64}$/.test(loose)) return { sha: loose, ref };
  }
  for (const d of dirs) {
    const packed = await readText(host, join(d, 'packed-refs'));
    for (const line of packed?.split(/\r?\n/) ?? []) {
      const [sha, name] = line.split(' ');
      if (name === ref && /^[0-9a-f]{40,64}$/.test(sha)) return { sha, ref };
    }
  }
  return { sha: '', ref }; // a branch without commits yet
}
