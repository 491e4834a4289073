using Assett.Data;
using Assett.Data.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Assett.Web.Features.Shared.Assessments;

namespace Assett.Web.Features.Shared.Assessments;

/// <summary>One answer to a task, as a form or the autosave script sends it.</summary>
public sealed record TaskAnswer(string NodeId, string? Status, double? FaitPercent, double? ProgrammePercent, string? Comment, uint SeenVersion);

public enum SaveOutcome
{
    Saved,
    Unchanged,
    Conflict,
    Invalid,
}

/// <summary>The outcome of a save; on a conflict, <see cref="Current"/> is what the colleague saved meanwhile.</summary>
public sealed record SaveResult(SaveOutcome Outcome, TaskStatusEntry? Current = null, string? Error = null);

/// <summary>
/// Saves answers one task at a time. A save names the version of the task it started from: when a
/// colleague saved the task since, the save is refused as a conflict instead of overwriting theirs.
/// Every change is kept in the task's history, and recomputes the assessment's current score.
/// </summary>
public sealed class TaskAnswers(AssettDbContext db, TimeProvider clock)
{
    /// <summary>A few paragraphs: what was done, by whom, where the proof is.</summary>
    public const int CommentMaxLength = 2000;

    public async Task<SaveResult> SaveAsync(AssessmentContext context, TaskAnswer answer, string author, CancellationToken cancellationToken)
    {
        if (!context.CanEdit) return new SaveResult(SaveOutcome.Invalid, Error: "Cette autoévaluation ne peut plus être modifiée.");
        if (!context.Package.NodesById.TryGetValue(answer.NodeId, out var node) || !node.IsLeaf || node.Depth <= context.Package.ActionDepth)
            return new SaveResult(SaveOutcome.Invalid, Error: "Cette action n’existe pas dans le référentiel.");
        if (Parse(answer) is not { } status)
            return new SaveResult(SaveOutcome.Invalid, Error: "Pour un avancement détaillé, indiquez des pourcentages entre 0 et 100 dont la somme ne dépasse pas 100.");
        var comment = string.IsNullOrWhiteSpace(answer.Comment) ? null : answer.Comment.Trim();
        if (comment?.Length > CommentMaxLength)
            return new SaveResult(SaveOutcome.Invalid, Error: string.Create(Describe.French,
                $"Le commentaire tient en {CommentMaxLength:N0} caractères au plus ; celui-ci en compte {comment.Length:N0}."));

        // Saves of one assessment go one at a time: they see each other's versions, and none lands after a submission.
        // Three round trips in all (lock and read, write, commit): saves are the journey's most frequent request.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (state, entries) = await AssessmentRow.LockAsync(db, context.Assessment.Id, cancellationToken);
        if (state == AssessmentState.Submitted)
            return new SaveResult(SaveOutcome.Invalid, Error: "Cette autoévaluation a été transmise : elle ne peut plus être modifiée.");
        var index = entries.FindIndex(e => e.NodeId == answer.NodeId);
        var entry = index >= 0 ? entries[index] : null;
        if (entry is not null && entry.Status == status && entry.Comment == comment) return new SaveResult(SaveOutcome.Unchanged, entry);
        if (entry is not null && entry.Version != answer.SeenVersion) return new SaveResult(SaveOutcome.Conflict, entry);

        var saved = new TaskStatusEntry
        {
            Id = entry?.Id ?? Guid.NewGuid(), AssessmentId = context.Assessment.Id, NodeId = answer.NodeId, Status = status, Comment = comment,
            UpdatedBy = author, UpdatedAt = clock.GetUtcNow(),
        };
        if (index >= 0) entries[index] = saved;
        else entries.Add(saved);
        // Every saved answer recomputes the score and stores it as the current score (decisions.md).
        var score = Snapshots.StoreCurrentCommand(context, context.Evaluate(entries), saved.UpdatedAt);
        saved.Version = await WriteAsync(context, saved, entry?.Status, score, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (context.Assessment.State == AssessmentState.NotStarted) context.Assessment.State = AssessmentState.InProgress;
        return new SaveResult(SaveOutcome.Saved, saved);
    }

    /// <summary>The task's status, its history row, the assessment's start and its current score, in one round trip; returns the task's new version.</summary>
    private async Task<uint> WriteAsync(AssessmentContext context, TaskStatusEntry saved, StatusValue? previous, NpgsqlBatchCommand score,
        CancellationToken cancellationToken)
    {
        var tenant = context.Assessment.TenantId;
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), transaction)
        {
            BatchCommands =
            {
                new("""
                    INSERT INTO task_statuses (id, tenant_id, assessment_id, node_id, status_kind, status_fait, status_programme, status_pas_fait,
                                               comment, updated_by, updated_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                    ON CONFLICT (tenant_id, assessment_id, node_id) DO UPDATE SET
                        status_kind = excluded.status_kind, status_fait = excluded.status_fait, status_programme = excluded.status_programme,
                        status_pas_fait = excluded.status_pas_fait, comment = excluded.comment, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                    RETURNING xmin
                    """)
                {
                    Parameters =
                    {
                        new() { Value = saved.Id }, new() { Value = tenant }, new() { Value = saved.AssessmentId }, new() { Value = saved.NodeId },
                        new() { Value = saved.Status.Kind }, new() { Value = saved.Status.Fait }, new() { Value = saved.Status.Programme },
                        new() { Value = saved.Status.PasFait }, new() { Value = (object?)saved.Comment ?? DBNull.Value }, new() { Value = saved.UpdatedBy },
                        new() { Value = saved.UpdatedAt },
                    },
                },
                new("""
                    INSERT INTO task_status_changes (id, tenant_id, assessment_id, node_id, previous_kind, previous_fait, previous_programme, previous_pas_fait,
                                                     status_kind, status_fait, status_programme, status_pas_fait, comment, changed_by, changed_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                    """)
                {
                    Parameters =
                    {
                        new() { Value = Guid.NewGuid() }, new() { Value = tenant }, new() { Value = saved.AssessmentId }, new() { Value = saved.NodeId },
                        new() { Value = (object?)previous?.Kind ?? DBNull.Value }, new() { Value = (object?)previous?.Fait ?? DBNull.Value },
                        new() { Value = (object?)previous?.Programme ?? DBNull.Value }, new() { Value = (object?)previous?.PasFait ?? DBNull.Value },
                        new() { Value = saved.Status.Kind }, new() { Value = saved.Status.Fait }, new() { Value = saved.Status.Programme },
                        new() { Value = saved.Status.PasFait }, new() { Value = (object?)saved.Comment ?? DBNull.Value }, new() { Value = saved.UpdatedBy },
                        new() { Value = saved.UpdatedAt },
                    },
                },
                new("UPDATE assessments SET state = 'InProgress' WHERE id = $1 AND state = 'NotStarted'") { Parameters = { new() { Value = saved.AssessmentId } } },
                score,
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetFieldValue<uint>(0);
    }

    private static StatusValue? Parse(TaskAnswer answer) => answer.Status switch
    {
        StatusKinds.Fait or StatusKinds.Programme or StatusKinds.PasFait or StatusKinds.NonConcerne or StatusKinds.NonRenseigne => new StatusValue(answer.Status),
        StatusKinds.Detaille when answer.FaitPercent is >= 0 and <= 100 && answer.ProgrammePercent is >= 0 and <= 100
            && answer.FaitPercent + answer.ProgrammePercent <= 100 =>
            new StatusValue(StatusKinds.Detaille, answer.FaitPercent.Value / 100, answer.ProgrammePercent.Value / 100,
                (100 - answer.FaitPercent.Value - answer.ProgrammePercent.Value) / 100),
        _ => null,
    };
}
