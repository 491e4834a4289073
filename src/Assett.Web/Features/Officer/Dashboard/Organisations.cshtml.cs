using Assett.Web.Features.Shared;
using Assett.Data;
using Assett.Data.Organisations;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Officer.Dashboard;

/// <summary>
/// The cohort's organisations in a campaign, with their stage, last activity and score: filters,
/// search, sorting and pages, and the same list as CSV or XLSX (<see cref="CohortExport"/>).
/// </summary>
public sealed class OrganisationsModel(AssettDbContext db, IMultiTenantContextAccessor tenant, ReferentialPackages packages, TerritoryMember member,
    TimeProvider clock, DashboardCache cache) : OfficerPage(db, tenant, packages, member, clock)
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "recherche")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "etape")] public Stage? Stage { get; set; }
    [BindProperty(SupportsGet = true, Name = "secteur")] public string? Sector { get; set; }
    [BindProperty(SupportsGet = true, Name = "taille")] public HeadcountBand? Headcount { get; set; }
    [BindProperty(SupportsGet = true, Name = "commune")] public string? Commune { get; set; }
    [BindProperty(SupportsGet = true, Name = "type")] public OrganisationKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "charte")] public CharterStanding? Charter { get; set; }
    [BindProperty(SupportsGet = true, Name = "tri")] public string Sort { get; set; } = "nom";
    [BindProperty(SupportsGet = true, Name = "numero")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<CohortRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<string> Sectors { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Communes { get; private set; } = new Dictionary<string, string>();

    /// <summary>The version of the territory's charter in force; null without a charter.</summary>
    public int? CharterVersion { get; private set; }

    public static readonly IReadOnlyList<(string Key, string Label)> Sorts =
        [("nom", "Nom"), ("score", "Score, du plus élevé"), ("score-asc", "Score, du plus faible"), ("activite", "Dernière activité"), ("etape", "Étape")];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        Rows = [.. Rows.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ?? await CohortExport.CsvAsync(this, Db, cancellationToken);

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ?? await CohortExport.XlsxAsync(this, Db, cancellationToken);

    /// <summary>Every row the filters keep, sorted (not paged).</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        await LoadOfficerAsync(cancellationToken);
        if (Campaign is null) return NotFound();
        var (tenantId, campaignId) = (Territory.Id, Campaign.Id);
        var all = await cache.GetAsync("rows", tenantId, campaignId, "", () => CohortRows.LoadAsync(Db, tenantId, campaignId, cancellationToken));
        Sectors = [.. all.Select(r => r.NafSection).OfType<string>().Distinct().Order()];
        var settings = await Db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.Settings).SingleAsync(cancellationToken);
        CharterVersion = settings.CharterInForce;
        var names = (await TerritoryCommunes.OfAsync(Db, Territory.Id, cancellationToken)).ToDictionary(c => c.Code, c => c.Name);
        Communes = all.Select(r => r.Commune).OfType<string>().Distinct()
            .ToDictionary(code => code, code => names.GetValueOrDefault(code) ?? code).OrderBy(c => c.Value, StringComparer.Create(French.Culture, true))
            .ToDictionary();
        var search = Search?.Trim();
        var kept = all.Where(r => (string.IsNullOrEmpty(search) || r.Name.Contains(search, StringComparison.CurrentCultureIgnoreCase)
                || r.Identifier.Contains(search.Replace(" ", "")))
            && (Stage is null || r.Stage == Stage) && (string.IsNullOrEmpty(Sector) || r.NafSection == Sector)
            && (Headcount is null || r.Headcount == Headcount) && (string.IsNullOrEmpty(Commune) || r.Commune == Commune)
            && (Kind is null || r.Kind == Kind) && (Charter is null || r.Standing(CharterVersion) == Charter));
        var byName = StringComparer.Create(French.Culture, ignoreCase: true);
        Rows = [.. Sort switch
        {
            "score" => kept.OrderByDescending(r => r.Score ?? -1).ThenBy(r => r.Name, byName),
            "score-asc" => kept.OrderBy(r => r.Score ?? double.MaxValue).ThenBy(r => r.Name, byName),
            "activite" => kept.OrderByDescending(r => r.LastActivity ?? DateTimeOffset.MinValue).ThenBy(r => r.Name, byName),
            "etape" => kept.OrderByDescending(r => r.Stage).ThenBy(r => r.Name, byName),
            _ => kept.OrderBy(r => r.Name, byName),
        }];
        Total = Rows.Count;
        return null;
    }

    public string CommuneName(string? code) => code is null ? "" : Communes.GetValueOrDefault(code) ?? code;

    /// <summary>The query of this page with one value changed (the pages, the exports).</summary>
    public Dictionary<string, string?> With(string key, string? value)
    {
        var query = Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["campagne"] = Campaign?.Id.ToString();
        query[key] = value;
        return query;
    }
}
