#!/usr/bin/env bash
# Runs every test suite against one throwaway PostgreSQL and one RabbitMQ, and ends with the line
# "N passed, N failed" summing all suites. Exit code 0 only when everything passed.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/prerequisites.sh
ensure_prerequisites chromium
# The AppHost's tests run it with its mail catcher.
ensure_mail_catcher
build_web

dotnet build Infogerance.sln -c Release -nologo -v quiet -clp:ErrorsOnly

work=$(mktemp -d -t infogerance-test-XXXXXX)
chmod 755 "$work" # as root, PostgreSQL runs as the postgres user, which must reach its data folder
results="$work/results"
infra_pid=""
cleanup() {
  if [ -n "$infra_pid" ] && kill -0 "$infra_pid" 2>/dev/null; then
    kill -TERM "$infra_pid" 2>/dev/null || true
    wait "$infra_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# One PostgreSQL and one RabbitMQ shared by every test assembly (each test makes its own databases and queues).
dotnet tools/LocalServers/bin/Release/net10.0/Infogerance.LocalServers.dll --data "$work/infra" --env-file "$work/infra.env" --fast >"$work/infra.log" 2>&1 &
infra_pid=$!
for _ in $(seq 1 120); do
  [ -f "$work/infra.env" ] && break
  if ! kill -0 "$infra_pid" 2>/dev/null; then break; fi
  sleep 1
done
if [ ! -f "$work/infra.env" ]; then
  echo "The test infrastructure did not start:" >&2
  tail -n 30 "$work/infra.log" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
# NAME=VALUE lines whose values hold semicolons: exported as they are, not evaluated by the shell.
while IFS= read -r setting; do
  export "${setting?}"
done <"$work/infra.env"

status=0
dotnet test Infogerance.sln -c Release --no-build --logger trx --results-directory "$results" || status=$?
# The SPA's own tests (Vitest), reported as JUnit.
rm -f src/Web/test-results/junit.xml
(cd src/Web && npm test --silent) || status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")))
  failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")))
done
junit=src/Web/test-results/junit.xml
if [ -f "$junit" ]; then
  suite=$(grep -o '<testsuites [^>]*>' "$junit")
  web_tests=$(sed -E 's/.* tests="([0-9]+)".*/\1/' <<<"$suite")
  web_failed=$(( $(sed -E 's/.* failures="([0-9]+)".*/\1/' <<<"$suite") + $(sed -E 's/.* errors="([0-9]+)".*/\1/' <<<"$suite") ))
  passed=$((passed + web_tests - web_failed))
  failed=$((failed + web_failed))
fi
# The failures' names and the start of their messages last, where a CI log's tail still shows them.
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  awk '/<UnitTestResult / { failed = /outcome="Failed"/; if (failed) { name = $0; sub(/.* testName="/, "", name); sub(/".*/, "", name); print "FAILED: " name } }
       failed && /<Message>/ { inside = 1; shown = 0; sub(/.*<Message>/, "") }
       inside { done = sub(/<\/Message>.*/, ""); gsub(/&lt;/, "<"); gsub(/&gt;/, ">"); gsub(/&quot;/, "\""); gsub(/&apos;/, "\047"); gsub(/&amp;/, "\\&")
                if (shown++ < 20) print "    " $0; if (done) inside = 0 }' "$trx"
done
if [ -f "$junit" ]; then
  awk 'match($0, /<testcase [^>]*name="[^"]*"/) { test = substr($0, RSTART, RLENGTH); sub(/.* name="/, "", test); sub(/"$/, "", test) }
       /<(failure|error)[ >]/ { print "FAILED (web): " test }' "$junit"
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the runner itself failed (a crashed test host, for instance)
fi
echo "$passed passed, $failed failed"
exit "$status"
