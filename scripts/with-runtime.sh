#!/usr/bin/env bash
# Runs a command with the project's runtime (Node 24, code-server, chromium) first on PATH,
# installing it first if this machine lacks it (idempotent, cached outside the repo).
set -euo pipefail
cache="$(bash "$(dirname "$0")/setup-runtime.sh" | tail -n 1)"
# shellcheck disable=SC1091
source "$cache/env.sh"
exec "$@"
