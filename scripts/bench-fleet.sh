#!/usr/bin/env bash
# A synthetic fleet planned through the fleet workflows on Temporal's test server with two worker
# JVMs in -Xmx512m each, against LifecyclePlanner alone over the same inventories
# (docs/performance/fleet.md).
# Usage: scripts/bench-fleet.sh [accounts] [regions] [items/shard] [concurrent] [shards/run]
#                              [shards/batch]
#        (default 1000 30 334 32 1000 16: 30,000 shards, about ten million items, two plan
#        batches of 16 shards in flight)
set -euo pipefail
cd "$(dirname "$0")/.."
ACCOUNTS=${1:-1000}; REGIONS=${2:-30}; ITEMS=${3:-334}; CONCURRENT=${4:-32}; PER_RUN=${5:-1000}
PER_BATCH=${6:-16}
PORT=${BENCH_PORT:-17233}
mvn -B -q -o -pl image-fleet -am -DskipTests -Dspotless.check.skip=true compile >/dev/null
OUT="$PWD/target/bench-fleet"
rm -rf "$OUT"; mkdir -p "$OUT/run"
mvn -B -q -o -pl image-fleet dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="image-fleet/target/classes:image-core/target/classes:$(cat "$OUT/cp.txt")"
MAIN=io.cloudimage.fleet.simulation.FleetSimulation
JAVA=(java ${BENCH_JAVA_OPTS:-} -cp "$CP")

echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== planner alone, one thread, -Xmx512m"
"${JAVA[@]}" -Xmx512m "$MAIN" planner "$ACCOUNTS" "$REGIONS" "$ITEMS"

echo "== workflows: test server + 2 worker JVMs (-Xmx512m each)"
"${JAVA[@]}" -Xmx1g "$MAIN" fleet "$PORT" "$OUT/run" "$ACCOUNTS" "$REGIONS" "$ITEMS" \
  "$CONCURRENT" "$PER_RUN" 2 "$PER_BATCH" > "$OUT/fleet.out" 2>&1 &
FLEET=$!
while [ ! -f "$OUT/run/server.ready" ]; do sleep 0.2; done
WORKERS=()
for i in 1 2; do
  "${JAVA[@]}" -Xmx512m "$MAIN" worker "$PORT" "$OUT/run" "$ACCOUNTS" "$REGIONS" "$ITEMS" \
    > "$OUT/worker-$i.out" 2>&1 &
  WORKERS+=($!)
done
wait "$FLEET" || { cat "$OUT/fleet.out"; kill "${WORKERS[@]}"; exit 1; }
sleep 1.5   # one more heap line from each worker
kill "${WORKERS[@]}" 2>/dev/null || true
wait "${WORKERS[@]}" 2>/dev/null || true
# The server's own shutdown logs gRPC noise; the run's line is the one that counts.
grep -E '^(workflows|server and client cpu|Exception|Caused by)' "$OUT/fleet.out" || cat "$OUT/fleet.out"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$OUT"/run/*.heap
