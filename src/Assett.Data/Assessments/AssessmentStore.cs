using Assett.Data.Tenancy;
using Assett.Referentials.Evaluation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Assett.Data.Assessments;

/// <summary>The assessment row, locked, and its task statuses as stored once the lock is held.</summary>
public sealed record LockedAssessment(Guid Id, Guid TenantId, AssessmentState State, List<TaskStatusEntry> Statuses);

/// <summary>
/// The hand-written SQL of the assessment tables, in one place: every page of the journey and every
/// save reads all the statuses, and EF's materialisation of them cost more than the query
/// (docs/performance.md). Each statement is a constant whose name ends in <c>Sql</c>, prepared against
/// a schema built from the EF model by <c>HandWrittenSqlShould</c>. Row-level security keeps every
/// statement to the current tenant's rows.
/// </summary>
public static class AssessmentStore
{
    /// <summary>
    /// The one way to change an assessment: inside a transaction that holds its row's lock, so that
    /// its writes go one at a time, see each other's, and none lands after its submission.
    /// <paramref name="write"/> works on the locked state; the transaction commits after it.
    /// </summary>
    public static async Task<T> WriteAsync<T>(AssettDbContext db, Guid assessmentId, Func<LockedAssessment, Task<T>> write,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two statements, not a join: the second takes its snapshot once the lock is held, so it sees
        // what the previous holder committed. One round trip for both.
        await using var batch = Batch(db, new NpgsqlBatchCommand(LockSql) { Parameters = { new() { Value = assessmentId } } }, StatusesCommand(assessmentId));
        LockedAssessment locked;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            var (tenantId, state) = (reader.GetGuid(0), Enum.Parse<AssessmentState>(reader.GetString(1)));
            await reader.NextResultAsync(cancellationToken);
            locked = new LockedAssessment(assessmentId, tenantId, state, await ReadStatusesAsync(reader, assessmentId, cancellationToken));
        }
        var result = await write(locked);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>The assessment's task statuses as stored now, outside any lock.</summary>
    public static async Task<List<TaskStatusEntry>> StatusesAsync(AssettDbContext db, Guid assessmentId, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Its own implicit transaction: the tenant's statement first (TenantScope), in the same round trip.
            await using var batch = Batch(db, TenantScope.SetCommand(db.CurrentTenantId), StatusesCommand(assessmentId));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            return await ReadStatusesAsync(reader, assessmentId, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Inside <see cref="WriteAsync{T}"/>: the task's status, its history row, the assessment's start
    /// and its current score, in one round trip. Returns the task's new version.
    /// </summary>
    public static async Task<uint> SaveStatusAsync(AssettDbContext db, LockedAssessment assessment, TaskStatusEntry saved, StatusValue? previous,
        NpgsqlBatchCommand currentScore, CancellationToken cancellationToken)
    {
        var save = new NpgsqlBatchCommand(SaveStatusSql);
        save.Parameters.AddWithValue(saved.Id);
        save.Parameters.AddWithValue(assessment.TenantId);
        save.Parameters.AddWithValue(assessment.Id);
        save.Parameters.AddWithValue(saved.NodeId);
        AddStatus(save.Parameters, saved.Status);
        AddCommonTail(save.Parameters, saved);
        var history = new NpgsqlBatchCommand(StatusChangeSql);
        history.Parameters.AddWithValue(Guid.NewGuid());
        history.Parameters.AddWithValue(assessment.TenantId);
        history.Parameters.AddWithValue(assessment.Id);
        history.Parameters.AddWithValue(saved.NodeId);
        AddStatus(history.Parameters, previous);
        AddStatus(history.Parameters, saved.Status);
        AddCommonTail(history.Parameters, saved);
        var start = new NpgsqlBatchCommand(MarkStartedSql) { Parameters = { new() { Value = assessment.Id } } };
        await using var batch = Batch(db, save, history, start, currentScore);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetFieldValue<uint>(0);
    }

    /// <summary>Replaces the assessment's current score, inside <see cref="WriteAsync{T}"/>.</summary>
    public static async Task StoreCurrentAsync(AssettDbContext db, LockedAssessment assessment, Guid versionId, EvaluationResult result, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var batch = Batch(db, StoreCurrentCommand(assessment, versionId, result, now));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The statement of <see cref="StoreCurrentAsync"/>, for a caller that sends it with others. It
    /// runs at every saved answer, so it updates the rows in place (no new rows, no foreign key checks).
    /// </summary>
    public static NpgsqlBatchCommand StoreCurrentCommand(LockedAssessment assessment, Guid versionId, EvaluationResult result, DateTimeOffset now)
    {
        var (snapshot, themes) = ScoreSnapshotBuilder.Build(result, assessment.Id, versionId, SnapshotKind.Current, now);
        var command = new NpgsqlBatchCommand(StoreCurrentSql);
        var parameters = command.Parameters;
        parameters.AddWithValue("id", snapshot.Id);
        parameters.AddWithValue("tenant", assessment.TenantId);
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

    /// <summary>The four columns of a status (kind, then the fait, programmé and pas fait split), in that order.</summary>
    public static void AddStatus(NpgsqlParameterCollection parameters, StatusValue? status)
    {
        parameters.AddWithValue((object?)status?.Kind ?? DBNull.Value);
        parameters.AddWithValue((object?)status?.Fait ?? DBNull.Value);
        parameters.AddWithValue((object?)status?.Programme ?? DBNull.Value);
        parameters.AddWithValue((object?)status?.PasFait ?? DBNull.Value);
    }

    /// <summary>The same four columns by name, for a binary COPY (the demo seeder's), in the order <see cref="WriteStatus"/> writes them.</summary>
    public const string StatusColumnNames = "status_kind, status_fait, status_programme, status_pas_fait";

    public static void WriteStatus(NpgsqlBinaryImporter importer, StatusValue status)
    {
        importer.Write(status.Kind);
        importer.Write(status.Fait);
        importer.Write(status.Programme);
        importer.Write(status.PasFait);
    }

    private static void AddCommonTail(NpgsqlParameterCollection parameters, TaskStatusEntry saved)
    {
        parameters.AddWithValue((object?)saved.Comment ?? DBNull.Value);
        parameters.AddWithValue(saved.UpdatedBy);
        parameters.AddWithValue(saved.UpdatedAt);
    }

    private static NpgsqlBatchCommand StatusesCommand(Guid assessmentId) => new(StatusesSql) { Parameters = { new() { Value = assessmentId } } };

    private static async Task<List<TaskStatusEntry>> ReadStatusesAsync(NpgsqlDataReader reader, Guid assessmentId, CancellationToken cancellationToken)
    {
        var entries = new List<TaskStatusEntry>();
        while (await reader.ReadAsync(cancellationToken))
            entries.Add(new TaskStatusEntry
            {
                Id = reader.GetGuid(0), AssessmentId = assessmentId, NodeId = reader.GetString(1),
                Status = new StatusValue(reader.GetString(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5)),
                Comment = reader.IsDBNull(6) ? null : reader.GetString(6), UpdatedBy = reader.GetString(7),
                UpdatedAt = reader.GetFieldValue<DateTimeOffset>(8), Version = reader.GetFieldValue<uint>(9),
            });
        return entries;
    }

    private static NpgsqlBatch Batch(AssettDbContext db, params NpgsqlBatchCommand[] commands)
    {
        var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        foreach (var command in commands) batch.BatchCommands.Add(command);
        return batch;
    }

    public const string LockSql = "SELECT tenant_id, state FROM assessments WHERE id = $1 FOR UPDATE";

    public const string StatusesSql = """
        SELECT id, node_id, status_kind, status_fait, status_programme, status_pas_fait, comment, updated_by, updated_at, xmin
        FROM task_statuses WHERE assessment_id = $1
        """;

    public const string SaveStatusSql = """
        INSERT INTO task_statuses (id, tenant_id, assessment_id, node_id, status_kind, status_fait, status_programme, status_pas_fait,
                                   comment, updated_by, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT (tenant_id, assessment_id, node_id) DO UPDATE SET
            status_kind = excluded.status_kind, status_fait = excluded.status_fait, status_programme = excluded.status_programme,
            status_pas_fait = excluded.status_pas_fait, comment = excluded.comment, updated_by = excluded.updated_by, updated_at = excluded.updated_at
        RETURNING xmin
        """;

    public const string StatusChangeSql = """
        INSERT INTO task_status_changes (id, tenant_id, assessment_id, node_id, previous_kind, previous_fait, previous_programme, previous_pas_fait,
                                         status_kind, status_fait, status_programme, status_pas_fait, comment, changed_by, changed_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
        """;

    public const string MarkStartedSql =
        $"UPDATE assessments SET state = '{nameof(AssessmentState.InProgress)}' WHERE id = $1 AND state = '{nameof(AssessmentState.NotStarted)}'";

    public const string StoreCurrentSql = $"""
        WITH snapshot AS (
            INSERT INTO score_snapshots (id, tenant_id, assessment_id, referential_version_id, kind, taken_at,
                point_fait, point_programme, point_pas_fait, point_potentiel, score_percent, tree)
            VALUES (@id, @tenant, @assessment, @version, '{nameof(SnapshotKind.Current)}', @taken_at, @fait, @programme, @pas_fait, @potentiel, @percent, @tree)
            ON CONFLICT (tenant_id, assessment_id, kind) WHERE kind = '{nameof(SnapshotKind.Current)}' DO UPDATE SET
                referential_version_id = excluded.referential_version_id, taken_at = excluded.taken_at,
                point_fait = excluded.point_fait, point_programme = excluded.point_programme, point_pas_fait = excluded.point_pas_fait,
                point_potentiel = excluded.point_potentiel, score_percent = excluded.score_percent, tree = excluded.tree
            RETURNING id),
        gone AS (
            DELETE FROM score_node_totals t USING snapshot
            WHERE t.tenant_id = @tenant AND t.snapshot_id = snapshot.id AND t.node_id <> ALL (@node_ids::text[]))
        INSERT INTO score_node_totals (id, tenant_id, snapshot_id, node_id, point_fait, point_programme, point_pas_fait, point_potentiel)
        SELECT gen_random_uuid(), @tenant, snapshot.id, n.node_id, n.fait, n.programme, n.pas_fait, n.potentiel
        FROM snapshot, unnest(@node_ids::text[], @node_faits::float8[], @node_programmes::float8[], @node_pas_faits::float8[], @node_potentiels::float8[])
            AS n(node_id, fait, programme, pas_fait, potentiel)
        ON CONFLICT (tenant_id, snapshot_id, node_id) DO UPDATE SET
            point_fait = excluded.point_fait, point_programme = excluded.point_programme,
            point_pas_fait = excluded.point_pas_fait, point_potentiel = excluded.point_potentiel
        """;
}
