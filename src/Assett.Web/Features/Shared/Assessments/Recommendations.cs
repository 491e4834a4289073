using Assett.Data.Referentials;
using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;

namespace Assett.Web.Features.Shared.Assessments;

/// <summary>A next step: a sub-action of a measure, what it would add, and who can help.</summary>
public sealed record Recommendation(ReferentialNode Measure, ReferentialNode Step, double PointsToGain, IReadOnlyList<ReferentialNode> TasksToDo,
    IReadOnlyList<string> Resources, IReadOnlyList<LocalResource> LocalResources, IReadOnlyList<LocalResource> Partners);

/// <summary>
/// The toolbox's order (docs/decisions.md): for each concerned measure, its earliest stage not yet done
/// (bases, then mise en œuvre, then effets); across measures, the steps that would add the most points first.
/// </summary>
public static class Recommendations
{
    public static IReadOnlyList<Recommendation> For(EvaluationResult result, StoredPackage stored, Func<ReferentialNode, IEnumerable<ReferentialNode>> tasksOf)
    {
        var package = result.Package;
        var recommendations = new List<Recommendation>();
        foreach (var measure in package.Nodes.Where(n => n.Depth == package.ActionDepth && result[n].Counts))
        {
            var step = measure.Children
                .Where(s => result[s].Counts && Gain(result[s]) > 1e-9)
                .OrderBy(s => Stage(s.Category)).ThenBy(s => s.Index)
                .FirstOrDefault();
            if (step is null) continue;
            var tasks = tasksOf(step).Where(t => result[t].Counts && Gain(result[t]) > 1e-9).ToList();
            recommendations.Add(new Recommendation(measure, step, Gain(result[step]), tasks, ResourcesOf(measure),
                stored.Resources.GetValueOrDefault(measure.Id) ?? [], stored.Partners.GetValueOrDefault(measure.Id) ?? []));
        }
        return [.. recommendations.OrderByDescending(r => r.PointsToGain).ThenBy(r => r.Measure.Index)];
    }

    /// <summary>The points a node would add once done: what is not done yet of its potential.</summary>
    private static double Gain(NodeScore score) => score.PointPotentiel - score.PointFait;

    private static int Stage(string? category) => category?.ToLowerInvariant().Replace("œ", "oe") switch
    {
        "bases" => 0,
        "mise en oeuvre" => 1,
        "effets" => 2,
        _ => 1,
    };

    /// <summary>The items of the measure's « Ressources » section (a markdown list; continuation lines joined).</summary>
    private static List<string> ResourcesOf(ReferentialNode measure)
    {
        var section = measure.Sections.FirstOrDefault(s => s.Title.Trim().Equals("Ressources", StringComparison.OrdinalIgnoreCase));
        var items = new List<string>();
        foreach (var line in (section?.Markdown ?? "").Split('\n'))
        {
            var text = line.Trim();
            if (text.StartsWith("- ", StringComparison.Ordinal)) items.Add(text[2..]);
            else if (text.Length > 0 && items.Count > 0) items[^1] += " " + text;
        }
        return items;
    }
}
