using Assett.Referentials.Packages;

namespace Assett.Data.Assessments;

/// <summary>A current score to store: the root's totals and the stored nodes' totals to write (all of them, or those that changed).</summary>
public sealed record CurrentScore(Guid AssessmentId, Guid VersionId, DateTimeOffset TakenAt, ScoreTotals Totals, string[] NodeIds, NodeTotals[] Nodes)
{
    /// <summary>Every stored node's totals.</summary>
    public static CurrentScore Whole(Guid assessmentId, Guid versionId, DateTimeOffset takenAt, ScoreTotals totals, ReferentialNode[] stored) =>
        new(assessmentId, versionId, takenAt, totals, [.. stored.Select(n => n.Id)], totals.Nodes);

    /// <summary>The stored nodes whose totals differ from <paramref name="before"/>'s: a save rewrites only those rows.</summary>
    public static CurrentScore Changes(Guid assessmentId, Guid versionId, DateTimeOffset takenAt, ScoreTotals totals, ScoreTotals before,
        ReferentialNode[] stored)
    {
        var changed = Enumerable.Range(0, stored.Length).Where(i => totals.Nodes[i] != before.Nodes[i]).ToArray();
        return new(assessmentId, versionId, takenAt, totals, [.. changed.Select(i => stored[i].Id)], [.. changed.Select(i => totals.Nodes[i])]);
    }
}
