#!/usr/bin/env bash
# Benchmark: `cloudimage images list --json` over N local images in a 64 MiB heap, beside `find`
# over the same folder. Usage: scripts/bench-list.sh [N=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100000}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
[ -f examples/target/cloudimage.jar ] || mvn -B -q -DskipTests package
HOME_DIR="$WORK/home"
java -jar examples/target/cloudimage.jar images list --home "$HOME_DIR" >/dev/null  # creates the home
python3 - "$HOME_DIR" "$N" <<'PY'
import json, os, sys
home, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    iid = "img-%016x" % i
    rec = {"id": iid, "name": "bench-%d" % i, "provider": "local", "region": "local",
           "state": "AVAILABLE", "architecture": "x86_64" if i % 3 else "arm64",
           "os": {"family": "ubuntu", "version": "24.04", "edition": None},
           "created": "2026-01-01T00:00:00Z", "lastLaunched": None, "deprecation": None,
           "sizeBytes": 8 << 30, "tier": "HOT", "tags": {"team": "t%d" % (i % 50)}, "inUse": False,
           "deviceBindings": [{"deviceName": "/dev/sda", "volumeSizeBytes": 8 << 30, "snapshotId": "snap-%016x" % i}],
           "metadataVersion": 1}
    with open(os.path.join(home, "images", iid + ".json"), "w") as f:
        json.dump(rec, f)
PY
sync
echo "images: $N"
for run in 1 2 3; do
  s=$(date +%s.%N); find "$HOME_DIR/images" -name '*.json' > /dev/null; e=$(date +%s.%N)
  printf 'find                               run %d: %.2f s\n' "$run" "$(echo "$e - $s" | bc)"
  s=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$WORK/rss" java -Xmx64m -jar examples/target/cloudimage.jar images list --json --home "$HOME_DIR" > "$WORK/out.json"
  e=$(date +%s.%N)
  printf 'cloudimage images list --json -Xmx64m run %d: %.2f s, max RSS %d MiB, %d images\n' "$run" "$(echo "$e - $s" | bc)" "$(( $(cat "$WORK/rss") / 1024 ))" "$(python3 -c "import json;print(len(json.load(open('$WORK/out.json'))))")"
done
