#!/usr/bin/env bash
# Load test of the business owner's journey (issues 7 and 21), with wrk: answer saves, then the results page, the
# questionnaire's home and a measure page, then the raw upsert anchor (pgbench) on the same cluster.
# Runs the web app (Release) on the development database, which must hold the demo data:
#   dotnet run -c Release --project src/Assett.Cli -- demo seed --tenant grand-poitiers --organisations 10000 --campaigns 2
# Each seeded owner is signed in beforehand (`assett demo passwords` gives them a
# password). Figures go to docs/performance.md by hand, with this command.
# Usage: [WARMUP=20s] infra/perf/run.sh [connections (32)] [duration in seconds (30s)]
set -euo pipefail
cd "$(dirname "$0")/../.."
connections=${1:-32}
duration=${2:-30s}
tenant=grand-poitiers
port=5090
site="http://127.0.0.1:$port"
password="Charge-$(date +%s)-Aa"
source infra/perf/common.sh

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
build src/Assett.Web src/Assett.Cli
cli() { dotnet run -c Release --no-build --project src/Assett.Cli -- "$@" 2>/dev/null; }

mapfile -t emails < <(cli demo passwords --tenant "$tenant" --count "$connections" --password "$password")
[ "${#emails[@]}" -eq "$connections" ] || { echo "Seed the demo data first (see the top of this script)." >&2; exit 1; }

# The jobs' server is off: its recurring jobs (the national figures every five minutes, bilans, reminders) would land at random in
# the measured seconds; a deployment may run them on a worker (README, « --worker »).
start_web "$site" Jobs__Server=false

# One wrk thread per core: 32 threads on 2 cores starved the server (/health: 850 requests/s with
# -t32, 2,860 with -t2); each thread sends the requests of several owners (save-answer.lua).
threads=$(nproc)

# Sign each owner in from its own loopback address: sign-in is throttled per address (10 a minute).
for i in "${!emails[@]}"; do
  sign_in "$site" "$tenant" "$work/jar$i" "${emails[$i]}" "$password" --interface "127.0.0.$((i + 2))"
done
mapfile -t measures < <(curl -s --interface 127.0.0.2 -b "$work/jar0" "$site/t/$tenant/evaluation" \
  | grep -o "href=\"/t/$tenant/evaluation/[0-9][0-9.]*\"" | sed 's/.*evaluation\///; s/"$//' | sort -u)
[ "${#measures[@]}" -ge $(( (connections + threads - 1) / threads )) ] || { echo "Only ${#measures[@]} measures: too few for $connections connections." >&2; exit 1; }

# The sessions file: per owner, its cookies, its antiforgery token, its measure and the version of each of its tasks.
# The owners of one wrk thread (i modulo threads) answer measures of their own, so that a save's response names a
# task of one of them only (save-answer.lua). Read again after the warm-up, whose saves changed the versions.
sessions="$work/sessions"
read_sessions() {
  : >"$sessions"
  local i jar from code measure token nodes versions
  for i in "${!emails[@]}"; do
    jar="$work/jar$i" from="127.0.0.$((i + 2))" code=${measures[$((i / threads))]}
    measure=$(curl -s --interface "$from" -c "$jar" -b "$jar" "$site/t/$tenant/evaluation/$code")
    token=$(token <<<"$measure")
    nodes=$( (grep -o 'Answers\[[0-9]*\]\.NodeId" value="[^"]*"' <<<"$measure" || true) | sed 's/.*value="//; s/"$//')
    versions=$( (grep -o 'Answers\[[0-9]*\]\.SeenVersion" value="[^"]*"' <<<"$measure" || true) | sed 's/.*value="//; s/"$//')
    echo "$(cookies_of "$jar")|$token|$code|$(paste -d= <(echo "$nodes") <(echo "$versions") | paste -sd,)" >>"$sessions"
  done
  [ "$(grep -c '|.*|.*|assett_' "$sessions")" -eq "$connections" ] || { echo "Some owners could not sign in; the sessions, then the end of the log:" >&2; cut -c1-200 "$sessions" | head -3 >&2; tail -20 "$work/web.log" >&2; exit 1; }
}
read_sessions

export SESSIONS="$sessions" TENANT_PATH="/t/$tenant" THREADS="$threads"
pages=("results pages=/resultats" "questionnaire homes=/evaluation" "measure pages=/evaluation/{measure}")
# The web host is a long-running process: its first seconds under load are spent compiling (tiered JIT, about 2,000
# methods and 2.5 s of compilation per 4 s, dotnet-counters), which a steady state does not pay. Each script runs first
# for $warmup, not counted.
warmup=${WARMUP:-20s}
LABEL="warm-up" wrk -t"$threads" -c"$connections" -d"$warmup" -s infra/perf/save-answer.lua "$site" >/dev/null
for page in "${pages[@]}"; do
  LABEL="warm-up" PAGE="${page#*=}" wrk -t"$threads" -c"$connections" -d5s -s infra/perf/journey-page.lua "$site" >/dev/null
done
read_sessions

echo "wrk -t$threads -c$connections -d$duration, $(nproc) cores, $(date -u +%FT%TZ), after a warm-up of $warmup"
# The CPU a save costs, from the kernel's accounting of the web host's and PostgreSQL's processes (user and system time)
# over the measured run: what a sampling profiler cannot tell apart from waiting in native code.
web_pid=$(pgrep -nf "bin/Release/net10.0/Assett.Web")
ticks() { local sum=0 pid; for pid in "$@"; do sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done; echo "$sum"; }
web_before=$(ticks "$web_pid") pg_before=$(ticks $(pgrep -x postgres))
saves=$(LABEL="answer saves" wrk -t"$threads" -c"$connections" -d"$duration" -s infra/perf/save-answer.lua "$site" | tail -1)
web_after=$(ticks "$web_pid") pg_after=$(ticks $(pgrep -x postgres))
echo "$saves"
count=$(sed -n 's/^answer saves: \([0-9]*\) requests.*/\1/p' <<<"$saves")
awk -v w=$((web_after - web_before)) -v p=$((pg_after - pg_before)) -v n="${count:-0}" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0)
  printf "CPU per save: web host %.2f ms, PostgreSQL %.2f ms\n", 1000 * w / hz / n, 1000 * p / hz / n }'
for page in "${pages[@]}"; do
  LABEL="${page%%=*}" PAGE="${page#*=}" wrk -t"$threads" -c"$connections" -d"$duration" -s infra/perf/journey-page.lua "$site" | tail -1
done

# The anchor: a raw upsert of a status row by pgbench, with as many clients, on the same running cluster
# (its superuser, in a database of its own), so that saves read as a fraction of what PostgreSQL does here.
where=$(cli db info | sed -n 's/^Application role: \(.*\):\([0-9]*\)\/.*/\1 \2/p')
if [ -n "$where" ] && command -v pgbench >/dev/null; then
  read -r socket port <<<"$where"
  pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@" -h "$socket" -p "$port" -U postgres; else "$@" -h "$socket" -p "$port" -U postgres; fi; }
  (cd /tmp && pg createdb assett_anchor 2>/dev/null || true)
  (cd /tmp && pg psql -q -d assett_anchor -c "CREATE TABLE IF NOT EXISTS anchor_statuses (assessment_id int, node_id text, status text,
    updated_at timestamptz, PRIMARY KEY (assessment_id, node_id))")
  cp infra/perf/upsert-anchor.sql "$work/anchor.sql" && chmod a+rx "$work" && chmod a+r "$work/anchor.sql"
  (cd /tmp && pg pgbench -n -c "$connections" -j "$threads" -T "${duration%s}" -f "$work/anchor.sql" assett_anchor 2>&1) \
    | sed -n 's/^tps = \([0-9.]*\).*/raw upsert anchor (pgbench): \1 per second/p'
else
  echo "raw upsert anchor: skipped (no running embedded cluster or no pgbench)"
fi
