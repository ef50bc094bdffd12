#!/usr/bin/env bash
# Builds a production bundle and packages it as a VSIX with vsce. Dependencies are bundled by
# esbuild, so the VSIX carries no node_modules (--no-dependencies); .vscodeignore keeps sources
# and tests out. Prints the VSIX path on the last line.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/build.mjs --production
version="$(node -p "require('./package.json').version")"
mkdir -p out
vsix="out/seedsmith-$version.vsix"
# vsce wants Node >= 22: run it under the project's runtime.
bash scripts/with-runtime.sh npx --no-install vsce package --no-dependencies --allow-missing-repository --out "$vsix" >&2
echo "$vsix"
