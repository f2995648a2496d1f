#!/usr/bin/env bash
# Benchmarks the aws provider's listing and copying, in two parts:
#  1. against a local endpoint that pages DescribeImages as EC2 does (AwsPagedListBenchmark):
#     IMAGES images (default 10,000), images listed per second through the provider (sync client)
#     and the SDK's async client, and the speed-up of 8 CopyImage calls in flight over one at a
#     time when each call takes 100 ms; writes target/bench-aws-paged.txt;
#  2. against the local AWS emulator (moto), which answers DescribeImages in one page of every
#     image: MOTO_IMAGES images (default 1,000) seeded through the SDK, the same figures, copies
#     made by the emulator; writes target/bench-aws-list.txt.
#
# Usage: scripts/bench-aws-list.sh [IMAGES]   (MOTO_IMAGES=0 skips the emulator part)
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGES="${1:-10000}"
MOTO_IMAGES="${MOTO_IMAGES:-1000}"
log() { printf '[bench-aws-list] %s\n' "$*" >&2; }

mkdir -p target
PAGED="$PWD/target/bench-aws-paged.txt"
rm -f "$PAGED"
log "listing $IMAGES images from a paging endpoint"
CLOUDIMAGE_BENCH_OUT="$PAGED" CLOUDIMAGE_BENCH_IMAGES="$IMAGES" \
  mvn -B -q -o -pl image-core,image-aws -Dspotless.check.skip=true test \
    -Dtest=AwsPagedListBenchmark -Dsurefire.failIfNoSpecifiedTests=false
[ -s "$PAGED" ] || { log "no figures written; see image-aws/target/surefire-reports"; exit 1; }
cat "$PAGED"
[ "$MOTO_IMAGES" -gt 0 ] || exit 0

python3 -c 'import moto.server' 2>/dev/null || { log "needs moto: pip install 'moto[server]==5.2.1'"; exit 2; }
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
# The default AMIs would be loaded into every account the benchmark touches; it needs none.
MOTO_EC2_LOAD_DEFAULT_AMIS=false python3 -m moto.server -H 127.0.0.1 -p "$PORT" >target/bench-moto.log 2>&1 &
MOTO_PID=$!
trap 'kill "$MOTO_PID" 2>/dev/null || true; wait "$MOTO_PID" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 150); do
  curl -fsS "http://127.0.0.1:$PORT/moto-api/" >/dev/null 2>&1 && break
  kill -0 "$MOTO_PID" 2>/dev/null || { cat target/bench-moto.log >&2; exit 1; }
  sleep 0.2
done

OUT="$PWD/target/bench-aws-list.txt"
rm -f "$OUT"
log "seeding $MOTO_IMAGES images into the emulator at 127.0.0.1:$PORT and measuring"
CLOUDIMAGE_AWS_ENDPOINT="http://127.0.0.1:$PORT" CLOUDIMAGE_BENCH_OUT="$OUT" \
  CLOUDIMAGE_BENCH_IMAGES="$MOTO_IMAGES" \
  mvn -B -q -o -pl image-core,image-aws -Dspotless.check.skip=true test \
    -Dtest=AwsListBenchmark -Dsurefire.failIfNoSpecifiedTests=false
[ -s "$OUT" ] || { log "no figures written; see image-aws/target/surefire-reports"; exit 1; }
cat "$OUT"
