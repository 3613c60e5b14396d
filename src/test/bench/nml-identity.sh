#!/usr/bin/env bash
# Measures the NML schema check with the XSD's own (quadratic) identity check and with the linear
# one, on generated NMLs of the given node counts. A one-off measurement, not a benchmark: the
# XSD path takes minutes from some 100 000 nodes on, so it is skipped above --xsd-up-to N.
# Usage, from the project root: src/test/bench/nml-identity.sh [--xsd-up-to N] NODES...
# Example: src/test/bench/nml-identity.sh 5000 10000 20000 40000 1500000
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-test-class.sh" org.wkcheck.bench.NmlIdentityMeasurement "$@"
