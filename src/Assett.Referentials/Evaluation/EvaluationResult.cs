using Assett.Referentials.Packages;

namespace Assett.Referentials.Evaluation;

/// <summary>The scores of every node of a package for one organisation.</summary>
public sealed class EvaluationResult
{
    private readonly ScoreColumns _scores;

    internal EvaluationResult(ReferentialPackage package, ScoreColumns scores)
    {
        Package = package;
        _scores = scores;
    }

    public ReferentialPackage Package { get; }

    public NodeScore this[string nodeId] => _scores[Package.NodesById[nodeId].Index];
    public NodeScore this[ReferentialNode node] => _scores[node.Index];
    public NodeScore this[int nodeIndex] => _scores[nodeIndex];

    public NodeScore Root => _scores[0];

    /// <summary>The maturity level of a node's score %, or null when the referential declares no levels.</summary>
    public MaturityLevel? LevelOf(ReferentialNode node) => Package.LevelFor(this[node].ScorePercent);
}
