#!/usr/bin/env bash
# Fires concurrent ZIP bombs (uploads whose single entry inflates to many zeros) at a fresh
# ./wkcheck serve on loopback and prints the status codes and the server's peak resident memory
# (VmHWM). Usage, from the project root: src/test/bench/zip-bombs.sh [bombs] [MiB each] [rounds]
# (default 24 bombs of 1024 MiB, 1 round). Extra JVM options for the server: WKCHECK_JAVA_OPTS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
bombs="${1:-24}"
mib="${2:-1024}"
rounds="${3:-1}"
./mvnw -q -B -Dspotless.check.skip=true -DskipTests package >&2
./mvnw -q -B -Dspotless.check.skip=true test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >&2
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
./wkcheck serve --port "$port" >target/zip-bombs-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/api/buildinfo" >/dev/null && break; sleep 0.5; done
echo "server pid $server, $(grep VmHWM /proc/$server/status) after start"
for round in $(seq "$rounds"); do
  echo "== round $round"
  java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    org.wkcheck.server.ZipBombs "http://127.0.0.1:$port" "$bombs" "$mib"
  echo "server $(grep VmHWM /proc/$server/status)"
done
echo "== afterwards"
echo "GET /api/buildinfo: $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/buildinfo")"
echo "OutOfMemoryError lines in the server log: $(grep -c OutOfMemoryError target/zip-bombs-server.log || true)"
