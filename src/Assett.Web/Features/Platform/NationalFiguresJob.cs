using Assett.Data;
using Assett.Data.Campaigns;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Platform;

/// <summary>
/// Computes ahead a territory's national figure sets, one per campaign begun (Hangfire, every five minutes, as long as the
/// console kept its figures before): the console then reads them instead of the territory's snapshots. A closed campaign's
/// set is computed once more after it closed, then kept.
/// </summary>
public sealed class NationalFiguresJob(ITenantStore tenants, IMultiTenantContextAccessor accessor, AssettDbContext db, TimeProvider clock)
    : ITerritoryJob
{
    public const string Schedule = "*/5 * * * *";

    Task ITerritoryJob.RunAsync(string territory, CancellationToken cancellationToken) => RunAsync(territory, cancellationToken);

    /// <summary>Computes the territory's sets that may have changed; returns how many.</summary>
    public async Task<int> RunAsync(string territory, CancellationToken cancellationToken)
    {
        var found = await tenants.RequireAsync(territory, cancellationToken);
        using var scope = accessor.Change(found);
        var campaigns = await NationalFigureSets.BegunAsync(db, cancellationToken);
        var computed = await db.NationalFigureSets.AsNoTracking().ToDictionaryAsync(s => s.CampaignId, s => s.ComputedAt, cancellationToken);
        var due = campaigns.Where(c => !IsFinal(c, computed.GetValueOrDefault(c.Id))).ToList();
        foreach (var campaign in due)
            await NationalFigureSets.ComputeAsync(db, found, campaign, NationalFigureSets.PreviousOf(campaigns, campaign), clock.GetUtcNow(),
                cancellationToken);
        return due.Count;
    }

    /// <summary>A closed campaign's assessments no longer change: its set computed after it closed stays as it is.</summary>
    private static bool IsFinal(Campaign campaign, DateTimeOffset? computedAt) =>
        campaign is { State: CampaignState.Closed, ClosedAt: { } closedAt } && computedAt >= closedAt;
}
