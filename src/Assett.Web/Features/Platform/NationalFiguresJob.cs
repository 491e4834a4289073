using Assett.Data;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Jobs;

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
        var campaigns = await NationalFigureSets.BegunAsync(db, cancellationToken);
        foreach (var campaign in campaigns)
            await NationalFigureSets.ComputeAsync(db, found, campaign, NationalFigureSets.PreviousOf(campaigns, campaign), clock.GetUtcNow(),
                cancellationToken);
        return campaigns.Count;
    }
}
