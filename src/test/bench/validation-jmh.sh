#!/usr/bin/env bash
# Measures schema validation throughput (documents per second on one thread) with JMH.
# Usage, from the project root: src/test/bench/validation-jmh.sh [extra JMH options]
# Default: 1 fork, 3 warm-up and 5 measured iterations of 5 s, 1 thread.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-test-class.sh" org.openjdk.jmh.Main ValidationBenchmark -f 1 -wi 3 -w 5s -i 5 -r 5s -t 1 "$@"
