#!/usr/bin/env bash
# `npm start`: build and package the VSIX, then serve it in code-server (see start.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
vsix="$(bash scripts/package.sh | tail -n 1)"
exec bash scripts/with-runtime.sh node scripts/start.ts "$vsix"
