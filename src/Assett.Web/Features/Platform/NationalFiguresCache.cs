using Assett.Data;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Microsoft.Extensions.Caching.Memory;

namespace Assett.Web.Features.Platform;

/// <summary>
/// The national figures of a period, kept <see cref="KeptFor"/>: they read every territory's snapshots
/// (seven territories of 10,000 organisations: seconds of work), while the page, its XLSX and the
/// printable bilan ask for the same figures in turn. Computed once for administrators asking at the same time.
/// </summary>
public sealed class NationalFiguresCache(IMemoryCache cache, TimeProvider clock)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(5);

    public Task<NationalFigures> GetAsync(ITenantStore store, IMultiTenantContextAccessor accessor, AssettDbContext db, DateOnly from,
        DateOnly to, CancellationToken cancellationToken) =>
        cache.GetOnceAsync(("national-figures", from, to), KeptFor, () =>
            NationalFigures.OfAsync(store, accessor, db, from, to, clock.GetUtcNow(), cancellationToken));
}
