#!/usr/bin/env bash
# Gateway benchmark (issue 3): the same 1 KB JSON fetched directly from a backend, through nginx as a
# plain reverse proxy, and through Nexus with a real logged-in session (TLS, session lookup in Redis,
# revocation check, rate-limit counting, header rewriting, routing).
#
# Needs: the platform up (deploy/hivematrix up) with Nexus's per-user limits raised so the run is
# not cut off by them, e.g.  NEXUS_RATE_LIMIT_PER_MINUTE=1000000000 NEXUS_RATE_LIMIT_PER_HOUR=1000000000
# deploy/hivematrix up ; wrk and nginx installed (apt-get install -y wrk nginx-light).
# The backend is nginx on Brainhair's registry port (127.0.0.1:5050), so Nexus routes /brainhair/ to
# it: Brainhair is stopped through Helm for the run and started again afterwards.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
BACKEND_PORT=5050
NGINX_PORT=8088
NEXUS=${NEXUS:-https://localhost:8443}

work=$(mktemp -d)
brainhair_stopped=false
cleanup() {
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  if $brainhair_stopped; then "$ROOT/deploy/hivematrix" start brainhair >/dev/null 2>&1 || echo "could not start Brainhair again" >&2; fi
  rm -rf "$work"
}
trap cleanup EXIT
if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$BACKEND_PORT/health"; then
  "$ROOT/deploy/hivematrix" stop brainhair >/dev/null
  brainhair_stopped=true
fi

mkdir -p "$work/www" "$work/logs"
chmod 755 "$work"   # nginx workers run as www-data
# about 1 KB of JSON
{ printf '{"items":['; for i in $(seq 1 40); do printf '{"id":%d,"n":"item-%03d"},' "$i" "$i"; done; printf '{"id":0}]}'; } >"$work/www/data.json"
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 64; }
  server { listen 127.0.0.1:$BACKEND_PORT;
           location /api/ { default_type application/json; alias $work/www/; } }
  server { listen 127.0.0.1:$NGINX_PORT;
           location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
CONF
chmod -R a+rX "$work/www"
nginx -c "$work/nginx.conf" -p "$work"

# A real session: the browser's login, done with curl through Nexus and Keycloak's form.
password=$(sed -n 's/^HM_ADMIN_PASSWORD=//p' "$ROOT/var/credentials")
jar="$work/cookies"
curl -sk -c "$jar" -b "$jar" -L "$NEXUS/login?next=/brainhair/api/data.json" -o "$work/login.html"
action=$(grep -o 'action="[^"]*"' "$work/login.html" | head -n 1 | sed -e 's/^action="//' -e 's/"$//' -e 's/&amp;/\&/g')
landed=$(curl -sk -c "$jar" -b "$jar" -L --data-urlencode username=admin --data-urlencode "password=$password" \
  "$action" -o "$work/landed.json" -w '%{http_code} %{url_effective}')
echo "login landed on: $landed"
grep -q '"items"' "$work/landed.json" || { echo "login did not reach the backend through Nexus" >&2; exit 1; }
session=$(awk '$6 == "HMSESSION" { print $7 }' "$jar")

run() {
  echo "== $1"
  shift
  wrk -t2 -c"$CONNECTIONS" -d5s "$@" >/dev/null   # warm-up
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors'
}
run "direct backend" "http://127.0.0.1:$BACKEND_PORT/api/data.json"
run "nginx reverse proxy" "http://127.0.0.1:$NGINX_PORT/api/data.json"
run "Nexus (TLS, session)" -H "Cookie: HMSESSION=$session" "$NEXUS/brainhair/api/data.json"
