namespace Assett.Data.Assessments;

/// <summary>A current score to store: the root's totals and the themes' totals to write (all of them, or those that changed).</summary>
public sealed record CurrentScore(Guid AssessmentId, Guid VersionId, DateTimeOffset TakenAt, ScoreTotals Totals, string[] ThemeIds, NodeTotals[] Themes)
{
    /// <summary>Every theme's totals.</summary>
    public static CurrentScore Whole(Guid assessmentId, Guid versionId, DateTimeOffset takenAt, ScoreTotals totals, StoredNodes stored) =>
        new(assessmentId, versionId, takenAt, totals, [.. stored.Themes.Select(n => n.Id)], totals.Themes);

    /// <summary>The themes whose totals differ from <paramref name="before"/>'s: a save rewrites only those rows.</summary>
    public static CurrentScore Changes(Guid assessmentId, Guid versionId, DateTimeOffset takenAt, ScoreTotals totals, ScoreTotals before,
        StoredNodes stored)
    {
        var changed = Enumerable.Range(0, stored.Themes.Length).Where(i => totals.Themes[i] != before.Themes[i]).ToArray();
        return new(assessmentId, versionId, takenAt, totals, [.. changed.Select(i => stored.Themes[i].Id)], [.. changed.Select(i => totals.Themes[i])]);
    }
}
