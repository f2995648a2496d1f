#!/usr/bin/env bash
# Planning versus parsing a large inventory, in -Xmx512m (docs/performance/lifecycle.md).
# Usage: scripts/bench-lifecycle.sh [items]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl image-core -DskipTests compile >/dev/null
OUT="$PWD/target/bench-lifecycle"
mkdir -p "$OUT"
mvn -B -q -pl image-core dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="image-core/target/classes:$(cat "$OUT/cp.txt")"
javac -d "$OUT" -cp "$CP" image-bench/src/main/java/io/cloudimage/bench/jmh/lifecycle/PlanningVersusParsing.java
java -Xmx512m ${BENCH_JAVA_OPTS:-} -cp "$OUT:$CP" io.cloudimage.bench.jmh.lifecycle.PlanningVersusParsing "${1:-1000000}"
