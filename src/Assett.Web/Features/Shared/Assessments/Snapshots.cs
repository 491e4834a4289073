using Assett.Data;
using Assett.Data.Assessments;
using Assett.Referentials.Evaluation;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Assett.Web.Features.Shared.Assessments;

/// <summary>
/// Score snapshots, which the cohort's figures read instead of raw answers: the « current » one,
/// replaced at each saved answer, and the « submitted » one, kept.
/// </summary>
public static class Snapshots
{
    /// <summary>
    /// Replaces the assessment's current score, inside the caller's transaction. It runs at every saved
    /// answer, so it is one statement that updates the rows in place (no new rows, no foreign key
    /// checks) instead of deleting and inserting them.
    /// </summary>
    public static async Task StoreCurrentAsync(AssettDbContext db, AssessmentContext context, EvaluationResult result, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)(db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Store inside a transaction.")))
        {
            BatchCommands = { StoreCurrentCommand(context, result, now) },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The statement of <see cref="StoreCurrentAsync"/>, for a caller that sends it with others in one round trip.</summary>
    public static NpgsqlBatchCommand StoreCurrentCommand(AssessmentContext context, EvaluationResult result, DateTimeOffset now)
    {
        var (snapshot, themes) = ScoreSnapshotBuilder.Build(result, context.Assessment.Id, context.Version.Id, SnapshotKind.Current, now);
        var command = new NpgsqlBatchCommand(StoreCurrentSql);
        var parameters = command.Parameters;
        parameters.AddWithValue("id", snapshot.Id);
        parameters.AddWithValue("tenant", context.Assessment.TenantId);
        parameters.AddWithValue("assessment", snapshot.AssessmentId);
        parameters.AddWithValue("version", snapshot.ReferentialVersionId);
        parameters.AddWithValue("taken_at", snapshot.TakenAt);
        parameters.AddWithValue("fait", snapshot.PointFait);
        parameters.AddWithValue("programme", snapshot.PointProgramme);
        parameters.AddWithValue("pas_fait", snapshot.PointPasFait);
        parameters.AddWithValue("potentiel", snapshot.PointPotentiel);
        parameters.AddWithValue("percent", snapshot.ScorePercent);
        parameters.AddWithValue("tree", NpgsqlDbType.Jsonb, snapshot.Tree);
        parameters.AddWithValue("node_ids", themes.Select(t => t.NodeId).ToArray());
        parameters.AddWithValue("node_faits", themes.Select(t => t.PointFait).ToArray());
        parameters.AddWithValue("node_programmes", themes.Select(t => t.PointProgramme).ToArray());
        parameters.AddWithValue("node_pas_faits", themes.Select(t => t.PointPasFait).ToArray());
        parameters.AddWithValue("node_potentiels", themes.Select(t => t.PointPotentiel).ToArray());
        return command;
    }

    // Row-level security keeps every part of it to the current tenant's rows.
    private const string StoreCurrentSql = """
        WITH snapshot AS (
            INSERT INTO score_snapshots (id, tenant_id, assessment_id, referential_version_id, kind, taken_at,
                point_fait, point_programme, point_pas_fait, point_potentiel, score_percent, tree)
            VALUES (@id, @tenant, @assessment, @version, 'Current', @taken_at, @fait, @programme, @pas_fait, @potentiel, @percent, @tree)
            ON CONFLICT (tenant_id, assessment_id, kind) WHERE kind = 'Current' DO UPDATE SET
                referential_version_id = excluded.referential_version_id, taken_at = excluded.taken_at,
                point_fait = excluded.point_fait, point_programme = excluded.point_programme, point_pas_fait = excluded.point_pas_fait,
                point_potentiel = excluded.point_potentiel, score_percent = excluded.score_percent, tree = excluded.tree
            RETURNING id),
        gone AS (
            DELETE FROM score_node_totals t USING snapshot
            WHERE t.tenant_id = @tenant AND t.snapshot_id = snapshot.id AND t.node_id <> ALL (@node_ids))
        INSERT INTO score_node_totals (id, tenant_id, snapshot_id, node_id, point_fait, point_programme, point_pas_fait, point_potentiel)
        SELECT gen_random_uuid(), @tenant, snapshot.id, n.node_id, n.fait, n.programme, n.pas_fait, n.potentiel
        FROM snapshot, unnest(@node_ids, @node_faits, @node_programmes, @node_pas_faits, @node_potentiels) AS n(node_id, fait, programme, pas_fait, potentiel)
        ON CONFLICT (tenant_id, snapshot_id, node_id) DO UPDATE SET
            point_fait = excluded.point_fait, point_programme = excluded.point_programme,
            point_pas_fait = excluded.point_pas_fait, point_potentiel = excluded.point_potentiel
        """;

    /// <summary>Submits the assessment: its snapshot is kept as the campaign's result, and it can no longer change.</summary>
    public static async Task SubmitAsync(AssettDbContext db, AssessmentContext context, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (state, entries) = await AssessmentRow.LockAsync(db, context.Assessment.Id, cancellationToken);
        if (state == AssessmentState.Submitted) return;
        var result = context.Evaluate(entries);
        var (snapshot, themes) = ScoreSnapshotBuilder.Build(result, context.Assessment.Id, context.Version.Id, SnapshotKind.Submitted, now);
        db.ScoreSnapshots.Add(snapshot);
        db.ScoreNodeTotals.AddRange(themes);
        context.Assessment.State = AssessmentState.Submitted;
        context.Assessment.SubmittedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
