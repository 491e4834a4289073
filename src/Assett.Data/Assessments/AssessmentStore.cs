using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Assett.Data.Assessments;

/// <summary>The assessment row, locked, and its task statuses as stored once the lock is held.</summary>
public sealed record LockedAssessment(Guid Id, Guid TenantId, AssessmentState State, List<TaskStatusEntry> Statuses);

/// <summary>
/// Which stored state a score was computed from: the row versions (<c>xmin</c>) of the assessment (its profile and state)
/// and of its current snapshot, which every change of a status or of the profile rewrites. Same stamp, same inputs.
/// </summary>
public readonly record struct ScoreStamp(uint Assessment, uint? Snapshot);

/// <summary>The assessment row, locked, with its score's stamp and the status of the one task a save changes.</summary>
public sealed record LockedTask(Guid Id, Guid TenantId, AssessmentState State, ScoreStamp Stamp, TaskStatusEntry? Entry)
{
    /// <summary>Set once <see cref="AssessmentStore.SaveStatusAsync"/> has sent the writes with the COMMIT that ends the transaction.</summary>
    internal bool Committed { get; set; }
}

/// <summary>
/// The hand-written SQL of the assessment tables, in one place: every page of the journey and every
/// save reads statuses, and EF's materialisation of them cost more than the query
/// (docs/performance.md). Each statement is a constant whose name ends in <c>Sql</c>, prepared against
/// a schema built from the EF model by <c>HandWrittenSqlShould</c>. Row-level security keeps every
/// statement to the current tenant's rows: each transaction's first statement sets it (<see cref="TenantScope"/>).
/// </summary>
public static class AssessmentStore
{
    /// <summary>
    /// The one way to change an assessment: inside a transaction that holds its row's lock, so that
    /// its writes go one at a time, see each other's, and none lands after its submission.
    /// <paramref name="write"/> works on the locked state; the transaction commits after it.
    /// </summary>
    public static Task<T> WriteAsync<T>(AssettDbContext db, Guid assessmentId, Func<LockedAssessment, Task<T>> write,
        CancellationToken cancellationToken) =>
        InTransactionAsync(db, async () =>
        {
            // Two statements, not a join: the second takes its snapshot once the lock is held, so it sees
            // what the previous holder committed. One round trip for both, with the tenant's statement and BEGIN.
            await using var batch = Batch(db, TenantScope.SetCommand(db.CurrentTenantId), Command(LockSql, assessmentId), StatusesCommand(assessmentId));
            LockedAssessment locked;
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                await reader.NextResultAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                var (tenantId, state) = (reader.GetGuid(0), Enum.Parse<AssessmentState>(reader.GetString(1)));
                await reader.NextResultAsync(cancellationToken);
                locked = new LockedAssessment(assessmentId, tenantId, state, await ReadStatusesAsync(reader, assessmentId, cancellationToken));
            }
            return await write(locked);
        }, cancellationToken);

    /// <summary>
    /// <see cref="WriteAsync{T}"/> for a save of one task, in two round trips where it would take four: BEGIN, the tenant,
    /// the lock, the score's stamp and that task's status in the first; the writes and COMMIT in the second
    /// (<see cref="SaveStatusAsync"/>). Every other status is read only if <paramref name="write"/> asks
    /// (<see cref="ScoringInputsAsync"/>). The transaction is Npgsql's plain SQL, not an <c>NpgsqlTransaction</c>, so
    /// that COMMIT can travel with the writes; a failure rolls it back.
    /// </summary>
    public static async Task<T> WriteTaskAsync<T>(AssettDbContext db, Guid assessmentId, string nodeId, Func<LockedTask, Task<T>> write,
        CancellationToken cancellationToken)
    {
        var tenant = db.CurrentTenantId;
        await db.Database.OpenConnectionAsync(cancellationToken);
        LockedTask? locked = null;
        try
        {
            var task = new NpgsqlBatchCommand(TaskStatusSql) { Parameters = { new() { Value = assessmentId }, new() { Value = nodeId } } };
            var stamp = new NpgsqlBatchCommand(SnapshotStampSql) { Parameters = { new() { Value = tenant ?? Guid.Empty }, new() { Value = assessmentId } } };
            await using (var batch = Batch(db, new NpgsqlBatchCommand("BEGIN"), TenantScope.SetCommand(tenant), Command(LockSql, assessmentId), stamp, task))
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                await reader.NextResultAsync(cancellationToken); // past the tenant's (BEGIN has no result set)
                await reader.ReadAsync(cancellationToken);
                var (tenantId, state, rowVersion) = (reader.GetGuid(0), Enum.Parse<AssessmentState>(reader.GetString(1)), reader.GetFieldValue<uint>(2));
                await reader.NextResultAsync(cancellationToken);
                uint? snapshot = await reader.ReadAsync(cancellationToken) ? reader.GetFieldValue<uint>(0) : null;
                await reader.NextResultAsync(cancellationToken);
                var entry = (await ReadStatusesAsync(reader, assessmentId, cancellationToken)).SingleOrDefault();
                locked = new LockedTask(assessmentId, tenantId, state, new ScoreStamp(rowVersion, snapshot), entry);
            }
            var result = await write(locked);
            if (!locked.Committed) await ExecuteAsync(db, "COMMIT", cancellationToken);
            return result;
        }
        catch when (locked?.Committed != true)
        {
            await RollBackAsync(db);
            throw;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Inside <see cref="WriteTaskAsync{T}"/>: every status and the profile, as the lock holder sees them.</summary>
    public static async Task<(List<TaskStatusEntry> Statuses, Dictionary<string, List<string>> Tags, Dictionary<string, string> Answers)>
        ScoringInputsAsync(AssettDbContext db, Guid assessmentId, CancellationToken cancellationToken)
    {
        await using var batch = Batch(db, Command(ProfileSql, assessmentId), StatusesCommand(assessmentId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var tags = JsonColumns.Read<Dictionary<string, List<string>>>(reader.GetString(0));
        var answers = JsonColumns.Read<Dictionary<string, string>>(reader.GetString(1));
        await reader.NextResultAsync(cancellationToken);
        return (await ReadStatusesAsync(reader, assessmentId, cancellationToken), tags, answers);
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
    /// The assessment's task statuses as stored now, and the latest changes of the tasks named (at most <paramref name="latest"/>
    /// each, newest first), in one round trip: a measure's page.
    /// </summary>
    public static async Task<(List<TaskStatusEntry> Statuses, List<TaskStatusChange> Changes)> StatusesAndLatestChangesAsync(AssettDbContext db,
        Guid assessmentId, string[] nodeIds, int latest, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var changes = new NpgsqlBatchCommand(LatestChangesSql)
            {
                Parameters = { new() { Value = assessmentId }, new() { Value = nodeIds }, new() { Value = latest } },
            };
            await using var batch = Batch(db, TenantScope.SetCommand(db.CurrentTenantId), StatusesCommand(assessmentId), changes);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var statuses = await ReadStatusesAsync(reader, assessmentId, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var latestChanges = new List<TaskStatusChange>();
            while (await reader.ReadAsync(cancellationToken))
                latestChanges.Add(new TaskStatusChange
                {
                    Id = reader.GetGuid(0), TenantId = reader.GetGuid(1), AssessmentId = assessmentId, NodeId = reader.GetString(2),
                    Previous = reader.IsDBNull(3) ? null : new StatusValue(reader.GetString(3), reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6)),
                    Status = new StatusValue(reader.GetString(7), reader.GetDouble(8), reader.GetDouble(9), reader.GetDouble(10)),
                    Comment = reader.IsDBNull(11) ? null : reader.GetString(11), ChangedBy = reader.GetString(12),
                    ChangedAt = reader.GetFieldValue<DateTimeOffset>(13),
                });
            return (statuses, latestChanges);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Inside <see cref="WriteTaskAsync{T}"/>, its last step: the task's status, its history row, the assessment's start, its
    /// current score and COMMIT, in one round trip. Returns the task's new version and the stamp of the score now stored.
    /// </summary>
    public static async Task<(uint Version, ScoreStamp Stamp)> SaveStatusAsync(AssettDbContext db, LockedTask assessment, TaskStatusEntry saved,
        StatusValue? previous, CurrentScore score, CancellationToken cancellationToken)
    {
        var save = new NpgsqlBatchCommand(SaveStatusSql);
        save.Parameters.AddWithValue(saved.Id);
        save.Parameters.AddWithValue(assessment.TenantId);
        save.Parameters.AddWithValue(assessment.Id);
        save.Parameters.AddWithValue(saved.NodeId);
        AddStatus(save.Parameters, saved.Status);
        AddCommonTail(save.Parameters, saved);
        var history = new NpgsqlBatchCommand(StatusChangeSql);
        // Time-ordered: each history row's keys land at the end of its two indexes on the id, where a random one dirtied a
        // page anywhere in them, written whole to the WAL after each checkpoint (docs/performance.md).
        history.Parameters.AddWithValue(Guid.CreateVersion7());
        history.Parameters.AddWithValue(assessment.TenantId);
        history.Parameters.AddWithValue(assessment.Id);
        history.Parameters.AddWithValue(saved.NodeId);
        AddStatus(history.Parameters, previous);
        AddStatus(history.Parameters, saved.Status);
        AddCommonTail(history.Parameters, saved);
        List<NpgsqlBatchCommand> commands = [save, history, StoreCurrentCommand(assessment.TenantId, score)];
        if (assessment.State == AssessmentState.NotStarted) commands.Add(Command(MarkStartedSql, assessment.Id));
        commands.Add(new NpgsqlBatchCommand("COMMIT"));
        uint version, snapshot;
        await using (var batch = Batch(db, [.. commands]))
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            version = reader.GetFieldValue<uint>(0);
            await reader.NextResultAsync(cancellationToken); // the statements that return no rows have no result set
            await reader.ReadAsync(cancellationToken);
            snapshot = reader.GetFieldValue<uint>(0);
            while (await reader.NextResultAsync(cancellationToken)) { } // to COMMIT's answer: a failed commit throws here
        }
        assessment.Committed = true;
        // A first answer also starts the assessment, which moves its row's version: the next save then reads everything again.
        return (version, assessment.Stamp with { Snapshot = snapshot });
    }

    /// <summary>Replaces the assessment's current score (every stored node), inside <see cref="WriteAsync{T}"/>.</summary>
    public static async Task StoreCurrentAsync(AssettDbContext db, LockedAssessment assessment, CurrentScore score, CancellationToken cancellationToken)
    {
        await using var batch = Batch(db, StoreCurrentCommand(assessment.TenantId, score));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The statement that writes a current score: its root's totals, and the themes' totals it names (at a save, only
    /// those that changed). It runs at every saved answer, so it updates the rows in place. Returns the snapshot's row version.
    /// </summary>
    private static NpgsqlBatchCommand StoreCurrentCommand(Guid tenantId, CurrentScore score)
    {
        var (root, percent, _) = score.Totals;
        var command = new NpgsqlBatchCommand(StoreCurrentSql);
        var parameters = command.Parameters;
        parameters.AddWithValue(Guid.NewGuid());
        parameters.AddWithValue(tenantId);
        parameters.AddWithValue(score.AssessmentId);
        parameters.AddWithValue(score.VersionId);
        parameters.AddWithValue(score.TakenAt);
        parameters.AddWithValue(root.Fait);
        parameters.AddWithValue(root.Programme);
        parameters.AddWithValue(root.PasFait);
        parameters.AddWithValue(root.Potentiel);
        parameters.AddWithValue(percent);
        parameters.AddWithValue(root.NationalFait);
        parameters.AddWithValue(root.NationalPotentiel);
        parameters.AddWithValue(score.ThemeIds);
        parameters.AddWithValue(score.Themes.Select(n => n.Fait).ToArray());
        parameters.AddWithValue(score.Themes.Select(n => n.Programme).ToArray());
        parameters.AddWithValue(score.Themes.Select(n => n.PasFait).ToArray());
        parameters.AddWithValue(score.Themes.Select(n => n.Potentiel).ToArray());
        parameters.AddWithValue(score.Themes.Select(n => n.NationalFait).ToArray());
        parameters.AddWithValue(score.Themes.Select(n => n.NationalPotentiel).ToArray());
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

    /// <summary>
    /// One transaction on the context's connection, known to EF (its SaveChanges joins it). Npgsql sends BEGIN with the first
    /// batch, whose first statement sets the tenant: no round trip of their own.
    /// </summary>
    private static async Task<T> InTransactionAsync<T>(AssettDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await ((NpgsqlConnection)db.Database.GetDbConnection()).BeginTransactionAsync(cancellationToken);
            await db.Database.UseTransactionAsync(transaction, cancellationToken);
            try
            {
                var result = await work();
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            finally
            {
                await db.Database.UseTransactionAsync(null, cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task ExecuteAsync(AssettDbContext db, string sql, CancellationToken cancellationToken)
    {
        await using var batch = Batch(db, new NpgsqlBatchCommand(sql));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>After a failure inside <see cref="WriteTaskAsync{T}"/>; when the connection itself failed, the pool drops it.</summary>
    private static async Task RollBackAsync(AssettDbContext db)
    {
        try
        {
            await ExecuteAsync(db, "ROLLBACK", CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
        }
    }

    private static void AddCommonTail(NpgsqlParameterCollection parameters, TaskStatusEntry saved)
    {
        parameters.AddWithValue((object?)saved.Comment ?? DBNull.Value);
        parameters.AddWithValue(saved.UpdatedBy);
        parameters.AddWithValue(saved.UpdatedAt);
    }

    private static NpgsqlBatchCommand Command(string sql, Guid id) => new(sql) { Parameters = { new() { Value = id } } };

    private static NpgsqlBatchCommand StatusesCommand(Guid assessmentId) => Command(StatusesSql, assessmentId);

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

    public const string LockSql = "SELECT tenant_id, state, xmin FROM assessments WHERE id = $1 FOR UPDATE";

    public const string ProfileSql = "SELECT identity_tags, answers FROM assessments WHERE id = $1";

    public const string SnapshotStampSql =
        $"SELECT xmin FROM score_snapshots WHERE tenant_id = $1 AND assessment_id = $2 AND kind = '{nameof(SnapshotKind.Current)}'";

    private const string SelectedStatusColumns =
        "id, node_id, status_kind, status_fait, status_programme, status_pas_fait, comment, updated_by, updated_at, xmin";

    public const string StatusesSql = $"SELECT {SelectedStatusColumns} FROM task_statuses WHERE assessment_id = $1";

    public const string TaskStatusSql = $"SELECT {SelectedStatusColumns} FROM task_statuses WHERE assessment_id = $1 AND node_id = $2";

    /// <summary>A task answered again and again keeps a long history, which a page need not carry: each task's latest changes only.</summary>
    public const string LatestChangesSql = """
        SELECT c.id, c.tenant_id, c.node_id, c.previous_kind, c.previous_fait, c.previous_programme, c.previous_pas_fait,
               c.status_kind, c.status_fait, c.status_programme, c.status_pas_fait, c.comment, c.changed_by, c.changed_at
        FROM unnest($2::text[]) AS t(node_id)
        CROSS JOIN LATERAL (SELECT * FROM task_status_changes c WHERE c.assessment_id = $1 AND c.node_id = t.node_id
                            ORDER BY c.changed_at DESC LIMIT $3) c
        ORDER BY c.changed_at DESC
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
                point_fait, point_programme, point_pas_fait, point_potentiel, score_percent, national_fait, national_potentiel)
            VALUES ($1, $2, $3, $4, '{nameof(SnapshotKind.Current)}', $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (tenant_id, assessment_id, kind) WHERE kind = '{nameof(SnapshotKind.Current)}' DO UPDATE SET
                referential_version_id = excluded.referential_version_id, taken_at = excluded.taken_at,
                point_fait = excluded.point_fait, point_programme = excluded.point_programme, point_pas_fait = excluded.point_pas_fait,
                point_potentiel = excluded.point_potentiel, score_percent = excluded.score_percent,
                national_fait = excluded.national_fait, national_potentiel = excluded.national_potentiel
            RETURNING id, xmin),
        themes AS (
            INSERT INTO score_node_totals (id, tenant_id, snapshot_id, node_id, point_fait, point_programme, point_pas_fait, point_potentiel,
                                           national_fait, national_potentiel)
            SELECT gen_random_uuid(), $2, snapshot.id, n.node_id, n.fait, n.programme, n.pas_fait, n.potentiel, n.national_fait, n.national_potentiel
            FROM snapshot, unnest($13::text[], $14::float8[], $15::float8[], $16::float8[], $17::float8[], $18::float8[], $19::float8[])
                AS n(node_id, fait, programme, pas_fait, potentiel, national_fait, national_potentiel)
            ON CONFLICT (tenant_id, snapshot_id, node_id) DO UPDATE SET
                point_fait = excluded.point_fait, point_programme = excluded.point_programme,
                point_pas_fait = excluded.point_pas_fait, point_potentiel = excluded.point_potentiel,
                national_fait = excluded.national_fait, national_potentiel = excluded.national_potentiel)
        SELECT xmin FROM snapshot
        """;
}
