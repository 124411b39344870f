# shellcheck shell=bash
# Small helpers shared by deploy/hivematrix and .ci/run: output, secrets, processes, health checks.
# Sourced, never executed. Expects HIVEMATRIX_HOME to be set.

# shellcheck disable=SC2034  # used by the scripts that source this file
VAR_DIR="$HIVEMATRIX_HOME/var"
RUN_DIR="$VAR_DIR/run"
LOG_DIR="$VAR_DIR/log"
SECRETS_DIR="$VAR_DIR/secrets"
CREDENTIALS_FILE="$VAR_DIR/credentials"

# ---------------------------------------------------------------- output
if [[ -t 1 ]]; then
  _B=$'\e[1m' _R=$'\e[31m' _Y=$'\e[33m' _G=$'\e[32m' _N=$'\e[0m'
else
  _B='' _R='' _Y='' _G='' _N=''
fi
info() { printf '%s==>%s %s\n' "$_B" "$_N" "$*"; }
ok()   { printf '%s ok%s %s\n' "$_G" "$_N" "$*"; }
note() { printf '%snote:%s %s\n' "$_Y" "$_N" "$*"; }
warn() { printf '%swarning:%s %s\n' "$_Y" "$_N" "$*" >&2; }
die()  { printf '%serror:%s %s\n' "$_R" "$_N" "$*" >&2; exit 1; }

# ---------------------------------------------------------------- secrets
# random_token [bytes]: base64url without padding (default 32 random bytes).
random_token() {
  head -c "${1:-32}" /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '='
}

# ensure_secret FILE [bytes]: create FILE (0600) with a random token unless it exists; print its value.
ensure_secret() {
  local file=$1
  if [[ ! -s $file ]]; then
    mkdir -p "$(dirname "$file")"
    (umask 077 && random_token "${2:-32}" >"$file.tmp" && mv -f "$file.tmp" "$file")
  fi
  chmod 600 "$file"
  tr -d '\n' <"$file"
}

# env_value FILE KEY: value of a KEY=VALUE line (the file is never sourced/executed).
env_value() {
  [[ -f $1 ]] || return 0
  sed -n "s/^$2=//p" "$1" | tail -n 1
}

# ---------------------------------------------------------------- network
# port_open HOST PORT: true when something accepts TCP connections there.
port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# http_code URL: HTTP status of a GET (000 when unreachable). Self-signed TLS is accepted (dev Nexus).
http_code() {
  curl -sk -o /dev/null -w '%{http_code}' --connect-timeout 2 --max-time 5 "$1" 2>/dev/null || true
}

# service_up URL: 200, or a 503 health document saying "degraded" (e.g. Redis absent: the service
# works on its in-process fallback). "unhealthy" and everything else is not up.
service_up() {
  local body
  body=$(curl -sk -w '\n%{http_code}' --connect-timeout 2 --max-time 5 "$1" 2>/dev/null) || return 1
  [[ ${body##*$'\n'} == 200 ]] && return 0
  [[ ${body##*$'\n'} == 503 && $body == *'"status":"degraded"'* ]]
}

# ---------------------------------------------------------------- processes
pid_alive() {
  [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null
}

# pid_cmdline PID: the process's command line with NULs turned into spaces.
pid_cmdline() {
  { tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null || true
}

# pid_matches PID PATTERN: alive and its command line contains PATTERN (guards against pid reuse).
pid_matches() {
  pid_alive "$1" && [[ $(pid_cmdline "$1") == *"$2"* ]]
}

# pids_with_cmdline PATTERN: every java process whose command line contains PATTERN (an absolute
# path under var/, so it only ever matches processes this launcher started).
pids_with_cmdline() {
  local f pid
  for f in /proc/[0-9]*/cmdline; do
    pid=${f#/proc/}; pid=${pid%/cmdline}
    [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
    case "$({ tr '\0' ' ' <"$f"; } 2>/dev/null)" in
      *java*"$1"*) echo "$pid" ;;
    esac
  done
}

read_pid() {
  if [[ -f $1 ]]; then tr -d ' \n' <"$1"; fi
}

# stop_pids TIMEOUT PID...: SIGTERM, wait up to TIMEOUT seconds, then SIGKILL whatever is left.
stop_pids() {
  local timeout=$1; shift
  local pid alive deadline=$((SECONDS + timeout))
  for pid in "$@"; do
    if pid_alive "$pid"; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  while :; do
    alive=()
    for pid in "$@"; do pid_alive "$pid" && alive+=("$pid"); done
    ((${#alive[@]} == 0)) && return 0
    if ((SECONDS >= deadline)); then
      warn "still running after ${timeout}s, sending SIGKILL to ${alive[*]}"
      kill -KILL "${alive[@]}" 2>/dev/null || true
      sleep 0.5
      return 0
    fi
    sleep 0.5
  done
}

# wait_healthy NAME URL PID TIMEOUT LOG: poll URL until 200; fail early if PID dies.
wait_healthy() {
  local name=$1 url=$2 pid=$3 timeout=$4 log=$5 code deadline=$((SECONDS + $4))
  printf '    waiting for %s (%s, up to %ss) ' "$name" "$url" "$timeout"
  while :; do
    if service_up "$url"; then
      printf ' up\n'
      return 0
    fi
    code=$(http_code "$url")
    if ! pid_alive "$pid"; then
      printf ' process exited\n'
      log_tail "$log"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      printf ' timed out (last HTTP status %s)\n' "$code"
      log_tail "$log"
      return 1
    fi
    printf '.'
    sleep 2
  done
}

log_tail() {
  [[ -f $1 ]] || return 0
  printf -- '---- last lines of %s ----\n' "$1" >&2
  tail -n 40 "$1" >&2
  printf -- '---- end of %s ----\n' "$1" >&2
}

# java_major JAVA_BIN: feature release of a java executable (e.g. 17, 21, 25), or 0.
java_major() {
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
  [[ $v =~ ^1\.([0-9]+)$ ]] && v=${BASH_REMATCH[1]}
  [[ $v =~ ^[0-9]+$ ]] && echo "$v" || echo 0
}
