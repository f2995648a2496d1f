#!/usr/bin/env bash
# Times `cloudimage sbom generate` beside cdxgen (`cdxgen -t rootfs`) on the same Debian root
# filesystem folder, side by side, and prints the figures docs/performance/sbom.md quotes.
# Usage: scripts/bench-sbom.sh [ROOT]   (RUNS=N to change the 3 timed runs; CDXGEN=path to use an
# installed cdxgen instead of installing one)
# Without ROOT, a root of about 750 packages is built from this machine's dpkg database:
# /var/lib/dpkg, os-release and every installed package's copyright file.
# Each figure is the best of 3 (RUNS) timed runs after one warm-up (page cache hot for both tools).
# Needs: java, node/npm (cdxgen is installed into a temporary folder), bc.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="$(mktemp -d /tmp/cloudimage-bench-sbom.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
log() { printf '[bench-sbom] %s\n' "$*" >&2; }

ROOT="${1:-}"
if [ -z "$ROOT" ]; then
  ROOT="$WORK/root"
  log "building a root from this machine's dpkg database"
  mkdir -p "$ROOT/var/lib" "$ROOT/etc" "$ROOT/usr/share/doc"
  cp -a /var/lib/dpkg "$ROOT/var/lib/dpkg"
  cp -L /etc/os-release "$ROOT/etc/os-release"
  [ -f /etc/debian_version ] && cp /etc/debian_version "$ROOT/etc/"
  [ -f /etc/lsb-release ] && cp /etc/lsb-release "$ROOT/etc/"
  dpkg-query -W -f='${Package}\n' | sort -u | while read -r p; do
    if [ -f "/usr/share/doc/$p/copyright" ]; then
      mkdir -p "$ROOT/usr/share/doc/$p"
      cp -L "/usr/share/doc/$p/copyright" "$ROOT/usr/share/doc/$p/copyright"
    fi
  done
fi
PACKAGES=$(grep -c '^Status: install ok installed' "$ROOT/var/lib/dpkg/status" || true)

JAR=examples/target/cloudimage.jar
if [ ! -f "$JAR" ]; then
  log "building the command line"
  mvn -B -q -pl examples -am package -DskipTests
fi
mkdir -p "$WORK/home"
if [ -z "${CDXGEN:-}" ]; then
  CDX="$WORK/cdxgen"
  mkdir -p "$CDX"
  log "installing cdxgen into $CDX"
  (cd "$CDX" && npm install --silent --no-audit --no-fund @cyclonedx/cdxgen >/dev/null 2>&1)
  CDXGEN="$CDX/node_modules/.bin/cdxgen"
fi
RUNS="${RUNS:-3}"
CDXGEN_VERSION=$("$CDXGEN" --version 2>/dev/null | tail -1)

best() { # best wall time of $RUNS runs of a command, after one warm-up
  "$@" >/dev/null 2>&1
  local b=999999
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N)
    b=$(echo "if ($t1 - $t0 < $b) $t1 - $t0 else $b" | bc -l)
  done
  printf '%.3f' "$b"
}
ours() { java -jar "$JAR" sbom generate "$ROOT" -o "$WORK/ours.json"; }
theirs() { HOME="$WORK/home" FETCH_LICENSE=false "$CDXGEN" -t rootfs -o "$WORK/cdxgen.json" "$ROOT"; }

OURS=$(best ours)
THEIRS=$(best theirs)
count() { node -e 'const b=require(process.argv[1]);console.log((b.components||[]).length)' "$1"; }
cat <<REPORT
root: $ROOT ($PACKAGES installed packages), $(nproc) cores, $(java -version 2>&1 | head -1), node $(node --version)
cdxgen $CDXGEN_VERSION -t rootfs  ${THEIRS}s  $(count "$WORK/cdxgen.json") components
cloudimage sbom generate  ${OURS}s  $(count "$WORK/ours.json") components
speed-up: $(echo "scale=1; $THEIRS / $OURS" | bc -l)x (target >= 10)
REPORT
