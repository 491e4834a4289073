using Assett.Tenancy;
using Assett.Web.Features.Shared.Jobs;

namespace Assett.Web.Features.Officer.Campaigns;

/// <summary>
/// Opens and closes a territory's campaigns on their dates (Hangfire, every hour in the territory's
/// time zone): a retried or doubled run finds nothing left to do.
/// </summary>
public sealed class CampaignCalendarJob(ITenantStore tenants, IMultiTenantContextAccessor accessor, CampaignCalendar calendar,
    ILogger<CampaignCalendarJob> logger) : ITerritoryJob
{
    /// <summary>Every hour: a campaign opens within the hour its day begins in the territory.</summary>
    public const string Schedule = "2 * * * *";

    public async Task RunAsync(string territory, CancellationToken cancellationToken)
    {
        var found = await tenants.RequireAsync(territory, cancellationToken);
        using var scope = accessor.Change(found);
        foreach (var campaign in await calendar.RunAsync(found, cancellationToken))
            logger.LogInformation("Campaign {Campaign} of {Territory} is now {State}", campaign.Name, territory, campaign.State);
    }
}
