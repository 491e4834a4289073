using Assett.Web.Features.Shared.Cohorts;
using System.Security.Claims;
using Assett.Data;
using Assett.Data.Campaigns;
using Assett.Tenancy;
using Assett.Web.Features.Officer.Campaigns;
using Assett.Web.Features.Shared.Api;
using Assett.Web.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Officer.Dashboard;

/// <summary>
/// <c>/api/v1/cohort</c>: the dashboard's figures for the token's territory (scope <c>cohort</c>), for
/// its machine clients and its officers' applications; a person's application of an organisation gets 403.
/// Groups of fewer than five organisations are left out (SmallGroups).
/// </summary>
public static class CohortApi
{
    public sealed record CampaignSummary(Guid Id, string Name, string State, DateOnly OpensOn, DateOnly ClosesOn);

    public sealed record CohortFiguresResponse(CampaignSummary Campaign, Funnel Funnel, string Dimension, IReadOnlyList<ThemeQuartiles> Quartiles,
        CampaignSummary? PreviousCampaign, IReadOnlyList<ThemeProgress> Progress);

    /// <summary>Maps onto the <c>/api/v1</c> group.</summary>
    public static void MapCohortApi(this RouteGroupBuilder api) =>
        api.MapGet("/cohort", GetAsync).WithTags("Cohort").WithName("GetCohortFigures")
            .WithSummary("The cohort's funnel, quartiles per theme (node id \"\" is the overall score) by dimension (tous, secteur, taille, commune, type),"
                + " and progress since the previous campaign.")
            .RequireAuthorization(ApiSetup.Policy("cohort"));

    private static async Task<Results<Ok<CohortFiguresResponse>, NotFound, ForbidHttpResult, ProblemHttpResult>> GetAsync(ClaimsPrincipal caller,
        AssettDbContext db, IMultiTenantContextAccessor tenant, DashboardCache cache, TimeProvider clock, Guid? campaign = null, string dimension = "tous",
        CancellationToken cancellationToken = default)
    {
        if (tenant.Current is not { } territory) return TypedResults.NotFound();
        if (await ApiCaller.ReadableOrganisationsAsync(caller, db, cancellationToken) is not null) return TypedResults.Forbid();
        if (CohortFigures.Dimensions.All(d => d.Key != dimension))
            return ApiProblems.BadParameter("dimension", $"l’une des valeurs {string.Join(", ", CohortFigures.Dimensions.Select(d => d.Key))}");
        var campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.OpensOn).ToListAsync(cancellationToken);
        var chosen = campaign is { } id ? campaigns.FirstOrDefault(c => c.Id == id) : CohortCampaign.Current(campaigns, territory.DateAt(clock.GetUtcNow()));
        if (chosen is null) return TypedResults.NotFound();
        var previous = campaigns.FirstOrDefault(c => c.OpensOn < chosen.OpensOn);
        var (tenantId, campaignId) = (territory.Id, chosen.Id);
        var funnel = await cache.GetAsync("funnel", tenantId, campaignId, "", () => CohortFigures.FunnelAsync(db, tenantId, campaignId, cancellationToken));
        var quartiles = await cache.GetAsync("quartiles", tenantId, campaignId, dimension,
            () => CohortFigures.QuartilesAsync(db, tenantId, campaignId, dimension, cancellationToken));
        IReadOnlyList<ThemeProgress> progress = previous is null ? [] : await cache.GetAsync("progress", tenantId, campaignId, previous.Id.ToString(),
            () => CohortFigures.ProgressAsync(db, tenantId, previous.Id, campaignId, cancellationToken));
        return TypedResults.Ok(new CohortFiguresResponse(Summary(chosen), funnel, dimension, quartiles.LargeEnough(q => q.Organisations),
            previous is null ? null : Summary(previous), progress.LargeEnough(p => p.Organisations)));
    }

    private static CampaignSummary Summary(Campaign campaign) =>
        new(campaign.Id, campaign.Name, campaign.State.ToString(), campaign.OpensOn, campaign.ClosesOn);
}
