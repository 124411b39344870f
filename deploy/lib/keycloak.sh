# shellcheck shell=bash
# Keycloak provisioning: unpack the dist zip from Maven Central (via Maven, never another download),
# fill the realm template, start/stop an instance and wait for its readiness endpoint.
# Two instances exist: "dev" (var/keycloak, 8080/9000, used by `up`) and "test" (var/test/keycloak,
# 18080/19000, used by `test`). Sourced after common.sh.

# shellcheck disable=SC2034  # several of these are used by deploy/hivematrix
KEYCLOAK_VERSION=${HIVEMATRIX_KEYCLOAK_VERSION:-26.7.3}
KEYCLOAK_ARTIFACT="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip"
KC_REALM=hivematrix
KC_RELATIVE_PATH=/keycloak
KC_REALM_TEMPLATE="$HIVEMATRIX_HOME/deploy/keycloak/hivematrix-realm.json"
KC_ADMIN_USER=kcadmin             # master-realm bootstrap admin (Keycloak administration only)
HM_ADMIN_USER="admin"             # first HiveMatrix user, group admins, realm hivematrix
KC_NEXUS_CLIENT_ID=core-client
KC_CLI_CLIENT_ID=hivematrix-cli
KC_START_TIMEOUT=${HIVEMATRIX_KC_TIMEOUT:-180}
KC_STOP_TIMEOUT=30

# kc_instance dev|test: select which instance the other kc_* functions work on.
kc_instance() {
  case "$1" in
    dev)
      KC_NAME=keycloak
      KC_BASE="$VAR_DIR/keycloak"
      KC_HTTP_PORT=${HIVEMATRIX_KC_PORT:-8080} KC_MGMT_PORT=${HIVEMATRIX_KC_MGMT_PORT:-9000}
      KC_PID_FILE="$RUN_DIR/keycloak.pid"
      KC_LOG_FILE="$LOG_DIR/keycloak.log"
      ;;
    test)
      KC_NAME=keycloak-test
      KC_BASE="$VAR_DIR/test/keycloak"
      KC_HTTP_PORT=${HIVEMATRIX_TEST_KC_PORT:-18080} KC_MGMT_PORT=${HIVEMATRIX_TEST_KC_MGMT_PORT:-19000}
      KC_PID_FILE="$VAR_DIR/test/run/keycloak.pid"
      KC_LOG_FILE="$VAR_DIR/test/log/keycloak.log"
      ;;
    *) die "unknown Keycloak instance $1" ;;
  esac
  KC_DIST="$KC_BASE/dist"
  KC_URL="http://127.0.0.1:$KC_HTTP_PORT$KC_RELATIVE_PATH"
  KC_HEALTH_URL="http://127.0.0.1:$KC_MGMT_PORT$KC_RELATIVE_PATH/health/ready"
  KC_PROVISIONED_MARKER="$KC_BASE/.provisioned"
}

# kc_java_home: print a JDK home with Java >= 21 (Keycloak 26.x): KEYCLOAK_JAVA_HOME, else the
# newest under /usr/lib/jvm, else the `java` on PATH if new enough.
kc_java_home() {
  local home best='' best_v=0 v java_bin
  if [[ -n ${KEYCLOAK_JAVA_HOME:-} ]]; then
    [[ -x $KEYCLOAK_JAVA_HOME/bin/java ]] || die "KEYCLOAK_JAVA_HOME=$KEYCLOAK_JAVA_HOME has no bin/java"
    v=$(java_major "$KEYCLOAK_JAVA_HOME/bin/java")
    ((v >= 21)) || die "KEYCLOAK_JAVA_HOME=$KEYCLOAK_JAVA_HOME is Java $v; Keycloak $KEYCLOAK_VERSION needs Java 21 or newer"
    echo "$KEYCLOAK_JAVA_HOME"; return
  fi
  for home in /usr/lib/jvm/*/; do
    home=${home%/}
    [[ -L $home || ! -x $home/bin/java ]] && continue
    v=$(java_major "$home/bin/java")
    if ((v >= 21 && v > best_v)); then best=$home best_v=$v; fi
  done
  if [[ -z $best ]] && java_bin=$(command -v java); then
    java_bin=$(readlink -f "$java_bin")
    v=$(java_major "$java_bin")
    ((v >= 21)) && best=${java_bin%/bin/java}
  fi
  [[ -n $best ]] || die "Keycloak $KEYCLOAK_VERSION needs Java 21 or newer and none was found (looked at KEYCLOAK_JAVA_HOME, /usr/lib/jvm/*, java on PATH). Install a JDK >= 21 (e.g. apt-get install openjdk-21-jdk-headless) or set KEYCLOAK_JAVA_HOME."
  echo "$best"
}

# kc_unpack: unzip the dist into $KC_DIST once. The zip comes from the local Maven repository
# (fetched from Maven Central by Maven if missing).
kc_unpack() {
  if [[ -x $KC_DIST/bin/kc.sh ]]; then
    local have
    have=$(sed -n 's/^Keycloak - Version \(.*\)/\1/p;s/^\([0-9][0-9.]*\)$/\1/p' "$KC_DIST/version.txt" 2>/dev/null | head -n 1)
    [[ -z $have || $have == "$KEYCLOAK_VERSION"* ]] ||
      warn "$KC_DIST holds Keycloak $have, launcher expects $KEYCLOAK_VERSION (delete $KC_DIST to re-provision)"
    return 0
  fi
  local cache="$VAR_DIR/cache" zip
  zip="$cache/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  if [[ ! -s $zip ]]; then
    info "obtaining $KEYCLOAK_ARTIFACT through Maven"
    command -v mvn >/dev/null || die "Maven (mvn) is needed to obtain the Keycloak dist"
    mkdir -p "$cache"
    # run outside the reactor (no pom.xml in var/cache), so the project's own build is not involved
    (cd "$cache" && mvn -B -q -Dstyle.color=never dependency:copy -Dartifact="$KEYCLOAK_ARTIFACT" -DoutputDirectory="$cache") ||
      die "could not obtain $KEYCLOAK_ARTIFACT with Maven"
  fi
  info "unpacking Keycloak $KEYCLOAK_VERSION into ${KC_DIST#"$HIVEMATRIX_HOME"/}"
  local tmp="$KC_BASE/.unpack"
  rm -rf "$tmp"; mkdir -p "$tmp"
  if command -v unzip >/dev/null; then
    unzip -q "$zip" -d "$tmp" || die "could not unzip $zip"
  else
    (cd "$tmp" && "$(kc_java_home)/bin/jar" xf "$zip") || die "could not unpack $zip (install unzip)"
  fi
  local top
  top=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -n 1)
  [[ -n $top && -f $top/bin/kc.sh ]] || die "unexpected layout in $zip"
  chmod +x "$top"/bin/*.sh
  rm -rf "$KC_DIST"
  mv "$top" "$KC_DIST"
  rm -rf "$tmp"
}

# sed_escape STRING: escape for the replacement side of s|...|...|
sed_escape() {
  printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'
}

# kc_write_realm NEXUS_CLIENT_SECRET HM_ADMIN_PASSWORD HELM_ADMIN_CLIENT_SECRET: fill the template
# into data/import (0600).
# HIVEMATRIX_PUBLIC_URL (e.g. https://hive.example.com) adds the public gateway URL to the
# redirect and post-logout URIs; without it that template line is dropped.
kc_write_realm() {
  local secret=$1 password=$2 helm_secret=$3 public=${HIVEMATRIX_PUBLIC_URL:-} dir="$KC_DIST/data/import"
  public=${public%/}
  if [[ -n $public ]]; then
    [[ $public =~ ^https?://[^[:space:]\"\\]+$ ]] || die "HIVEMATRIX_PUBLIC_URL must be an http(s) URL, got '$public'"
  fi
  mkdir -p "$dir"
  local out="$dir/$KC_REALM-realm.json"
  (
    umask 077
    if [[ -n $public ]]; then
      sed -e "s|__PUBLIC_URL__|$(sed_escape "$public")|g" \
          -e "s|__PUBLIC_URL_POST_LOGOUT__|##$(sed_escape "$public")/*|g" "$KC_REALM_TEMPLATE"
    else
      sed -e '/"__PUBLIC_URL__\/\*",/d' -e 's|__PUBLIC_URL_POST_LOGOUT__||g' "$KC_REALM_TEMPLATE"
    fi | sed -e "s|__NEXUS_CLIENT_SECRET__|$(sed_escape "$secret")|g" \
             -e "s|__HM_ADMIN_PASSWORD__|$(sed_escape "$password")|g" \
             -e "s|__HELM_ADMIN_CLIENT_SECRET__|$(sed_escape "$helm_secret")|g" >"$out.tmp"
  )
  grep -q '__[A-Z_]*__' "$out.tmp" && die "unfilled placeholder in $out.tmp"
  mv -f "$out.tmp" "$out"
}

# kc_pid: pid of this instance's Keycloak if it is running (pid file checked against the
# process's command line), else nothing.
kc_pid() {
  local pid
  pid=$(read_pid "$KC_PID_FILE")
  # the JVM (-Dkc.home.dir=DIST/) or, when Helm started it, kc.sh (DIST/bin/kc.sh)
  if pid_matches "$pid" "$KC_DIST/"; then echo "$pid"; fi
}

kc_healthy() { [[ $(http_code "$KC_HEALTH_URL") == 200 ]]; }

# kc_command ADMIN_PASSWORD: set KC_MODE, KC_ARGS and KC_ENVS for this instance (dev mode with its
# own H2 store, or production mode on PostgreSQL when HIVEMATRIX_KC_DB_URL is set for the dev
# instance). The master bootstrap admin is passed only until the first start succeeded.
kc_command() {
  local admin_password=$1 java_home
  java_home=$(kc_java_home)
  KC_ARGS=(--http-host=127.0.0.1 --http-port="$KC_HTTP_PORT"
           --http-relative-path="$KC_RELATIVE_PATH"
           --health-enabled=true --http-management-port="$KC_MGMT_PORT"
           --proxy-headers=xforwarded --hostname-strict=false
           --import-realm)
  if [[ $KC_NAME == keycloak && -n ${HIVEMATRIX_KC_DB_URL:-} ]]; then
    KC_MODE=start
    KC_ARGS+=(--db=postgres --db-url="$HIVEMATRIX_KC_DB_URL"
              --db-username="${HIVEMATRIX_KC_DB_USERNAME:-keycloak}"
              --http-enabled=true --cache=local)
    [[ -n ${HIVEMATRIX_KC_DB_PASSWORD:-} ]] && KC_ARGS+=(--db-password="$HIVEMATRIX_KC_DB_PASSWORD")
  else
    KC_MODE=start-dev
  fi
  # Extra options, e.g. HIVEMATRIX_KC_OPTS="--proxy-headers=xforwarded"
  # shellcheck disable=SC2206
  [[ -n ${HIVEMATRIX_KC_OPTS:-} ]] && KC_ARGS+=($HIVEMATRIX_KC_OPTS)
  KC_ENVS=(JAVA_HOME="$java_home")
  if [[ ! -f $KC_PROVISIONED_MARKER ]]; then
    KC_ENVS+=(KC_BOOTSTRAP_ADMIN_USERNAME="$KC_ADMIN_USER" KC_BOOTSTRAP_ADMIN_PASSWORD="$admin_password")
  fi
  KC_JAVA_DESC="Java $(java_major "$java_home/bin/java") at $java_home"
}

# kc_exec ADMIN_PASSWORD: replace this shell by Keycloak in the foreground (Helm supervises it:
# the pid Helm started stays the pid of kc.sh, whose JVM is its child or, after a
# re-augmentation, takes its place).
kc_exec() {
  kc_command "$1"
  if port_open 127.0.0.1 "$KC_HTTP_PORT"; then
    die "port $KC_HTTP_PORT is already in use by a process Helm did not start ($KC_NAME cannot bind it)"
  fi
  info "starting $KC_NAME ($KC_MODE, $KC_JAVA_DESC) on $KC_URL"
  exec env "${KC_ENVS[@]}" "$KC_DIST/bin/kc.sh" "$KC_MODE" "${KC_ARGS[@]}"
}

# kc_start ADMIN_PASSWORD: start this instance in the background (the test Keycloak), record the
# JVM's pid, wait for readiness.
kc_start() {
  local launcher_pid pid
  if port_open 127.0.0.1 "$KC_HTTP_PORT"; then
    die "port $KC_HTTP_PORT is already in use by a process this launcher did not start ($KC_NAME cannot bind it)"
  fi
  kc_command "$1"
  mkdir -p "$(dirname "$KC_PID_FILE")" "$(dirname "$KC_LOG_FILE")"
  info "starting $KC_NAME ($KC_MODE, $KC_JAVA_DESC) on $KC_URL"
  printf '\n==== %s %s %s\n' "$(date -Is)" "$KC_NAME" "$KC_MODE" >>"$KC_LOG_FILE"
  env "${KC_ENVS[@]}" setsid "$KC_DIST/bin/kc.sh" "$KC_MODE" "${KC_ARGS[@]}" >>"$KC_LOG_FILE" 2>&1 </dev/null &
  launcher_pid=$!
  echo "$launcher_pid" >"${KC_PID_FILE%.pid}.launcher.pid"
  # kc.sh runs the JVM as its child; after a re-augmentation (first start, changed build options)
  # that JVM exits with status 10 and kc.sh execs the server JVM in its own place. So wait on the
  # kc.sh pid, and record the real server JVM's pid once Keycloak is ready.
  echo "$launcher_pid" >"$KC_PID_FILE"
  if ! wait_healthy "$KC_NAME" "$KC_HEALTH_URL" "$launcher_pid" "$KC_START_TIMEOUT" "$KC_LOG_FILE"; then
    kc_stop >/dev/null 2>&1 || true
    die "$KC_NAME did not become ready"
  fi
  pid=$(pids_with_cmdline "-Dkc.home.dir=$KC_DIST/" | head -n 1)
  [[ -n $pid ]] || die "$KC_NAME is ready but its JVM was not found"
  echo "$pid" >"$KC_PID_FILE"
  touch "$KC_PROVISIONED_MARKER"
}

# kc_stop: stop this instance's JVM and kc.sh wrapper; also any stray JVM running from its dist.
kc_stop() {
  local pids=() pid launcher
  pid=$(read_pid "$KC_PID_FILE")
  launcher=$(read_pid "${KC_PID_FILE%.pid}.launcher.pid")
  pid_matches "$pid" "$KC_DIST/" && pids+=("$pid")
  pid_matches "$launcher" "$KC_DIST/bin/kc.sh" && pids+=("$launcher")
  for pid in $(pids_with_cmdline "-Dkc.home.dir=$KC_DIST/"); do
    [[ " ${pids[*]} " == *" $pid "* ]] || pids+=("$pid")
  done
  if ((${#pids[@]})); then
    info "stopping $KC_NAME (pid ${pids[*]})"
    stop_pids "$KC_STOP_TIMEOUT" "${pids[@]}"
  fi
  rm -f "$KC_PID_FILE" "${KC_PID_FILE%.pid}.launcher.pid"
}

# kc_demo_technician PASSWORD: with --demo, the demo technician "$HM_DEMO_TECH_USER" in the
# technicians and billing groups (permission level technician; the billing group adds the billing
# role, so Ledger and Brainhair's billing approvals are open to them), created once through the
# admin API of this instance with the master admin. Returns non-zero when Keycloak refused.
HM_DEMO_TECH_USER="demo-tech"
kc_demo_technician() {
  local password=$1 token found body code
  token=$(curl -s --connect-timeout 3 --max-time 20 \
    --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
    --data-urlencode "username=$KC_ADMIN_USER" --data-urlencode "password=$KC_ADMIN_PASSWORD" \
    "$KC_URL/realms/master/protocol/openid-connect/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  [[ -n $token ]] || { warn "Keycloak did not give the master admin a token; demo technician not created"; return 1; }
  found=$(curl -s --connect-timeout 3 --max-time 20 -H "Authorization: Bearer $token" \
    "$KC_URL/admin/realms/$KC_REALM/users?exact=true&username=$HM_DEMO_TECH_USER")
  if [[ $found == *"\"username\":\"$HM_DEMO_TECH_USER\""* ]]; then
    return 0
  fi
  body=$(printf '{"username":"%s","enabled":true,"email":"%s@demo.hivematrix.local","emailVerified":true,"firstName":"Demo","lastName":"Technician","groups":["/technicians","/billing"],"credentials":[{"type":"password","value":"%s","temporary":false}]}' \
    "$HM_DEMO_TECH_USER" "$HM_DEMO_TECH_USER" "$password")
  code=$(curl -s -o /dev/null -w '%{http_code}' --connect-timeout 3 --max-time 20 -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' --data-binary @- "$KC_URL/admin/realms/$KC_REALM/users" <<<"$body")
  [[ $code == 201 ]] || { warn "Keycloak refused the demo technician (HTTP $code)"; return 1; }
  info "created demo technician $HM_DEMO_TECH_USER (groups technicians, billing)"
}
