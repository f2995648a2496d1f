#!/usr/bin/env bash
# Builds cloudimage and runs its guided tour on the embedded local provider.
# Usage: scripts/tour.sh [tour options, e.g. --workdir DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
exec java -jar examples/target/cloudimage.jar tour "$@"
