#!/usr/bin/env bash
# Installs what the real-editor tests need into .vscode-test/ (git-ignored): Node 24 and
# code-server from the npm registry, plus Debian's Chromium and the headers code-server's native
# modules build against. Idempotent: a warm run only checks marker files. Its stdout is only
# `E2E_NODE=<node 24 binary>`, `E2E_CODE_SERVER=<code-server entry script>` and
# `E2E_CHROMIUM=<browser>`; the test harness reads them, so this script alone knows the layout.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="$root/.vscode-test"
node_dir="$cache/node$NODE_MAJOR"
cs_dir="$cache/code-server-$CODE_SERVER_VERSION"
mkdir -p "$cache"

log() { echo "[e2e-setup] $*" >&2; }

# Run from an npm script (npm test, npx mocha), npm_config_* variables of the outer npm would
# configure the npm calls below too; its user agent (node/v20) makes code-server's postinstall
# refuse to install. These installs use their own settings only.
for var in $(compgen -e | grep '^npm_' || true); do unset "$var"; done

# Two test files may call this at once; the second waits for the first instead of racing npm.
exec 9>"$cache/.setup.lock"
flock 9

need_debs=""
for pkg in chromium libkrb5-dev libsecret-1-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_debs="$need_debs $pkg"
done
if [ -n "$need_debs" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing Debian packages:$need_debs"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need_debs >/dev/null
  else
    log "missing Debian packages:$need_debs (run: sudo apt-get install -y$need_debs)"
    exit 1
  fi
fi

node_bin="$node_dir/node_modules/.bin/node"
if [ ! -f "$node_dir/.installed" ] || ! "$node_bin" --version 2>/dev/null | grep -q "^v$NODE_MAJOR\."; then
  log "installing node@$NODE_MAJOR into $node_dir"
  rm -rf "$node_dir"
  mkdir -p "$node_dir"
  npm install --prefix "$node_dir" --no-audit --no-fund --loglevel=error "node@$NODE_MAJOR" >&2
  "$node_bin" --version | grep -q "^v$NODE_MAJOR\." || { log "node@$NODE_MAJOR did not install a Node $NODE_MAJOR binary"; exit 1; }
  touch "$node_dir/.installed"
fi
node_bin="$(readlink -f "$node_bin")"

cs_entry="$cs_dir/node_modules/code-server/out/node/entry.js"
if [ ! -f "$cs_dir/.installed" ] || [ ! -f "$cs_entry" ]; then
  # code-server's install scripts must run under Node 24 (npm's own shebang picks it up too).
  export PATH="$(dirname "$node_bin"):$PATH"
  mkdir -p "$cs_dir"
  attempt=1
  until npm install --prefix "$cs_dir" --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2; do
    if [ "$attempt" -ge 3 ]; then log "code-server install failed $attempt times"; exit 1; fi
    # A half-finished install leaves packages (cross-env, argon2) that make the retry fail with
    # "Permission denied"; removing them lets npm start them over.
    log "code-server install attempt $attempt failed; cleaning up and retrying"
    rm -rf "$cs_dir/node_modules/code-server" "$cs_dir/node_modules/argon2" "$cs_dir/node_modules/cross-env"
    attempt=$((attempt + 1))
  done
  [ -f "$cs_entry" ] || { log "code-server installed but $cs_entry is missing"; exit 1; }
  touch "$cs_dir/.installed"
fi

log "ready: node $("$node_bin" --version), code-server $CODE_SERVER_VERSION, chromium $(command -v chromium)"
echo "E2E_NODE=$node_bin"
echo "E2E_CODE_SERVER=$cs_entry"
echo "E2E_CHROMIUM=$(command -v chromium)"
