#!/usr/bin/env bash
# Benchmark: SuperOffice webhooks into the bridge. One Camel Main (shipped application.properties) serving a
# kamelet:superoffice-webhook-source -> ticket-file-sink route (HMAC-SHA256 signature checked, each change recorded
# in the H2 inbox before the 200, then fetched from the SuperOffice simulator and written) and, on the same embedded
# HTTP server, a plain platform-http route answering 200 at once (the baseline). Prints accepted requests/s for both
# and the webhook-to-sink latency (p50/p99) of events sent one at a time.
# Usage: bench/webhook-latency.sh [REQUESTS] [CONCURRENCY] [LATENCY_SAMPLES]   (default 3000 8 300)
# Needs the jar and the test classes: mvn -B -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/ticketbridge.jar
[ -f "$jar" ] && [ -d target/test-classes/io/ticketbridge/bench ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
exec java -cp "target/test-classes:$jar" io.ticketbridge.bench.WebhookBenchmark "$@"
