using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared.Bilans;
using Assett.Web.Features.Shared.Printing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Bilan;

/// <summary>
/// The organisation's bilans, one per campaign: frozen when the campaign closes, or on demand once the
/// assessment is transmitted; a printable page and its PDF. The organisation's own (docs/decisions.md):
/// officers download theirs from their pages, platform administrators never see them.
/// </summary>
[Authorize(Policy = Access.OrganisationMember)]
public sealed class IndexModel(AssessmentContexts contexts, IMultiTenantContextAccessor tenant, AssettDbContext db, Bilans bilans, PdfPrinter printer,
    PrintablePages printable) : PageModel
{
    public sealed record Frozen(Guid CampaignId, string Campaign, DateTimeOffset FrozenAt);

    [BindProperty(SupportsGet = true, Name = "campagne")]
    public Guid? CampaignId { get; set; }

    public TenantInfo Territory => tenant.Current!;
    public IReadOnlyList<Frozen> All { get; private set; } = [];
    public BilanFigures? Figures { get; private set; }
    public bool CanPrintPdf => printer.Available;

    /// <summary>The campaign whose transmitted assessment has no bilan yet, or an older one: the owner may freeze it now.</summary>
    public (Guid Id, string Name)? Freezable { get; private set; }

    [TempData]
    public string? Done { get; set; }

    private Guid _organisationId;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        return CampaignId is not null && Figures is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        if (Figures is null) return NotFound();
        if (!printer.Available) return RedirectToPage(new { campagne = CampaignId, handler = (string?)null });
        var html = await printable.RenderAsync(HttpContext, Bilans.PartialView, Figures, $"Bilan {Figures.Campaign} – {Figures.Organisation}");
        return File(await printer.PrintAsync(html, cancellationToken), "application/pdf", $"bilan-{PrintablePages.Slug(Figures.Campaign)}.pdf");
    }

    [HandlerAccess(Access.OrganisationOwner)]
    public async Task<IActionResult> OnPostFreezeAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        if (Freezable is not { } freezable) return RedirectToPage();
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == freezable.Id, cancellationToken);
        await bilans.FreezeAsync(Territory, _organisationId, campaign, cancellationToken);
        Done = $"Votre bilan « {campaign.Name} » est établi à partir de votre autoévaluation transmise.";
        return RedirectToPage(new { campagne = campaign.Id });
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current is null) return NotFound();
        var (membership, missing) = await contexts.MembershipAsync(cancellationToken);
        if (missing == MissingContext.Stranger) return NotFound();
        if (membership?.OrganisationId is not { } organisationId) return Forbid();
        _organisationId = organisationId;
        var frozen = await db.Bilans.AsNoTracking().Where(b => b.OrganisationId == organisationId)
            .Join(db.Campaigns, b => b.CampaignId, c => c.Id, (b, c) => new { Bilan = b, c.Name, c.OpensOn })
            .OrderByDescending(x => x.OpensOn).ToListAsync(cancellationToken);
        All = [.. frozen.Select(x => new Frozen(x.Bilan.CampaignId, x.Name, x.Bilan.FrozenAt))];
        if (frozen.FirstOrDefault(x => x.Bilan.CampaignId == CampaignId) is { } shown) Figures = Bilans.Read(shown.Bilan);
        if (membership.Role == MembershipRole.OrganisationOwner)
        {
            var submitted = await db.Assessments.AsNoTracking().Where(a => a.OrganisationId == organisationId && a.State == AssessmentState.Submitted)
                .Join(db.Campaigns, a => a.CampaignId, c => c.Id, (a, c) => new { c.Id, c.Name, c.OpensOn, a.SubmittedAt })
                .OrderByDescending(x => x.OpensOn).FirstOrDefaultAsync(cancellationToken);
            if (submitted is not null && frozen.All(x => x.Bilan.CampaignId != submitted.Id || x.Bilan.FrozenAt < submitted.SubmittedAt))
                Freezable = (submitted.Id, submitted.Name);
        }
        return null;
    }
}
