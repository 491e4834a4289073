using Assett.Data.Referentials;
using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;

namespace Assett.Data.Assessments;

/// <summary>
/// The totals a snapshot keeps of a node, rounded to 3 decimals as every stored figure, with its national part: point
/// fait and potential without the territory's local nodes (docs/decisions.md: national figures use national nodes only).
/// </summary>
public readonly record struct NodeTotals(double Fait, double Programme, double PasFait, double Potentiel, double NationalFait, double NationalPotentiel)
{
    public static double Round(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);
}

/// <summary>What is stored of an evaluation: the root's totals and score, and each theme's totals, in the themes' order.</summary>
public sealed record ScoreTotals(NodeTotals Root, double ScorePercent, NodeTotals[] Themes);

/// <summary>The nodes a snapshot keeps totals of: the themes, and for their national parts, the local nodes just below national ones.</summary>
public sealed class StoredNodes
{
    private readonly ReferentialNode[][] _localBelowTheme;
    private readonly ReferentialNode[] _local;

    public StoredNodes(ReferentialPackage package, StoredPackage stored)
    {
        var local = stored.Nodes.Where(n => n.Local).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        // A local node whose parent is national: taking it out takes out everything local below it.
        _local = [.. package.Nodes.Where(n => local.Contains(n.Id) && n.Parent is { } parent && !local.Contains(parent.Id))];
        Themes = [.. package.Root.Children];
        _localBelowTheme = [.. Themes.Select(theme => _local.Where(n => n == theme || n.IsBelow(theme)).ToArray())];
    }

    public ReferentialNode[] Themes { get; }

    public ScoreTotals Totals(EvaluationResult result) =>
        new(Of(result, result.Package.Root, _local), NodeTotals.Round(result.Root.ScorePercent),
            [.. Themes.Select((theme, i) => Of(result, theme, _localBelowTheme[i]))]);

    private static NodeTotals Of(EvaluationResult result, ReferentialNode node, ReferentialNode[] local)
    {
        var score = result[node];
        var (fait, potentiel) = (score.PointFait, score.PointPotentiel);
        foreach (var part in local) (fait, potentiel) = (fait - result[part].PointFait, potentiel - result[part].PointPotentiel);
        return new NodeTotals(NodeTotals.Round(score.PointFait), NodeTotals.Round(score.PointProgramme), NodeTotals.Round(score.PointPasFait),
            NodeTotals.Round(score.PointPotentiel), NodeTotals.Round(fait), NodeTotals.Round(potentiel));
    }
}

/// <summary>Turns stored totals into the rows of a snapshot: the snapshot (root totals) and one row per theme.</summary>
public static class ScoreSnapshotBuilder
{
    public static (ScoreSnapshot Snapshot, List<ScoreNodeTotal> Themes) Build(ScoreTotals totals, StoredNodes stored, Guid assessmentId,
        Guid referentialVersionId, SnapshotKind kind, DateTimeOffset takenAt)
    {
        var snapshot = new ScoreSnapshot
        {
            Id = Guid.NewGuid(),
            AssessmentId = assessmentId,
            ReferentialVersionId = referentialVersionId,
            Kind = kind,
            TakenAt = takenAt,
            PointFait = totals.Root.Fait,
            PointProgramme = totals.Root.Programme,
            PointPasFait = totals.Root.PasFait,
            PointPotentiel = totals.Root.Potentiel,
            ScorePercent = totals.ScorePercent,
            NationalFait = totals.Root.NationalFait,
            NationalPotentiel = totals.Root.NationalPotentiel,
        };
        var themes = stored.Themes.Select((theme, i) => new ScoreNodeTotal
        {
            Id = Guid.NewGuid(),
            SnapshotId = snapshot.Id,
            NodeId = theme.Id,
            PointFait = totals.Themes[i].Fait,
            PointProgramme = totals.Themes[i].Programme,
            PointPasFait = totals.Themes[i].PasFait,
            PointPotentiel = totals.Themes[i].Potentiel,
            NationalFait = totals.Themes[i].NationalFait,
            NationalPotentiel = totals.Themes[i].NationalPotentiel,
        }).ToList();
        return (snapshot, themes);
    }
}
