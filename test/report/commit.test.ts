/** readCommit: the commit a report is built from, read from .git without running git. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readCommit } from '../../server/src/core/report/commit';
import { nodeHost } from '../../server/src/node/nodeHost';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('report: readCommit', () => {
  let tmp = '';
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
    fs.writeFileSync(path.join(tmp, rel), text);
  };
  beforeEach(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'medtrace-commit-')));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('follows HEAD to a loose ref, from a subfolder of the repository', async () => {
    write('repo/.git/HEAD', 'ref: refs/heads/main\n');
    write('repo/.git/refs/heads/main', `${A}\n`);
    fs.mkdirSync(path.join(tmp, 'repo/sub/dir'), { recursive: true });
    assert.deepStrictEqual(await readCommit(nodeHost, path.join(tmp, 'repo/sub/dir')), { sha: A, ref: 'refs/heads/main' });
  });

  it('reads packed-refs when the ref is not loose', async () => {
    write('repo/.git/HEAD', 'ref: refs/heads/release/1.0\n');
    write('repo/.git/packed-refs', `# pack-refs with: peeled fully-peeled sorted\n${B} refs/heads/main\n${A} refs/heads/release/1.0\n^${B}\n`);
    assert.deepStrictEqual(await readCommit(nodeHost, path.join(tmp, 'repo')), { sha: A, ref: 'refs/heads/release/1.0' });
  });

  it('reads a detached HEAD, and a worktree whose .git is a file', async () => {
    write('main/.git/HEAD', `${B}\n`);
    assert.deepStrictEqual(await readCommit(nodeHost, path.join(tmp, 'main')), { sha: B });
    write('main/.git/worktrees/wt/HEAD', 'ref: refs/heads/feature\n');
    write('main/.git/worktrees/wt/commondir', '../..\n');
    write('main/.git/refs/heads/feature', `${A}\n`);
    write('wt/.git', `gitdir: ${path.join(tmp, 'main/.git/worktrees/wt')}\n`);
    assert.deepStrictEqual(await readCommit(nodeHost, path.join(tmp, 'wt')), { sha: A, ref: 'refs/heads/feature' });
  });

  it('is undefined outside a repository', async () => {
    fs.mkdirSync(path.join(tmp, 'plain'));
    const r = await readCommit(nodeHost, path.join(tmp, 'plain'));
    // The temp folder may itself sit inside a repository on some machines; then it is that repository's commit.
    if (r !== undefined) assert.match(r.sha, /^[0-9a-f]*$/);
  });
});
