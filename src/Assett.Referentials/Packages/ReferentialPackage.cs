namespace Assett.Referentials.Packages;

/// <summary>
/// A loaded referential package: the tree of nodes, personalisation questions and rules, expected
/// documents, maturity levels, and every diagnostic of the load. Usable only when
/// <see cref="Diagnostics"/> has no error.
/// </summary>
public sealed class ReferentialPackage
{
    public required string ReferentialId { get; init; }

    /// <summary>The level names from the root down (<c>referentiel, axe, sous-axe, action, sous-action, tache</c> for CAE).</summary>
    public required IReadOnlyList<string> Hierarchy { get; init; }

    /// <summary>The depth of the level named <c>action</c>: what users call a measure.</summary>
    public int ActionDepth => _actionDepth ??= Hierarchy.ToList().IndexOf("action");

    private int? _actionDepth;

    /// <summary>Every node in pre-order: a parent comes before its children; the root is first.</summary>
    public required IReadOnlyList<ReferentialNode> Nodes { get; init; }

    public ReferentialNode Root => Nodes[0];
    public required IReadOnlyDictionary<string, ReferentialNode> NodesById { get; init; }
    public required IReadOnlyDictionary<string, Question> Questions { get; init; }
    public required IReadOnlyList<PersonalisationRule> Rules { get; init; }
    public required IReadOnlyList<EvidenceDocument> EvidenceDocuments { get; init; }
    public required IReadOnlyList<MaturityLevel> MaturityLevels { get; init; }
    public required DiagnosticBag Diagnostics { get; init; }

    /// <summary>The maturity level reached by a score %, or null when the referential declares none.</summary>
    public MaturityLevel? LevelFor(double scorePercent) =>
        MaturityLevels.LastOrDefault(level => scorePercent + 1e-9 >= level.MinimumPercent);

    /// <summary>The nodes of a level by its name (<c>axe</c>, <c>action</c>...).</summary>
    public IEnumerable<ReferentialNode> NodesAtLevel(string levelName) => Nodes.Where(n => n.LevelName == levelName);
}
