#!/usr/bin/env bash
# Measures the NML schema check with the XSD's own (quadratic) identity check and with the linear
# one, on generated NMLs of the given node counts. A one-off measurement, not a benchmark: the
# XSD path takes minutes from some 100 000 nodes on, so it is skipped above --xsd-up-to N.
# Usage, from the project root: src/test/bench/nml-identity.sh [--xsd-up-to N] NODES...
# Example: src/test/bench/nml-identity.sh 5000 10000 20000 40000 1500000
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
./mvnw -q -B -Dspotless.check.skip=true test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >&2
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.wkcheck.bench.NmlIdentityMeasurement "$@"
