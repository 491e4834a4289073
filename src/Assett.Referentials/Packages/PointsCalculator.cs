namespace Assett.Referentials.Packages;

/// <summary>
/// Referential points (<c>point_referentiel</c>), docs/referential-format.md section 2: explicit points,
/// sums of children bottom-up, then percentages or equal splits top-down. Doubles, never rounded.
/// </summary>
internal static class PointsCalculator
{
    private const double PercentTolerance = 1e-6;
    private const double SumTolerance = 1e-5;

    /// <param name="nodes">In pre-order: parents before children.</param>
    public static void Compute(IReadOnlyList<ReferentialNode> nodes, DiagnosticBag diagnostics)
    {
        var known = new bool[nodes.Count];
        var badPercentages = new HashSet<ReferentialNode>();

        // Bottom-up: explicit points, and sums for nodes with neither points nor pourcentage.
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            var node = nodes[i];
            if (node.ExplicitPoints is { } points)
            {
                node.Points = points;
                known[i] = true;
            }
            else if (node.Percentage is null && node.ChildList.Any(c => known[c.Index]))
            {
                node.Points = node.ChildList.Where(c => known[c.Index]).Sum(c => c.Points);
                known[i] = true;
            }
        }

        // Siblings of children with points get 0; children without points are shared out top-down.
        foreach (var node in nodes)
        {
            if (node.IsLeaf) continue;
            if (node.ChildList.Any(c => known[c.Index]))
            {
                foreach (var child in node.ChildList.Where(c => !known[c.Index]))
                {
                    child.Points = 0;
                    known[child.Index] = true;
                }
                continue;
            }
            if (!known[node.Index]) continue; // reported below
            if (!Share(node, known, diagnostics)) badPercentages.Add(node);
        }

        foreach (var node in nodes)
        {
            if (!known[node.Index])
            {
                diagnostics.Error(node.File, node.Line,
                    $"'{node.Id}' has no points: give it 'points', or give points to its children or to an ancestor");
                continue;
            }
            if (node.IsLeaf || badPercentages.Contains(node) || !node.ChildList.All(c => known[c.Index])) continue;
            var sum = node.ChildList.Sum(c => c.Points);
            if (Math.Abs(sum - node.Points) > SumTolerance * Math.Max(1, Math.Abs(node.Points)))
                diagnostics.Error(node.File, node.Line,
                    $"the children of '{node.Id}' total {sum:0.######} points, not its {node.Points:0.######}");
        }
    }

    /// <summary>Gives the node's points to its children; false when their percentages do not sum to 100.</summary>
    private static bool Share(ReferentialNode node, bool[] known, DiagnosticBag diagnostics)
    {
        var children = node.ChildList;
        if (children.All(c => c.Percentage is null or 0))
        {
            var receivers = children.Count(c => c.Percentage is not 0);
            foreach (var child in children)
            {
                child.Points = child.Percentage is 0 || receivers == 0 ? 0 : node.Points / receivers;
                known[child.Index] = true;
            }
            return true;
        }
        var total = children.Sum(c => c.Percentage ?? 0);
        var valid = Math.Abs(total - 100) <= PercentTolerance;
        if (!valid)
            diagnostics.Error(node.File, node.Line,
                $"the pourcentage of the children of '{node.Id}' sum to {total:0.######}, not 100 " +
                $"({string.Join(", ", children.Select(c => $"{c.Identifiant}: {c.Percentage?.ToString("0.######") ?? "none"}"))})");
        foreach (var child in children)
        {
            child.Points = node.Points * (child.Percentage ?? 0) / 100;
            known[child.Index] = true;
        }
        return valid;
    }
}
