#!/usr/bin/env bash
# Measures the delta engine beside xdelta3 and rsync's batch mode on the same files.
# Usage: scripts/bench-delta.sh [SIZE_MIB] (default 1024)   BIG=1 also checks an 8 GiB image
# with -Xmx256m.   RUNS=N takes the best of N timed runs per figure (default 1).
# CASES="rewrite insert" chooses the cases; TMPDIR=/dev/shm keeps every file in memory (tmpfs),
# which separates the engines from the disk. Times are wall seconds with CPU seconds beside them.
# PEERS=0 times cloudimage alone (no xdelta3 or rsync runs): the quick check of apply's rate.
#
# Generates, in a temp folder: a base image of SIZE_MIB random MiB; "rewrite", the base with 5%
# of its 64 KiB regions (chosen with a fixed seed) rewritten with random data; "insert", the base
# with 1 MiB of random data inserted at an unaligned offset (a third in, plus 12345). Then, page
# cache warm (every file is read once first), times each tool creating a delta old -> new and
# applying it, and prints delta sizes, times and the ratios the targets are stated in:
#  - cloudimage: block mode (512 KiB blocks) and CDC mode (64 KiB average chunks), one JVM per
#    operation (start-up included), apply = rebuild + base and target SHA-256 checks + fsync;
#  - xdelta3 -e -B <size rounded up to a power of two, >= the file> -s old new delta (its best
#    setting: the source window holds the whole base), xdelta3 -d to apply;
#  - rsync --no-whole-file --only-write-batch (between local paths rsync otherwise copies whole
#    files), rsync --read-batch to apply.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB="${1:-1024}"
RUNS="${RUNS:-1}"
CASES="${CASES:-rewrite insert}"
PEERS="${PEERS:-1}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cloudimage-bench-delta.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
log() { printf '[bench-delta] %s\n' "$*" >&2; }

need() { command -v "$1" >/dev/null 2>&1; }
if ! need xdelta3 || ! need rsync || ! need bc || ! need python3 || [ ! -x /usr/bin/time ]; then
  log "installing xdelta3, rsync, bc, python3, time"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xdelta3 rsync bc python3 time >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xdelta3 rsync bc python3 time >/dev/null
  fi
fi

log "building image-core and its test classes"
mvn -B -q -pl image-core -am -DskipTests -Dspotless.check.skip=true test-compile >/dev/null
mvn -B -q -pl image-core dependency:build-classpath -Dmdep.outputFile="$WORK/cp" >/dev/null
CP="image-core/target/classes:image-core/target/test-classes:$(cat "$WORK/cp")"
# shellcheck disable=SC2206 # JAVA_OPTS is a list of options
OURS=(java ${JAVA_OPTS:-} -cp "$CP" io.cloudimage.core.delta.DeltaBench)

# best COMMAND...: "WALL CPU", the best wall time of RUNS runs and that run's CPU time (user +
# system, all threads), in seconds. On a shared machine CPU time is the steadier figure.
best() {
  local b=999999 c=0 w u s
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %U %S' -o "$WORK/time" "$@" >/dev/null 2>&1
    # The last line: time prints "Command exited with non-zero status N" first on a failure.
    read -r w u s < <(tail -n 1 "$WORK/time")
    if [ "$(echo "$w < $b" | bc -l)" = 1 ]; then b=$w; c=$(echo "$u + $s" | bc -l); fi
  done
  printf '%.2f %.2f' "$b" "$c"
}
wall() { echo "${1% *}"; }
cpu() { echo "${1#* }"; }
ratio() { echo "scale=2; $1 / $2" | bc -l; }
mib() { echo "scale=2; $1 / 1048576" | bc -l; }

BASE="$WORK/base.img"
log "generating a $SIZE_MIB MiB base and its two new versions"
head -c "$((SIZE_MIB << 20))" /dev/urandom >"$BASE"
cp "$BASE" "$WORK/rewrite.img"
CHANGED=$(python3 - "$WORK/rewrite.img" <<'PY'
import os, random, sys
path = sys.argv[1]
regions = os.path.getsize(path) // 65536
picked = random.Random(42).sample(range(regions), regions * 5 // 100)
fd = os.open(path, os.O_WRONLY)
for i in picked:
    os.pwrite(fd, os.urandom(65536), i * 65536)
os.close(fd)
print(len(picked) * 65536)
PY
)
OFFSET=$(( (SIZE_MIB << 20) / 3 + 12345 ))
{ head -c "$OFFSET" "$BASE"; head -c 1048576 /dev/urandom; tail -c +"$((OFFSET + 1))" "$BASE"; } >"$WORK/insert.img"
WINDOW=1; while [ "$WINDOW" -lt "$(( (SIZE_MIB + 1) << 20 ))" ]; do WINDOW=$((WINDOW * 2)); done

report() { printf '%-44s %10s %18s %18s\n' "$@"; }
echo "image: $SIZE_MIB MiB, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), best of $RUNS"
echo "rewrite: $(mib "$CHANGED") MiB changed in 64 KiB regions; insert: 1 MiB at offset $OFFSET"

for CASE in $CASES; do
  NEW="$WORK/$CASE.img"
  cat "$BASE" "$NEW" >/dev/null # page cache warm
  echo
  echo "== $CASE"
  report "tool" "delta MiB" "create s (cpu s)" "apply s (cpu s)"
  for MODE in block cdc; do
    SIZE=$([ "$MODE" = block ] && echo 524288 || echo 65536)
    C=$(best "${OURS[@]}" create "$MODE" "$SIZE" "$BASE" "$NEW" "$WORK/d.$MODE")
    rm -f "$WORK/out.img"
    A=$(best sh -c "rm -f '$WORK/out.img'; java ${JAVA_OPTS:-} -cp '$CP' io.cloudimage.core.delta.DeltaBench apply '$BASE' '$WORK/d.$MODE' '$WORK/out.img'")
    cmp -s "$WORK/out.img" "$NEW" || { log "cloudimage $MODE did not rebuild $CASE"; exit 1; }
    S=$(stat -c %s "$WORK/d.$MODE")
    report "cloudimage $MODE" "$(mib "$S")" "$(wall "$C") ($(cpu "$C"))" "$(wall "$A") ($(cpu "$A"))"
    eval "OURS_${CASE}_${MODE}_C=$(wall "$C") OURS_${CASE}_${MODE}_CC=$(cpu "$C") OURS_${CASE}_${MODE}_A=$(wall "$A") OURS_${CASE}_${MODE}_AC=$(cpu "$A") OURS_${CASE}_${MODE}_S=$S"
  done
  if [ "$PEERS" = 0 ]; then
    rm -f "$WORK/out.img" "$WORK"/d.*
    continue
  fi
  XC=$(best xdelta3 -e -f -B "$WINDOW" -s "$BASE" "$NEW" "$WORK/d.xd3")
  XA=$(best xdelta3 -d -f -B "$WINDOW" -s "$BASE" "$WORK/d.xd3" "$WORK/out.img")
  cmp -s "$WORK/out.img" "$NEW" || { log "xdelta3 did not rebuild $CASE"; exit 1; }
  XS=$(stat -c %s "$WORK/d.xd3")
  report "xdelta3 -e -B $WINDOW" "$(mib "$XS")" "$(wall "$XC") ($(cpu "$XC"))" "$(wall "$XA") ($(cpu "$XA"))"
  mkdir -p "$WORK/src" "$WORK/dst"
  ln -f "$NEW" "$WORK/src/image.img"
  cp "$BASE" "$WORK/dst/image.img"
  RC=$(best rsync --no-whole-file --only-write-batch="$WORK/batch" "$WORK/src/image.img" "$WORK/dst/image.img")
  RA=$(best sh -c "cp '$BASE' '$WORK/dst/image.img' && rsync --read-batch='$WORK/batch' '$WORK/dst/image.img'")
  cmp -s "$WORK/dst/image.img" "$NEW" || log "note: rsync's batch did not rebuild $CASE exactly"
  RS=$(stat -c %s "$WORK/batch")
  report "rsync --only-write-batch --no-whole-file" "$(mib "$RS")" "$(wall "$RC") ($(cpu "$RC"))" "$(wall "$RA") ($(cpu "$RA")) incl. cp"
  eval "X_${CASE}_C=$(wall "$XC") X_${CASE}_CC=$(cpu "$XC") R_${CASE}_C=$(wall "$RC")"
  rm -rf "$WORK/src" "$WORK/dst" "$WORK/batch" "$WORK/out.img" "$WORK"/d.*
done

echo
echo "== targets"
# gbs SECONDS: the image's size over SECONDS, in GB/s (10^9 bytes per second).
gbs() { echo "scale=2; $SIZE_MIB * 1048576 / 1000000000 / $1" | bc -l; }
if [ -n "${OURS_rewrite_block_S:-}" ]; then
  echo "rewrite, block delta / changed bytes: $(ratio "$OURS_rewrite_block_S" "$CHANGED") (target <= 1.05)"
  if [ "$PEERS" != 0 ]; then
    echo "rewrite, block create vs xdelta3: $(ratio "$X_rewrite_C" "$OURS_rewrite_block_C")x faster (target >= 10)"
    echo "rewrite, block create vs rsync batch: $(ratio "$R_rewrite_C" "$OURS_rewrite_block_C")x faster (target >= 3)"
  fi
  # Wall time includes the JVM's start and the fsync before the rename. CPU time over the cores
  # is the rate an idle machine of this size gives when every thread finds a free core.
  echo "apply (block, rewrite) with verification: $(gbs "$OURS_rewrite_block_A") GB/s wall, $OURS_rewrite_block_AC CPU s, $(gbs "$(echo "scale=3; $OURS_rewrite_block_AC / $(nproc)" | bc -l)") GB/s if CPU-bound on $(nproc) idle cores (target >= 1 GB/s)"
  echo "apply (cdc, rewrite) with verification: $(gbs "$OURS_rewrite_cdc_A") GB/s wall, $OURS_rewrite_cdc_AC CPU s"
fi
if [ -n "${OURS_insert_cdc_S:-}" ]; then
  echo "insert, cdc delta: $(mib "$OURS_insert_cdc_S") MiB (target <= 2)"
  if [ "$PEERS" != 0 ]; then
    echo "insert, cdc create vs xdelta3: $(ratio "$X_insert_C" "$OURS_insert_cdc_C")x faster in wall time, $(ratio "$X_insert_CC" "$OURS_insert_cdc_CC")x in CPU time (target >= 5)"
  fi
fi

if [ "${BIG:-0}" = 1 ]; then
  echo
  echo "== 8 GiB image with -Xmx256m"
  rm -f "$WORK"/*.img
  BIGB="$WORK/big-base.img"; BIGT="$WORK/big-new.img"
  head -c $((8 << 30)) /dev/urandom >"$BIGB"
  cp "$BIGB" "$BIGT"
  for i in 1 2 3 4 5 6 7 8; do
    dd if=/dev/urandom of="$BIGT" bs=1M count=4 seek=$((i * 1000)) conv=notrunc status=none
  done
  for MODE in block cdc; do
    SIZE=$([ "$MODE" = block ] && echo 524288 || echo 65536)
    /usr/bin/time -f "%e s, peak RSS %M KiB" java -Xmx256m -cp "$CP" io.cloudimage.core.delta.DeltaBench create "$MODE" "$SIZE" "$BIGB" "$BIGT" "$WORK/big.$MODE" 2>&1 | sed "s/^/create $MODE: /"
    /usr/bin/time -f "%e s, peak RSS %M KiB" java -Xmx256m -cp "$CP" io.cloudimage.core.delta.DeltaBench apply "$BIGB" "$WORK/big.$MODE" "$WORK/big-out.img" 2>&1 | sed "s/^/apply $MODE: /"
    cmp -s "$WORK/big-out.img" "$BIGT" && echo "apply $MODE: identical" || { echo "apply $MODE: DIFFERENT"; exit 1; }
    rm -f "$WORK/big-out.img"
  done
fi
