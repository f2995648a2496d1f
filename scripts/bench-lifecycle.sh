#!/usr/bin/env bash
# Planning versus parsing a large inventory, in -Xmx512m (docs/performance/lifecycle.md).
# Usage: scripts/bench-lifecycle.sh [items]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl image-core -DskipTests install >/dev/null
mvn -B -q -pl image-core dependency:build-classpath -Dmdep.outputFile=target/lifecycle-cp.txt >/dev/null
OUT=target/bench-lifecycle
mkdir -p "$OUT"
CP="image-core/target/classes:$(cat target/lifecycle-cp.txt)"
javac -d "$OUT" -cp "$CP" image-bench/src/main/java/io/cloudimage/bench/jmh/lifecycle/PlanningVersusParsing.java
java -Xmx512m -cp "$OUT:$CP" io.cloudimage.bench.jmh.lifecycle.PlanningVersusParsing "${1:-1000000}"
