using Assett.Data;
using Assett.Data.Assessments;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Results;

namespace Assett.Web.Features.Questionnaire;

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
    public async Task<SaveResult> SaveAsync(AssessmentContext context, TaskAnswer answer, string author, CancellationToken cancellationToken)
    {
        if (!context.CanEdit) return new SaveResult(SaveOutcome.Invalid, Error: "Cette autoévaluation ne peut plus être modifiée.");
        if (!context.Package.NodesById.TryGetValue(answer.NodeId, out var node) || !node.IsLeaf || node.Depth <= context.Package.ActionDepth)
            return new SaveResult(SaveOutcome.Invalid, Error: "Cette action n’existe pas dans le référentiel.");
        if (Parse(answer) is not { } status)
            return new SaveResult(SaveOutcome.Invalid, Error: "Pour un avancement détaillé, indiquez des pourcentages entre 0 et 100 dont la somme ne dépasse pas 100.");
        var comment = string.IsNullOrWhiteSpace(answer.Comment) ? null : answer.Comment.Trim();

        // Saves of one assessment go one at a time: they see each other's versions, and none lands after a submission.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false; // the transaction is only this save's: a failure rolls it all back
        if (await AssessmentRow.LockAsync(db, context.Assessment.Id, cancellationToken) == AssessmentState.Submitted)
            return new SaveResult(SaveOutcome.Invalid, Error: "Cette autoévaluation a été transmise : elle ne peut plus être modifiée.");
        var entry = await db.TaskStatuses.SingleOrDefaultAsync(s => s.AssessmentId == context.Assessment.Id && s.NodeId == answer.NodeId, cancellationToken);
        if (entry is not null && entry.Status == status && entry.Comment == comment) return new SaveResult(SaveOutcome.Unchanged, entry);
        if (entry is not null && entry.Version != answer.SeenVersion) return new SaveResult(SaveOutcome.Conflict, entry);

        var now = clock.GetUtcNow();
        var previous = entry?.Status;
        if (entry is null)
        {
            entry = new TaskStatusEntry { Id = Guid.NewGuid(), AssessmentId = context.Assessment.Id, NodeId = answer.NodeId, Status = status, UpdatedBy = author };
            db.TaskStatuses.Add(entry);
        }
        (entry.Status, entry.Comment, entry.UpdatedBy, entry.UpdatedAt) = (status, comment, author, now);
        db.TaskStatusChanges.Add(new TaskStatusChange
        {
            // Copies: one record instance must not be owned by two entities.
            Id = Guid.NewGuid(), AssessmentId = context.Assessment.Id, NodeId = answer.NodeId, Previous = previous is null ? null : previous with { }, Status = status with { },
            Comment = comment, ChangedBy = author, ChangedAt = now,
        });
        if (context.Assessment.State == AssessmentState.NotStarted) context.Assessment.State = AssessmentState.InProgress;
        await db.SaveChangesAsync(cancellationToken);

        // Every saved answer recomputes the score and stores it as the current score (decisions.md).
        var entries = await db.TaskStatuses.AsNoTracking().Where(s => s.AssessmentId == context.Assessment.Id).ToListAsync(cancellationToken);
        await Snapshots.StoreCurrentAsync(db, context, context.Evaluate(entries), now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveResult(SaveOutcome.Saved, entry);
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
