#!/usr/bin/env bash
# Measures the start of the command line: `cloudimage --version` through the distribution's
# launcher (bin/cloudimage, with its class-data-sharing archive) against
# `java -jar examples/target/cloudimage.jar --version`, in one run on the same build.
# Usage: scripts/bench-launcher.sh [RUNS] (default 20 of each)
# With hyperfine, also --help and `images list` on an empty home, launcher against java -jar.
#
# Two methods, both alternating the two commands so that machine load hits both alike:
#  - a shell loop: wall time (date +%s%N) and CPU time (user+system, from /usr/bin/time when it
#    is installed), mean and median of RUNS runs each, after one warm-up of each;
#  - hyperfine, when it is installed, for mean +- standard deviation of wall time.
# CPU time is the steadier figure on a shared machine: it does not grow while the process waits
# for a core.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-20}"
WORK="$(mktemp -d /tmp/cloudimage-bench-launcher.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
log() { printf '[bench-launcher] %s\n' "$*" >&2; }

if [ ! -x examples/target/cloudimage/bin/cloudimage ] || [ ! -f examples/target/cloudimage.jar ]; then
  log "building"
  mvn -B -q -DskipTests package
fi
LAUNCHER=examples/target/cloudimage/bin/cloudimage
JAR=examples/target/cloudimage.jar
[ -f examples/target/cloudimage/lib/cloudimage.jsa ] || log "warning: no class-data-sharing archive; the launcher runs without one"

# Both must print the same version before their times mean anything.
v1="$("$LAUNCHER" --version)"
v2="$(java -jar "$JAR" --version)"
[ "$v1" = "$v2" ] || { log "versions differ: '$v1' vs '$v2'"; exit 1; }
log "$v1; java: $(java -version 2>&1 | head -1); cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"

TIME=""
if [ -x /usr/bin/time ]; then TIME=/usr/bin/time; fi

# one NAME COMMAND...: appends "wall_ms cpu_ms" of one run to $WORK/NAME
one() {
  local name=$1
  shift
  local t0 t1 cpu=0
  t0=$(date +%s%N)
  if [ -n "$TIME" ]; then
    "$TIME" -f '%U %S' -o "$WORK/cpu" "$@" >/dev/null 2>&1
    cpu=$(awk '{printf "%d", ($1 + $2) * 1000}' "$WORK/cpu")
  else
    "$@" >/dev/null 2>&1
  fi
  t1=$(date +%s%N)
  echo "$(((t1 - t0) / 1000000)) $cpu" >>"$WORK/$name"
}

# stats FILE COLUMN: "mean median" of a column
stats() {
  sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR] = $c; s += $c} END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%d %d", s / NR, m }'
}

one warmup "$LAUNCHER" --version
one warmup java -jar "$JAR" --version
for _ in $(seq 1 "$RUNS"); do
  one launcher "$LAUNCHER" --version
  one jar java -jar "$JAR" --version
done

read -r lw_mean lw_med <<<"$(stats "$WORK/launcher" 1)"
read -r jw_mean jw_med <<<"$(stats "$WORK/jar" 1)"
printf '%-34s %10s %10s %10s %10s\n' "shell loop, $RUNS runs each" "wall mean" "wall med" "cpu mean" "cpu med"
if [ -n "$TIME" ]; then
  read -r lc_mean lc_med <<<"$(stats "$WORK/launcher" 2)"
  read -r jc_mean jc_med <<<"$(stats "$WORK/jar" 2)"
else
  lc_mean=-; lc_med=-; jc_mean=-; jc_med=-
fi
printf '%-34s %8s ms %8s ms %8s ms %8s ms\n' "java -jar cloudimage.jar --version" "$jw_mean" "$jw_med" "$jc_mean" "$jc_med"
printf '%-34s %8s ms %8s ms %8s ms %8s ms\n' "bin/cloudimage --version" "$lw_mean" "$lw_med" "$lc_mean" "$lc_med"
awk -v a="$lw_med" -v b="$jw_med" 'BEGIN { printf "launcher / jar, wall median: %.2f\n", a / b }'
if [ -n "$TIME" ]; then
  awk -v a="$lc_med" -v b="$jc_med" 'BEGIN { printf "launcher / jar, cpu median:  %.2f\n", a / b }'
fi

if command -v hyperfine >/dev/null; then
  echo
  hyperfine -N --warmup 1 --runs "$RUNS" --style basic \
    -n launcher "$LAUNCHER --version" \
    -n 'java -jar' "java -jar $JAR --version"
  # Beyond --version: the root's help (every command's name, no command built) and one real
  # command (images list on an empty home: one command's model, the provider and JSON classes).
  mkdir -p "$WORK/home"
  echo
  hyperfine -N --warmup 1 --runs "$RUNS" --style basic \
    -n 'launcher --help' "$LAUNCHER --help" \
    -n 'java -jar --help' "java -jar $JAR --help" \
    -n 'launcher images list' "$LAUNCHER --home $WORK/home images list" \
    -n 'java -jar images list' "java -jar $JAR --home $WORK/home images list"
fi
