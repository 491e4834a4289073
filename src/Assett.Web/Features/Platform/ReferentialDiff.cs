using Assett.Data.Referentials;

namespace Assett.Web.Features.Platform;

/// <summary>A node whose referential points differ from one version to the other.</summary>
public sealed record ChangedPoints(StoredNode Before, StoredNode After);

/// <summary>What changed between two versions of a referential, node by node: added, removed, points changed (beyond rounding).</summary>
public sealed record ReferentialDiff(IReadOnlyList<StoredNode> Added, IReadOnlyList<StoredNode> Removed, IReadOnlyList<ChangedPoints> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    public static ReferentialDiff Between(IReadOnlyList<StoredNode> from, IReadOnlyList<StoredNode> to)
    {
        var before = from.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var after = to.ToDictionary(n => n.Id, StringComparer.Ordinal);
        return new ReferentialDiff(
            [.. to.Where(n => !before.ContainsKey(n.Id))],
            [.. from.Where(n => !after.ContainsKey(n.Id))],
            [.. to.Where(n => before.TryGetValue(n.Id, out var old) && Math.Abs(old.Points - n.Points) > 1e-6)
                .Select(n => new ChangedPoints(before[n.Id], n))]);
    }
}
