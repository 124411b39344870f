#!/usr/bin/env bash
# Codex benchmark (issue 5): 2,000 companies / 40,000 contacts / 100,000 assets / 500,000 tickets in
# database codex_bench, then wrk against /companies/api/search, /assets/api/search and
# /api/tickets/active, and wall-clock timing of the streamed /api/companies/bulk?include_tickets=true.
#
#   bench/codex/run.sh [--regenerate] [--seconds 20] [--connections 8]
#   bench/codex/run.sh --ticket-sync [--tickets 500000]   # PSA ticket sync throughput (database codex_bench_sync)
#
# Needs wrk (apt-get install -y wrk) and the machine's PostgreSQL. Builds codex/target/codex.jar if
# missing. Codex runs on 127.0.0.1:15010 with a JWKS and session check of the program's own
# (standing in for Core), so no other service has to run. Holds /tmp/hm-bench.lock while measuring.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
[[ -f codex/target/codex.jar ]] || mvn -B -q -o -pl codex -am package -DskipTests
PGJAR=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -n 1)
exec flock /tmp/hm-bench.lock java -cp "$PGJAR" bench/codex/CodexBench.java "$@"
