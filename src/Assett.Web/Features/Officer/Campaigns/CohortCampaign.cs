using Assett.Data.Campaigns;

namespace Assett.Web.Features.Officer.Campaigns;

/// <summary>
/// The campaign that the territory's figures are about when nobody names one: the same for the
/// officers' pages, the cohort API and the cohort report (docs/officers.md).
/// </summary>
public static class CohortCampaign
{
    /// <summary>The open campaign, else the latest begun by the territory's <paramref name="today"/>, else none.</summary>
    public static Campaign? Begun(IEnumerable<Campaign> campaigns, DateOnly today)
    {
        var newestFirst = campaigns.OrderByDescending(c => c.OpensOn).ToList();
        return newestFirst.FirstOrDefault(c => c.State == CampaignState.Open) ?? newestFirst.FirstOrDefault(c => c.OpensOn <= today);
    }

    /// <summary><see cref="Begun"/>, else the next one planned: a territory's first campaign shows before it opens.</summary>
    public static Campaign? Current(IEnumerable<Campaign> campaigns, DateOnly today) =>
        Begun(campaigns, today) ?? campaigns.OrderBy(c => c.OpensOn).FirstOrDefault();
}
