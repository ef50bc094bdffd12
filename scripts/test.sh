#!/usr/bin/env bash
# `npm test`: lint, type-check, build, then the three tiers — unit (plain Node), extension host
# (a real VS Code), browser (Chromium clicking the real workbench with the packaged VSIX) — and a
# closing `N passed, N failed` line over all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
cache="$(bash scripts/setup-runtime.sh | tail -n 1)" || { echo "Could not install the test runtime." >&2; exit 1; }
# shellcheck disable=SC1091
source "$cache/env.sh"
mkdir -p test-output
export FORCE_COLOR=0 NO_COLOR=1

gate() {
  local name="$1"; shift
  echo "── $name"
  "$@" || { echo "✖ $name failed: the test tiers did not run." >&2; echo "0 passed, 1 failed"; exit 1; }
}
gate lint npx --no-install eslint --max-warnings 0 .
gate typecheck npx --no-install tsc -p tsconfig.json
gate "typecheck (webview)" npx --no-install tsc -p webview/tsconfig.json
gate "typecheck (browser tests)" npx --no-install tsc -p test/e2e/tsconfig.json
gate build node scripts/build.mjs

total_passed=0; total_failed=0; total_skipped=0; summary=()
# Runs one tier, keeps its output in test-output/<tier>.log and adds up its counts.
tier() {
  local name="$1" log="test-output/$1.log"; shift
  echo "── $name tests"
  local t0=$(date +%s)
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local passed failed skipped
  if grep -qE '^ℹ (pass|fail) [0-9]+' "$log"; then   # node's test runner
    passed=$(grep -oE '^ℹ pass [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
    failed=$(grep -oE '^ℹ fail [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
    skipped=$(grep -oE '^ℹ skipped [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  else
    passed=$(grep -oE '[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 | grep -oE '^[0-9]+' || echo 0)
    failed=$(grep -oE '[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 | sed -E 's/.* ([0-9]+) failed/\1/' || echo 0)
    skipped=0
  fi
  passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}
  # A tier that exits non-zero without counting a failure still failed (it crashed or never ran).
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then echo "✖ $name ran no test" >&2; failed=$((failed + 1)); fi
  total_passed=$((total_passed + passed)); total_failed=$((total_failed + failed)); total_skipped=$((total_skipped + skipped))
  summary+=("$(printf '%-15s %4d passed, %d failed, %d skipped  (%ds)' "$name" "$passed" "$failed" "$skipped" $(( $(date +%s) - t0 )))")
}

tier unit node --test --test-reporter=spec --test-concurrency=2 'test/unit/**/*.test.ts'
tier extension-host node test/integration/runTests.ts
vsix="$(bash scripts/package.sh | tail -n 1)" || { echo "✖ packaging failed" >&2; total_failed=$((total_failed + 1)); vsix=""; }
if [ -n "$vsix" ]; then
  SEEDSMITH_VSIX="$PWD/$vsix" tier browser node --test --test-reporter=spec --test-concurrency=1 'test/e2e/**/*.test.ts'
fi

echo
echo "── summary ($(( $(date +%s) - started )) s)"
for line in "${summary[@]}"; do echo "  $line"; done
echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
[ "$total_failed" -eq 0 ]
