using Assett.Data.Campaigns;
using Assett.Web.Features.Officer.Campaigns;

namespace Assett.Web.Tests.Features;

/// <summary>The campaign that officers' pages, the cohort API and the cohort report show when none is named.</summary>
public sealed class CohortCampaignShould
{
    private static readonly DateOnly Today = new(2027, 3, 1);

    [Fact]
    public void TakeTheOpenCampaignFirst()
    {
        var open = Campaign("2026", CampaignState.Open, new(2026, 1, 15));
        var campaigns = new[] { Campaign("2027", CampaignState.Planned, new(2027, 1, 15)), open, Campaign("2025", CampaignState.Closed, new(2025, 1, 15)) };

        Assert.Same(open, CohortCampaign.Current(campaigns, Today));
        Assert.Same(open, CohortCampaign.Begun(campaigns, Today));
    }

    [Fact]
    public void OtherwiseTakeTheLatestBegunEvenIfNobodyOpenedIt()
    {
        var late = Campaign("2027", CampaignState.Planned, new(2027, 1, 15)); // its date passed: the officers forgot to open it
        var campaigns = new[] { Campaign("2028", CampaignState.Planned, new(2028, 1, 15)), late, Campaign("2026", CampaignState.Closed, new(2026, 1, 15)) };

        Assert.Same(late, CohortCampaign.Current(campaigns, Today));
        Assert.Same(late, CohortCampaign.Begun(campaigns, Today));
    }

    [Fact]
    public void ShowTheNextPlannedCampaignBeforeAnyBeginsButReportNone()
    {
        var next = Campaign("2027 bis", CampaignState.Planned, new(2027, 6, 1));
        var campaigns = new[] { Campaign("2028", CampaignState.Planned, new(2028, 1, 15)), next };

        Assert.Same(next, CohortCampaign.Current(campaigns, Today));
        Assert.Null(CohortCampaign.Begun(campaigns, Today));
        Assert.Null(CohortCampaign.Current([], Today));
    }

    private static Campaign Campaign(string name, CampaignState state, DateOnly opensOn) =>
        new() { Id = Guid.NewGuid(), Name = name, State = state, OpensOn = opensOn, ClosesOn = opensOn.AddMonths(5) };
}
