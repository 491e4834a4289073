using Assett.Data;
using Assett.Data.Campaigns;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Platform;

/// <summary>
/// Computes ahead a territory's national figure sets, one per campaign begun (Hangfire, every five minutes, as long as the
/// console kept its figures before): the console then reads them instead of the territory's snapshots.
/// </summary>
public sealed class NationalFiguresJob(ITenantStore tenants, IMultiTenantContextAccessor accessor, AssettDbContext db, TimeProvider clock)
    : ITerritoryJob
{
    public const string Schedule = "*/5 * * * *";

    Task ITerritoryJob.RunAsync(string territory, CancellationToken cancellationToken) => RunAsync(territory, cancellationToken);

    /// <summary>Computes the territory's sets; returns how many.</summary>
    public async Task<int> RunAsync(string territory, CancellationToken cancellationToken)
    {
        var found = await tenants.RequireAsync(territory, cancellationToken);
        using var scope = accessor.Change(found);
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.State != CampaignState.Planned).OrderByDescending(c => c.OpensOn)
            .ToListAsync(cancellationToken);
        foreach (var campaign in campaigns)
            await NationalFigureSets.ComputeAsync(db, found, campaign, campaigns.FirstOrDefault(c => c.OpensOn < campaign.OpensOn), clock.GetUtcNow(),
                cancellationToken);
        return campaigns.Count;
    }
}
