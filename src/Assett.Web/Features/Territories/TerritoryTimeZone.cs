using Assett.Data;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Territories;

/// <summary>The territory's time zone, in which its pages show dates and times (Europe/Paris, Indian/Mayotte…).</summary>
public static class TerritoryTimeZone
{
    public static async Task<TimeZoneInfo> OfAsync(AssettDbContext db, Guid tenantId, CancellationToken cancellationToken) =>
        TimeZoneInfo.FindSystemTimeZoneById(await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.TimeZone).SingleAsync(cancellationToken));
}
