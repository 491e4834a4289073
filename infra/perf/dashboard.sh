#!/usr/bin/env bash
# Load test of the territory officer's pages (issue 8), with wrk: the cohort dashboard and the
# organisations' list, then the time an on-demand cohort report takes. Runs the web app (Release) on
# the development database, which must hold the demo data (two campaigns, see infra/perf/run.sh).
# Usage: infra/perf/dashboard.sh [connections (8)] [duration (30s)]
set -euo pipefail
cd "$(dirname "$0")/../.."
connections=${1:-8}
duration=${2:-30s}
tenant=grand-poitiers
port=5091
site="http://127.0.0.1:$port"
password="Officier-$(date +%s)-Aa"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
for project in src/Assett.Web src/Assett.Cli; do dotnet build -c Release -v quiet "$project" >"$work/build.log" || { grep -m5 error "$work/build.log" >&2; exit 1; }; done
email=$(dotnet run -c Release --no-build --project src/Assett.Cli -- demo officer --tenant "$tenant" --password "$password" 2>/dev/null)

Logging__LogLevel__Default=Warning Jobs__Server=false dotnet run -c Release --no-build --project src/Assett.Web --urls "$site" >"$work/web.log" 2>&1 &
for _ in $(seq 120); do curl -sf "$site/health" >/dev/null && break; sleep 1; done

jar="$work/jar"
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//' | head -1; }
page=$(curl -s -c "$jar" -b "$jar" "$site/t/$tenant/connexion")
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password" \
  --data-urlencode "__RequestVerificationToken=$(token <<<"$page")" "$site/t/$tenant/connexion"
cookie=$(awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " } /^#HttpOnly_/ { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar")
curl -sf -o /dev/null -H "Cookie: $cookie" "$site/t/$tenant/territoire" || { echo "The officer could not sign in; the end of the log:" >&2; tail -20 "$work/web.log" >&2; exit 1; }

cat >"$work/report.lua" <<'LUA'
function done(summary, latency, requests)
  io.write(string.format("%s: %d requests, %d errors (non-2xx: %d), %.0f per second, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms\n",
    os.getenv("LABEL"), summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
LUA
echo "wrk -t$connections -c$connections -d$duration, $(nproc) cores, $(date -u +%FT%TZ)"
for path in "territoire" "territoire?axe=secteur" "territoire/organisations?tri=score"; do
  LABEL="/$path" wrk -t"$connections" -c"$connections" -d"$duration" -H "Cookie: $cookie" -s "$work/report.lua" "$site/t/$tenant/$path" | tail -1
done

reports=$(curl -s -H "Cookie: $cookie" "$site/t/$tenant/territoire/rapports")
curl -s -o /dev/null -H "Cookie: $cookie" -w "on-demand cohort report: HTTP %{http_code} in %{time_total} s\n" \
  --data-urlencode "__RequestVerificationToken=$(token <<<"$reports")" "$site/t/$tenant/territoire/rapports"
