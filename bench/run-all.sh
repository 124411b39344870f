#!/usr/bin/env bash
# Runs the benchmarks under bench/ with repeats and reports min / median / max of every figure, each
# with its reference run from the same invocation (Nexus: direct backend and nginx reverse proxy beside
# Nexus; Codex/Beacon: c=1 beside c=N; Ledger: engine only beside the HTTP path).
#
#   bench/run-all.sh [--repeats 3] [--only nexus,codex,beacon,helm,ledger,knowledgetree,core-jmh] [--write]
#
# --write replaces the block between <!-- run-all:begin --> and <!-- run-all:end --> in
# docs/PERFORMANCE.md (appended when missing) with the table, the command, the date and the load.
# Raw output of every run: bench/results/<UTC timestamp>/<bench>-<n>.log.
#
# Prerequisites per benchmark (each one's own section in docs/PERFORMANCE.md says more):
#   nexus          the platform up with raised per-user limits (see bench/nexus/run.sh), wrk, nginx
#   codex, beacon  wrk, PostgreSQL; bench/codex/run.sh seeds codex_bench on first use
#   helm           helm/target/helm.jar, PostgreSQL
#   ledger         codex and ledger jars and test classes (mvn -pl codex,ledger -am package), PostgreSQL
#   knowledgetree  a Neo4j on bolt://127.0.0.1:17689 (see the KnowledgeTree section)
#   core-jmh       Maven (builds bench/core)
# A benchmark whose prerequisites are missing fails its runs; the others still run.
# Every run holds /tmp/hm-bench.lock (Codex's and Beacon's scripts take it themselves).
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
REPEATS=3
ONLY="nexus,codex,beacon,helm,ledger,knowledgetree,core-jmh"
WRITE=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repeats) REPEATS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --write) WRITE=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
OUT="bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
PGJAR=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar 2>/dev/null | grep -v sources | sort -V | tail -n 1)

# one benchmark run: its command (stdout+stderr to the log)
run_bench() {
  case "$1" in
    nexus) flock /tmp/hm-bench.lock bench/nexus/run.sh ;;
    codex) bench/codex/run.sh --seconds "${SECONDS_PER_ENDPOINT:-10}" --connections 8 ;;
    beacon) bench/beacon/run.sh --seconds "${SECONDS_PER_ENDPOINT:-10}" ;;
    helm) flock /tmp/hm-bench.lock java -cp "$PGJAR" bench/helm/HelmBench.java --seconds 20 --threads 4 --rows "${HELM_ROWS:-1000000}" ;;
    ledger)
      [[ -f /tmp/ledger.cp ]] || mvn -B -o -q -pl shared-lib,ledger test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/ledger.cp
      HIVEMATRIX_PG_URL_LEDGER_CODEX_TEST=jdbc:postgresql://127.0.0.1:5432/ledger_bench_codex \
        flock /tmp/hm-bench.lock java -Xmx1g -cp "ledger/target/test-classes:ledger/target/classes:$(cat /tmp/ledger.cp)" \
        -Dledger.codex-jar=codex/target/codex.jar bench/ledger/LedgerBench.java --runs 1 ;;
    knowledgetree) flock /tmp/hm-bench.lock java bench/knowledgetree/KtBench.java --neo4j bolt://127.0.0.1:17689 --reuse ;;
    core-jmh)
      [[ -f bench/core/target/core-benchmarks.jar ]] || mvn -B -q -f bench/core/pom.xml package
      flock /tmp/hm-bench.lock java -jar bench/core/target/core-benchmarks.jar ${JMH_OPTS:--f 1 -wi 2 -i 3 -w 2s -r 3s} ;;
    *) echo "no benchmark $1" >&2; return 2 ;;
  esac
}

# the figures of one run's log as "figure<TAB>value<TAB>unit" lines
figures() {
  case "$1" in
    nexus) awk '/^== /{name=substr($0,4)} /Requests\/sec:/{print name " throughput\t" $2 "\treq/s"}
                $1=="50%"{print name " p50\t" ms($2) "\tms"} $1=="99%"{print name " p99\t" ms($2) "\tms"}
                function ms(v){ if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }' "$2" ;;
    codex|beacon) awk '/REPORT/{path=$1; if ($1=="beacon") path=$1 " " $2; c=$NF; gsub(/[()]/,"",c)
                for (i=1;i<=NF;i++){ split($i,kv,"="); if (kv[1]=="rps") print path " " c " throughput\t" kv[2] "\treq/s";
                  if (kv[1]=="p50_ms") print path " " c " p50\t" kv[2] "\tms"; if (kv[1]=="p95_ms") print path " " c " p95\t" kv[2] "\tms" } }' "$2" ;;
    helm) sed -nE -e 's/^ingest: .* = ([0-9,]+) entries\/s.*/ingest\t\1\tentries\/s/p' \
                  -e 's/^query (.*) over .* rows: p50 ([0-9.]+) ms, p95 ([0-9.]+) ms.*/query \1 p50\t\2\tms\nquery \1 p95\t\3\tms/p' "$2" | tr -d ',' ;;
    ledger) sed -nE -e 's/^dashboard \(([0-9]+) companies\) end to end: .*median ([0-9.]+) ms/dashboard (\1 companies) median\t\2\tms/p' \
                    -e 's/^one bill over HTTP.*median ([0-9.]+) ms.*/one bill, HTTP (Codex fetch + engine) median\t\1\tms/p' \
                    -e 's/^one bill, engine only.*median ([0-9.]+) ms.*/one bill, engine only (reference) median\t\1\tms/p' \
                    -e 's/^accept-all: ([0-9]+) bills archived in ([0-9.]+) s.*/accept-all (\1 bills)\t\2\ts/p' "$2" ;;
    knowledgetree) sed -nE 's/^(.*[^ ]) +n=[0-9]+ +p50=([0-9.]+) ms +p95=([0-9.]+) ms.*/\1 p50\t\2\tms\n\1 p95\t\3\tms/p' "$2" ;;
    core-jmh) awk '$2=="thrpt" || $2=="avgt" {print $1 "\t" $4 "\t" $NF}' "$2" ;;
  esac
}

IFS=, read -ra BENCHES <<<"$ONLY"
: >"$OUT/figures.tsv"
for bench in "${BENCHES[@]}"; do
  for ((i = 1; i <= REPEATS; i++)); do
    log="$OUT/$bench-$i.log"
    echo "== $bench run $i/$REPEATS (log $log)"
    if run_bench "$bench" >"$log" 2>&1; then
      figures "$bench" "$log" | awk -v b="$bench" -F'\t' 'NF==3 {print b "\t" $1 "\t" $2 "\t" $3}' >>"$OUT/figures.tsv"
    else
      echo "   failed (exit $?), see $log"
      printf '%s\t(run failed, see %s)\t\t\n' "$bench" "$log" >>"$OUT/figures.tsv"
    fi
  done
done

# min / median / max per (bench, figure), in first-seen order
TABLE=$(awk -F'\t' '
  { key=$1 "\t" $2; if (!(key in n)) { order[++k]=key; unit[key]=$4 } if ($3 != "") v[key, ++n[key]]=$3 }
  END {
    print "| benchmark | figure | runs | min | median | max | unit |"
    print "|---|---|---|---|---|---|---|"
    for (j=1;j<=k;j++) { key=order[j]; m=n[key]; split(key, kf, "\t")
      if (m==0) { print "| " kf[1] " | " kf[2] " | 0 | | | | |"; continue }
      for (a=1;a<=m;a++) s[a]=v[key,a]+0
      for (a=1;a<=m;a++) for (b=a+1;b<=m;b++) if (s[b]<s[a]) { t=s[a]; s[a]=s[b]; s[b]=t }
      med = (m%2) ? s[(m+1)/2] : (s[m/2]+s[m/2+1])/2
      printf "| %s | %s | %d | %g | %g | %g | %s |\n", kf[1], kf[2], m, s[1], med, s[m], unit[key] }
  }' "$OUT/figures.tsv")
echo "$TABLE" | tee "$OUT/summary.md"

if [[ $WRITE == 1 ]]; then
  BLOCK=$(printf '<!-- run-all:begin -->\n%s UTC, `bench/run-all.sh --repeats %s --only %s`, load average at the end: %s.\nRaw logs: `%s/`.\n\n%s\n<!-- run-all:end -->' \
    "$(date -u '+%Y-%m-%d %H:%M')" "$REPEATS" "$ONLY" "$(cut -d' ' -f1-3 /proc/loadavg)" "$OUT" "$TABLE")
  DOC=docs/PERFORMANCE.md
  if grep -q '<!-- run-all:begin -->' "$DOC"; then
    BLOCK="$BLOCK" perl -0pi -e 's/<!-- run-all:begin -->.*?<!-- run-all:end -->/$ENV{BLOCK}/s' "$DOC"
  else
    printf '\n## All benchmarks, repeated (bench/run-all.sh)\n\n%s\n' "$BLOCK" >>"$DOC"
  fi
  echo "wrote the table into $DOC"
fi
