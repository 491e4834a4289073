using Assett.Data;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Officer.Reports;

/// <summary>
/// The territory's cohort reports, newest first, and for officer admins a button that produces one now (a few seconds at most:
/// docs/performance.md).
/// </summary>
public sealed class IndexModel(AssettDbContext db, IMultiTenantContextAccessor tenant, ReferentialPackages packages, TerritoryMember member,
    CohortReports reports, TimeProvider clock) : OfficerPage(db, tenant, packages, member, clock)
{
    public sealed record Past(Guid Id, string Campaign, string RequestedBy, DateTimeOffset CreatedAt);

    public IReadOnlyList<Past> Reports { get; private set; } = [];

    [TempData]
    public string? Missing { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadOfficerAsync(cancellationToken);
        Reports = await Db.CohortReports.AsNoTracking().OrderByDescending(r => r.CreatedAt)
            .Join(Db.Campaigns, r => r.CampaignId, c => c.Id, (r, c) => new Past(r.Id, c.Name, r.RequestedBy, r.CreatedAt)).ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>Producing a report emails every officer: an officer admin's act, not a reader's.</summary>
    [HandlerAccess(Access.OfficerAdmin)]
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadOfficerAsync(cancellationToken);
        if (await reports.ProduceAsync(Territory, null, User.Identity!.Name!, Clock.GetUtcNow(), cancellationToken) is { } report)
            return RedirectToPage("/Officer/Reports/Report", new { id = report.Id });
        Missing = "Aucune campagne n’a encore commencé : il n’y a pas de chiffres à mettre dans un rapport.";
        return RedirectToPage();
    }
}
