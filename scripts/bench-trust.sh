#!/usr/bin/env bash
# Measures image-security's digest engine and detached-signature check beside openssl dgst and
# gpg --verify on the same file, in one run. Usage: scripts/bench-trust.sh [SIZE_MIB] (default 1024)
# Every figure is the best of 3 timed runs after one warm-up (page cache hot for all tools).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB="${1:-1024}"
WORK="$(mktemp -d /tmp/cloudimage-bench-trust.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
log() { printf '[bench-trust] %s\n' "$*" >&2; }

mvn -B -q -pl image-security -am install -DskipTests
mvn -B -q -pl image-security test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp" >/dev/null
CP="image-security/target/classes:image-security/target/test-classes:$(cat "$WORK/cp")"
ours() { java -cp "$CP" io.cloudimage.security.bench.TrustBench "$@" | sed 's/seconds=//'; }
best() { # best wall time of 3 runs of a command, after one warm-up
  "$@" >/dev/null 2>&1
  local b=999999
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N)
    b=$(echo "if ($t1 - $t0 < $b) $t1 - $t0 else $b" | bc -l)
  done
  printf '%.3f' "$b"
}

FILE="$WORK/image.bin"
log "writing $SIZE_MIB MiB of random data"
head -c "$((SIZE_MIB << 20))" /dev/urandom >"$FILE"
export GNUPGHOME="$WORK/gnupg"; mkdir -m 700 "$GNUPGHOME"
gpg -q --batch --pinentry-mode loopback --passphrase x --quick-gen-key "Bench <bench@example.org>" rsa3072 sign never
gpg -q --batch --pinentry-mode loopback --passphrase x --digest-algo SHA256 --detach-sign -o "$FILE.sig" "$FILE"
gpg -q --export bench@example.org >"$WORK/keyring.gpg"

O256=$(best openssl dgst -sha256 "$FILE")
O512=$(best openssl dgst -sha512 "$FILE")
OMD5=$(best openssl dgst -md5 "$FILE")
GPGV=$(best gpg --batch --verify "$FILE.sig" "$FILE")
J256=$(ours digest "$FILE" sha256)
J3=$(ours digest "$FILE" sha256 sha512 md5)
JV=$(ours verify "$FILE" "$FILE.sig" "$WORK/keyring.gpg")
SLOW=$(printf '%s\n' "$O256" "$O512" "$OMD5" | sort -g | tail -1)
ratio() { echo "scale=2; $1 / $2" | bc -l; }
cat <<REPORT
file: $SIZE_MIB MiB, $(nproc) cores, $(java -version 2>&1 | head -1)
openssl dgst -sha256      ${O256}s
openssl dgst -sha512      ${O512}s
openssl dgst -md5         ${OMD5}s
gpg --verify (SHA256)     ${GPGV}s
cloudimage sha256         ${J256}s   speed vs openssl sha256: $(ratio "$O256" "$J256")x (target >= 0.95)
cloudimage sha256+512+md5 ${J3}s   speed vs slowest openssl: $(ratio "$SLOW" "$J3")x (target >= 0.9)
cloudimage verify         ${JV}s   vs openssl sha256: $(ratio "$O256" "$JV")x (target >= 0.9), vs gpg --verify: $(ratio "$GPGV" "$JV")x (target >= 2)
REPORT
