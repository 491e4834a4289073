using Assett.Data;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Assett.Web.Features.Shared.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assett.Web.Features.Platform;

/// <summary>
/// The national figures over a period (<c>?du=</c>, <c>?au=</c>, the last twelve months by default), on
/// the screen, as XLSX, and as the printable « Bilan du dispositif » (<c>?handler=Bilan</c>) with the
/// territories' onboarding state, for the scheme's evaluation.
/// </summary>
[Authorize(Policy = Access.PlatformAdministrator)]
public sealed class FiguresModel(ITenantStore store, IMultiTenantContextAccessor accessor, AssettDbContext db, NationalFiguresCache cache, TimeProvider clock)
    : PageModel
{
    [BindProperty(SupportsGet = true, Name = "du")]
    public string? FromText { get; set; }

    [BindProperty(SupportsGet = true, Name = "au")]
    public string? ToText { get; set; }

    public NationalFigures Figures { get; private set; } = null!;
    public IReadOnlyList<TerritoryOnboarding> Territories { get; private set; } = [];
    public string? PeriodError { get; private set; }

    /// <summary>The printable report: the same figures with the territories' state, without the page's forms.</summary>
    public bool Printable { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnGetBilanAsync(CancellationToken cancellationToken)
    {
        Printable = true;
        await LoadAsync(cancellationToken);
        Territories = await TerritoryOnboarding.AllAsync(store, accessor, db, clock.GetUtcNow(), cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var sheets = new Dictionary<string, object>
        {
            ["Parcours"] = Figures.Funnels.Select(f => new Dictionary<string, object?>
            {
                ["Territoire"] = f.Territory, ["Campagne"] = f.Campaign, ["Invitées"] = f.Funnel.Invited, ["Inscrites"] = f.Funnel.Registered,
                ["Commencées"] = f.Funnel.Started, ["Transmises"] = f.Funnel.Submitted,
            }).ToList(),
            ["Maturité"] = Figures.Groups.Select(g => new Dictionary<string, object?>
            {
                ["Territoire"] = g.Territory, ["Dimension"] = g.Dimension, ["Groupe"] = g.Group, ["Thème"] = g.Theme, ["Organisations"] = g.Organisations,
                ["1er quartile (%)"] = Math.Round(g.Q1, 1), ["Médiane (%)"] = Math.Round(g.Median, 1), ["3e quartile (%)"] = Math.Round(g.Q3, 1),
            }).ToList(),
            ["Progression"] = Figures.Progress.Select(p => new Dictionary<string, object?>
            {
                ["Territoire"] = p.Territory, ["Thème"] = p.Theme, ["Organisations"] = p.Organisations, ["Médiane avant (%)"] = Math.Round(p.Before, 1),
                ["Médiane après (%)"] = Math.Round(p.After, 1),
            }).ToList(),
        };
        return await XlsxFile.CreateAsync(sheets, $"chiffres-nationaux-{Figures.From:yyyy-MM-dd}-{Figures.To:yyyy-MM-dd}.xlsx", cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var period = ReportingPeriod.Parse(FromText, ToText, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        PeriodError = period.Error;
        Figures = await cache.GetAsync(store, accessor, db, period.From, period.To, cancellationToken);
    }
}
