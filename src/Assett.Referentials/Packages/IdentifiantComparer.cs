namespace Assett.Referentials.Packages;

/// <summary>Orders nodes by identifiant segment by segment, numerically where both are numbers (1.2 &lt; 1.10).</summary>
internal sealed class IdentifiantComparer : IComparer<ReferentialNode>
{
    public static readonly IdentifiantComparer Instance = new();

    public int Compare(ReferentialNode? x, ReferentialNode? y)
    {
        var a = x!.Identifiant.Split('.');
        var b = y!.Identifiant.Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var order = long.TryParse(a[i], out var m) && long.TryParse(b[i], out var n)
                ? m.CompareTo(n)
                : string.CompareOrdinal(a[i], b[i]);
            if (order != 0) return order;
        }
        return a.Length.CompareTo(b.Length);
    }
}
