-- pgbench script: the raw anchor of a save, one status row upserted by primary key in its own
-- transaction, on the same running cluster as the web host (infra/perf/run.sh).
\set assessment random(1, 10000)
\set node random(1, 200)
INSERT INTO anchor_statuses (assessment_id, node_id, status, updated_at) VALUES (:assessment, 'node_' || :node, 'fait', now())
ON CONFLICT (assessment_id, node_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at;
