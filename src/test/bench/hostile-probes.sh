#!/usr/bin/env bash
# The hostile-target probes of the README's "Pointing wkcheck at a server you do not trust": runs
# ./wkcheck conformance (the whole suite, its defaults) against each hostile loopback target of
# src/test/java/org/wkcheck/hostile/HostileServer.java and prints per probe the exit code, the wall
# time, the peak RSS of the harness JVM (GNU time's "Maximum resident set size") and the first
# failure's reason from report.json. Usage, from the project root, after ./mvnw test-compile:
#   src/test/bench/hostile-probes.sh [PROBE...]
# PROBE: drip, endless, gzip-bomb (4 GiB inflated), big-body (2 GiB), huge-header, echo-token,
# redirect. Default: all. Everything stays on 127.0.0.1.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"
probes=("$@")
[ ${#probes[@]} -gt 0 ] || probes=(drip endless gzip-bomb big-body huge-header echo-token redirect)
./wkcheck --version >/dev/null
cp="target/test-classes:target/wkcheck.jar:$(cat target/runtime-classpath.txt)"
token="hostile-probe-token-$RANDOM$RANDOM"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-12s %5s %8s %10s  %s\n' probe exit seconds "peak RSS" "first failure"
for probe in "${probes[@]}"; do
  args=()
  case "$probe" in
    gzip-bomb) args=(gzip-bomb $((4 << 30))) ;;
    big-body) args=(big-body $((2 << 30))) ;;
    huge-header) args=(huge-header $((1 << 20))) ;;
    redirect)
      java -cp "$cp" org.wkcheck.hostile.HostileServer echo-token >"$out/other.url" &
      other=$!
      for _ in $(seq 100); do [ -s "$out/other.url" ] && break; sleep 0.1; done
      args=(redirect "$(cat "$out/other.url")") ;;
    *) args=("$probe") ;;
  esac
  java -cp "$cp" org.wkcheck.hostile.HostileServer "${args[@]}" >"$out/target.url" &
  server=$!
  for _ in $(seq 600); do [ -s "$out/target.url" ] && break; sleep 0.1; done
  start=$(date +%s.%N)
  set +e
  WK_TOKEN="$token" /usr/bin/time -v -o "$out/time.txt" ./wkcheck conformance --quiet --no-allure \
    --timeout 5 --target "$(cat "$out/target.url")" --out "$out/reports" >"$out/console.txt" 2>&1
  code=$?
  set -e
  end=$(date +%s.%N)
  kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true
  if [ "$probe" = redirect ]; then kill "$other" 2>/dev/null; wait "$other" 2>/dev/null || true; fi
  rss=$(awk -F: '/Maximum resident set size/ {printf "%d MB", $2/1024}' "$out/time.txt")
  why=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); f=[q for q in r["requirements"] if q["status"]=="FAILED"]; print((f[0]["message"] or "")[:110] if f else "-")' "$out/reports/latest/report.json" 2>/dev/null || echo "no report")
  leak=$( (grep -rlF "$token" "$out/reports" "$out/console.txt" 2>/dev/null || true) | wc -l)
  printf '%-12s %5s %8.1f %10s  %s%s\n' "$probe" "$code" "$(echo "$end - $start" | bc)" "$rss" "$why" \
    "$([ "$leak" -gt 0 ] && echo "  TOKEN IN $leak FILES")"
  rm -rf "$out/reports"
done
