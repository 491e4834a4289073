using Assett.Data.ReferenceData;
using Assett.Web.Features.Shared.Cohorts;
using Assett.Data;
using Assett.Tenancy;
using Assett.Data.Organisations;
using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared;
using Assett.Web.Features.Shared.Territories;
using Microsoft.AspNetCore.Mvc;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Officer.Dashboard;

/// <summary>
/// The cohort dashboard: the campaign's funnel, the maturity per theme (quartiles) for all
/// organisations or by sector, size, commune or kind, and the progress of the organisations scored
/// in the previous campaign too.
/// </summary>
public sealed class IndexModel(AssettDbContext db, IMultiTenantContextAccessor tenant, ReferentialPackages packages, TerritoryMember member, TimeProvider clock,
    DashboardCache cache) : OfficerPage(db, tenant, packages, member, clock)
{
    [BindProperty(SupportsGet = true, Name = "axe")]
    public string Dimension { get; set; } = "tous";

    public Funnel? Funnel { get; private set; }
    public IReadOnlyList<ThemeQuartiles> Quartiles { get; private set; } = [];
    public IReadOnlyList<ThemeProgress> Progress { get; private set; } = [];
    public string? PreviousCampaign { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadOfficerAsync(cancellationToken);
        if (Campaign is null) return Page();
        if (CohortFigures.Dimensions.All(d => d.Key != Dimension)) Dimension = "tous";
        var (tenantId, campaignId) = (Territory.Id, Campaign.Id);
        Funnel = await cache.GetAsync("funnel", tenantId, campaignId, "", () => CohortFigures.FunnelAsync(Db, tenantId, campaignId, cancellationToken));
        Quartiles = await cache.GetAsync("quartiles", tenantId, campaignId, Dimension,
            () => CohortFigures.QuartilesAsync(Db, tenantId, campaignId, Dimension, cancellationToken));
        if (Dimension == "commune")
            _communes = (await TerritoryCommunes.OfAsync(Db, Territory.Id, cancellationToken)).ToDictionary(c => c.Code, c => c.Name);
        if (await CohortFigures.PreviousAsync(Db, Campaign, cancellationToken) is { } previous)
        {
            PreviousCampaign = previous.Name;
            Progress = await cache.GetAsync("progress", tenantId, campaignId, previous.Id.ToString(),
                () => CohortFigures.ProgressAsync(Db, tenantId, previous.Id, campaignId, cancellationToken));
        }
        return Page();
    }

    private Dictionary<string, string> _communes = [];

    /// <summary>A group's name in French: a sector's NAF section, a headcount band, a commune, a kind of organisation.</summary>
    public string GroupName(string value) => (Dimension, value) switch
    {
        ("tous", _) => "Toutes les organisations",
        (_, "?") => "Non renseigné",
        ("secteur", _) => NafCodes.SectionName(value),
        ("taille", _) => OrganisationLabels.Of(Enum.Parse<HeadcountBand>(value)),
        ("type", _) => OrganisationLabels.Of(Enum.Parse<OrganisationKind>(value)),
        _ => _communes.GetValueOrDefault(value) ?? value,
    };

    /// <summary>The groups of the chosen dimension, largest first, with each theme's figures.</summary>
    public IEnumerable<IGrouping<string, ThemeQuartiles>> Groups =>
        Quartiles.GroupBy(q => q.Value).OrderByDescending(g => g.Max(q => q.Organisations)).ThenBy(g => g.Key);
}
