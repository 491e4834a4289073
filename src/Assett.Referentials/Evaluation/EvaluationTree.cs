using Assett.Referentials.Formulas;
using Assett.Referentials.Packages;

namespace Assett.Referentials.Evaluation;

/// <summary>
/// A package's tree flattened into arrays in pre-order (a subtree is a contiguous range), with its rules by node: built
/// once per evaluator, read by every evaluation. Internal nodes get a slot in the evaluation's sums; leaves (most of the
/// nodes) get none, since their figures follow from their status and potential (<see cref="ScoreColumns"/>).
/// </summary>
internal sealed class EvaluationTree
{
    public readonly int Count;
    public readonly int ActionDepth;
    public readonly int[] Parent;
    public readonly int[] Depth;
    public readonly int[] SubtreeEnd; // exclusive
    public readonly int[][] Children;
    public readonly double[] ReferentialPoints;
    public readonly int[] LeafCount;
    public readonly int[] DirectLeafChildren;

    /// <summary>The node's place among internal nodes, or -1 for a leaf.</summary>
    public readonly int[] Slot;
    public readonly int InternalCount;

    public readonly Formula?[] Reduction;

    /// <summary>The node's place among the nodes with a reduction rule, or -1.</summary>
    public readonly int[] ReductionSlot;
    public readonly int ReductionCount;
    public readonly Formula?[] Desactivation;
    public readonly (int Node, Formula Formula)[] ScoreRealise;

    /// <summary>For each leaf, the score réalisé rules on it or above it (their scale applies to its point fait).</summary>
    public readonly int[][] ScoreRulesAbove;
    public readonly bool[] Disabled;

    public EvaluationTree(ReferentialPackage package, IEnumerable<string>? disabledNodeIds)
    {
        var nodes = package.Nodes;
        Count = nodes.Count;
        ActionDepth = package.ActionDepth;
        Parent = nodes.Select(n => n.Parent?.Index ?? -1).ToArray();
        Depth = nodes.Select(n => n.Depth).ToArray();
        Children = nodes.Select(n => n.Children.Select(c => c.Index).ToArray()).ToArray();
        ReferentialPoints = nodes.Select(n => n.Points).ToArray();
        SubtreeEnd = new int[Count];
        LeafCount = new int[Count];
        for (var i = Count - 1; i >= 0; i--)
        {
            LeafCount[i] = Children[i].Length == 0 ? 1 : Children[i].Sum(c => LeafCount[c]);
            SubtreeEnd[i] = Children[i].Length == 0 ? i + 1 : SubtreeEnd[Children[i][^1]];
        }
        DirectLeafChildren = Children.Select(c => c.Count(x => Children[x].Length == 0)).ToArray();
        Slot = new int[Count];
        for (var i = 0; i < Count; i++) Slot[i] = Children[i].Length == 0 ? -1 : InternalCount++;

        Reduction = new Formula?[Count];
        Desactivation = new Formula?[Count];
        var scoreRealise = new List<(int, Formula)>();
        foreach (var rule in package.Rules)
        {
            switch (rule.Kind)
            {
                case RuleKind.Reduction: Reduction[rule.NodeIndex] = rule.Formula; break;
                case RuleKind.Desactivation: Desactivation[rule.NodeIndex] = rule.Formula; break;
                default: scoreRealise.Add((rule.NodeIndex, rule.Formula)); break;
            }
        }
        ReductionSlot = new int[Count];
        for (var i = 0; i < Count; i++) ReductionSlot[i] = Reduction[i] is null ? -1 : ReductionCount++;
        ScoreRealise = scoreRealise.ToArray();
        ScoreRulesAbove = new int[Count][];
        for (var i = 0; i < Count; i++)
        {
            var node = i;
            ScoreRulesAbove[i] = Enumerable.Range(0, ScoreRealise.Length)
                .Where(r => ScoreRealise[r].Node <= node && node < SubtreeEnd[ScoreRealise[r].Node]).ToArray();
        }
        Disabled = new bool[Count];
        foreach (var id in disabledNodeIds ?? [])
            if (package.NodesById.TryGetValue(id, out var node)) Disabled[node.Index] = true;
    }

    public bool IsLeaf(int node) => Slot[node] < 0;

    /// <summary>
    /// Where a status change can move potentials: redistribution stays within a measure (action), so the change's
    /// ancestor at the action level, or the node itself above it. Outside that subtree only its ancestors change.
    /// </summary>
    public int RedistributionRoot(int node)
    {
        while (Depth[node] > ActionDepth) node = Parent[node];
        return node;
    }
}
