using Assett.Web.Features.Shared;
using Microsoft.Extensions.Caching.Memory;

namespace Assett.Web.Features.Officer.Dashboard;

/// <summary>
/// The dashboard's figures, kept <see cref="KeptFor"/> under a key that holds the tenant and the
/// campaign: officers reloading or paging through the list do not recompute the whole cohort, and a
/// new answer shows within a minute.
/// </summary>
public sealed class DashboardCache(IMemoryCache cache)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);

    /// <summary>The figure, computed once for the officers who ask at the same time; a failed computation is not kept.</summary>
    public Task<T> GetAsync<T>(string figure, Guid tenantId, Guid campaignId, string variant, Func<Task<T>> compute) =>
        cache.GetOnceAsync(("dashboard", figure, tenantId, campaignId, variant), KeptFor, compute);
}
