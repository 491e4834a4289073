using Assett.Data;
using Assett.Data.Assessments;

namespace Assett.Web.Features.Shared.Assessments;

/// <summary>
/// Score snapshots, which the cohort's figures read instead of raw answers: the « current » one,
/// replaced at each saved answer and profile change, and the « submitted » one, kept.
/// </summary>
public static class Snapshots
{
    /// <summary>Submits the assessment: its snapshot is kept as the campaign's result, and it can no longer change.</summary>
    public static Task SubmitAsync(AssettDbContext db, AssessmentContext context, DateTimeOffset now, CancellationToken cancellationToken) =>
        AssessmentStore.WriteAsync(db, context.Assessment.Id, async locked =>
        {
            if (locked.State == AssessmentState.Submitted) return false;
            var referential = context.Referential;
            var (snapshot, nodes) = ScoreSnapshotBuilder.Build(referential.Totals(context.Evaluate(locked.Statuses)), referential.StoredNodes,
                context.Assessment.Id, context.Version.Id, SnapshotKind.Submitted, now);
            db.ScoreSnapshots.Add(snapshot);
            db.ScoreNodeTotals.AddRange(nodes);
            context.Assessment.State = AssessmentState.Submitted;
            context.Assessment.SubmittedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Saves what <paramref name="change"/> does to the tracked entities of the context and, while the
    /// assessment can change, its profile's answers with the current score they give. Refused (false)
    /// once the assessment is submitted.
    /// </summary>
    public static Task<bool> SaveProfileAsync(AssettDbContext db, AssessmentContext context, Action<bool> change, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        AssessmentStore.WriteAsync(db, context.Assessment.Id, async locked =>
        {
            var scored = context.CanEdit && locked.State != AssessmentState.Submitted;
            change(scored);
            await db.SaveChangesAsync(cancellationToken);
            if (scored)
                await AssessmentStore.StoreCurrentAsync(db, locked, CurrentScore.Whole(context.Assessment.Id, context.Version.Id, now,
                    context.Referential.Totals(context.Evaluate(locked.Statuses)), context.Referential.StoredNodes), cancellationToken);
            return scored;
        }, cancellationToken);
}
