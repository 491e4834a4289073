#!/usr/bin/env bash
# National scale (issue 21): the console's national figures, timed with curl as the demo platform
# administrator, then a territory's bilans frozen by its Hangfire job (« bilans:<slug> »), triggered from
# the Hangfire dashboard as an administrator would and run by a worker; the job's own duration is
# read from Hangfire's Succeeded state. Runs on the embedded cluster of Assett__EmbeddedPostgres__RootDirectory,
# which must hold the demo data (`demo seed --campaigns 2`: the first campaign is closed).
# Usage: infra/perf/national.sh [territory whose bilans to freeze (grand-poitiers)] [runs of the figures (5)]
# Freezing sends mail to the outbox: the bilans of that territory are removed first, so that the run is
# repeatable, with their queued messages. SKIP_BILANS=1 times the national figures only (no worker, no freezing).
set -euo pipefail
cd "$(dirname "$0")/../.."
tenant=${1:-grand-poitiers}
runs=${2:-5}
port=5092
site="http://127.0.0.1:$port"
password="Plateforme-$(date +%s)-Aa"
root=${Assett__EmbeddedPostgres__RootDirectory:?set Assett__EmbeddedPostgres__RootDirectory to the embedded cluster holding the data}
source infra/perf/common.sh

build src/Assett.Web src/Assett.Cli
email=$(dotnet run -c Release --no-build --project src/Assett.Cli -- demo admin --password "$password" 2>/dev/null)

start_web "$site" Jobs__Server=false
sql() { psql -h 127.0.0.1 -p "$(sed -n 4p "$root/data/postmaster.pid")" -U postgres -d assett -Atq -c "$1"; }

jar="$work/jar"
page=$(curl -s -c "$jar" -b "$jar" "$site/connexion")
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password" \
  --data-urlencode "__RequestVerificationToken=$(token <<<"$page")" "$site/connexion"
cookie=$(cookies_of "$jar")
curl -sf -o /dev/null -H "Cookie: $cookie" "$site/plateforme" ||
  { echo "The administrator could not sign in; the end of the log:" >&2; tail -20 "$work/web.log" >&2; exit 1; }

echo "$(nproc) cores, $(date -u +%FT%TZ), $(sql "SELECT count(*) FROM tenants") territories, $(sql "SELECT count(*) FROM organisations") organisations"
# The first request computes the sets still missing (NationalFiguresJob keeps them otherwise): say which case is timed.
echo "national figure sets stored: $(sql "SELECT count(*) FROM national_figure_sets") for $(sql "SELECT count(*) FROM campaigns WHERE state <> 'Planned'") campaigns begun"
times=()
for _ in $(seq "$runs"); do
  times+=("$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Cookie: $cookie" "$site/plateforme/chiffres")")
done
printf '%s\n' "${times[@]}" | sort -k2 -n | awk -v first="${times[0]#* }" '$1 != 200 { bad++ } { t[NR] = $2 } END {
  printf "/plateforme/chiffres: %d runs, first %.3f s, median %.3f s, max %.3f s, non-200 %d\n", NR, first, t[int((NR + 1) / 2)], t[NR], bad }'

[ "${SKIP_BILANS:-}" = 1 ] && exit 0

# The bilans: the territory's own sign-in (sessions are per territory), its Hangfire dashboard, « Déclencher ».
sql "DELETE FROM bilans WHERE tenant_id = (SELECT id FROM tenants WHERE identifier = '$tenant');
     DELETE FROM outbox_messages WHERE unique_key LIKE 'bilan:%' AND tenant_id = (SELECT id FROM tenants WHERE identifier = '$tenant')" || true
# The worker registers the territories' recurring jobs (TenantSchedules) before one can be triggered.
env Logging__LogLevel__Default=Warning dotnet run -c Release --no-build --project src/Assett.Web -- --worker >"$work/worker.log" 2>&1 &
tjar="$work/tjar"
sign_in "$site" "$tenant" "$tjar" "$email" "$password"
for _ in $(seq 120); do
  dashboard=$(curl -s -b "$tjar" -c "$tjar" "$site/t/$tenant/hangfire/recurring")
  grep -q "bilans:$tenant" <<<"$dashboard" && break
  sleep 1
done
header=$(grep -o 'name="csrf-header" content="[^"]*"' <<<"$dashboard" | sed 's/.*content="//; s/"$//')
csrf=$(grep -o 'name="csrf-token" content="[^"]*"' <<<"$dashboard" | sed 's/.*content="//; s/"$//')
owed=$(sql "SELECT count(*) FROM assessments a JOIN campaigns c ON c.id = a.campaign_id AND c.state = 'Closed'
            WHERE a.tenant_id = (SELECT id FROM tenants WHERE identifier = '$tenant')")
before=$(sql "SELECT coalesce(max(id), 0) FROM hangfire.job")
triggered=$(curl -s -o /dev/null -w "%{http_code}" -b "$tjar" -H "$header: $csrf" \
  --data-urlencode "jobs[]=bilans:$tenant" "$site/t/$tenant/hangfire/recurring/trigger")
case "$triggered" in 2??) ;; *) { echo "bilans:$tenant: the trigger answered HTTP $triggered; the worker's log:" >&2; tail -5 "$work/worker.log" >&2; exit 1; } ;; esac
for _ in $(seq 300); do
  state=$(sql "SELECT s.data FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid
               WHERE j.id > $before AND j.invocationdata::text LIKE '%BilanJob%' AND s.name IN ('Succeeded', 'Failed') LIMIT 1")
  [ -n "$state" ] && break
  sleep 1
done
# The freezing's span, from the first bilan frozen to the last (Hangfire's own duration did not match the job's work).
read -r frozen span < <(sql "SELECT count(*) || ' ' || coalesce(round(extract(epoch FROM max(frozen_at) - min(frozen_at))::numeric, 1), 0) FROM bilans
                             WHERE tenant_id = (SELECT id FROM tenants WHERE identifier = '$tenant')")
echo "bilans:$tenant: $frozen of $owed bilans frozen in ${span:-?} s (first to last frozen_at), job state: ${state:-none}"
