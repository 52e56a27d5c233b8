#!/usr/bin/env bash
# Benchmark: convert throughput on a large file, and JVM start-up of the CLI.
# Usage: bench/convert-throughput.sh [TICKETS]   (needs target/ticketbridge.jar: mvn -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
jar=target/ticketbridge.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 bench/gen_thulium.py "$n" > "$work/tickets.ndjson"
bytes=$(stat -c %s "$work/tickets.ndjson")

# start-up: the cheapest full CLI round trip (JVM + class loading + --version), best of 5
best=999999
for _ in 1 2 3 4 5; do
  s=$(date +%s%N); java -jar "$jar" --version > /dev/null; e=$(date +%s%N)
  ms=$(( (e - s) / 1000000 )); [ "$ms" -lt "$best" ] && best=$ms
done
echo "cli start-up (java -jar --version): ${best} ms (best of 5)"

# throughput: 3 runs, median wall time and peak RSS
for run in 1 2 3; do
  /usr/bin/time -f "%e %M" -o "$work/time.$run" java -jar "$jar" convert --from thulium "$work/tickets.ndjson" > "$work/out.ndjson"
done
read -r wall rss < <(for r in 1 2 3; do cat "$work/time.$r"; done | sort -n | sed -n 2p)
lines=$(wc -l < "$work/out.ndjson")
awk -v n="$lines" -v w="$wall" -v b="$bytes" -v r="$rss" 'BEGIN {
  printf "convert --from thulium: %d tickets, %.1f MB in %.2f s (median of 3) = %.0f tickets/s, %.1f MB/s, peak RSS %.0f MB\n",
         n, b / 1048576, w, n / w, b / 1048576 / w, r / 1024 }'
