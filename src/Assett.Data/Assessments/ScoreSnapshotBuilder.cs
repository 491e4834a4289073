using System.Globalization;
using System.Text;
using Assett.Referentials.Evaluation;

namespace Assett.Data.Assessments;

/// <summary>Turns an evaluation into what is stored: a snapshot (root totals, the whole tree) and one total per theme.</summary>
public static class ScoreSnapshotBuilder
{
    public static (ScoreSnapshot Snapshot, List<ScoreNodeTotal> Themes) Build(EvaluationResult result, Guid assessmentId,
        Guid referentialVersionId, SnapshotKind kind, DateTimeOffset takenAt)
    {
        var root = result.Root;
        var snapshot = new ScoreSnapshot
        {
            Id = Guid.NewGuid(),
            AssessmentId = assessmentId,
            ReferentialVersionId = referentialVersionId,
            Kind = kind,
            TakenAt = takenAt,
            PointFait = Round(root.PointFait),
            PointProgramme = Round(root.PointProgramme),
            PointPasFait = Round(root.PointPasFait),
            PointPotentiel = Round(root.PointPotentiel),
            ScorePercent = Round(root.ScorePercent),
            Tree = TreeJson(result),
        };
        var themes = result.Package.Root.Children.Select(axis =>
        {
            var score = result[axis];
            return new ScoreNodeTotal
            {
                Id = Guid.NewGuid(),
                SnapshotId = snapshot.Id,
                NodeId = axis.Id,
                PointFait = Round(score.PointFait),
                PointProgramme = Round(score.PointProgramme),
                PointPasFait = Round(score.PointPasFait),
                PointPotentiel = Round(score.PointPotentiel),
            };
        }).ToList();
        return (snapshot, themes);
    }

    /// <summary>
    /// Every node as <c>"id": [fait, programmé, pas fait, non renseigné, potentiel]</c>, rounded to 3
    /// decimals: compact enough to keep one per assessment (a non-concerned node has a potential of 0).
    /// </summary>
    public static string TreeJson(EvaluationResult result)
    {
        var json = new StringBuilder("{");
        foreach (var node in result.Package.Nodes)
        {
            var s = result[node];
            if (json.Length > 1) json.Append(',');
            json.Append('"').Append(System.Text.Json.JsonEncodedText.Encode(node.Id).ToString()).Append("\":[")
                .Append(Number(s.PointFait)).Append(',').Append(Number(s.PointProgramme)).Append(',')
                .Append(Number(s.PointPasFait)).Append(',').Append(Number(s.PointNonRenseigne)).Append(',')
                .Append(Number(s.PointPotentiel)).Append(']');
        }
        return json.Append('}').ToString();
    }

    private static double Round(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);

    private static string Number(double value) => Round(value).ToString(CultureInfo.InvariantCulture);
}
