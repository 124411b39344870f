# shellcheck shell=bash
# `deploy/hivematrix backup` and `restore`: every service database as a pg_dump custom-format
# file in one timestamped tar archive with a manifest and the sha256 of each part.
# Restore checks the archive before touching anything, takes a safety backup of the databases it
# is about to replace, imports each into a scratch database, and swaps them in only when every
# import succeeded; a failed import leaves every database as it was.
# Sourced after common.sh; needs pg_dump, pg_restore, psql and sha256sum.

BACKUP_DIR=${HIVEMATRIX_BACKUP_DIR:-$VAR_DIR/backups}
# Retention of DIR/hivematrix-*.tar after each backup (grandfather-father-son): the newest archive
# of each of the newest 7 days, 4 ISO weeks and 12 months that have one is kept.
BACKUP_KEEP_DAILY=7
BACKUP_KEEP_WEEKLY=4
BACKUP_KEEP_MONTHLY=12
BACKUP_FORMAT=hivematrix-backup/1
DB_NAME_RE='^[a-z_][a-z0-9_]*$'
# KnowledgeTree's attachment files (the same default and variable as the service)
UPLOADS_DIR=${KNOWLEDGETREE_UPLOAD_DIR:-var/knowledgetree/uploads}
[[ $UPLOADS_DIR == /* ]] || UPLOADS_DIR="$HIVEMATRIX_HOME/$UPLOADS_DIR"
UPLOADS_PART=knowledgetree-uploads
# KnowledgeTree's graph (Neo4j) through its export API, with a helm→knowledgetree service token from
# Core: Neo4j keeps running (neo4j-admin dump would need it stopped), and the file is the one
# KnowledgeTree's import page takes back.
GRAPH_PART=knowledgetree-graph
# Keycloak's realm (settings, groups, users with their groups) through its admin API with Helm's
# read-only helm-admin service account; users' passwords never leave Keycloak over its API. When
# Keycloak keeps its store in PostgreSQL (HIVEMATRIX_KC_DB_URL), that database is dumped as well.
REALM_PART=keycloak-realm
BACKUP_KC_URL=${HIVEMATRIX_KEYCLOAK_URL:-http://127.0.0.1:8080/keycloak}
BACKUP_KC_REALM=${HIVEMATRIX_KEYCLOAK_REALM:-hivematrix}
BACKUP_KC_SECRET_FILE=${HIVEMATRIX_HELM_KEYCLOAK_SECRET_FILE:-$SECRETS_DIR/helm-keycloak.secret}
BACKUP_CORE_URL=${HIVEMATRIX_CORE_URL:-http://127.0.0.1:5000}
# Encrypted archives: when this key file exists every archive is encrypted with it (gpg, AES-256 with
# its integrity check) as hivematrix-<time>.tar.gpg; restore needs the same file. Keep a copy of the
# key away from the machine: an archive without its key cannot be restored.
BACKUP_KEY_FILE=${HIVEMATRIX_BACKUP_KEY_FILE:-$SECRETS_DIR/backup.key}
BACKUP_KT_URL=${HIVEMATRIX_KNOWLEDGETREE_URL:-http://127.0.0.1:5020}
BACKUP_SECRET_FILE=${HIVEMATRIX_HELM_SECRET_FILE:-$SECRETS_DIR/helm.secret}

backup_usage() {
  cat <<USAGE
Usage: deploy/hivematrix backup [--db NAME]... [--out DIR] [--no-graph] [--keep-all | --prune-only]
       deploy/hivematrix restore ARCHIVE [--only NAME]...

backup   pg_dump (custom format) of every service database that exists (the database of each
         spring-boot service in deploy/services.json: its name, or the one in
         HIVEMATRIX_PG_URL_<SERVICE>), or only the --db ones, into
         DIR/hivematrix-<UTC time>.tar (default DIR: var/backups, or HIVEMATRIX_BACKUP_DIR).
         KnowledgeTree's attachments (KNOWLEDGETREE_UPLOAD_DIR, default var/knowledgetree/uploads)
         go in as the part $UPLOADS_PART when that directory exists; KnowledgeTree's graph as
         $GRAPH_PART.json (its /admin/export, with a service token from Core) when KnowledgeTree
         answers (--no-graph: leave it out). A running KnowledgeTree whose export fails fails the backup.
         Keycloak's realm (settings, groups, users and their groups; no passwords) as
         $REALM_PART.json through its admin API (Helm's helm-admin account) when Keycloak
         answers; with HIVEMATRIX_KC_DB_URL on this PostgreSQL, Keycloak's database too.
         The archive holds MANIFEST, SHA256SUMS and the registry (config/services.json); it is
         created 0600, and encrypted (hivematrix-<UTC time>.tar.gpg, gpg AES-256) when the key file
         HIVEMATRIX_BACKUP_KEY_FILE (default var/secrets/backup.key) exists. Prints its path last. Then retention runs on DIR: of its
         hivematrix-*.tar the newest of each of the newest $BACKUP_KEEP_DAILY days, $BACKUP_KEEP_WEEKLY ISO weeks and
         $BACKUP_KEEP_MONTHLY months are kept, the others deleted (--keep-all: none deleted;
         --prune-only: only the retention, no new archive). safety/ is never pruned.
restore  decrypts ARCHIVE when it is a .tar.gpg (with the same key file), verifies it (sha256 of every part), takes a safety backup of the databases it will
         replace (var/backups/safety/), imports each into a scratch database and swaps them in
         only when all imports succeeded. --only restores just the named databases (or
         $UPLOADS_PART: the attachments, the current directory kept as <dir>.pre-restore-<time>).
         The graph export is written to var/backups/restored/ for KnowledgeTree's import page
         (admin, with its dry-run preview): a graph import needs a user's decision. The realm
         export goes to var/backups/restored/ as well (Keycloak's database, when in the archive,
         is restored like the others).
         Stop the services first (deploy/hivematrix down, or stop SVC): open connections to a
         database being replaced are terminated.
PostgreSQL: HIVEMATRIX_PG_HOST (127.0.0.1), HIVEMATRIX_PG_PORT (5432), HIVEMATRIX_PG_USER
(postgres), HIVEMATRIX_PG_PASSWORD.
USAGE
}

pg_env() {
  local tool
  for tool in pg_dump pg_restore psql sha256sum tar; do
    command -v "$tool" >/dev/null || die "$tool is needed (apt-get install postgresql-client coreutils tar)"
  done
  export PGHOST=${HIVEMATRIX_PG_HOST:-127.0.0.1} PGPORT=${HIVEMATRIX_PG_PORT:-5432} PGUSER=${HIVEMATRIX_PG_USER:-postgres}
  if [[ -n ${HIVEMATRIX_PG_PASSWORD:-} ]]; then export PGPASSWORD=$HIVEMATRIX_PG_PASSWORD; fi
  export PGCONNECT_TIMEOUT=5 PGOPTIONS="-c client_min_messages=warning"
}

check_db_name() {
  [[ $1 =~ $DB_NAME_RE ]] || die "'$1' is not a database name this tool accepts ($DB_NAME_RE)"
}

# sql DB STATEMENT [VAR=VALUE]...: one statement with psql variables (:'name' quoting); prints rows.
sql() {
  local db=$1 stmt=$2 vars=() kv
  shift 2
  for kv in "$@"; do vars+=(-v "$kv"); done
  printf '%s\n' "$stmt" | psql -X -q -At -v ON_ERROR_STOP=1 "${vars[@]}" -d "$db"
}

db_exists() { [[ $(sql postgres "SELECT 1 FROM pg_database WHERE datname = :'d'" "d=$1") == 1 ]]; }

# service_databases: the database of each spring-boot service that exists right now.
service_databases() {
  local name rest var url db
  while read -r name rest; do
    var="HIVEMATRIX_PG_URL_$(printf '%s' "$name" | tr '[:lower:]-' '[:upper:]_')"
    url=${!var:-}
    db=$name
    if [[ -n $url ]]; then db=${url##*/}; db=${db%%\?*}; fi
    [[ $db =~ $DB_NAME_RE ]] || continue
    if db_exists "$db"; then echo "$db"; fi
  done < <(spring_services)
  # Keycloak in production mode keeps its whole store (users and passwords included) in PostgreSQL
  if [[ -n ${HIVEMATRIX_KC_DB_URL:-} ]]; then
    db=${HIVEMATRIX_KC_DB_URL##*/}; db=${db%%\?*}
    if [[ $db =~ $DB_NAME_RE ]] && db_exists "$db"; then echo "$db"; fi
  fi
}

# backup_databases OUT_DIR DB...: write the archive, print its path. Run it as $(backup_databases …).
backup_databases() {
  local out=$1 stamp work db archive
  shift
  stamp=$(date -u +%Y%m%dT%H%M%S.%3NZ)
  mkdir -p "$out"
  work=$(mktemp -d "${TMPDIR:-/tmp}/hivematrix-backup.XXXXXX")
  # always called in a command substitution, so this EXIT trap belongs to that subshell
  # shellcheck disable=SC2064  # expand now: the trap removes this run's directory
  trap "rm -rf '$work'" EXIT
  {
    echo "format $BACKUP_FORMAT"
    echo "created $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host $(hostname)"
  } >"$work/MANIFEST"
  for db in "$@"; do
    check_db_name "$db"
    info "pg_dump $db" >&2
    pg_dump -Fc --no-owner --no-privileges -f "$work/$db.dump" "$db" >&2 || die "pg_dump of $db failed"
    echo "database $db $db.dump" >>"$work/MANIFEST"
  done
  # the registry, for rebuilding an installation (restore leaves config to the operator)
  mkdir -p "$work/config"
  cp "$REGISTRY_FILE" "$work/config/services.json"
  echo "config services.json config/services.json" >>"$work/MANIFEST"
  local parts=(MANIFEST config/services.json)
  for db in "$@"; do parts+=("$db.dump"); done
  if [[ -d $UPLOADS_DIR && ${BACKUP_WITH_FILES:-true} == true ]]; then
    info "attachments $UPLOADS_DIR" >&2
    tar -C "$UPLOADS_DIR" -cf "$work/$UPLOADS_PART.tar" . || die "could not archive $UPLOADS_DIR"
    echo "files $UPLOADS_PART $UPLOADS_PART.tar" >>"$work/MANIFEST"
    parts+=("$UPLOADS_PART.tar")
  fi
  if [[ ${BACKUP_WITH_GRAPH:-true} == true ]] && backup_graph "$work"; then
    echo "graph knowledgetree $GRAPH_PART.json" >>"$work/MANIFEST"
    parts+=("$GRAPH_PART.json")
  fi
  if [[ ${BACKUP_WITH_REALM:-true} == true ]] && backup_realm "$work"; then
    echo "realm keycloak $REALM_PART.json" >>"$work/MANIFEST"
    parts+=("$REALM_PART.json")
  fi
  (cd "$work" && sha256sum -- "${parts[@]}" | sed 's|  \./|  |' >SHA256SUMS)
  archive="$out/hivematrix-$stamp.tar"
  (umask 077 && tar -C "$work" -cf "$archive.tmp" .) || die "could not write $archive"
  if [[ -e $BACKUP_KEY_FILE ]]; then
    command -v gpg >/dev/null || die "a backup key is configured ($BACKUP_KEY_FILE) but gpg is not installed"
    (umask 077 && gpg_with_key --symmetric --cipher-algo AES256 --output "$archive.gpg.tmp" "$archive.tmp") >&2 ||
      die "could not encrypt $archive with $BACKUP_KEY_FILE"
    rm -f "$archive.tmp"
    archive="$archive.gpg"
  fi
  mv -f "$archive.tmp" "$archive"
  chmod 600 "$archive"
  echo "$archive"
}

# gpg_with_key ARGS...: gpg with the backup key as passphrase, in a private home it removes afterwards
gpg_with_key() {
  local home rc=0
  home=$(mktemp -d "${TMPDIR:-/tmp}/hivematrix-gpg.XXXXXX")
  GNUPGHOME=$home gpg --batch --yes --quiet --no-symkey-cache --pinentry-mode loopback \
    --passphrase-file "$BACKUP_KEY_FILE" "$@" || rc=$?
  GNUPGHOME=$home gpgconf --kill gpg-agent >/dev/null 2>&1 || true
  rm -rf "$home"
  return "$rc"
}

# archive_name ARCHIVE: its file name without .tar / .tar.gpg
archive_name() {
  local name=${1##*/}
  name=${name%.gpg}
  echo "${name%.tar}"
}

# backup_graph WORK: KnowledgeTree's export into WORK/$GRAPH_PART.json. Returns 1 (with a note) when
# KnowledgeTree does not answer at all; dies when it answers but the export fails.
backup_graph() {
  local work=$1 code secret token
  code=$(curl -s -o /dev/null -w '%{http_code}' --connect-timeout 2 --max-time 5 "$BACKUP_KT_URL/health" || true)
  if [[ $code == 000 ]]; then
    note "KnowledgeTree does not answer at $BACKUP_KT_URL: its graph is not in this backup" >&2
    return 1
  fi
  [[ -r $BACKUP_SECRET_FILE ]] || die "KnowledgeTree runs but $BACKUP_SECRET_FILE (Helm's service secret) is missing; --no-graph leaves the graph out"
  secret=$(tr -d '\n' <"$BACKUP_SECRET_FILE")
  # the secret goes to curl on stdin (a config line), never on a command line
  token=$(printf 'user = "helm:%s"\n' "$secret" | curl -sf --connect-timeout 2 --max-time 10 -K - -H 'Content-Type: application/json' \
    -d '{"calling_service":"helm","target_service":"knowledgetree"}' "$BACKUP_CORE_URL/service-token" | jq -er '.token') ||
    die "KnowledgeTree runs but Core ($BACKUP_CORE_URL) gave no service token for its export; --no-graph leaves the graph out"
  info "KnowledgeTree graph export" >&2
  printf 'header = "Authorization: Bearer %s"\n' "$token" |
    curl -sf --connect-timeout 2 --max-time 600 -K - -o "$work/$GRAPH_PART.json" "$BACKUP_KT_URL/admin/export" ||
    die "KnowledgeTree's export ($BACKUP_KT_URL/admin/export) failed; --no-graph leaves the graph out"
  jq -e . "$work/$GRAPH_PART.json" >/dev/null 2>&1 || die "KnowledgeTree's export is not JSON; --no-graph leaves the graph out"
}

# kc_admin_get TOKEN URL: a GET on Keycloak's admin API (the token on curl's stdin, never on a command line)
kc_admin_get() {
  printf 'header = "Authorization: Bearer %s"\n' "$1" | curl -sf --connect-timeout 2 --max-time 60 -K - "$2" ||
    die "Keycloak's admin API failed on ${2#"$BACKUP_KC_URL"} during the realm export; BACKUP_WITH_REALM=false leaves it out"
}

# backup_realm WORK: the realm's settings, groups and users (each with its group paths) into
# WORK/$REALM_PART.json. Returns 1 (with a note) when Keycloak does not answer or Helm has no
# account there; dies when Keycloak answers but refuses or fails the export.
backup_realm() {
  local work=$1 code secret token admin="$BACKUP_KC_URL/admin/realms/$BACKUP_KC_REALM" first=0 page count user id groups
  code=$(curl -s -o /dev/null -w '%{http_code}' --connect-timeout 2 --max-time 5 "$BACKUP_KC_URL/realms/$BACKUP_KC_REALM" || true)
  if [[ $code != 200 ]]; then
    note "Keycloak's realm $BACKUP_KC_REALM does not answer at $BACKUP_KC_URL: it is not in this backup" >&2
    return 1
  fi
  if [[ ! -r $BACKUP_KC_SECRET_FILE ]]; then
    note "no $BACKUP_KC_SECRET_FILE (Helm's Keycloak account): the realm is not in this backup" >&2
    return 1
  fi
  secret=$(tr -d '\n' <"$BACKUP_KC_SECRET_FILE")
  token=$(printf 'data = "grant_type=client_credentials&client_id=helm-admin&client_secret=%s"\n' "$secret" |
    curl -sf --connect-timeout 2 --max-time 10 -K - "$BACKUP_KC_URL/realms/$BACKUP_KC_REALM/protocol/openid-connect/token" |
    jq -er '.access_token') || die "Keycloak refused Helm's account (helm-admin) for the realm export; BACKUP_WITH_REALM=false leaves it out"
  info "Keycloak realm export ($BACKUP_KC_REALM)" >&2
  kc_admin_get "$token" "$admin" >"$work/realm.json"
  kc_admin_get "$token" "$admin/groups?briefRepresentation=false" >"$work/groups.json"
  : >"$work/users.jsonl"
  while :; do
    page=$(kc_admin_get "$token" "$admin/users?briefRepresentation=false&first=$first&max=200")
    count=$(jq 'length' <<<"$page")
    while IFS= read -r user; do
      id=$(jq -r '.id' <<<"$user")
      groups=$(kc_admin_get "$token" "$admin/users/$id/groups" | jq -c '[.[].path]') || die "could not read the groups of user $id"
      jq -c --argjson groups "$groups" '. + {groups: $groups}' <<<"$user" >>"$work/users.jsonl"
    done < <(jq -c '.[]' <<<"$page")
    ((count == 200)) || break
    first=$((first + 200))
  done
  jq -n --slurpfile realm "$work/realm.json" --slurpfile groups "$work/groups.json" --slurpfile users "$work/users.jsonl" \
    '{format: "hivematrix-realm/1", realm: $realm[0], groups: $groups[0], users: $users}' >"$work/$REALM_PART.json" ||
    die "could not assemble the realm export"
  rm -f "$work/realm.json" "$work/groups.json" "$work/users.jsonl"
}

# backup_prune DIR: the retention above; prints each deleted archive's name to stderr.
backup_prune() {
  local dir=$1 f base d week
  local -A days=() weeks=() months=()
  local keep
  while IFS= read -r f; do
    base=${f##*/}
    d=${base#hivematrix-}
    d=${d:0:8}
    [[ $d =~ ^[0-9]{8}$ ]] || continue
    week=$(date -u -d "${d:0:4}-${d:4:2}-${d:6:2}" +%G-W%V 2>/dev/null) || continue
    keep=false
    # newest first: the first archive seen of a day, week or month is that period's newest
    if [[ -z ${days[$d]:-} ]] && ((${#days[@]} < BACKUP_KEEP_DAILY)); then days[$d]=1; keep=true; fi
    if [[ -z ${weeks[$week]:-} ]] && ((${#weeks[@]} < BACKUP_KEEP_WEEKLY)); then weeks[$week]=1; keep=true; fi
    if [[ -z ${months[${d:0:6}]:-} ]] && ((${#months[@]} < BACKUP_KEEP_MONTHLY)); then months[${d:0:6}]=1; keep=true; fi
    if ! $keep; then
      rm -f -- "$f"
      info "retention: deleted $base" >&2
    fi
  done < <(find "$dir" -maxdepth 1 -type f \( -name 'hivematrix-*.tar' -o -name 'hivematrix-*.tar.gpg' \) -printf '%f\n' 2>/dev/null | sort -r | sed "s|^|$dir/|")
}

cmd_backup() {
  local out=$BACKUP_DIR dbs=() db archive prune=true prune_only=false
  while (($#)); do
    case "$1" in
      --db) check_db_name "${2:?--db needs a name}"; dbs+=("$2"); shift ;;
      --out) out=${2:?--out needs a directory}; shift ;;
      --keep-all) prune=false ;;
      --no-graph) export BACKUP_WITH_GRAPH=false ;;
      --prune-only) prune_only=true ;;
      -h|--help) backup_usage; return 0 ;;
      *) die "backup: unknown option $1 (see deploy/hivematrix backup --help)" ;;
    esac
    shift
  done
  if $prune_only; then
    backup_prune "$out"
    return 0
  fi
  pg_env
  if ((${#dbs[@]} == 0)); then
    mapfile -t dbs < <(service_databases)
    ((${#dbs[@]})) || die "no service database exists yet (nothing to back up)"
  fi
  for db in "${dbs[@]}"; do db_exists "$db" || die "database $db does not exist"; done
  archive=$(backup_databases "$out" "${dbs[@]}")
  ok "backup of ${dbs[*]} written" >&2
  if $prune; then backup_prune "$out"; fi
  echo "$archive"
}

# restore_swap DB SCRATCH: replace DB by SCRATCH (connections to DB terminated first).
restore_swap() {
  local db=$1 scratch=$2 old="${1}_pre_restore"
  sql postgres "DROP DATABASE IF EXISTS \"$old\"" >/dev/null
  if db_exists "$db"; then
    # a running service reconnects at once: refuse new sessions first, then end the open ones and
    # wait until they are gone (a terminated backend lingers a moment, and RENAME refuses while it does)
    sql postgres "ALTER DATABASE \"$db\" ALLOW_CONNECTIONS false" >/dev/null
    local tries=0
    until [[ $(sql postgres "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :'d' AND pid <> pg_backend_pid()" "d=$db") == 0 ]]; do
      ((++tries < 100)) || { sql postgres "ALTER DATABASE \"$db\" ALLOW_CONNECTIONS true" >/dev/null; die "sessions on $db did not end; $db is unchanged"; }
      sleep 0.1
    done
    sql postgres "ALTER DATABASE \"$db\" RENAME TO \"$old\"" >/dev/null ||
      { sql postgres "ALTER DATABASE \"$db\" ALLOW_CONNECTIONS true" >/dev/null; die "could not set $db aside; $db is unchanged"; }
  fi
  if ! sql postgres "ALTER DATABASE \"$scratch\" RENAME TO \"$db\"" >/dev/null; then
    if db_exists "$old"; then
      sql postgres "ALTER DATABASE \"$old\" RENAME TO \"$db\"" >/dev/null
      sql postgres "ALTER DATABASE \"$db\" ALLOW_CONNECTIONS true" >/dev/null
    fi
    die "could not put the restored $db in place; $db is unchanged"
  fi
  sql postgres "DROP DATABASE IF EXISTS \"$old\"" >/dev/null
}

# restore_verify ARCHIVE WORKDIR: unpack and check format and every checksum.
restore_verify() {
  local archive=$1 work=$2 tarball=$1
  if [[ $archive == *.gpg ]]; then
    [[ -r $BACKUP_KEY_FILE ]] || die "$archive is encrypted: its key file is needed ($BACKUP_KEY_FILE, or HIVEMATRIX_BACKUP_KEY_FILE); nothing was changed"
    tarball=$work/.archive.tar
    gpg_with_key --decrypt --output "$tarball" "$archive" 2>/dev/null ||
      die "cannot decrypt $archive with $BACKUP_KEY_FILE (another key, or the archive is damaged); nothing was changed"
  fi
  tar -C "$work" -xf "$tarball" || die "cannot read $archive; nothing was changed"
  [[ $tarball == "$archive" ]] || rm -f "$tarball"
  [[ -f $work/MANIFEST && -f $work/SHA256SUMS ]] || die "$archive is not a HiveMatrix backup (no MANIFEST/SHA256SUMS); nothing was changed"
  grep -qx "format $BACKUP_FORMAT" "$work/MANIFEST" || die "$archive has an unknown format; nothing was changed"
  (cd "$work" && sha256sum --quiet -c SHA256SUMS) >&2 || die "$archive is damaged (checksum mismatch); nothing was changed"
}

cmd_restore() {
  local archive='' only=() work dbs=() db file kind existing=() safety scratch imported=()
  while (($#)); do
    case "$1" in
      --only)
        [[ ${2:-} == "$UPLOADS_PART" || ${2:-} == "$GRAPH_PART" ]] || check_db_name "${2:?--only needs a database name}"
        only+=("$2"); shift ;;
      -h|--help) backup_usage; return 0 ;;
      -*) die "restore: unknown option $1 (see deploy/hivematrix restore --help)" ;;
      *) [[ -z $archive ]] || die "restore: only one ARCHIVE"; archive=$1 ;;
    esac
    shift
  done
  [[ -n $archive ]] || die "usage: deploy/hivematrix restore ARCHIVE [--only NAME]..."
  [[ -f $archive ]] || die "no such archive: $archive"
  pg_env
  work=$(mktemp -d "${TMPDIR:-/tmp}/hivematrix-restore.XXXXXX")
  # the unpacked dumps are as private as the databases: removed however restore ends
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" EXIT
  restore_verify "$archive" "$work"
  local uploads=false graph=false realm=false
  while read -r kind db file; do
    if [[ $kind == realm ]]; then
      [[ $file == "$REALM_PART.json" && -f $work/$file ]] || die "$archive: manifest names a missing part $file; nothing was changed"
      realm=true
      continue
    fi
    if [[ $kind == graph ]]; then
      [[ $file == "$GRAPH_PART.json" && -f $work/$file ]] || die "$archive: manifest names a missing part $file; nothing was changed"
      graph=true
      continue
    fi
    if [[ $kind == files && $db == "$UPLOADS_PART" ]]; then
      [[ $file == "$UPLOADS_PART.tar" && -f $work/$file ]] || die "$archive: manifest names a missing part $file; nothing was changed"
      grep -q "  $file\$" "$work/SHA256SUMS" || die "$archive: $file has no checksum; nothing was changed"
      if ((${#only[@]} == 0)) || [[ " ${only[*]} " == *" $UPLOADS_PART "* ]]; then uploads=true; fi
      continue
    fi
    [[ $kind == database ]] || continue
    check_db_name "$db"
    [[ $file == "$db.dump" && -f $work/$file ]] || die "$archive: manifest names a missing part $file; nothing was changed"
    grep -q "  $file\$" "$work/SHA256SUMS" || die "$archive: $file has no checksum; nothing was changed"
    if ((${#only[@]})) && [[ " ${only[*]} " != *" $db "* ]]; then continue; fi
    dbs+=("$db")
  done <"$work/MANIFEST"
  for db in "${only[@]}"; do
    [[ $db == "$UPLOADS_PART" ]] && { $uploads || die "$archive holds no $UPLOADS_PART; nothing was changed"; continue; }
    [[ $db == "$GRAPH_PART" ]] && { $graph || die "$archive holds no $GRAPH_PART; nothing was changed"; continue; }
    [[ " ${dbs[*]} " == *" $db "* ]] || die "$archive holds no database $db; nothing was changed"
  done
  ((${#dbs[@]})) || $uploads || $graph || die "$archive holds no database; nothing was changed"
  ok "archive verified: ${dbs[*]}$($uploads && echo " $UPLOADS_PART")"

  for db in "${dbs[@]}"; do
    if db_exists "$db"; then existing+=("$db"); fi
  done
  if ((${#existing[@]})); then
    # the graph is never replaced by a restore, so its export is not needed for the safety copy
    safety=$(BACKUP_WITH_GRAPH=false backup_databases "$BACKUP_DIR/safety" "${existing[@]}")
    ok "safety backup of ${existing[*]}: $safety"
  fi

  for db in "${dbs[@]}"; do
    scratch="${db}_restoring"
    sql postgres "DROP DATABASE IF EXISTS \"$scratch\"" >/dev/null
    sql postgres "CREATE DATABASE \"$scratch\"" >/dev/null
    info "pg_restore $db"
    if ! pg_restore --exit-on-error --no-owner --no-privileges -d "$scratch" "$work/$db.dump"; then
      for scratch in "${imported[@]}" "${db}_restoring"; do
        sql postgres "DROP DATABASE IF EXISTS \"$scratch\"" >/dev/null || true
      done
      die "import of $db failed; every database is unchanged"
    fi
    imported+=("$scratch")
  done
  local up_scratch="$UPLOADS_DIR.restoring"
  if $uploads; then
    rm -rf "$up_scratch"
    mkdir -p "$up_scratch"
    if ! tar -C "$up_scratch" -xf "$work/$UPLOADS_PART.tar"; then
      rm -rf "$up_scratch"
      for scratch in "${imported[@]}"; do sql postgres "DROP DATABASE IF EXISTS \"$scratch\"" >/dev/null || true; done
      die "unpacking $UPLOADS_PART failed; every database and file is unchanged"
    fi
  fi
  for db in "${dbs[@]}"; do restore_swap "$db" "${db}_restoring"; done
  if $uploads; then
    if [[ -d $UPLOADS_DIR ]]; then
      mv "$UPLOADS_DIR" "$UPLOADS_DIR.pre-restore-$(date -u +%Y%m%dT%H%M%SZ)"
      ok "previous attachments kept in $UPLOADS_DIR.pre-restore-*"
    fi
    mkdir -p "$(dirname "$UPLOADS_DIR")"
    mv "$up_scratch" "$UPLOADS_DIR"
  fi
  ok "restored ${dbs[*]}$($uploads && echo " $UPLOADS_PART") from $archive"
  if $graph && { ((${#only[@]} == 0)) || [[ " ${only[*]} " == *" $GRAPH_PART "* ]]; }; then
    mkdir -p "$BACKUP_DIR/restored"
    local graph_out
    graph_out="$BACKUP_DIR/restored/$GRAPH_PART-$(archive_name "$archive").json"
    (umask 077 && cp "$work/$GRAPH_PART.json" "$graph_out")
    note "KnowledgeTree's graph: import $graph_out on KnowledgeTree's import page (admin; preview first)"
  fi
  if $realm && ((${#only[@]} == 0)); then
    mkdir -p "$BACKUP_DIR/restored"
    local realm_out
    realm_out="$BACKUP_DIR/restored/$REALM_PART-$(archive_name "$archive").json"
    (umask 077 && cp "$work/$REALM_PART.json" "$realm_out")
    note "Keycloak's realm as it was: $realm_out (groups and users to recreate on Helm's Users page; see docs/QUICKREF.md)"
  fi
}
