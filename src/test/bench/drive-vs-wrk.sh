#!/usr/bin/env bash
# How hard the harness drives a server compared with wrk, in one sitting, against one reference
# server: wrk on GET /api/tasks/:id with C connections, then ./wkcheck load task-read closed with C
# users (one injector, then --injectors N), then open at wrk's rate (one journey is one request; one
# injector, then N), each for S seconds. Prints requests/s of each and the ratios to wrk, over the whole run and over
# its second half (a cold generator JVM needs several seconds of JIT before it drives at full speed). Usage, from the project root (wrk: apt-get install wrk):
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
# requests/s over the whole run, and over its second half (the generator's JIT warm-up is over),
# from the run's per-second intervals (merged over injectors)
rps() {
  python3 - "$1/latest" <<'PY'
import json, sys
run = sys.argv[1]
whole = json.load(open(run + "/summary.json"))["requests"]["all"]["requestsPerSecond"]
rows = [json.loads(l) for l in open(run + "/intervals.jsonl") if l.strip()][:-1]
late = rows[len(rows) // 2:]
steady = sum(r["answered"] for r in late) / max(1e-9, sum(r["seconds"] for r in late))
print(whole, steady)
PY
}
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
w = float(sys.argv[1])
runs = [tuple(float(x) for x in a.split()) for a in sys.argv[2:6]]
c, n = sys.argv[6], sys.argv[7]
names = [f"closed, {c} users, 1 injector", f"closed, {c} users, {n} injectors",
         "open at wrk's rate, 1 injector", f"open at wrk's rate, {n} injectors"]
print(f"{'wrk, ' + c + ' connections':38} {w:9.1f} requests/s")
print(f"{'':38} {'whole run':>21}   {'second half':>21}")
for name, (whole, steady) in zip(names, runs):
    print(f"{name:38} {whole:9.1f} ({whole / w:.2f} of wrk)   {steady:9.1f} ({steady / w:.2f} of wrk)")
PY
echo "reports: $out"
