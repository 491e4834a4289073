using Assett.Data;
using Assett.Data.Assessments;
using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;

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
public sealed class TaskAnswers(AssettDbContext db, TrackedScores scores, TimeProvider clock)
{
    /// <summary>A few paragraphs: what was done, by whom, where the proof is.</summary>
    public const int CommentMaxLength = 2000;

    public async Task<SaveResult> SaveAsync(AssessmentContext context, TaskAnswer answer, string author, CancellationToken cancellationToken)
    {
        if (!context.CanEdit) return new SaveResult(SaveOutcome.Invalid, Error: "Cette autoévaluation ne peut plus être modifiée.");
        if (!context.Package.NodesById.TryGetValue(answer.NodeId, out var node) || !node.IsLeaf || node.Depth <= context.Package.ActionDepth)
            return new SaveResult(SaveOutcome.Invalid, Error: "Cette action n’existe pas dans le référentiel.");
        if (node.MeetingsAttended is { } meetings)
            return new SaveResult(SaveOutcome.Invalid, Error: $"« {node.Title} » se renseigne d’après votre présence aux rencontres du territoire " +
                $"({meetings} dans la campagne) : elle passe à « fait » quand le territoire enregistre la présence.");
        if (Parse(answer) is not { } status)
            return new SaveResult(SaveOutcome.Invalid,
                Error: "Pour un avancement détaillé, indiquez des pourcentages entre 0 et 100 dont la somme ne dépasse pas 100.");
        var comment = string.IsNullOrWhiteSpace(answer.Comment) ? null : answer.Comment.Trim();
        if (comment?.Length > CommentMaxLength)
            return new SaveResult(SaveOutcome.Invalid, Error: string.Create(French.Culture,
                $"Le commentaire tient en {CommentMaxLength:N0} caractères au plus ; celui-ci en compte {comment.Length:N0}."));
        var result = await WriteAsync(context.Referential, context.Assessment, answer.NodeId, status, comment, answer.SeenVersion, author,
            cancellationToken);
        if (result.Outcome == SaveOutcome.Saved && context.Assessment.State == AssessmentState.NotStarted)
            context.Assessment.State = AssessmentState.InProgress;
        return result;
    }

    /// <summary>
    /// The answer a proof gives (recorded attendance, <see cref="ReferentialNode.MeetingsAttended"/>), not a
    /// person: written over whatever the task held, kept in its history like any answer.
    /// </summary>
    public Task<SaveResult> ProveAsync(LoadedVersion referential, Assessment assessment, string nodeId, StatusValue status, string author,
        CancellationToken cancellationToken) =>
        WriteAsync(referential, assessment, nodeId, status, null, null, author, cancellationToken);

    /// <param name="seenVersion">The task's version the change started from; null: whatever it is now.</param>
    private async Task<SaveResult> WriteAsync(LoadedVersion referential, Assessment assessment, string nodeId, StatusValue status, string? comment,
        uint? seenVersion, string author, CancellationToken cancellationToken)
    {
        var tenant = assessment.TenantId;
        var (result, kept) = await AssessmentStore.WriteTaskAsync<(SaveResult, Kept?)>(db, assessment.Id, nodeId, async locked =>
        {
            if (locked.State == AssessmentState.Submitted)
                return (new SaveResult(SaveOutcome.Invalid, Error: "Cette autoévaluation a été transmise : elle ne peut plus être modifiée."), null);
            var entry = locked.Entry;
            if (entry is not null && entry.Status == status && entry.Comment == comment) return (new SaveResult(SaveOutcome.Unchanged, entry), null);
            if (entry is not null && seenVersion is { } seen && entry.Version != seen) return (new SaveResult(SaveOutcome.Conflict, entry), null);

            var saved = new TaskStatusEntry
            {
                Id = entry?.Id ?? Guid.NewGuid(), AssessmentId = assessment.Id, NodeId = nodeId, Status = status, Comment = comment,
                UpdatedBy = author, UpdatedAt = clock.GetUtcNow(),
            };
            // Every saved answer updates the current score (docs/decisions.md): re-scored from the change when this host
            // holds the evaluation it was stored from, else evaluated from every status.
            var (tracked, before) = scores.Take(tenant, assessment.Id, locked.Stamp) is { } held
                ? (held, referential.Totals(held.Result))
                : (await TrackAsync(referential, assessment.Id, cancellationToken), null);
            tracked.Change(referential.Package.NodesById[nodeId].Index, AssessmentInputs.ToNode(status));
            var totals = referential.Totals(tracked.Result);
            var score = before is null
                ? CurrentScore.Whole(assessment.Id, referential.Version.Id, saved.UpdatedAt, totals, referential.StoredNodes)
                : CurrentScore.Changes(assessment.Id, referential.Version.Id, saved.UpdatedAt, totals, before, referential.StoredNodes);
            (saved.Version, var stamp) = await AssessmentStore.SaveStatusAsync(db, locked, saved, entry?.Status, score, cancellationToken);
            return (new SaveResult(SaveOutcome.Saved, saved), new Kept(stamp, tracked));
        }, cancellationToken);
        if (kept is not null) scores.Keep(tenant, assessment.Id, kept.Stamp, kept.Score);
        return result;
    }

    /// <summary>The evaluation a committed save leaves, and the stamp it is stored at.</summary>
    private sealed record Kept(ScoreStamp Stamp, TrackedScore Score);

    /// <summary>The assessment's evaluation from every status and its profile, as the lock holder reads them.</summary>
    private async Task<TrackedScore> TrackAsync(LoadedVersion referential, Guid assessmentId, CancellationToken cancellationToken)
    {
        var (entries, tags, answers) = await AssessmentStore.ScoringInputsAsync(db, assessmentId, cancellationToken);
        return referential.Evaluator.Track(new EvaluationInput(AssessmentInputs.Profile(referential.Package, tags, answers),
            AssessmentInputs.Statuses(referential.Package, entries)));
    }

    private static StatusValue? Parse(TaskAnswer answer) => answer.Status switch
    {
        StatusKinds.Fait or StatusKinds.Programme or StatusKinds.PasFait or StatusKinds.NonConcerne or StatusKinds.NonRenseigne =>
            new StatusValue(answer.Status),
        StatusKinds.Detaille when answer.FaitPercent is >= 0 and <= 100 && answer.ProgrammePercent is >= 0 and <= 100
            && answer.FaitPercent + answer.ProgrammePercent <= 100 =>
            new StatusValue(StatusKinds.Detaille, answer.FaitPercent.Value / 100, answer.ProgrammePercent.Value / 100,
                (100 - answer.FaitPercent.Value - answer.ProgrammePercent.Value) / 100),
        _ => null,
    };
}
