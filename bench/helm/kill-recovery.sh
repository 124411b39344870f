#!/usr/bin/env bash
# kill -9 → healthy again, through Helm: starts the whole platform (up --demo --no-build), kills
# each named service's pid twice and times until its /health answers 200 again, then stops the
# platform. Uses the platform's fixed ports, so run it alone:
#
#   flock /tmp/hm-e2e.lock bench/helm/kill-recovery.sh [SVC:PORT]...     (default core:5000 beacon:5001)
set -uo pipefail
cd "$(dirname "$0")/../.."
targets=("$@")
((${#targets[@]})) || targets=(core:5000 beacon:5001)
tck=$(getconf CLK_TCK)
cpu() { awk -v t="$tck" '{print ($14+$15)/t}' "/proc/$1/stat"; }
load() { cut -d' ' -f1 /proc/loadavg; }

start=$(date +%s)
deploy/hivematrix up --demo --no-build | tail -3
echo "== up took $(($(date +%s) - start)) s (load $(load))"
# a service writes its class-data archive when it first stops cleanly after a build: measure with it
builds=$(find var/cds -mindepth 2 -maxdepth 2 -type d 2>/dev/null | wc -l)
archives=$(find var/cds -mindepth 3 -maxdepth 3 -name '*.jsa' 2>/dev/null | wc -l)
if ((archives < builds)); then
  t0=$(date +%s)
  deploy/hivematrix down | tail -1
  echo "== down (writing $((builds - archives)) class-data archives) took $(($(date +%s) - t0)) s"
  t0=$(date +%s)
  deploy/hivematrix up --demo --no-build | tail -1
  echo "== up again took $(($(date +%s) - t0)) s (load $(load))"
fi
for round in 1 2; do
  for t in "${targets[@]}"; do
    name=${t%%:*} port=${t##*:}
    pid=$(cat "var/run/$name.pid")
    # settle first: the kill should not land in the previous restart's warm-up
    sleep 12
    t0=$(date +%s.%N)
    kill -9 "$pid"
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/health") == 200 ]]; do sleep 0.1; done
    t1=$(date +%s.%N)
    new=$(cat "var/run/$name.pid")
    printf '%s round %d: healthy %.1f s after kill -9 (new pid %s, %s s CPU, load %s)\n' \
      "$name" "$round" "$(echo "$t1 - $t0" | bc)" "$new" "$(cpu "$new")" "$(load)"
  done
done
deploy/hivematrix down | tail -1
