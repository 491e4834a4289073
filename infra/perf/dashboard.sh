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
source infra/perf/common.sh

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
build src/Assett.Web src/Assett.Cli
email=$(dotnet run -c Release --no-build --project src/Assett.Cli -- demo officer --tenant "$tenant" --password "$password" 2>/dev/null)

start_web "$site" Jobs__Server=false

jar="$work/jar"
sign_in "$site" "$tenant" "$jar" "$email" "$password"
cookie=$(cookies_of "$jar")
curl -sf -o /dev/null -H "Cookie: $cookie" "$site/t/$tenant/territoire" || { echo "The officer could not sign in; the end of the log:" >&2; tail -20 "$work/web.log" >&2; exit 1; }

echo "wrk -t$connections -c$connections -d$duration, $(nproc) cores, $(date -u +%FT%TZ)"
for path in "territoire" "territoire?axe=secteur" "territoire/organisations?tri=score"; do
  LABEL="/$path" wrk -t"$connections" -c"$connections" -d"$duration" -H "Cookie: $cookie" -s infra/perf/report.lua "$site/t/$tenant/$path" | tail -1
done

reports=$(curl -s -H "Cookie: $cookie" "$site/t/$tenant/territoire/rapports")
curl -s -o /dev/null -H "Cookie: $cookie" -w "on-demand cohort report: HTTP %{http_code} in %{time_total} s\n" \
  --data-urlencode "__RequestVerificationToken=$(token <<<"$reports")" "$site/t/$tenant/territoire/rapports"
