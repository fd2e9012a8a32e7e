// Chromium leaves helper processes behind as zombies when its browser process exits before them and
// PID 1 does not reap orphans (the case in some containers and sandboxes). This wraps an executable
// in a tiny python3 "child subreaper": it forks and execs the program, reaps every descendant
// orphaned to it, and exits with the program's status once all of them are gone.
// Inherited file descriptors (Playwright's --remote-debugging-pipe uses fds 3 and 4) pass through.
import * as fs from 'fs';
import * as path from 'path';

const PYTHON = '/usr/bin/python3';

const SCRIPT = (target: string) => `#!${PYTHON}
import ctypes, os, signal, sys
try:
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
except Exception:
    pass
target = ${JSON.stringify(target)}
pid = os.fork()
if pid == 0:
    os.execv(target, [target] + sys.argv[1:])
# The program gets signals through its process group; stay alive to reap its helpers.
for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    signal.signal(s, signal.SIG_IGN)
code = 0
while True:
    try:
        p, st = os.wait()
    except ChildProcessError:
        break
    except InterruptedError:
        continue
    if p == pid:
        code = os.waitstatus_to_exitcode(st)
sys.exit(code if code >= 0 else 128 - code)
`;

/**
 * Path of an executable that runs `target` under a subreaper, written into dir; `target` itself
 * when python3 is not available.
 */
export function reaped(target: string, dir: string): string {
  if (!fs.existsSync(PYTHON)) return target;
  const file = path.join(dir, `reap-${path.basename(target)}`);
  fs.writeFileSync(file, SCRIPT(target), { mode: 0o755 });
  return file;
}
