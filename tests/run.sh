#!/usr/bin/env bash
# The README's test command: installs what a fresh Debian machine lacks, runs every test project
# of Assett.sln, and ends with the line "N passed, N failed" summed from their TRX reports.
set -uo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  echo "Installing $* from Debian..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

has_postgres_server() {
  [ -x "$(pg_config --bindir 2>/dev/null)/initdb" ] || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}
has_postgres_server || apt_install postgresql
command -v npm >/dev/null || apt_install nodejs npm
# Browser tests drive Debian's Chromium (see tests/Assett.Web.Tests/Browser/Chromium.cs).
[ -n "${ASSETT_CHROMIUM:-}" ] || [ -x /usr/lib/chromium/chromium ] || apt_install chromium

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 TESTINGPLATFORM_TELEMETRY_OPTOUT=1
results="$PWD/TestResults"
rm -rf "$results"
dotnet test --solution Assett.sln --results-directory "$results" --report-trx --no-progress "$@"
status=$?
# The code's layout (.editorconfig), once the build has restored the solution: one more check in the count.
echo "Checking the code's layout: dotnet format --verify-no-changes"
dotnet format Assett.sln --verify-no-changes --no-restore
layout=$?

# Sums a counter ("passed", "failed") over the TRX reports of a folder.
count() { local sum=0 trx; for trx in "$2"/*.trx; do [ -e "$trx" ] && sum=$((sum + $(grep -o "<Counters [^>]*>" "$trx" | sed -E "s/.* $1=\"([0-9]+)\".*/\1/"))); done; echo "$sum"; }
# The tests of a TRX report with this outcome, by method (a theory's cases share their method).
tests_with() { grep -o "<UnitTestResult [^>]*outcome=\"$1\"" "$2" | sed -E 's/.*testName="([^"(]*).*/\1/' | sort -u; }

passed=$(count passed "$results") failed=$(count failed "$results")
# The failures, last, where a log's tail shows them: each failed test and the start of its message.
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  awk '/<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); print "FAILED " substr($0, RSTART + 10, RLENGTH - 11); failed = 1; lines = 0 }
       failed && /<Message>/ { inmessage = 1 }
       failed && inmessage && lines < 12 { last = /<\/Message>/; sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); print "  " $0; lines++; inmessage = !last }
       /<\/UnitTestResult>/ { failed = 0 }' "$trx"
done
# A failed test runs once more, alone: one that passes then is flaky, said by name, and counts as
# passed; one that fails again is a failure.
if [ "$failed" -gt 0 ]; then
  for trx in "$results"/*.trx; do
    mapfile -t methods < <(tests_with Failed "$trx")
    [ "${#methods[@]}" -gt 0 ] || continue
    filters=(); for method in "${methods[@]}"; do filters+=(--filter-method "$method"); done
    echo "Running again, alone: ${methods[*]}"
    dotnet test --project "tests/$(basename "$trx" | sed 's/_net.*//')" --no-build --results-directory "$results/again" --report-trx --no-progress "${filters[@]}" >/dev/null
  done
  for trx in "$results/again"/*.trx; do [ -e "$trx" ] && tests_with Passed "$trx" | sed 's/^/FLAKY (failed, then passed alone) /'; done
  # The first run's total stands: a theory's other cases ran again too, and count once.
  again_failed=$(count failed "$results/again")
  passed=$((passed + failed - (again_failed < failed ? again_failed : failed))) failed=$(( again_failed < failed ? again_failed : failed ))
  status=$(( failed > 0 ? 1 : 0 ))
fi
if [ "$layout" -ne 0 ]; then
  echo "FAILED dotnet format --verify-no-changes: run 'dotnet format Assett.sln' and commit what it changes."
  failed=$((failed + 1)) status=1
else
  passed=$((passed + 1))
fi
# A run that broke before its tests (build error, crash) must not read as a success.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "dotnet test exited with $status before reporting a failed test."; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
