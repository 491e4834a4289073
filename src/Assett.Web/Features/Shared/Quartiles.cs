namespace Assett.Web.Features.Shared;

/// <summary>
/// Quartiles of sorted scores as PostgreSQL's <c>percentile_cont</c> gives them (the officers' figures): the national figures'
/// and a meeting's median share; and sorted scores put together.
/// </summary>
public static class Quartiles
{
    public static double Median(IReadOnlyList<double> sorted) => Quantile(sorted, 0.5);

    public static double Quantile(IReadOnlyList<double> sorted, double fraction)
    {
        var position = fraction * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        return below + 1 < sorted.Count ? sorted[below] + (position - below) * (sorted[below + 1] - sorted[below]) : sorted[below];
    }

    /// <summary>
    /// Sorted runs merged into one sorted array, two by two: a group's scores come sorted by cell (its territories, sectors,
    /// headcounts), so merging them is linear per round where sorting them again would compare far more.
    /// </summary>
    public static double[] Merge(IReadOnlyList<ArraySegment<double>> runs)
    {
        if (runs.Count == 1) return runs[0].Offset == 0 && runs[0].Count == runs[0].Array!.Length ? runs[0].Array! : [.. runs[0]];
        var merged = runs.ToList();
        while (merged.Count > 1)
            merged = [.. merged.Chunk(2).Select(pair => pair.Length == 1 ? pair[0] : new ArraySegment<double>(Merge(pair[0], pair[1])))];
        return merged.Count == 0 ? [] : merged[0].Array!;
    }

    private static double[] Merge(ArraySegment<double> left, ArraySegment<double> right)
    {
        var merged = new double[left.Count + right.Count];
        int l = 0, r = 0, m = 0;
        while (l < left.Count && r < right.Count) merged[m++] = left[l] <= right[r] ? left[l++] : right[r++];
        left[l..].CopyTo(merged, m);
        right[r..].CopyTo(merged, m + left.Count - l);
        return merged;
    }
}
