#!/usr/bin/env bash
# Runs a class of the project's test tree (a measurement's main, JMH) on the test classpath, after
# compiling it. Usage, from anywhere: src/test/bench/run-test-class.sh MAIN_CLASS [ARGS...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
./mvnw -q -B -Dspotless.check.skip=true test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >&2
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" "$@"
