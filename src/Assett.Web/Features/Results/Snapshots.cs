using Assett.Data;
using Assett.Data.Assessments;
using Assett.Referentials.Evaluation;
using Assett.Web.Features.Questionnaire;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Results;

/// <summary>
/// Score snapshots, which the cohort's figures read instead of raw answers: the « current » one,
/// replaced at each saved answer, and the « submitted » one, kept.
/// </summary>
public static class Snapshots
{
    /// <summary>Replaces the assessment's current score, inside the caller's transaction.</summary>
    public static async Task StoreCurrentAsync(AssettDbContext db, AssessmentContext context, EvaluationResult result, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await db.ScoreSnapshots.Where(s => s.AssessmentId == context.Assessment.Id && s.Kind == SnapshotKind.Current).ExecuteDeleteAsync(cancellationToken);
        var (snapshot, themes) = ScoreSnapshotBuilder.Build(result, context.Assessment.Id, context.Version.Id, SnapshotKind.Current, now);
        db.ScoreSnapshots.Add(snapshot);
        db.ScoreNodeTotals.AddRange(themes);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Submits the assessment: its snapshot is kept as the campaign's result, and it can no longer change.</summary>
    public static async Task SubmitAsync(AssettDbContext db, AssessmentContext context, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await AssessmentRow.LockAsync(db, context.Assessment.Id, cancellationToken) == AssessmentState.Submitted) return;
        var result = await context.EvaluateAsync(db, cancellationToken);
        var (snapshot, themes) = ScoreSnapshotBuilder.Build(result, context.Assessment.Id, context.Version.Id, SnapshotKind.Submitted, now);
        db.ScoreSnapshots.Add(snapshot);
        db.ScoreNodeTotals.AddRange(themes);
        context.Assessment.State = AssessmentState.Submitted;
        context.Assessment.SubmittedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
