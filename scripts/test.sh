#!/usr/bin/env bash
# Runs every test of cloudimage: installs the tools the tests use, starts the local AWS
# emulator (moto) on a free loopback port, runs `mvn -B install` (which verifies first), checks the
# library's public signatures, builds the consumer project in examples/consumer on the module path,
# and stops what it started.
# Usage: scripts/test.sh [extra mvn arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
WORK="$ROOT/.cloudimage-work"
mkdir -p "$WORK"

log() { printf '[test.sh] %s\n' "$*" >&2; }

# 1. Debian packages the tests run for real.
PACKAGES=(fio stress-ng wrk qemu-utils xz-utils zstd gzip tar bc gnupg gpgv dpkg perl libdpkg-perl e2fsprogs curl python3 python3-venv openssh-server openssh-client mariadb-server chromium)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  log "installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi

# 2. The AWS emulator: the machine's moto if it has one, else a pinned moto in a venv.
MOTO_VERSION="5.2.1"
PYTHON=python3
if ! python3 -c 'import moto.server' 2>/dev/null; then
  if [ ! -x "$WORK/venv/bin/python" ] || ! "$WORK/venv/bin/python" -c 'import moto.server' 2>/dev/null; then
    log "installing moto[server]==$MOTO_VERSION into $WORK/venv"
    python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install -q "moto[server]==$MOTO_VERSION"
  fi
  PYTHON="$WORK/venv/bin/python"
fi

# 3. Start it on a free loopback port and wait until it answers.
PORT="$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
MOTO_EC2_LOAD_DEFAULT_AMIS=false "$PYTHON" -m moto.server -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
MOTO_PID=$!
stop_emulator() {
  if kill -0 "$MOTO_PID" 2>/dev/null; then
    kill "$MOTO_PID" 2>/dev/null || true
    wait "$MOTO_PID" 2>/dev/null || true
  fi
}
trap stop_emulator EXIT INT TERM
for _ in $(seq 1 150); do
  if curl -fsS "http://127.0.0.1:$PORT/moto-api/" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$MOTO_PID" 2>/dev/null; then log "moto exited early:"; cat "$WORK/moto.log" >&2; exit 1; fi
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$PORT/moto-api/" >/dev/null || { log "moto did not answer on port $PORT"; exit 1; }
export CLOUDIMAGE_AWS_ENDPOINT="http://127.0.0.1:$PORT"
log "AWS emulator at $CLOUDIMAGE_AWS_ENDPOINT (pid $MOTO_PID)"

# The whole run's count, from the test reports of every module, as the last line.
summarize() {
  python3 - <<'PY'
import glob
import xml.etree.ElementTree as ET
t = f = s = 0
for p in glob.glob("*/target/surefire-reports/TEST-*.xml"):
    r = ET.parse(p).getroot()
    t += int(r.get("tests", 0))
    f += int(r.get("failures", 0)) + int(r.get("errors", 0))
    s += int(r.get("skipped", 0))
print(f"{t - f - s} passed, {f} failed, {s} skipped")
PY
}

# 4. Every test; install then puts the library artifacts in the local repository for step 6.
mvn -B install "$@"

# Extra arguments that select modules build only part of the library: the whole-library checks
# (API signatures, the consumer) are then skipped. Offline mode carries over to them.
PARTIAL=""
CONSUMER_ARGS=()
for a in "$@"; do
  case "$a" in
    -pl | --projects | -pl=* | --projects=* | -rf | --resume-from | -rf=* | --resume-from=*) PARTIAL=1 ;;
    -o | --offline) CONSUMER_ARGS+=("$a") ;;
  esac
done

# 5. The distribution's launcher (built by the package phase on Unix) starts the same program as
#    the jar, with or without its class-data-sharing archive.
LAUNCHER=examples/target/cloudimage/bin/cloudimage
if [ -x "$LAUNCHER" ]; then
  expected="$(java -jar examples/target/cloudimage.jar --version)"
  [ "$("$LAUNCHER" --version)" = "$expected" ] || { log "bin/cloudimage --version differs from the jar's"; exit 1; }
  [ "$(CLOUDIMAGE_JAVA_OPTS=-Xshare:off "$LAUNCHER" --version)" = "$expected" ] || { log "bin/cloudimage fails without its archive"; exit 1; }
  # Moved elsewhere, the archive no longer matches the jar's path: the JVM must drop it silently.
  moved="$(mktemp -d /tmp/cloudimage-dist.XXXXXX)"
  cp -r examples/target/cloudimage "$moved/"
  out="$("$moved/cloudimage/bin/cloudimage" --version 2>&1)"
  rm -rf "$moved"
  [ "$out" = "$expected" ] || { log "a moved bin/cloudimage printed: $out"; exit 1; }
  log "launcher: $expected"
fi

if [ -n "$PARTIAL" ]; then
  log "modules selected: skipping the API signature check and the consumer project"
  summarize
  exit 0
fi

# 6. No public signature of the library names a Jackson, BouncyCastle or cloud SDK type.
scripts/check-api.sh

# 7. A consumer project compiles against the BOM and the library modules alone, on the module
#    path, and runs the README's snippets.
VERSION="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' cloudimage-bom/pom.xml | head -1)"
mvn -B -f examples/consumer/pom.xml -Dcloudimage.version="$VERSION" ${CONSUMER_ARGS[@]+"${CONSUMER_ARGS[@]}"} clean verify
log "consumer on the module path: ok (cloudimage $VERSION)"
summarize
