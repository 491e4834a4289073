namespace Assett.Referentials.Packages;

/// <summary>A section of a node or question (<c>Description</c>, <c>Contexte</c>, <c>Ressources</c>...), kept as markdown.</summary>
public sealed record Section(string Title, string Markdown);

/// <summary>A node of the referential tree: the root, an axis, a measure (action), a sub-action, a task...</summary>
public sealed class ReferentialNode
{
    /// <summary><c>&lt;referentiel&gt;_&lt;identifiant&gt;</c>, e.g. <c>cae_1.1.1.2</c>; the root's id is the referential's.</summary>
    public required string Id { get; init; }

    /// <summary>The dotted identifiant, read as text ("1.1" stays "1.1"); empty for the root.</summary>
    public required string Identifiant { get; init; }

    public required string Title { get; init; }
    public required string File { get; init; }
    public required int Line { get; init; }

    /// <summary>0 for the root, then the number of segments of the identifiant.</summary>
    public int Depth => Identifiant.Length == 0 ? 0 : Identifiant.Count(c => c == '.') + 1;

    public double? ExplicitPoints { get; init; }
    public double? Percentage { get; init; }

    /// <summary><c>bases</c>, <c>mise en œuvre</c> or <c>effets</c> for a sub-action.</summary>
    public string? Category { get; init; }

    /// <summary>
    /// <c>rencontres: N</c> on a task: it is answered from recorded attendance, « fait » once the
    /// organisation attended N meetings of the territory within the campaign's window, not declared.
    /// </summary>
    public int? MeetingsAttended { get; init; }

    public string Description { get; init; } = "";
    public IReadOnlyList<Section> Sections { get; init; } = [];

    /// <summary>Referential points (<c>point_referentiel</c>), computed when the package is built.</summary>
    public double Points { get; internal set; }

    public ReferentialNode? Parent { get; internal set; }
    public IReadOnlyList<ReferentialNode> Children => ChildList;
    internal List<ReferentialNode> ChildList { get; } = [];

    /// <summary>Position in <see cref="ReferentialPackage.Nodes"/> (pre-order: a parent comes before its children).</summary>
    public int Index { get; internal set; }

    /// <summary>The name of this node's level in the hierarchy (<c>axe</c>, <c>action</c>, <c>tache</c>...).</summary>
    public string LevelName { get; internal set; } = "";

    public bool IsLeaf => ChildList.Count == 0;

    /// <summary>Whether <paramref name="ancestor"/> is this node's parent, or its parent's, and so on.</summary>
    public bool IsBelow(ReferentialNode ancestor)
    {
        for (var parent = Parent; parent is not null; parent = parent.Parent)
            if (parent == ancestor) return true;
        return false;
    }

    public override string ToString() => $"{Id} {Title}";
}
