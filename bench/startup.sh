#!/usr/bin/env bash
# Benchmark: start-up of the default run. Prints ms from `java -jar` to Camel "started", and to the first
# canonical ticket of every vendor under data/tickets/. Runs in a scratch copy of the working directory.
# Usage: bench/startup.sh [RUNS]   (needs target/ticketbridge.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
jar=$PWD/target/ticketbridge.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
for run in $(seq "$runs"); do
  work=$(mktemp -d)
  cp -r application.properties routes "$work"/
  (cd "$work" && exec java -Dticketbridge.sandbox.port-base=0 -jar "$jar" > log.txt 2>&1) &
  pid=$!
  start=$(date +%s%N); started=""; all=""
  while [ -z "$all" ] && [ $(( ($(date +%s%N) - start) / 1000000 )) -lt 60000 ]; do
    now=$(( ($(date +%s%N) - start) / 1000000 ))
    [ -z "$started" ] && grep -q "started in" "$work/log.txt" 2>/dev/null && started=$now
    n=0; for v in thulium plusofon keliweb superoffice; do ls "$work/data/tickets/$v/"*.json >/dev/null 2>&1 && n=$((n+1)); done
    [ "$n" -eq 4 ] && all=$now
    sleep 0.05
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "run $run: camel started ${started:-?} ms, first ticket of all 4 vendors ${all:-timeout} ms"
  rm -rf "$work"
done
