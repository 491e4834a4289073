using Assett.Data.Referentials;
using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;

namespace Assett.Data.Assessments;

/// <summary>The totals a snapshot keeps, rounded to 3 decimals as every stored figure.</summary>
public readonly record struct NodeTotals(double Fait, double Programme, double PasFait, double Potentiel)
{
    public static NodeTotals Of(NodeScore score) =>
        new(Round(score.PointFait), Round(score.PointProgramme), Round(score.PointPasFait), Round(score.PointPotentiel));

    public static double Round(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);
}

/// <summary>What is stored of an evaluation: the root's totals and score, and the totals of the stored nodes, in their order.</summary>
public sealed record ScoreTotals(NodeTotals Root, double ScorePercent, NodeTotals[] Nodes);

/// <summary>Turns an evaluation into what is stored: a snapshot (root totals) and one row of totals per stored node.</summary>
public static class ScoreSnapshotBuilder
{
    /// <summary>
    /// The nodes whose totals a snapshot keeps as rows: the themes, which the cohort's figures read, and the local nodes
    /// just below national ones, which the national figures take out of the themes and the total (docs/decisions.md:
    /// national figures use national nodes only).
    /// </summary>
    public static ReferentialNode[] StoredNodes(ReferentialPackage package, StoredPackage stored)
    {
        var local = stored.Nodes.Where(n => n.Local).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var localRoots = package.Nodes.Where(n => local.Contains(n.Id) && n.Parent is { } parent && parent != package.Root && !local.Contains(parent.Id));
        return [.. package.Root.Children, .. localRoots];
    }

    public static ScoreTotals Totals(EvaluationResult result, ReferentialNode[] stored) =>
        new(NodeTotals.Of(result.Root), NodeTotals.Round(result.Root.ScorePercent), [.. stored.Select(node => NodeTotals.Of(result[node]))]);

    public static (ScoreSnapshot Snapshot, List<ScoreNodeTotal> Nodes) Build(ScoreTotals totals, ReferentialNode[] stored, Guid assessmentId,
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
        };
        var nodes = stored.Select((node, i) => new ScoreNodeTotal
        {
            Id = Guid.NewGuid(),
            SnapshotId = snapshot.Id,
            NodeId = node.Id,
            PointFait = totals.Nodes[i].Fait,
            PointProgramme = totals.Nodes[i].Programme,
            PointPasFait = totals.Nodes[i].PasFait,
            PointPotentiel = totals.Nodes[i].Potentiel,
        }).ToList();
        return (snapshot, nodes);
    }
}
