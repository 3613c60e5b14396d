#!/usr/bin/env bash
# How hard the harness drives a server compared with wrk, in one sitting, against one reference
# server: wrk on GET /api/tasks/:id with C connections, then ./wkcheck load task-read closed with C
# users (one injector, then --injectors N), then open at wrk's rate (one journey is one request; one
# injector, then N), each for S seconds. Prints requests/s of each and the ratios. Usage, from the project root (wrk: apt-get install wrk):
#   src/test/bench/drive-vs-wrk.sh [seconds] [connections] [injectors] [-- more load flags]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
seconds="${1:-15}"
connections="${2:-16}"
injectors="${3:-2}"
shift $(( $# < 3 ? $# : 3 ))
[ "${1:-}" = "--" ] && shift
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
token_file=$(mktemp)
out=$(mktemp -d)
"$root/wkcheck" serve --port "$port" --token-file "$token_file" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -f "$token_file"' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/api/buildinfo" >/dev/null && break; sleep 0.5; done
WK_TOKEN=$(sed -n 's/^WK_TOKEN=//p' "$token_file" | head -1)
export WK_TOKEN
task=58135c192faeb34c0081c058
wrk -t2 -c"$connections" -d5s -s "$here/wrk/get-task.lua" "http://127.0.0.1:$port/api/tasks/$task" >/dev/null
wrk_rps=$(wrk -t2 -c"$connections" -d"${seconds}s" -s "$here/wrk/get-task.lua" \
  "http://127.0.0.1:$port/api/tasks/$task" | sed -n 's/^Requests\/sec: *//p')
rps() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['requests']['all']['requestsPerSecond'])" "$1/latest/summary.json"; }
common=(--simulation task-read --target "http://127.0.0.1:$port" --token-file "$token_file"
  --duration "$seconds" --max-rps 100000 --slo-p95 60000 --slo-p99 60000 --stop-errors 100
  --quiet "$@")
closed=(--users "$connections" --ramp 1)
open=(--rate "$(python3 -c "print(round($wrk_rps))")" --ramp 1)
"$root/wkcheck" load "${common[@]}" "${closed[@]}" --out "$out/one" >/dev/null || true
one=$(rps "$out/one")
"$root/wkcheck" load "${common[@]}" "${closed[@]}" --injectors "$injectors" --out "$out/many" \
  >/dev/null || true
many=$(rps "$out/many")
"$root/wkcheck" load "${common[@]}" "${open[@]}" --out "$out/open-one" >/dev/null || true
open_one=$(rps "$out/open-one")
"$root/wkcheck" load "${common[@]}" "${open[@]}" --injectors "$injectors" --out "$out/open-many" \
  >/dev/null || true
open_many=$(rps "$out/open-many")
python3 - "$wrk_rps" "$one" "$many" "$open_one" "$open_many" "$connections" "$injectors" <<'PY'
import sys
w, one, many, oo, om = (float(x) for x in sys.argv[1:6])
c, n = sys.argv[6], sys.argv[7]
print(f"wrk, {c} connections:                        {w:9.1f} requests/s")
print(f"closed, {c} users, 1 injector:               {one:9.1f} requests/s  ({one / w:.2f} of wrk)")
print(f"closed, {c} users, {n} injectors:              {many:9.1f} requests/s  ({many / w:.2f} of wrk)")
print(f"open at wrk's rate, 1 injector:             {oo:9.1f} requests/s  ({oo / w:.2f} of wrk)")
print(f"open at wrk's rate, {n} injectors:            {om:9.1f} requests/s  ({om / w:.2f} of wrk)")
PY
echo "reports: $out"
