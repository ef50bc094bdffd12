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
# vsce wants Node >= 22: run it under the project's runtime. It prints the whole file tree of the
# VSIX on every run (npm test and npm start package one), which reads like a wall of errors: keep
# its summary line and warnings, and show everything only when it fails (`npx vsce ls --tree
# --no-dependencies` lists the files on demand).
# --no-rewrite-relative-links: the README's screenshot (media/review.png, shipped) stays a relative
# link; without a repository URL vsce would refuse to package a README with a relative image.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! bash scripts/with-runtime.sh npx --no-install vsce package --no-dependencies --allow-missing-repository --no-rewrite-relative-links --out "$vsix" >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
grep -E 'DONE|WARNING|ERROR' "$log" >&2 || true
echo "$vsix"
