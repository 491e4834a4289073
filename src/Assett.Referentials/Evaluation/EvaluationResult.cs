using Assett.Referentials.Packages;

namespace Assett.Referentials.Evaluation;

/// <summary>The scores of every node of a package for one organisation, in the package's node order.</summary>
public sealed class EvaluationResult(ReferentialPackage package, NodeScore[] scores)
{
    public ReferentialPackage Package { get; } = package;
    public NodeScore[] Scores { get; } = scores;

    public ref readonly NodeScore this[string nodeId] => ref Scores[Package.NodesById[nodeId].Index];
    public ref readonly NodeScore this[ReferentialNode node] => ref Scores[node.Index];

    public NodeScore Root => Scores[0];

    /// <summary>The maturity level of a node's score %, or null when the referential declares no levels.</summary>
    public MaturityLevel? LevelOf(ReferentialNode node) => Package.LevelFor(Scores[node.Index].ScorePercent);
}
