#!/usr/bin/env bash
# The crash test in full: every sink, 5,000 tickets, 10 SIGKILLs per run, 10% of the target's write answers lost.
# The sandbox and the bridge run as separate processes from target/ticketbridge.jar; the outcome is counted
# through the target vendor's API. Prints the table and appends it to target/crash-report.md.
# Override: TICKETS=… KILLS=… RUNS=from:to:faults[:concurrency],… LIFE_MS=… SEED=… scripts/crash-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-keliweb:superoffice:lost,superoffice:thulium:lost,thulium:plusofon:lost,plusofon:keliweb:lost,thulium:keliweb:mixed:8}
args=(-Dcrash.tickets="${TICKETS:-5000}" -Dcrash.kills="${KILLS:-10}" -Dcrash.runs="$RUNS" -Dcrash.lifeMs="${LIFE_MS:-500}")
[ -n "${SEED:-}" ] && args+=(-Dcrash.seed="$SEED")
mvn -B verify -Dit.test=CrashIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false "${args[@]}"
