#!/usr/bin/env bash
# Measures `cloudimage digest` from the command line (bin/cloudimage, a new JVM per run) beside
# `openssl dgst -sha256` on the same file, page cache warm.
# Usage: scripts/bench-digest-cli.sh [SIZE_MIB] (default 1024)   RUNS=N runs of each (default 5)
#
# The commands run alternately, RUNS times each after one warm-up of each:
#  - openssl dgst -sha256 FILE;
#  - bin/cloudimage --quiet digest FILE;
#  - bin/cloudimage --quiet digest EMPTY, the same command on an empty file: the JVM's start,
#    the command's model and the classes the command loads, without any hashing;
#  - bin/cloudimage --version, the JVM's start alone (answered before any command model).
# It prints the median wall and CPU (user + system) seconds of each and the command line's
# hashing rate against openssl's, with the start taken off in both ways: (digest - digest EMPTY)
# and (digest - --version). The library's own figure, measured in one warm JVM, comes from
# scripts/bench-trust.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB="${1:-1024}"
RUNS="${RUNS:-5}"
CLI=examples/target/cloudimage/bin/cloudimage
log() { printf '[bench-digest-cli] %s\n' "$*" >&2; }

if [ ! -x /usr/bin/time ] || ! command -v openssl >/dev/null || ! command -v bc >/dev/null; then
  log "installing time, openssl, bc"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time openssl bc >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time openssl bc >/dev/null
  fi
fi
if [ ! -x "$CLI" ]; then
  log "building the distribution folder (examples/target/cloudimage)"
  mvn -B -q -pl examples -am package -DskipTests -Dspotless.check.skip=true >/dev/null
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cloudimage-bench-digest.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
FILE="$WORK/image.raw"
EMPTY="$WORK/empty.raw"
log "writing $SIZE_MIB MiB of random data"
head -c "$((SIZE_MIB << 20))" /dev/urandom >"$FILE"
: >"$EMPTY"
cat "$FILE" >/dev/null # page cache warm

ours=$("$CLI" --quiet digest "$FILE" | cut -d' ' -f3)
theirs=$(openssl dgst -sha256 -r "$FILE" | cut -d' ' -f1)
[ "$ours" = "$theirs" ] || { log "digests differ: $ours against $theirs"; exit 1; }

# run NAME COMMAND...: one timed run, appending "WALL CPU" to $WORK/NAME.
run() {
  local name=$1
  shift
  local t0 t1 u s
  t0=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o "$WORK/time" "$@" >/dev/null 2>&1
  t1=$(date +%s%N)
  read -r u s < <(tail -n 1 "$WORK/time")
  echo "$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc -l) $(echo "$u + $s" | bc -l)" >>"$WORK/$name"
}
median() { # median of column $2 of file $1
  sort -g -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

openssl dgst -sha256 "$FILE" >/dev/null
"$CLI" --quiet digest "$FILE" >/dev/null
for _ in $(seq "$RUNS"); do
  run openssl openssl dgst -sha256 "$FILE"
  run digest "$CLI" --quiet digest "$FILE"
  run empty "$CLI" --quiet digest "$EMPTY"
  run version "$CLI" --version
done

ratio() { echo "scale=2; $1 / $2" | bc -l; }
OW=$(median "$WORK/openssl" 1); OC=$(median "$WORK/openssl" 2)
DW=$(median "$WORK/digest" 1); DC=$(median "$WORK/digest" 2)
EW=$(median "$WORK/empty" 1); EC=$(median "$WORK/empty" 2)
VW=$(median "$WORK/version" 1); VC=$(median "$WORK/version" 2)
echo "file: $SIZE_MIB MiB, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), median of $RUNS"
printf '%-40s %8s %8s\n' "command" "wall s" "cpu s"
printf '%-40s %8s %8s\n' "openssl dgst -sha256" "$OW" "$OC"
printf '%-40s %8s %8s\n' "cloudimage --quiet digest FILE" "$DW" "$DC"
printf '%-40s %8s %8s\n' "cloudimage --quiet digest EMPTY" "$EW" "$EC"
printf '%-40s %8s %8s\n' "cloudimage --version" "$VW" "$VC"
echo "command line vs openssl, less the command's start (digest EMPTY): $(ratio "$OW" "$(echo "$DW - $EW" | bc -l)")x wall, $(ratio "$OC" "$(echo "$DC - $EC" | bc -l)")x CPU"
echo "command line vs openssl, less the JVM's start (--version):        $(ratio "$OW" "$(echo "$DW - $VW" | bc -l)")x wall, $(ratio "$OC" "$(echo "$DC - $VC" | bc -l)")x CPU"
