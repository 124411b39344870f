# shellcheck shell=bash
# KnowledgeTree's Neo4j for deploy/hivematrix: with NEO4J_URI set, that server is used as is;
# otherwise a local Neo4j Community (module knowledgetree-neo4j: jars from Maven Central) runs in
# its own JVM, Bolt on 127.0.0.1:${HIVEMATRIX_NEO4J_PORT:-7687}, data in var/neo4j, password in
# var/secrets/neo4j.secret. neo4j_up exports NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD, which the
# services started afterwards inherit. Sourced after common.sh and infra.sh.

NEO4J_LAUNCHER_DIR="$HIVEMATRIX_HOME/knowledgetree-neo4j/target"
NEO4J_LOCAL_PORT=${HIVEMATRIX_NEO4J_PORT:-7687}
NEO4J_PID_FILE="$RUN_DIR/neo4j.pid"
NEO4J_LOG_FILE="$LOG_DIR/neo4j.log"
NEO4J_START_TIMEOUT=${HIVEMATRIX_NEO4J_TIMEOUT:-240}

neo4j_local_pid() {
  local pid
  pid=$(read_pid "$NEO4J_PID_FILE")
  if pid_matches "$pid" "com.hivematrix.knowledgetree.neo4j.LocalNeo4j"; then echo "$pid"; fi
}

neo4j_up() {
  if [[ -n ${NEO4J_URI:-} ]]; then
    ok "Neo4j: NEO4J_URI ($NEO4J_URI)"
    return 0
  fi
  local password pid
  password=$(ensure_secret "$SECRETS_DIR/neo4j.secret")
  export NEO4J_URI="bolt://127.0.0.1:$NEO4J_LOCAL_PORT" NEO4J_USER=neo4j NEO4J_PASSWORD="$password"
  pid=$(neo4j_local_pid)
  if [[ -n $pid ]]; then
    ok "Neo4j already running (pid $pid)"
    return 0
  fi
  port_open 127.0.0.1 "$NEO4J_LOCAL_PORT" &&
    die "port $NEO4J_LOCAL_PORT is in use by a process this launcher did not start; set NEO4J_URI (and NEO4J_USER/NEO4J_PASSWORD) to use it"
  if [[ ! -f $NEO4J_LAUNCHER_DIR/knowledgetree-neo4j.jar || ! -d $NEO4J_LAUNCHER_DIR/lib ]]; then
    info "building the local Neo4j launcher: mvn -B -q -f knowledgetree-neo4j/pom.xml package"
    mvn -B -q -Dstyle.color=never -f "$HIVEMATRIX_HOME/knowledgetree-neo4j/pom.xml" -DskipTests package || die "Neo4j launcher build failed"
  fi
  mkdir -p "$VAR_DIR/neo4j"
  info "starting Neo4j Community on 127.0.0.1:$NEO4J_LOCAL_PORT (data: var/neo4j)"
  printf '\n==== %s neo4j\n' "$(date -Is)" >>"$NEO4J_LOG_FILE"
  local from
  from=$(wc -l <"$NEO4J_LOG_FILE")
  # HIVEMATRIX_NEO4J_JAVA_OPTS (e.g. "-Xmx1g") is split into words on purpose
  # shellcheck disable=SC2086
  setsid java ${HIVEMATRIX_NEO4J_JAVA_OPTS:--Xmx768m} -cp "$NEO4J_LAUNCHER_DIR/knowledgetree-neo4j.jar:$NEO4J_LAUNCHER_DIR/lib/*" \
    com.hivematrix.knowledgetree.neo4j.LocalNeo4j "$VAR_DIR/neo4j" "$NEO4J_LOCAL_PORT" >>"$NEO4J_LOG_FILE" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$NEO4J_PID_FILE"
  local deadline=$((SECONDS + NEO4J_START_TIMEOUT))
  until tail -n +"$((from + 1))" "$NEO4J_LOG_FILE" | grep -q '^NEO4J READY'; do
    pid_alive "$pid" || die "Neo4j exited during start-up; see ${NEO4J_LOG_FILE#"$HIVEMATRIX_HOME"/}"
    ((SECONDS >= deadline)) && die "Neo4j not ready after ${NEO4J_START_TIMEOUT}s; see ${NEO4J_LOG_FILE#"$HIVEMATRIX_HOME"/}"
    sleep 1
  done
  ok "Neo4j ready (pid $pid)"
}

neo4j_down() {
  local pid
  pid=$(neo4j_local_pid)
  if [[ -n $pid ]]; then
    info "stopping Neo4j (pid $pid)"
    stop_pids 60 "$pid"
  fi
  rm -f "$NEO4J_PID_FILE"
}
