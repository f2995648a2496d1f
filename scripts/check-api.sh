#!/usr/bin/env bash
# Checks that the public API of the library modules names no third-party implementation type:
# runs javap over the built jars and lists every public or protected class, constructor, method
# or field outside the *.internal packages whose signature names com.fasterxml (Jackson),
# org.bouncycastle, software.amazon (AWS SDK) or com.aliyuncs (Aliyun SDK).
# Exits 1 when there is any, 0 when there is none, 2 when a jar is missing (build first).
# Usage: scripts/check-api.sh [JAR...]   (default: the library modules' jars under */target/)
set -euo pipefail
cd "$(dirname "$0")/.."

FORBIDDEN='com\.fasterxml\.|org\.bouncycastle\.|software\.amazon\.|com\.aliyuncs\.'
MODULES=(image-core image-security image-aws image-aliyun image-fleet)

jars=("$@")
if ((${#jars[@]} == 0)); then
  for m in "${MODULES[@]}"; do
    found=""
    for j in "$m"/target/"$m"-*.jar; do
      case "$j" in *-sources.jar | *-javadoc.jar | *-tests.jar) continue ;; esac
      [ -f "$j" ] && found="$j"
    done
    if [ -z "$found" ]; then
      echo "check-api: no jar for $m under $m/target; build it first (mvn -B package)" >&2
      exit 2
    fi
    jars+=("$found")
  done
fi

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
offenders=0
for jar in "${jars[@]}"; do
  # Every class outside an internal package; module-info and package-info have no members.
  mapfile -t classes < <(jar tf "$jar" \
    | grep '\.class$' \
    | grep -v -e '/internal/' -e '^META-INF/' -e 'module-info\.class$' -e 'package-info\.class$' \
    | sed -e 's/\.class$//' -e 's#/#.#g' | sort)
  ((${#classes[@]})) || continue
  javap -protected -cp "$jar" "${classes[@]}" >"$out"
  # javap prints each class as a header line at column 0 and its members indented. A member is
  # part of the API only when its class, and every class it is nested in, is public or protected
  # (javap shows protected nested classes as public).
  report="$(FORBIDDEN="$FORBIDDEN" awk 'BEGIN { forbidden = ENVIRON["FORBIDDEN"] }
    function visible(name,   outer) {
      if (!(name in public)) return 0
      if (!public[name]) return 0
      outer = name
      while (sub(/\$[^$]*$/, "", outer)) {
        if (!(outer in public) || !public[outer]) return 0
      }
      return 1
    }
    FNR == NR {
      if ($0 ~ /^[a-z].*(class|interface|enum|record) [A-Za-z0-9_.$]+/) {
        header = $0
        sub(/ (extends|implements|permits) .*/, "", header); sub(/ *\{$/, "", header)
        n = split(header, w, " "); name = w[n]; sub(/<.*/, "", name)
        public[name] = ($0 ~ /^(public|protected) /)
      }
      next
    }
    /^[a-z].*(class|interface|enum|record) [A-Za-z0-9_.$]+/ {
      header = $0
      sub(/ (extends|implements|permits) .*/, "", header); sub(/ *\{$/, "", header)
      n = split(header, w, " "); current = w[n]; sub(/<.*/, "", current)
      if (visible(current) && $0 ~ forbidden) print current ": " $0
      next
    }
    /^  / {
      if (current != "" && visible(current) && $0 ~ forbidden) {
        line = $0; sub(/^ +/, "", line)
        print current ": " line
      }
    }
  ' "$out" "$out")"
  if [ -n "$report" ]; then
    echo "$jar:"
    sed 's/^/  /' <<<"$report"
    offenders=$((offenders + $(wc -l <<<"$report")))
  fi
done

if ((offenders)); then
  echo "check-api: $offenders public or protected signatures outside *.internal name a Jackson, BouncyCastle or cloud SDK type; move them to an internal package or wrap the type" >&2
  exit 1
fi
echo "check-api: no public or protected signature outside *.internal names a Jackson, BouncyCastle or cloud SDK type (${#jars[@]} jars)"
