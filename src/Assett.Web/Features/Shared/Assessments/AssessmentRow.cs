using Assett.Data;
using Assett.Data.Tenancy;
using Assett.Data.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Assett.Web.Features.Shared.Assessments;

/// <summary>
/// An assessment's row and its task statuses, read by hand: every page of the journey and every save
/// reads all the statuses, and EF's materialisation of them cost more than the query.
/// </summary>
public static class AssessmentRow
{
    private const string StatusesSql = """
        SELECT id, node_id, status_kind, status_fait, status_programme, status_pas_fait, comment, updated_by, updated_at, xmin
        FROM task_statuses WHERE assessment_id = $1
        """;

    /// <summary>The assessment's task statuses as stored now. Row-level security keeps them to the current tenant's rows.</summary>
    public static async Task<List<TaskStatusEntry>> StatusesAsync(AssettDbContext db, Guid assessmentId, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Its own implicit transaction: the tenant's statement first (TenantScope), in the same round trip.
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction())
            {
                BatchCommands = { TenantScope.SetCommand(db.CurrentTenantId), new(StatusesSql) { Parameters = { new() { Value = assessmentId } } } },
            };
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
    /// Locks the row until the current transaction ends (the saves and the submission of one assessment
    /// go in line), and returns its state and its task statuses as stored once the lock is held, in one
    /// round trip.
    /// </summary>
    public static async Task<(AssessmentState State, List<TaskStatusEntry> Entries)> LockAsync(AssettDbContext db, Guid assessmentId,
        CancellationToken cancellationToken)
    {
        var transaction = (NpgsqlTransaction)(db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("Lock inside a transaction."));
        // Two statements, not a join: the second takes its snapshot once the lock is held, so it sees
        // what the previous holder committed. Row-level security keeps both to the current tenant's rows.
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), transaction)
        {
            BatchCommands =
            {
                new("SELECT state FROM assessments WHERE id = $1 FOR UPDATE") { Parameters = { new() { Value = assessmentId } } },
                new(StatusesSql) { Parameters = { new() { Value = assessmentId } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var state = Enum.Parse<AssessmentState>(reader.GetString(0));
        await reader.NextResultAsync(cancellationToken);
        return (state, await ReadStatusesAsync(reader, assessmentId, cancellationToken));
    }

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
}
