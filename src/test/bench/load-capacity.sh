#!/usr/bin/env bash
# Finds the load a simulation holds on this machine: runs ./wkcheck load against a reference server
# of its own (./wkcheck serve on a free loopback port) at each given rate, and prints per rate the
# requests/s reached, p95/p99, the error share, and the CPU cores the server and the Gatling JVM
# used in the middle of the hold (5 s sampled from /proc). Usage, from the project root:
#   src/test/bench/load-capacity.sh SIMULATION RATE... [-- extra ./wkcheck load flags]
# e.g. src/test/bench/load-capacity.sh task-read 500 1000 2000 4000
# MODEL=users makes the numbers concurrent users (closed model) instead of journeys per second.
# After a warm-up run at the first rate, each rate: 5 s ramp, DURATION (default 20) s hold; the
# rate cap is raised to let it through.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
simulation="$1"; shift
rates=(); extra=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then shift; extra=("$@"); break; fi
  rates+=("$1"); shift
done
duration="${DURATION:-20}"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$root/wkcheck" serve --port "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/api/buildinfo" >/dev/null && break; sleep 0.5; done
token_file=$(mktemp)
java -cp "$root/target/wkcheck.jar:$(cat "$root/target/runtime-classpath.txt")" \
  org.wkcheck.server.world.SeedWorld "$token_file" A
tick=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
out=$(mktemp -d)
# warm the server's JIT up first (a fresh JVM answers its first seconds several times slower)
"$root/wkcheck" load --simulation "$simulation" --target "http://127.0.0.1:$port" \
  --token-file "$token_file" "--${MODEL:-rate}" "${rates[0]}" --max-rps 1000000 --ramp 5 --duration 10 \
  --quiet --out "$out" "${extra[@]}" >/dev/null 2>&1 || true
printf "%-16s %8s %8s %7s %7s %7s %8s %8s %s\n" simulation rate "req/s" p95 p99 "err%" server gatling verdict
for rate in "${rates[@]}"; do
  "$root/wkcheck" load --simulation "$simulation" --target "http://127.0.0.1:$port" \
    --token-file "$token_file" "--${MODEL:-rate}" "$rate" --max-rps 1000000 --ramp 5 --duration "$duration" \
    --quiet --out "$out" "${extra[@]}" >"$out/console.txt" 2>&1 &
  wrapper=$!
  gatling=""
  for _ in $(seq 120); do gatling=$(pgrep -x java -P "$wrapper" || true); [ -n "$gatling" ] && break; sleep 0.5; done
  sleep $((8 + duration / 2))
  s0=$(ticks "$server"); g0=$(ticks "$gatling"); sleep 5; s1=$(ticks "$server"); g1=$(ticks "$gatling")
  wait "$wrapper" && verdict=passed || verdict=failed
  python3 - "$out/latest/summary.json" "$simulation" "$rate" "$(( s1 - s0 ))" "$(( g1 - g0 ))" "$tick" "$verdict" <<'PY'
import json, sys
f, sim, rate, s, g, tick, verdict = sys.argv[1:]
d = json.load(open(f))
a = d["requests"].get("all", {})
print("%-16s %8s %8.0f %7d %7d %7.2f %8.2f %8.2f %s" % (sim, rate, a.get("requestsPerSecond", 0),
      a.get("p95Ms", 0), a.get("p99Ms", 0), a.get("errorPercent", 0),
      int(s) / int(tick) / 5, int(g) / int(tick) / 5, verdict + "; " + "; ".join(d.get("reasons", []))))
PY
done
rm -f "$token_file"
