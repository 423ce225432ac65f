#!/usr/bin/env bash
# Writes tck/MATRIX.md, the conformance matrix, from the surefire reports that the tests of tck leave
# in tck/target/surefire-reports: run `mvn -pl tck -am verify` (or the whole build) first.
#   tck/matrix.sh           regenerate tck/MATRIX.md
#   tck/matrix.sh --check   regenerate into a temporary file and fail if tck/MATRIX.md differs (CI)
# The generator is tck/src/test/java/dev/trestle/tck/matrix/ConformanceMatrix.java, run as a
# single-file Java program: it needs a JDK, no build and no class path.
set -euo pipefail
tck=$(cd "$(dirname "$0")" && pwd)
generator=$tck/src/test/java/dev/trestle/tck/matrix/ConformanceMatrix.java
java=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java=$JAVA_HOME/bin/java; fi

case "${1:-}" in
  "")
    "$java" "$generator" "$tck" "$tck/MATRIX.md"
    echo "matrix: wrote $tck/MATRIX.md"
    ;;
  --check)
    fresh=$(mktemp)
    trap 'rm -f "$fresh"' EXIT
    "$java" "$generator" "$tck" "$fresh"
    if ! diff -u "$tck/MATRIX.md" "$fresh"; then
      echo "matrix: tck/MATRIX.md is stale: it does not match the test results above (- committed, + now)." >&2
      echo "matrix: regenerate it with: mvn -pl tck -am verify && tck/matrix.sh, then commit tck/MATRIX.md" >&2
      exit 1
    fi
    echo "matrix: tck/MATRIX.md matches the test results"
    ;;
  *)
    echo "usage: tck/matrix.sh [--check]" >&2
    exit 2
    ;;
esac
