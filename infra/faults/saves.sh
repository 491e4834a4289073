#!/usr/bin/env bash
# Acknowledged means durable (issue 15): 200 owners save answers at once (infra/faults/saves.py) while
#   kill-web          the web host is killed with kill -9, then started again at once;
#   restart-postgres  PostgreSQL is restarted with pg_ctl restart -m immediate, then stopped the same
#                     way for 3 s (/health and a page are probed meanwhile) and started again.
# Then every save acknowledged with a 2xx must be in the database with its history row. Runs on a
# cluster of its own (/var/tmp/assett-faults, seeded on first use); figures go to docs/reliability.md.
# Usage: infra/faults/saves.sh kill-web|restart-postgres [owners (200)] [seconds (20)]
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=${1:?kill-web or restart-postgres}
owners=${2:-200}
seconds=${3:-20}
tenant=grand-poitiers
port=5094
site="http://127.0.0.1:$port"
password="Faute-$(date +%s)-Aa"
export Assett__EmbeddedPostgres__RootDirectory=/var/tmp/assett-faults ASPNETCORE_ENVIRONMENT=Development
source infra/perf/common.sh
source infra/faults/common.sh

build src/Assett.Web src/Assett.Cli
start_host "$site" # in development, it applies tenants-config and keeps the cluster up for the CLI
[ "$(sql "SELECT count(*) FROM organisations")" -ge $((owners + 20)) ] || cli demo seed --tenant "$tenant" --organisations $((owners + 20)) >/dev/null
cli demo passwords --tenant "$tenant" --count $((owners + 20)) --password "$password" >"$work/emails"
sql "DELETE FROM task_status_changes WHERE comment LIKE 'faute-%'; UPDATE task_statuses SET comment = NULL WHERE comment LIKE 'faute-%'" >/dev/null
python3 infra/faults/saves.py storm "$site" "$tenant" "$work/emails" "$password" "$seconds" "$work/results" "$work/ready" "$owners" &
storm=$!
until [ -f "$work/ready" ]; do sleep 0.2; done
sleep $((seconds / 3))

case "$mode" in
  kill-web)
    kill -9 "$host"
    echo "web host killed (kill -9) at $(elapsed) s"
    start_host "$site"
    echo "web host serving again at $(elapsed) s"
    ;;
  restart-postgres)
    pg restart -m immediate -w >/dev/null
    echo "pg_ctl restart -m immediate done at $(elapsed) s"
    sleep 3
    pg stop -m immediate >/dev/null
    down=$(elapsed)
    health=$(curl -s -o /dev/null -w '%{http_code}' "$site/health")
    page=$(curl -s -o /dev/null -w '%{http_code} in %{time_total} s' "$site/t/$tenant/connexion")
    echo "PostgreSQL stopped at $down s: /health $health, sign-in page $page"
    sleep 3
    start_postgres
    echo "PostgreSQL started again at $(elapsed) s"
    ;;
esac

wait "$storm"
sql "SELECT comment FROM task_status_changes WHERE comment LIKE 'faute-%'" >"$work/history"
sql "SELECT node_id || ' ' || comment FROM task_statuses WHERE comment LIKE 'faute-%'" >"$work/current"
echo "$mode, $owners owners for $seconds s, $(nproc) cores, $(date -u +%FT%TZ)"
grep -o 'answered 503: .*' "$work/web.log" | sort | uniq -c | sort -rn | head -3 || true
cp "$work/web.log" /tmp/assett-faults-web.log
python3 infra/faults/saves.py verify "$work/results" "$work/history" "$work/current"
