using Assett.Data;
using Assett.Data.Assessments;
using Assett.Referentials.Evaluation;
using Assett.Web.Features.Questionnaire;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Assett.Web.Features.Results;

/// <summary>
/// Score snapshots, which the cohort's figures read instead of raw answers: the « current » one of an
/// assessment in progress, replaced when its results are viewed, and the « submitted » one, kept.
/// </summary>
public static class Snapshots
{
    public static async Task RefreshCurrentAsync(AssettDbContext db, AssessmentContext context, EvaluationResult result, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ScoreSnapshots.Where(s => s.AssessmentId == context.Assessment.Id && s.Kind == SnapshotKind.Current).ExecuteDeleteAsync(cancellationToken);
        var (snapshot, themes) = ScoreSnapshotBuilder.Build(result, context.Assessment.Id, context.Version.Id, SnapshotKind.Current, now);
        db.ScoreSnapshots.Add(snapshot);
        db.ScoreNodeTotals.AddRange(themes);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear(); // a colleague's view refreshed it at the same instant: theirs stands
        }
    }

    /// <summary>Submits the assessment: its snapshot is kept as the campaign's result, and it can no longer change.</summary>
    public static async Task SubmitAsync(AssettDbContext db, AssessmentContext context, EvaluationResult result, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var (snapshot, themes) = ScoreSnapshotBuilder.Build(result, context.Assessment.Id, context.Version.Id, SnapshotKind.Submitted, now);
        db.ScoreSnapshots.Add(snapshot);
        db.ScoreNodeTotals.AddRange(themes);
        context.Assessment.State = AssessmentState.Submitted;
        context.Assessment.SubmittedAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }
}
