#!/usr/bin/env bash
# Beacon benchmark (issue 6): /api/tickets/helpdesk with 5,000 active tickets among 500,000, on the
# Codex benchmark's data set (database codex_bench; generated on first use) — Codex on 127.0.0.1:15010,
# Beacon on 127.0.0.1:15001, both with the benchmark's stand-in for Core (JWKS, session check,
# service tokens). Once with Beacon's 5 s feed cache, once with it off.
#
#   bench/beacon/run.sh [--seconds 20] [--connections 8]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
[[ -f beacon/target/beacon.jar ]] || mvn -B -q -o -pl beacon -am package -DskipTests
exec bench/codex/run.sh --beacon "$@"
