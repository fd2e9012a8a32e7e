#!/usr/bin/env bash
# Prerequisites of the real-editor end-to-end tests (code-server + Debian chromium + LSP clients).
#
# Idempotent and fast (< 1 s) when everything is present. Installs what is missing; must then run
# as root (Debian packages; code-server's postinstall compiles native modules). Works with only
# the npm registry and the Debian mirrors reachable.
#
#   test/e2e/prereqs.sh            # everything
#   MEDTRACE_E2E_CACHE=/some/dir   # where code-server is installed (default /var/cache/medtrace-e2e),
#                                  # outside the repository so `git clean` / fresh clones keep it
#   MEDTRACE_E2E_SKIP_APT=1        # do not touch Debian packages (only check them)
#
# Layout of the cache folder:
#   $CACHE/code-server/node_modules/.bin/code-server   + .installed (stamp: version)
#   $CACHE/tmp/vscode-ripgrep-cache-*                    seeded @vscode/ripgrep download cache
#   $CACHE/.lock                                         flock: concurrent runs wait for each other
#
# Exit status: 0 all present; 1 a prerequisite could not be had (the message names it).
set -euo pipefail

CODE_SERVER_SPEC=${MEDTRACE_E2E_CODE_SERVER_SPEC:-code-server@4}   # 4.100.3 on Node 20 (newer need Node 22+)
CACHE=${MEDTRACE_E2E_CACHE:-/var/cache/medtrace-e2e}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

# Debian packages: chromium (browser), the code-server build chain, ripgrep (seeds @vscode/ripgrep),
# neovim / emacs-nox + elpa-eglot (LSP smoke tests in other editors).
APT_PACKAGES=(chromium build-essential pkg-config python3 libkrb5-dev libxkbfile-dev libsecret-1-dev ripgrep
              neovim emacs-nox elpa-eglot)

T_ALL=$(date +%s%N)
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
log() { echo "[e2e-prereqs] $*"; }
die() { echo "[e2e-prereqs] ERROR: $*" >&2; exit 1; }
step_start() { STEP_NAME=$1; STEP_T0=$(date +%s%N); }
step_end() { log "$(printf '%-16s %6d ms  %s' "$STEP_NAME" "$(ms_since "$STEP_T0")" "${1:-}")"; }

need_root() { [ "$(id -u)" = 0 ] || die "$1 is missing and installing it needs root (run test/e2e/prereqs.sh as root)"; }

# --- 0. node -------------------------------------------------------------------------------------
step_start node
command -v node >/dev/null || die "node is not on PATH (Node >= 20 needed)"
command -v npm >/dev/null || die "npm is not on PATH"
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
[ "$NODE_MAJOR" -ge 20 ] || die "Node >= 20 needed, found $(node -v)"
step_end "$(node -v)"

mkdir -p "$CACHE" 2>/dev/null || die "cannot create the cache folder $CACHE (set MEDTRACE_E2E_CACHE to a writable folder)"
# Concurrent runs (parallel CI jobs, several test processes) wait for each other here.
if command -v flock >/dev/null && { exec 9>>"$CACHE/.lock"; } 2>/dev/null; then
  flock -w 1800 9 || die "timed out waiting for $CACHE/.lock (another prereqs.sh run?)"
fi

# --- 1. Debian packages --------------------------------------------------------------------------
step_start apt
missing=()
for p in "${APT_PACKAGES[@]}"; do
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" = installed ] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  step_end "all ${#APT_PACKAGES[@]} packages present"
else
  [ "${MEDTRACE_E2E_SKIP_APT:-0}" = 1 ] && die "Debian packages missing: ${missing[*]} (MEDTRACE_E2E_SKIP_APT=1)"
  need_root "Debian package(s) ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  APT=(apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3 -q -y)
  apt_log="$CACHE/apt.log"
  updated=0
  if ! ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1; then
    log "apt lists are empty: apt-get update"
    "${APT[@]}" update >"$apt_log" 2>&1 || true   # an unreachable extra source must not stop us
    updated=1
  fi
  if ! "${APT[@]}" install --no-install-recommends "${missing[@]}" >>"$apt_log" 2>&1; then
    if [ $updated = 0 ]; then
      log "apt-get install failed with the current lists: apt-get update, then retry"
      "${APT[@]}" update >>"$apt_log" 2>&1 || true
      "${APT[@]}" install --no-install-recommends "${missing[@]}" >>"$apt_log" 2>&1 || true
    fi
  fi
  still=()
  for p in "${missing[@]}"; do
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" = installed ] || still+=("$p")
  done
  if [ ${#still[@]} -gt 0 ]; then
    tail -20 "$apt_log" >&2
    die "Debian package(s) could not be installed: ${still[*]} (log: $apt_log)"
  fi
  step_end "installed: ${missing[*]}"
fi
[ -x /usr/bin/chromium ] || die "chromium: /usr/bin/chromium not found after installing the Debian package"
command -v rg >/dev/null || die "ripgrep: rg not found after installing the Debian package"

# --- 2. code-server (npm, into the cache folder) -------------------------------------------------
step_start code-server
CS_DIR="$CACHE/code-server"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
if [ -x "$CS_BIN" ] && [ -s "$CS_DIR/.installed" ] && [ -d "$CS_DIR/node_modules/code-server/lib/vscode/node_modules" ]; then
  step_end "present: $(cat "$CS_DIR/.installed")"
else
  need_root "code-server"
  # Keep installs out of the way of a half-finished earlier attempt.
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR" "$CACHE/tmp"
  # @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable here) unless its download cache,
  # os.tmpdir()/vscode-ripgrep-cache-<pkg version>/ripgrep-<tag>-<target>.tar.gz, already holds the file:
  # seed it with Debian's rg. code-server 4.100.3 uses @vscode/ripgrep 1.15.11; the others are spares.
  export TMPDIR="$CACHE/tmp"
  rgtmp=$(mktemp -d); cp "$(command -v rg)" "$rgtmp/rg"
  for v in 1.15.9 1.15.10 1.15.11 1.15.12 1.15.13 1.15.14 1.17.0; do
    c="$TMPDIR/vscode-ripgrep-cache-$v"; mkdir -p "$c"
    for tag in v13.0.0-10 v13.0.0-13 v14.1.1-1; do
      [ -f "$c/ripgrep-$tag-x86_64-unknown-linux-musl.tar.gz" ] || tar -C "$rgtmp" -czf "$c/ripgrep-$tag-x86_64-unknown-linux-musl.tar.gz" rg
    done
  done
  rm -rf "$rgtmp"
  echo '{"name":"medtrace-e2e-code-server","private":true}' > "$CS_DIR/package.json"
  # Its own .npmrc so that no project .npmrc (ignore-scripts=true) or user setting (yes=false) interferes:
  #  - the postinstall must run (native modules; lib/vscode's own npm install);
  #  - as root npm only runs it with unsafe-perm; node-pty's install runs `npx node-gyp` (needs yes);
  #  - node-gyp must use the local Node headers (nodejs.org is unreachable).
  {
    echo "ignore-scripts=false"; echo "yes=true"; echo "fund=false"; echo "audit=false"
    echo "update-notifier=false"
    if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/common.gypi ]; then echo "nodedir=/usr"; fi
  } > "$CS_DIR/.npmrc"
  cs_log="$CACHE/code-server-install.log"
  if ! (cd "$CS_DIR" && npm_config_yes=true npm_config_unsafe_perm=true npm_config_ignore_scripts=false \
        timeout 1800 npm install --foreground-scripts "$CODE_SERVER_SPEC") >"$cs_log" 2>&1; then
    tail -40 "$cs_log" >&2
    die "code-server ($CODE_SERVER_SPEC) could not be installed from npm (log: $cs_log)"
  fi
  [ -x "$CS_BIN" ] || die "code-server: $CS_BIN missing after npm install (log: $cs_log)"
  [ -d "$CS_DIR/node_modules/code-server/lib/vscode/node_modules" ] ||
    die "code-server: postinstall did not populate lib/vscode/node_modules (log: $cs_log)"
  ver=$(node -p "require('$CS_DIR/node_modules/code-server/package.json').version")
  echo "$ver" > "$CS_DIR/.installed"
  step_end "installed $ver ($(du -sm "$CS_DIR" | cut -f1) MB)"
fi

# --- 3. project devDependencies used by the harness ---------------------------------------------
step_start node-modules
for m in playwright-core @vscode/vsce; do
  (cd "$ROOT" && node -e "require.resolve('$m/package.json')" 2>/dev/null) ||
    die "$m is not installed in $ROOT/node_modules (it is a devDependency: run npm ci)"
done
step_end "playwright-core $(cd "$ROOT" && node -p "require('playwright-core/package.json').version")"

log "$(printf '%-16s %6d ms' total "$(ms_since "$T_ALL")")"
