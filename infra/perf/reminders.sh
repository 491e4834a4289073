#!/usr/bin/env bash
# Load test of the reminders' way out (issue 8): 50,000 reminders in Grand Poitiers' outbox, sent by
# the web host's outbox worker to a local SMTP sink (infra/perf/smtp-sink.py), timed until the sink
# has them all, then checked for duplicates (distinct Message-Ids) and for rows left unsent.
# Needs the development database with the demo data (see infra/perf/run.sh).
# Usage: infra/perf/reminders.sh [count (50000)]
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-50000}
tenant=grand-poitiers
smtp_port=2526
port=5092
source infra/perf/common.sh

command -v bc >/dev/null || { apt-get update -qq && apt-get install -y -qq bc >/dev/null; }
build src/Assett.Web

# The web host starts the embedded PostgreSQL; the rows go in as the postgres superuser, in one statement.
python3 infra/perf/smtp-sink.py "$smtp_port" "$work/count" &
start_web "http://127.0.0.1:$port" Jobs__Server=false Assett__Mail__Smtp__Host=127.0.0.1 Assett__Mail__Smtp__Port=$smtp_port
socket=$(grep -o 'Embedded PostgreSQL [0-9]* started on 127.0.0.1:[0-9]*\|already running on 127.0.0.1:[0-9]*' "$work/web.log" | grep -o '[0-9]*$' | head -1)
run_dir=$(grep -o 'data in [^,]*' "$work/web.log" | head -1 | sed 's/data in //; s|/data$|/run|')
sql() { su postgres -c "psql -h '$run_dir' -p $socket -d assett -qAt -c \"$1\""; }

sql "DELETE FROM outbox_messages WHERE unique_key LIKE 'reminder:perf:%'"
start=$(date +%s.%N)
sql "SELECT set_config('app.tenant_id', (SELECT id::text FROM tenants WHERE identifier = '$tenant'), false);
     INSERT INTO outbox_messages (tenant_id, id, unique_key, to_address, subject, text_body, html_body, created_at, next_attempt_at, attempts)
     SELECT current_setting('app.tenant_id')::uuid, gen_random_uuid(), 'reminder:perf:' || n, 'owner-' || n || '@$tenant.demo.invalid',
            'Votre autoévaluation Campagne 2027 est commencée', repeat('Bonjour, reprenez votre autoévaluation. ', 20), NULL, now(), now(), 0
     FROM generate_series(1, $count) AS n" >/dev/null
queued=$(date +%s.%N)
while :; do
  read -r messages distinct < "$work/count" || true
  [ "${messages:-0}" -ge "$count" ] && break
  sleep 0.5
  if (( $(echo "$(date +%s.%N) - $start > 600" | bc) )); then echo "still ${messages:-0} after 10 minutes" >&2; break; fi
done
done_at=$(date +%s.%N)
sleep 2
read -r messages distinct < "$work/count"
unsent=$(sql "SELECT set_config('app.tenant_id', (SELECT id::text FROM tenants WHERE identifier = '$tenant'), false); SELECT count(*) FROM outbox_messages WHERE unique_key LIKE 'reminder:perf:%' AND sent_at IS NULL" | tail -1)
printf '%d reminders queued in %.1f s, delivered to the SMTP sink in %.1f s (%.0f per second); sink: %d messages, %d distinct; unsent rows: %s\n' \
  "$count" "$(echo "$queued - $start" | bc)" "$(echo "$done_at - $queued" | bc)" "$(echo "$count / ($done_at - $queued)" | bc -l)" "$messages" "$distinct" "$unsent"
sql "DELETE FROM outbox_messages WHERE unique_key LIKE 'reminder:perf:%'" >/dev/null
