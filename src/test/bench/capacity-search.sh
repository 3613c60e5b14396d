#!/usr/bin/env bash
# Runs ./wkcheck capacity against a reference server of its own (./wkcheck serve in a JVM of its
# own, on a free loopback port), optionally held to a known capacity, and prints one line: the
# capacity it found, its error against the known one, what limited it, the steps and the wall time.
# Usage, from the project root:
#   src/test/bench/capacity-search.sh [N [SERVICE_MS]] -- ./wkcheck-capacity-flags...
# e.g. src/test/bench/capacity-search.sh 600 -- --simulation task-read --resolution 2 --max-rps 5000
#      src/test/bench/capacity-search.sh 150 200 -- --simulation task-read --resolution 2 \
#        --slo-p95 1000 --slo-p99 2000
#      src/test/bench/capacity-search.sh -- --simulation task-creation --max-rps 5000
#        (no N: the reference server's own capacity on this machine)
# The report stays in OUT (default: a fresh temporary folder), printed at the end.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
known=""; service=""
if [ $# -gt 0 ] && [ "$1" != "--" ]; then known="$1"; shift; fi
if [ $# -gt 0 ] && [ "$1" != "--" ]; then service="$1"; shift; fi
[ $# -gt 0 ] && [ "$1" = "--" ] && shift
out="${OUT:-$(mktemp -d)}"
token_file=$(mktemp)
serve=(--port 0 --token-file "$token_file")
[ -n "$known" ] && serve+=(--capacity "$known")
[ -n "$service" ] && serve+=(--service-time "$service")
log="$out/serve.log"
mkdir -p "$out"
"$root/wkcheck" serve "${serve[@]}" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -f "$token_file"' EXIT
url=""
for _ in $(seq 240); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1 || true)
  [ -n "$url" ] && break
  sleep 0.5
done
[ -n "$url" ] || { echo "the reference server did not start: $(cat "$log")" >&2; exit 1; }
start=$(date +%s)
status=0
"$root/wkcheck" capacity --target "$url" --token-file "$token_file" --out "$out" "$@" \
  >"$out/console.txt" 2>&1 || status=$?
seconds=$(( $(date +%s) - start ))
python3 - "$out/latest/capacity.json" "${known:-0}" "$seconds" "$status" <<'PY'
import json, sys
f, known, seconds, status = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
d = json.load(open(f))
c = d["capacity"]
rps = c.get("requestsPerSecond", 0)
error = "%+.1f %%" % ((rps - known) / known * 100) if known else "-"
print("known %s: found %.1f requests/s (%.1f journeys/s), error %s, limited by %s, end %s,"
      " %d steps, %d min %d s, exit %s" % (
          known or "-", rps, c.get("journeysPerSecond", 0), error, d.get("limitedBy"),
          d.get("end"), len(d["steps"]), seconds // 60, seconds % 60, status))
PY
echo "report: $out/latest/capacity.md"
