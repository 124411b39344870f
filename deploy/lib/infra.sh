# shellcheck shell=bash
# PostgreSQL and Redis: detection for `up`/`status`, and starting the machine's own servers for
# `test` and .ci/run. Sourced after common.sh.

PG_HOST=127.0.0.1 PG_PORT=5432
REDIS_HOST=127.0.0.1 REDIS_PORT=6379

redis_reachable() { port_open "$REDIS_HOST" "$REDIS_PORT"; }
postgres_reachable() { port_open "$PG_HOST" "$PG_PORT"; }

# postgres_mode: external (HIVEMATRIX_PG_URL set) | local (127.0.0.1:5432 answers) | none
postgres_mode() {
  if [[ -n ${HIVEMATRIX_PG_URL:-} ]]; then echo external
  elif postgres_reachable; then echo local
  else echo none
  fi
}

# ensure_postgres_for_up: ARCHITECTURE §4 — use HIVEMATRIX_PG_URL, else 127.0.0.1:5432, else an
# embedded PostgreSQL under var/. No service needs PostgreSQL yet, so "none" is only reported; when
# the first database-backed service arrives this is the place to start embedded zonky PostgreSQL
# (binaries from Maven Central, data in var/postgres, then export HIVEMATRIX_PG_URL).
ensure_postgres_for_up() {
  case "$(postgres_mode)" in
    external) ok "PostgreSQL: HIVEMATRIX_PG_URL" ;;
    local)    ok "PostgreSQL: $PG_HOST:$PG_PORT" ;;
    none)     note "PostgreSQL not reachable at $PG_HOST:$PG_PORT and HIVEMATRIX_PG_URL unset; no running service needs it yet (an embedded PostgreSQL under var/ will be started here once one does)" ;;
  esac
}

# report_redis_for_up: Redis is optional; without it services fall back to in-process stores.
report_redis_for_up() {
  if redis_reachable; then ok "Redis: $REDIS_HOST:$REDIS_PORT"
  else note "Redis not reachable at $REDIS_HOST:$REDIS_PORT; services use in-process stores (single node only)"
  fi
}

# wait_port HOST PORT SECONDS
wait_port() {
  local deadline=$((SECONDS + $3))
  until port_open "$1" "$2"; do
    ((SECONDS >= deadline)) && return 1
    sleep 0.5
  done
}

# start_machine_postgres / start_machine_redis: start the machine's installed servers (as root,
# e.g. in CI) when they are stopped. Fail clearly when that is impossible.
start_machine_postgres() {
  postgres_reachable && return 0
  info "PostgreSQL not reachable on $PG_HOST:$PG_PORT; starting the local cluster"
  command -v pg_ctlcluster >/dev/null || die "PostgreSQL is not running and pg_ctlcluster is not installed (apt-get install postgresql)"
  local version
  version=$(find /etc/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)
  [[ -n $version ]] || die "PostgreSQL is not running and no cluster exists under /etc/postgresql"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start ||
    die "could not start PostgreSQL $version/main (see /var/log/postgresql/)"
  wait_port "$PG_HOST" "$PG_PORT" 30 || die "PostgreSQL $version/main started but $PG_HOST:$PG_PORT does not answer"
  ok "PostgreSQL $version/main started"
}

start_machine_redis() {
  redis_reachable && return 0
  info "Redis not reachable on $REDIS_HOST:$REDIS_PORT; starting redis-server"
  command -v redis-server >/dev/null || die "Redis is not running and redis-server is not installed (apt-get install redis-server)"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log ||
    die "could not start redis-server (see /var/log/redis/ci.log)"
  wait_port "$REDIS_HOST" "$REDIS_PORT" 30 || die "redis-server started but $REDIS_HOST:$REDIS_PORT does not answer (see /var/log/redis/ci.log)"
  ok "Redis started"
}
