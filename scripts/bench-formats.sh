#!/usr/bin/env bash
# Reads disk images with cloudimage beside qemu-img on the same files, in one run.
# Usage: scripts/bench-formats.sh [SIZE_MIB] (default 1024)
#  1. a SIZE_MIB qcow2 full of random data (and one of compressible data with compressed clusters)
#     read sequentially as a virtual disk by cloudimage, and by `qemu-img convert -O raw` into
#     QEMU's null block driver (qemu-img refuses /dev/null itself: "Cannot grow device files");
#  2. inspect time of sparse qcow2, vmdk, vhd and vhdx images from 1 GiB to 4 TiB virtual, each
#     holding the same 64 MiB of data: the time should not grow with the virtual size.
# Every figure is the best of 3 timed runs after one warm-up (page cache hot for both tools).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB="${1:-1024}"
WORK="$(mktemp -d /tmp/cloudimage-bench-formats.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
log() { printf '[bench-formats] %s\n' "$*" >&2; }

# With -am every module writes the class path file in turn; image-core, built last, wins.
mvn -B -q -pl image-core -am test-compile dependency:build-classpath -Dspotless.check.skip=true \
  -Dmdep.outputFile="$WORK/cp" >/dev/null
# Copies, so that a build during the run cannot change the classes under the benchmark.
cp -r image-core/target/classes "$WORK/classes"
cp -r image-core/target/test-classes "$WORK/test-classes"
CP="$WORK/classes:$WORK/test-classes:$(cat "$WORK/cp")"
ours() { java -cp "$CP" io.cloudimage.core.format.bench.FormatsBench "$@" 2>/dev/null | sed 's/seconds=//'; }
best() { # best wall time of 3 runs of a command, after one warm-up that must succeed
  "$@" >/dev/null 2>&1 || { log "failed: $*"; "$@"; exit 1; }
  local b=999999
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N)
    b=$(echo "if ($t1 - $t0 < $b) $t1 - $t0 else $b" | bc -l)
  done
  printf '%.3f' "$b"
}
ratio() { echo "scale=2; $1 / $2" | bc -l; }

log "writing $SIZE_MIB MiB of random data as qcow2 (plain and compressed)"
head -c "$((SIZE_MIB << 20))" /dev/urandom >"$WORK/disk.raw"
qemu-img convert -f raw -O qcow2 "$WORK/disk.raw" "$WORK/disk.qcow2"
# Compressible data for the compressed image: random bytes would not shrink.
head -c "$((SIZE_MIB * 3 << 18))" /dev/urandom | base64 -w0 >"$WORK/text.raw"
qemu-img convert -f raw -O qcow2 -c "$WORK/text.raw" "$WORK/disk-c.qcow2"
rm -f "$WORK/disk.raw" "$WORK/text.raw"

BYTES=$((SIZE_MIB << 20))
to_null() { qemu-img convert -n -f qcow2 --target-image-opts "$1" "driver=null-co,size=$BYTES"; }
Q=$(best to_null "$WORK/disk.qcow2")
C=$(ours read "$WORK/disk.qcow2")
QC=$(best to_null "$WORK/disk-c.qcow2")
CC=$(ours read "$WORK/disk-c.qcow2")
cat <<REPORT
machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(qemu-img --version | head -1)
read $SIZE_MIB MiB qcow2 (random data)
  qemu-img convert to null-co          ${Q}s
  cloudimage virtual-disk read          ${C}s   speed vs qemu-img: $(ratio "$Q" "$C")x (target >= 1)
read $SIZE_MIB MiB qcow2, deflate-compressed clusters ($(du -m "$WORK/disk-c.qcow2" | cut -f1) MiB file)
  qemu-img convert to null-co          ${QC}s
  cloudimage virtual-disk read          ${CC}s   speed vs qemu-img: $(ratio "$QC" "$CC")x
inspect (same 64 MiB of data, growing virtual size; best of 3 in one JVM after a warm-up)
REPORT
for fmt in qcow2 vmdk vpc vhdx; do
  line="  $fmt"
  for size in 1G 64G 1T 4T; do
    [ "$fmt" = vpc ] && [ "$size" = 4T ] && { line="$line  4T: n/a (VHD max 2040G)"; continue; }
    img="$WORK/sparse-$size.$fmt"
    if ! qemu-img create -q -f "$fmt" "$img" "$size" 2>/dev/null; then
      line="$line  $size: n/a"
      continue
    fi
    qemu-io -f "$fmt" -c "write -P 0x5a 0 64M" "$img" >/dev/null
    t=$(ours inspect "$img" 3)
    line="$line  $size: ${t}s"
    rm -f "$img"
  done
  echo "$line"
done
