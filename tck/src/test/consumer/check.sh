#!/usr/bin/env bash
# Builds the consumer project next to this script (the README's "Check your own implementation")
# against the Trestle jars just built, in a private Maven repository, and checks what a user sees:
# the kits run, the run summary is printed and written, Surefire names tests by rule id, and a
# project using only the cache and rate-limit kits gets no codec libraries on its test class path.
#
# Needs the jars in each module's target/ (`mvn -DskipTests package`, or CI's `mvn -Prelease install`).
# Third-party artifacts come read-only from TRESTLE_SEED_REPO (default ~/.m2/repository), used as a
# file mirror; nothing is written to it. The naive implementations may break rules: that is reported
# in the summary, not a failure of this check (-Dmaven.test.failure.ignore).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
seed=${TRESTLE_SEED_REPO:-$HOME/.m2/repository}
work=$(mktemp -d "${TMPDIR:-/tmp}/trestle-kit-consumer.XXXXXX")
[ -n "${TRESTLE_KEEP_WORK:-}" ] || trap 'rm -rf "$work"' EXIT
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -n 1)

fail() { echo "check.sh: $*" >&2; exit 1; }

cat > "$work/settings.xml" <<XML
<settings>
  <mirrors>
    <mirror><id>seed</id><mirrorOf>*</mirrorOf><url>file://$seed</url></mirror>
  </mirrors>
</settings>
XML
mvn=(mvn -B -s "$work/settings.xml" -Dmaven.repo.local="$work/repository")

# what `mvn install` would put there, copied into the repository's layout (as locally installed)
echo "check.sh: putting Trestle $version from $root into a private repository"
put() { # artifactId, pom, jar (or nothing)
  local dir="$work/repository/dev/trestle/$1/$version"
  mkdir -p "$dir"
  cp "$2" "$dir/$1-$version.pom"
  if [ -n "${3:-}" ]; then cp "$3" "$dir/$1-$version.jar"; fi
}
put trestle-parent "$root/pom.xml"
put trestle-bom "$root/bom/pom.xml"
for module in core cache codec pool ratelimit tck; do
  jar="$root/$module/target/trestle-$module-$version.jar"
  [ -f "$jar" ] || fail "no $jar: build the jars first (mvn -DskipTests package)"
  put "trestle-$module" "$root/$module/pom.xml" "$jar"
done

cp -r "$here" "$work/consumer"
rm -rf "$work/consumer/target"
echo "check.sh: mvn verify of the consumer project"
"${mvn[@]}" -ntp -f "$work/consumer/pom.xml" -Dmaven.test.failure.ignore=true verify > "$work/build.log" 2>&1 \
  || { cat "$work/build.log"; fail "the consumer build failed"; }

for run in "CacheTck on NaiveLruCache" "RateLimiterTck on NaiveTokenBucket"; do
  grep -q "^\[trestle-tck\] $run (example\." "$work/build.log" || { cat "$work/build.log"; fail "no summary line for $run"; }
done
summary="$work/consumer/target/trestle-tck"
[ -s "$summary/summary.json" ] && [ -s "$summary/summary.md" ] || fail "no summary.json or summary.md under target/trestle-tck"
grep -q '"implementation": "NaiveLruCache"' "$summary/summary.json" || fail "summary.json does not name NaiveLruCache"
grep -q '"implementation": "NaiveTokenBucket"' "$summary/summary.json" || fail "summary.json does not name NaiveTokenBucket"
# every rule line of the summary carries the rule's text from RULES.md
grep -Eq '^  (pass|FAIL|skip)  CACHE-1\.1 +[A-Z]' "$work/build.log" || fail "the summary does not list CACHE-1.1 with its text"
# Surefire's XML names each test case by its display name, which starts with the rule id
grep -q '<testcase name="CACHE-1.1 ' "$work/consumer/target/surefire-reports/TEST-example.NaiveLruCacheConformanceTest.xml" \
  || fail "Surefire did not name the test cases by rule id"

# the class path the tests ran on, as Surefire recorded it
sed -n 's:.*name="surefire.test.class.path" value="\([^"]*\)".*:\1:p' \
  "$work/consumer/target/surefire-reports/TEST-example.NaiveLruCacheConformanceTest.xml" | head -n 1 \
  | tr ':' '\n' | sed 's:.*/::' | sort > "$work/jars.txt"
[ -s "$work/jars.txt" ] || fail "no surefire.test.class.path in the Surefire report"
if grep -Ei 'jackson|woodstox|stax2|protobuf|trestle-codec|trestle-pool' "$work/jars.txt"; then
  fail "the cache and rate-limit kits pulled the libraries above onto the test class path"
fi
grep -q "^trestle-tck-$version.jar$" "$work/jars.txt" || fail "trestle-tck is not on the test class path"

echo "check.sh: the kits ran against the naive implementations; their summary (target/trestle-tck/summary.md):"
grep -E '^(## |`)' "$summary/summary.md"
echo "check.sh: test class path: $(tr '\n' ' ' < "$work/jars.txt")"
echo "check.sh: OK"
