#!/usr/bin/env bash
# What a crash costs: a service jar started with each set of JVM options, timed from exec to its
# first /health answer (200, or 503 degraded), with the CPU seconds the JVM burnt until then.
# CPU seconds are the load-independent figure on a shared machine; wall time follows the load.
#
#   flock /tmp/hm-bench.lock bench/helm/startup-cost.sh [MODULE] [PORT]      (default: core 31000)
#
# The service runs in a private HIVEMATRIX_HOME (its own keys and secrets), Redis db 7, no log
# shipping; MODULE/target/MODULE.jar must be built. The last variant adds an AppCDS archive of the
# extracted jar, trained once here with -Dspring.context.exit=onRefresh.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
module=${1:-core}
port=${2:-31000}
jar="$root/$module/target/$module.jar"
[[ -f $jar ]] || { echo "$jar is not built" >&2; exit 1; }
work=$(mktemp -d /tmp/hm-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home/deploy" "$work/home/var/secrets"
cp "$root/deploy/services.json" "$work/home/deploy/"
for s in core codex ledger beacon brainhair knowledgetree helm nexus; do head -c 24 /dev/urandom | base64 >"$work/home/var/secrets/$s.secret"; done
tck=$(getconf CLK_TCK)

# run JAR OPTS...: prints "wall cpu"
run() {
  local jar=$1 pid start end cpu
  shift
  start=$(date +%s.%N)
  HIVEMATRIX_HOME="$work/home" SERVER_PORT=$port HIVEMATRIX_SERVICE_NAME=$module REDIS_DB=7 \
    java "$@" -jar "$jar" --hivematrix.logs.ship-to-helm=false >"$work/$module.log" 2>&1 &
  pid=$!
  until curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health" | grep -q '200\|503'; do
    kill -0 "$pid" 2>/dev/null || { echo "$module exited; see its log:" >&2; tail -20 "$work/$module.log" >&2; exit 1; }
    sleep 0.1
  done
  end=$(date +%s.%N)
  cpu=$(awk -v t="$tck" '{print ($14+$15)/t}' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%.1f %.1f\n' "$(echo "$end - $start" | bc)" "$cpu"
}

report() { local r; r=$(run "$@"); printf '%-70s wall %5s s  cpu %5s s  load %s\n' "[${*:2}]" ${r} "$(cut -d' ' -f1 /proc/loadavg)"; }

run "$jar" >/dev/null   # first start: keys and databases created, not measured
report "$jar"
report "$jar" -XX:TieredStopAtLevel=1
report "$jar" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
java -Djarmode=tools -jar "$jar" extract --destination "$work/x" >/dev/null
HIVEMATRIX_HOME="$work/home" SERVER_PORT=$port HIVEMATRIX_SERVICE_NAME=$module REDIS_DB=7 \
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:ArchiveClassesAtExit="$work/$module.jsa" -Dspring.context.exit=onRefresh \
  -jar "$work/x/$module.jar" --hivematrix.logs.ship-to-helm=false >"$work/train.log" 2>&1 || true
report "$work/x/$module.jar" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:SharedArchiveFile="$work/$module.jsa"
