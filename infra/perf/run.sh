#!/usr/bin/env bash
# Load test of the business owner's journey (issue 7), with wrk: answer saves, then results pages.
# Runs the web app (Release) on the development database, which must hold the demo data:
#   dotnet run -c Release --project src/Assett.Cli -- demo seed --tenant grand-poitiers --organisations 10000 --campaigns 2
# Each seeded owner is signed in beforehand (`assett demo passwords` gives them a
# password). Figures go to docs/performance.md by hand, with this command.
# Usage: infra/perf/run.sh [connections (32)] [duration (30s)]
set -euo pipefail
cd "$(dirname "$0")/../.."
connections=${1:-32}
duration=${2:-30s}
tenant=grand-poitiers
port=5090
site="http://127.0.0.1:$port"
password="Charge-$(date +%s)-Aa"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
for project in src/Assett.Web src/Assett.Cli; do dotnet build -c Release -v quiet "$project" >"$work/build.log" || { grep -m5 error "$work/build.log" >&2; exit 1; }; done
cli() { dotnet run -c Release --no-build --project src/Assett.Cli -- "$@" 2>/dev/null; }

mapfile -t emails < <(cli demo passwords --tenant "$tenant" --count "$connections" --password "$password")
[ "${#emails[@]}" -eq "$connections" ] || { echo "Seed the demo data first (see the top of this script)." >&2; exit 1; }

Logging__LogLevel__Default=Warning dotnet run -c Release --no-build --project src/Assett.Web --urls "$site" >"$work/web.log" 2>&1 &
for _ in $(seq 120); do curl -sf "$site/health" >/dev/null && break; sleep 1; done

# One wrk thread per core: 32 threads on 2 cores starved the server (/health: 850 requests/s with
# -t32, 2,860 with -t2); each thread sends the requests of several owners (save-answer.lua).
threads=$(nproc)

# Sign each owner in from its own loopback address: sign-in is throttled per address (10 a minute).
sessions="$work/sessions"
for i in "${!emails[@]}"; do
  jar="$work/jar$i" from="127.0.0.$((i + 2))"
  page=$(curl -s --interface "$from" -c "$jar" -b "$jar" "$site/t/$tenant/connexion")
  token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$page" | sed 's/.*value="//; s/"$//' | head -1)
  curl -s --interface "$from" -c "$jar" -b "$jar" -o /dev/null --data-urlencode "Input.Email=${emails[$i]}" \
    --data-urlencode "Input.Password=$password" --data-urlencode "__RequestVerificationToken=$token" "$site/t/$tenant/connexion"
  if [ "$i" -eq 0 ]; then
    mapfile -t measures < <(curl -s --interface "$from" -c "$jar" -b "$jar" "$site/t/$tenant/evaluation" \
      | grep -o "href=\"/t/$tenant/evaluation/[0-9][0-9.]*\"" | sed 's/.*evaluation\///; s/"$//' | sort -u)
    [ "${#measures[@]}" -ge $(( (connections + threads - 1) / threads )) ] || { echo "Only ${#measures[@]} measures: too few for $connections connections." >&2; exit 1; }
  fi
  # The owners of one wrk thread (i modulo threads) answer measures of their own, so that a save's
  # response names a task of one of them only (save-answer.lua).
  code=${measures[$((i / threads))]}
  measure=$(curl -s --interface "$from" -c "$jar" -b "$jar" "$site/t/$tenant/evaluation/$code")
  token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$measure" | sed 's/.*value="//; s/"$//' | head -1)
  nodes=$( (grep -o 'Answers\[[0-9]*\]\.NodeId" value="[^"]*"' <<<"$measure" || true) | sed 's/.*value="//; s/"$//')
  versions=$( (grep -o 'Answers\[[0-9]*\]\.SeenVersion" value="[^"]*"' <<<"$measure" || true) | sed 's/.*value="//; s/"$//')
  cookie=$(awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " } /^#HttpOnly_/ { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar")
  echo "$cookie|$token|$code|$(paste -d= <(echo "$nodes") <(echo "$versions") | paste -sd,)" >>"$sessions"
done
[ "$(grep -c '|.*|.*|assett_' "$sessions")" -eq "$connections" ] || { echo "Some owners could not sign in; the sessions, then the end of the log:" >&2; cut -c1-200 "$sessions" | head -3 >&2; tail -20 "$work/web.log" >&2; exit 1; }

export SESSIONS="$sessions" TENANT_PATH="/t/$tenant" THREADS="$threads"
echo "wrk -t$threads -c$connections -d$duration, $(nproc) cores, $(date -u +%FT%TZ)"
wrk -t"$threads" -c"$connections" -d"$duration" -s ${SAVE_SCRIPT:-infra/perf/save-answer.lua} "$site" | tail -1
wrk -t"$threads" -c"$connections" -d"$duration" -s infra/perf/results-page.lua "$site" | tail -1
