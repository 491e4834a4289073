#!/usr/bin/env bash
# Mail leaves once (issue 15): messages in Grand Poitiers' outbox while the SMTP sink
# (infra/perf/smtp-sink.py) is stopped, then started and killed with kill -9 in the middle of the
# sending, then started again. Every message must reach the sink, none twice (by Message-Id). The
# retry delays (2 minutes after a first failure) are skipped by making the failed messages due at
# once, which is what the delay's end does. Figures go to docs/reliability.md.
# Usage: infra/faults/mail.sh [messages (3000)]
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-3000}
tenant=grand-poitiers
smtp_port=2527
port=5095
site="http://127.0.0.1:$port"
export Assett__EmbeddedPostgres__RootDirectory=/var/tmp/assett-faults ASPNETCORE_ENVIRONMENT=Development
source infra/perf/common.sh
source infra/faults/common.sh
command -v bc >/dev/null || { apt-get update -qq && apt-get install -y -qq bc >/dev/null; }

build src/Assett.Web
start_host "$site" Jobs__Server=false Assett__Mail__Smtp__Host=127.0.0.1 Assett__Mail__Smtp__Port=$smtp_port
in_tenant="SELECT set_config('app.tenant_id', (SELECT id::text FROM tenants WHERE identifier = '$tenant'), false);"
ours="unique_key LIKE 'faute:mail:%'"
due_now() { sql "UPDATE outbox_messages SET next_attempt_at = now() WHERE $ours AND sent_at IS NULL" >/dev/null; }
sent() { sql "SELECT count(*) FROM outbox_messages WHERE $ours AND sent_at IS NOT NULL"; }
delivered() { sort -u "$work/ids" 2>/dev/null | grep -cFf "$work/expected" || true; }
sink() { python3 infra/perf/smtp-sink.py "$smtp_port" "$work/count" "$work/ids" & sink=$!; sleep 0.5; }

sql "DELETE FROM outbox_messages WHERE $ours" >/dev/null
sql "$in_tenant INSERT INTO outbox_messages (tenant_id, id, unique_key, to_address, subject, text_body, created_at, next_attempt_at, attempts)
     SELECT current_setting('app.tenant_id')::uuid, gen_random_uuid(), 'faute:mail:' || n, 'owner-' || n || '@$tenant.demo.invalid',
            'Votre autoévaluation est commencée', repeat('Bonjour, reprenez votre autoévaluation. ', 20), now(), now(), 0
     FROM generate_series(1, $count) AS n" >/dev/null
sql "SELECT replace(id::text, '-', '') || '@assett' FROM outbox_messages WHERE $ours" | sed 's/^/</; s/$/>/' >"$work/expected"
echo "$count messages queued, SMTP sink stopped, $(date -u +%FT%TZ)"

sleep 8
failed=$(sql "SELECT count(*) FROM outbox_messages WHERE $ours AND attempts > 0")
echo "after 8 s without a mail server: $(sent) sent, $failed with a failed attempt (retried later), the others untouched"

sink
due_now
until [ "$(delivered)" -ge $((count / 3)) ]; do sleep 0.1; done
kill -9 "$sink"
echo "sink killed (kill -9) after $(delivered) deliveries"
sleep 6
echo "while it was down: $(sent) marked sent, $(sql "SELECT count(*) FROM outbox_messages WHERE $ours AND attempts > 0") with a failed attempt"

sink
due_now
for _ in $(seq 600); do [ "$(sent)" -ge "$count" ] && break; sleep 0.5; done
sleep 2
total=$(grep -cFf "$work/expected" "$work/ids" || true)
distinct=$(delivered)
echo "sink restarted: $(sent) of $count marked sent; the sink received $total of them, $distinct distinct Message-Ids ($((total - distinct)) twice)"
echo "set aside as failed: $(sql "SELECT count(*) FROM outbox_messages WHERE $ours AND failed_at IS NOT NULL")"
sql "DELETE FROM outbox_messages WHERE $ours" >/dev/null
[ "$distinct" -eq "$count" ] && [ "$total" -eq "$count" ]
