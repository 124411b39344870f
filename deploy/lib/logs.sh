# shellcheck shell=bash
# `deploy/hivematrix logs`: read the platform's central logs from Helm (GET /api/logs), or, when
# Helm is not running, from the services' own JSON log files var/log/<svc>.json.log.
# Sourced after common.sh. Needs curl and jq.
#
# Authentication: Helm accepts its own service token on its read API. The CLI asks Core for one
# with Helm's secret (var/secrets/helm.secret, HTTP Basic helm:<secret>), exactly as Helm itself
# would, so only someone who can read var/secrets can read the logs.

LOGS_HELM_URL=${HIVEMATRIX_HELM_URL:-http://127.0.0.1:5004}
LOGS_CORE_URL=${HIVEMATRIX_CORE_URL:-http://127.0.0.1:5000}
LOGS_TOKEN=''
# overridable for tests and unusual layouts
LOGS_SECRET_FILE=${HIVEMATRIX_HELM_SECRET_FILE:-$SECRETS_DIR/helm.secret}
LOGS_DIR=${HIVEMATRIX_LOG_DIR:-$LOG_DIR}

logs_usage() {
  cat <<EOF
Usage: deploy/hivematrix logs [SERVICE] [--level L[,L]] [--correlation-id ID] [--user U]
                              [--since 10m|2h|7d|ISO-8601] [--grep TEXT] [--tail N] [--follow]

Central logs, oldest first, coloured by level (ERROR/CRITICAL red, WARNING yellow, DEBUG dim).
  SERVICE            only this service (default: all)
  --level, -l        DEBUG, INFO, WARNING (or WARN), ERROR, CRITICAL; comma-separated for several
  --correlation-id, -c
                     one request across every service (the X-Correlation-ID / trace_id)
  --user, -u         a username or user id
  --since            entries newer than an age (10m, 2h, 7d) or an ISO-8601 time (UTC if no offset)
  --grep, -g         message contains TEXT (case-insensitive)
  --tail, -n N       how many of the newest entries to show first (default 50, at most 1000)
  --follow, -f       keep printing new entries as they arrive (Ctrl-C to stop)
  --files            read var/log/<svc>.json.log even if Helm is up
Reads Helm at $LOGS_HELM_URL; without Helm (or without a token from Core) it falls back to the
JSON log files under var/log/.
EOF
}

# logs_token: a helm→helm service token from Core, or nothing.
logs_token() {
  local secret
  [[ -r $LOGS_SECRET_FILE ]] || return 1
  secret=$(tr -d '\n' <"$LOGS_SECRET_FILE")
  curl -sf --connect-timeout 2 --max-time 5 -u "helm:$secret" -H 'Content-Type: application/json' \
    -d '{"calling_service":"helm","target_service":"helm"}' "$LOGS_CORE_URL/service-token" 2>/dev/null |
    jq -er '.token' 2>/dev/null
}

# logs_get QUERY: GET /api/logs?QUERY with the token (renewed once on 401); prints the body.
# Returns 1 when Helm cannot be reached, 2 when it refused the request.
logs_get() {
  local out code
  out=$(curl -s --connect-timeout 2 --max-time 30 -w '\n%{http_code}' -H "Authorization: Bearer $LOGS_TOKEN" \
    "$LOGS_HELM_URL/api/logs?$1" 2>/dev/null) || return 1
  code=${out##*$'\n'}
  if [[ $code == 401 ]]; then
    LOGS_TOKEN=$(logs_token) || return 1
    out=$(curl -s --connect-timeout 2 --max-time 30 -w '\n%{http_code}' -H "Authorization: Bearer $LOGS_TOKEN" \
      "$LOGS_HELM_URL/api/logs?$1" 2>/dev/null) || return 1
    code=${out##*$'\n'}
  fi
  if [[ $code != 200 ]]; then
    warn "Helm answered HTTP $code: $(printf '%s' "${out%$'\n'*}" | jq -r '.detail // .error // .' 2>/dev/null)"
    return 2
  fi
  printf '%s' "${out%$'\n'*}"
}

# logs_format: JSON entries (one per line, API field names) → coloured text lines.
logs_format() {
  local red='' yellow='' dim='' bold='' reset=''
  if [[ -t 1 || -n ${HIVEMATRIX_COLOR:-} ]]; then red=$'\e[31m' yellow=$'\e[33m' dim=$'\e[2m' bold=$'\e[1m' reset=$'\e[0m'; fi
  jq --unbuffered -r --arg red "$red" --arg yellow "$yellow" --arg dim "$dim" --arg bold "$bold" --arg reset "$reset" '
    (.level) as $l
    | (if $l == "ERROR" or $l == "CRITICAL" then $red elif $l == "WARNING" then $yellow elif $l == "DEBUG" then $dim else "" end) as $c
    | [ (.timestamp // "-"), ($bold + ((.service_name // "-") | tostring) + $reset), ($c + ($l | tostring) + $reset),
        ($c + ((.message // "") | tostring) + $reset)
        + (if .trace_id then "  " + $dim + "corr=" + .trace_id + $reset else "" end)
        + (if (.username // .user_id) then "  " + $dim + "user=" + (.username // .user_id) + $reset else "" end)
        + (if (.context | type) == "object" and .context.exception then "\n" + $red + .context.exception + $reset else "" end)
      ] | join("  ")'
}

logs_urlenc() { jq -rn --arg v "$1" '$v|@uri'; }

logs_from_helm() {
  local filters='' body last
  [[ -n $SVC ]] && filters+="&service=$(logs_urlenc "$SVC")"
  [[ -n $LEVEL ]] && filters+="&level=$(logs_urlenc "$LEVEL")"
  [[ -n $CORR ]] && filters+="&correlation_id=$(logs_urlenc "$CORR")"
  [[ -n $USERF ]] && filters+="&user=$(logs_urlenc "$USERF")"
  [[ -n $SINCE ]] && filters+="&since=$(logs_urlenc "$SINCE")"
  [[ -n $GREP ]] && filters+="&q=$(logs_urlenc "$GREP")"
  body=$(logs_get "limit=$TAIL$filters") || return $?
  printf '%s' "$body" | jq -c '.logs | reverse | .[]' | logs_format
  last=$(printf '%s' "$body" | jq -r '[.logs[].id] | max // 0')
  $FOLLOW || return 0
  if [[ $last == 0 ]]; then
    # nothing matched yet: start from the newest entry overall
    last=$(logs_get "limit=1" | jq -r '[.logs[].id] | max // 0') || last=0
  fi
  while :; do
    sleep 1
    body=$(logs_get "limit=1000&after_id=$last$filters") || { warn "lost Helm; retrying"; sleep 2; continue; }
    printf '%s' "$body" | jq -c '.logs[]' | logs_format
    last=$(printf '%s' "$body" | jq -r --argjson l "$last" '[.logs[].id] | max // $l')
  done
}

# File fallback: logback JSON lines {timestamp, level, message, logger, service, correlation_id, username, user_id}.
logs_file_filter() {
  local cutoff=''
  if [[ -n $SINCE ]]; then
    if [[ $SINCE =~ ^([0-9]+)([smhdw])$ ]]; then
      local n=${BASH_REMATCH[1]} unit
      case ${BASH_REMATCH[2]} in s) unit=seconds ;; m) unit=minutes ;; h) unit=hours ;; d) unit=days ;; w) unit=weeks ;; esac
      cutoff=$(date -u -d "-$n $unit" +%Y-%m-%dT%H:%M:%S)
    else
      cutoff=$(date -u -d "$SINCE" +%Y-%m-%dT%H:%M:%S 2>/dev/null) || die "--since: cannot read '$SINCE'"
    fi
  fi
  jq --unbuffered -R -c --arg levels "$LEVEL" --arg corr "$CORR" --arg user "$USERF" --arg since "$cutoff" --arg grep "$GREP" '
    def norm: ascii_upcase | {"WARN":"WARNING","TRACE":"DEBUG","FATAL":"CRITICAL","SEVERE":"ERROR"}[.] // .;
    (fromjson? // empty) | select(type == "object")
    | . + {level: ((.level // "INFO") | norm), service_name: .service, trace_id: .correlation_id,
           context: {exception: .exception}}
    | .level as $lv | select($levels == "" or any($levels | split(",")[] | norm; . == $lv))
    | select($corr == "" or .trace_id == $corr)
    | select($user == "" or .username == $user or .user_id == $user)
    | select($since == "" or (.timestamp // "") >= $since)
    | select($grep == "" or ((.message // "") | ascii_downcase | contains($grep | ascii_downcase)))' 2>/dev/null
}

logs_from_files() {
  local files=()
  if [[ -n $SVC ]]; then
    [[ -f $LOGS_DIR/$SVC.json.log ]] && files=("$LOGS_DIR/$SVC.json.log")
  else
    shopt -s nullglob
    files=("$LOGS_DIR"/*.json.log)
    shopt -u nullglob
  fi
  ((${#files[@]})) || die "no log files under ${LOGS_DIR#"$HIVEMATRIX_HOME"/}/ for ${SVC:-any service}"
  note "Helm not reachable; reading ${#files[@]} file(s) under ${LOGS_DIR#"$HIVEMATRIX_HOME"/}/" >&2
  local f
  for f in "${files[@]}"; do tail -n 100000 "$f"; done | logs_file_filter |
    jq -sc --argjson n "$TAIL" 'sort_by(.timestamp) | .[-$n:] | .[]' | logs_format
  $FOLLOW || return 0
  tail -q -F -n 0 "${files[@]}" 2>/dev/null | logs_file_filter | logs_format
}

cmd_logs() {
  SVC='' LEVEL='' CORR='' USERF='' SINCE='' GREP='' TAIL=50 FOLLOW=false
  local files_only=false
  while (($#)); do
    case "$1" in
      --level|-l) LEVEL=${2:?--level needs a value}; shift ;;
      --correlation-id|-c) CORR=${2:?--correlation-id needs a value}; shift ;;
      --user|-u) USERF=${2:?--user needs a value}; shift ;;
      --since) SINCE=${2:?--since needs a value}; shift ;;
      --grep|-g) GREP=${2:?--grep needs a value}; shift ;;
      --tail|-n) TAIL=${2:?--tail needs a value}; shift ;;
      --follow|-f) FOLLOW=true ;;
      --files) files_only=true ;;
      -h|--help) logs_usage; return 0 ;;
      -*) die "logs: unknown option $1 (see deploy/hivematrix logs --help)" ;;
      *) [[ -z $SVC ]] || die "logs: only one SERVICE"; SVC=$1 ;;
    esac
    shift
  done
  [[ $TAIL =~ ^[0-9]+$ ]] && ((TAIL >= 1)) || die "--tail must be a positive number"
  ((TAIL > 1000)) && TAIL=1000
  command -v jq >/dev/null || die "deploy/hivematrix logs needs jq (apt-get install jq)"
  if ! $files_only && LOGS_TOKEN=$(logs_token); then
    local rc=0
    logs_from_helm || rc=$?
    ((rc == 1)) || return "$rc"
  fi
  logs_from_files
}
