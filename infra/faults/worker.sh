#!/usr/bin/env bash
# Hangfire jobs survive a worker's death (issue 15): Grand Poitiers' reminders job runs on a worker
# (the web host with --worker), which is killed with kill -9 in the middle of it; a second worker
# must run the job again once its invisibility timeout has passed (3 minutes, JobsSetup), and each
# reminder must be sent once (the SMTP sink counts Message-Ids). The schedule is set to every minute
# for the run (the occurrence is the day, so the later minutes' runs queue nothing new), and set
# back at the end.
# Needs at least 3,000 organisations (seeded on first use). Figures go to docs/reliability.md.
# Usage: infra/faults/worker.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
tenant=grand-poitiers
organisations=3000
smtp_port=2528
port=5096
site="http://127.0.0.1:$port"
export Assett__EmbeddedPostgres__RootDirectory=/var/tmp/assett-faults ASPNETCORE_ENVIRONMENT=Development
source infra/perf/common.sh
source infra/faults/common.sh
command -v bc >/dev/null || { apt-get update -qq && apt-get install -y -qq bc >/dev/null; }
mail=(Assett__Mail__Smtp__Host=127.0.0.1 Assett__Mail__Smtp__Port=$smtp_port)

build src/Assett.Web src/Assett.Cli
start_host "$site" Jobs__Server=false "${mail[@]}"
web=$host
have=$(sql "SELECT count(*) FROM organisations o JOIN tenants t ON t.id = o.tenant_id WHERE t.identifier = '$tenant'")
[ "$have" -ge "$organisations" ] || cli demo seed --tenant "$tenant" --organisations $((organisations - have)) >/dev/null
python3 infra/perf/smtp-sink.py "$smtp_port" "$work/count" "$work/ids" &
reminders="unique_key LIKE 'reminder:%'"
sql "DELETE FROM outbox_messages WHERE $reminders" >/dev/null
schedule=$(sql "SELECT settings->>'reminderSchedule' FROM tenants WHERE identifier = '$tenant'")
set_schedule() { sql "UPDATE tenants SET settings = jsonb_set(settings, '{reminderSchedule}', to_jsonb('$1'::text)) WHERE identifier = '$tenant'" >/dev/null; }
set_schedule "* * * * *"
# Not in Development: a development host applies tenants-config at start, which would reset the schedule.
worker() {
  (cd src/Assett.Web && exec env ASPNETCORE_ENVIRONMENT=Testing Logging__LogLevel__Default=Warning Logging__LogLevel__Assett.Web.Features.Reminders=Information \
    Jobs__Workers=2 "${mail[@]}" dotnet bin/Release/net10.0/Assett.Web.dll --worker) >>"$work/worker.log" 2>&1 &
  worker=$!
}

worker
start=$(date +%s.%N)
queued() { sql "SELECT count(*) FROM outbox_messages WHERE $reminders"; }
echo "open campaign's assessments: $(sql "SELECT string_agg(a.state || ' ' || n, ', ') FROM (SELECT a.state, count(*) n FROM assessments a JOIN campaigns c ON c.id = a.campaign_id WHERE c.state = 'Open' AND c.tenant_id = (SELECT id FROM tenants WHERE identifier = '$tenant') GROUP BY a.state) a")"
for _ in $(seq 900); do [ "$(queued)" -ge 100 ] && break; sleep 0.2; done
[ "$(queued)" -ge 100 ] || { echo "no reminders after 3 minutes; the worker's log:" >&2; tail -20 "$work/worker.log" >&2; exit 1; }
job=$(sql "SELECT id FROM hangfire.job WHERE statename = 'Processing' AND invocationdata::text LIKE '%ReminderJob%' ORDER BY id DESC LIMIT 1")
kill -9 "$worker"
killed=$(date +%s.%N)
echo "worker killed (kill -9) during reminders job $job, $(queued) reminders queued so far, $(date -u +%FT%TZ)"
worker

for _ in $(seq 1200); do
  [ "$(sql "SELECT statename FROM hangfire.job WHERE id = $job")" = Succeeded ] && break
  sleep 0.5
done
again=$(date +%s.%N)
echo "job $job: $(sql "SELECT statename FROM hangfire.job WHERE id = $job") $(echo "$again - $killed" | bc | xargs printf '%.0f') s after the kill; $(queued) reminders queued"
total=$(queued)
for _ in $(seq 600); do [ "$(sql "SELECT count(*) FROM outbox_messages WHERE $reminders AND sent_at IS NOT NULL")" -ge "$total" ] && break; sleep 0.5; done
sleep 2
read -r messages distinct <"$work/count"
echo "reminders: $total queued (one per organisation and kind: the outbox's unique key), $(sql "SELECT count(*) FROM outbox_messages WHERE $reminders AND sent_at IS NOT NULL") sent; sink: $messages messages, $distinct distinct Message-Ids"
echo "jobs of the reminders since the start: $(sql "SELECT string_agg(id || ' ' || statename, ', ' ORDER BY id) FROM hangfire.job WHERE invocationdata::text LIKE '%ReminderJob%' AND createdat > to_timestamp($start)")"
grep -o "[0-9]* reminder(s) queued.*" "$work/worker.log" | sort | uniq -c || true
set_schedule "$schedule"
kill "$worker" "$web" 2>/dev/null || true
[ "$messages" -eq "$distinct" ] && [ "$distinct" -ge "$total" ]
