using Assett.Data.Assessments;
using Assett.Referentials.Evaluation;
using Microsoft.Extensions.Caching.Memory;

namespace Assett.Web.Features.Shared.Assessments;

/// <summary>
/// Assessments' evaluations kept in memory between saves (<see cref="TrackedScore"/>), so that a save re-scores its one
/// task instead of reading every status and evaluating the whole tree (docs/performance.md, issue 21). An evaluation is
/// used only while its <see cref="ScoreStamp"/> is the one the locked assessment shows: any other writer (another host, a
/// profile change, a submission, a proof of attendance) moves it, and the next save reads everything again. A save takes
/// the evaluation out while it changes it and puts it back once committed, so a failed save leaves none behind.
/// Keyed by tenant and assessment; unused ones go after ten minutes, and at most <see cref="Held"/> are held (about 25 KB
/// each on the national referential, 120 KB on CAE), the least used going first.
/// </summary>
public sealed class TrackedScores : IDisposable
{
    public const int Held = 20_000;
    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(10);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Held });

    private sealed record Entry(ScoreStamp Stamp, TrackedScore Score);

    private sealed record Key(Guid Tenant, Guid Assessment);

    /// <summary>The evaluation stored at <paramref name="stamp"/>, taken out of the cache; null when there is none.</summary>
    public TrackedScore? Take(Guid tenant, Guid assessment, ScoreStamp stamp)
    {
        var key = new Key(tenant, assessment);
        if (!_cache.TryGetValue(key, out Entry? entry)) return null;
        _cache.Remove(key);
        return entry!.Stamp == stamp ? entry.Score : null;
    }

    /// <summary>Once the save that changed it is committed.</summary>
    public void Keep(Guid tenant, Guid assessment, ScoreStamp stamp, TrackedScore score) =>
        _cache.Set(new Key(tenant, assessment), new Entry(stamp, score), new MemoryCacheEntryOptions { SlidingExpiration = Unused, Size = 1 });

    public void Dispose() => _cache.Dispose();
}
