#!/usr/bin/env bash
# The crash test in full: every sink, 5,000 tickets, 10 SIGKILLs per run, with and without faults.
# The sandbox and the bridge run as separate processes from target/ticketbridge.jar; the outcome is counted
# through the target vendor's API. Prints the table and appends it to target/crash-report.md.
# Override: TICKETS=… KILLS=… RUNS=from:to:faults,… LIFE_MS=… SEED=… scripts/crash-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-keliweb:superoffice:none,superoffice:thulium:none,thulium:plusofon:none,plusofon:keliweb:none,keliweb:superoffice:mixed,superoffice:thulium:mixed,thulium:plusofon:mixed,plusofon:keliweb:mixed}
args=(-Dcrash.tickets="${TICKETS:-5000}" -Dcrash.kills="${KILLS:-10}" -Dcrash.runs="$RUNS" -Dcrash.lifeMs="${LIFE_MS:-15000}")
[ -n "${SEED:-}" ] && args+=(-Dcrash.seed="$SEED")
mvn -B verify -Dit.test=CrashIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false "${args[@]}"
