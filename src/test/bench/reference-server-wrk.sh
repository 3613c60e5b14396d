#!/usr/bin/env bash
# Measures the reference server's throughput on loopback with wrk (Debian package "wrk"):
# GET /api/tasks/:id and POST /api/tasks with 10 tasks per request. Usage, from the project root:
#   src/test/bench/reference-server-wrk.sh [seconds] [connections]
# Starts its own server on a free port (./wkcheck serve), prints wrk's summaries, stops the server.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
seconds="${1:-15}"
connections="${2:-16}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$root/wkcheck" serve --port "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/api/buildinfo" >/dev/null && break; sleep 0.5; done
# user_A's token of webKnossos' test database, handed over in a private file, never printed
token_file=$(mktemp)
java -cp "$root/target/wkcheck.jar:$(cat "$root/target/runtime-classpath.txt")" \
  org.wkcheck.server.world.SeedWorld "$token_file" A
WK_TOKEN=$(cat "$token_file")
rm -f "$token_file"
export WK_TOKEN
export WK_PROJECT="bench_$port"
curl -sf -o /dev/null -H "X-Auth-Token: $WK_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"name\":\"$WK_PROJECT\",\"team\":\"570b9f4b2a7c0e3b008da6ec\",\"priority\":1,\"paused\":false,\"expectedTime\":1,\"owner\":\"570b9f4d2a7c0e4d008da6ef\",\"isBlacklistedFromReport\":false}" \
  "http://127.0.0.1:$port/api/projects"
echo "== warm-up"
wrk -t2 -c"$connections" -d5s -s "$here/wrk/get-task.lua" "http://127.0.0.1:$port/api/tasks/58135c192faeb34c0081c058" >/dev/null
echo "== GET /api/tasks/:id (${seconds}s, $connections connections)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/wrk/get-task.lua" "http://127.0.0.1:$port/api/tasks/58135c192faeb34c0081c058"
echo "== POST /api/tasks, 10 tasks per request (${seconds}s, $connections connections)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/wrk/post-tasks.lua" "http://127.0.0.1:$port/api/tasks"
