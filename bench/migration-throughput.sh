#!/usr/bin/env bash
# Benchmark: Thulium -> Keliweb migration through the bridge (a kamelet:thulium-source -> kamelet:keliweb-sink route,
# state in an H2 file) next to a plain java.net.http + Jackson loop making the same calls, at the same concurrency,
# each run against a fresh `java -jar target/ticketbridge.jar sandbox --tickets N`. Prints tickets/s, the ratio,
# CPU ms per ticket (JIT and GC shown apart) and calls per ticket as the simulators counted them.
# Usage: bench/migration-throughput.sh [TICKETS] [CONCURRENCY...]     (default: 5000 1 8)
#   LATENCY_MS=50 bench/migration-throughput.sh 300 1 8    every sandbox call 50 ms slower
#   JFR=true ...                                           a JFR recording per run in target/bench/
# Needs the jar and the test classes: mvn -B -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/ticketbridge.jar
[ -f "$jar" ] && [ -d target/test-classes/io/ticketbridge/bench ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
exec java -Dbench.jar="$jar" -Dbench.latencyMs="${LATENCY_MS:-0}" -Dbench.jfr="${JFR:-false}" \
  -cp "target/test-classes:$jar" io.ticketbridge.bench.MigrationBenchmark "$@"
