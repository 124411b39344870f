#!/usr/bin/env bash
# Writes the Codex demo files (companies/contacts/assets/tickets CSV + billing_plans.json).
# usage: deploy/demo/generate.sh [--scale N] [--out DIR] [--seed S]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/codex/target/codex.jar"
if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && mvn -B -q -pl codex -am package -DskipTests)
fi
exec java -cp "$JAR" -Dloader.main=com.hivematrix.codex.demo.DemoDataGenerator \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
