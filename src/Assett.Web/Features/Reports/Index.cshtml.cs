using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Reports;
using Assett.Tenancy;
using Assett.Web.Features.Account;
using Assett.Web.Features.Dashboard;
using Assett.Web.Features.Questionnaire;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Reports;

/// <summary>The territory's cohort reports, newest first, and a button that asks for one now (produced by a background job).</summary>
public sealed class IndexModel(AssettDbContext db, IMultiTenantContextAccessor tenant, ReferentialPackages packages, IBackgroundJobClient jobs)
    : OfficerPage(db, tenant, packages)
{
    public sealed record Past(Guid Id, string Campaign, string RequestedBy, DateTimeOffset CreatedAt);

    public IReadOnlyList<Past> Reports { get; private set; } = [];

    [TempData]
    public string? Asked { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadOfficerAsync(cancellationToken) is { } refusal) return refusal;
        Reports = await Db.CohortReports.AsNoTracking().OrderByDescending(r => r.CreatedAt)
            .Join(Db.Campaigns, r => r.CampaignId, c => c.Id, (r, c) => new Past(r.Id, c.Name, r.RequestedBy, r.CreatedAt)).ToListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadOfficerAsync(cancellationToken) is { } refusal) return refusal;
        var slug = Territory.Identifier;
        var by = User.Identity!.Name!;
        jobs.Enqueue<CohortReportJob>(job => job.RunOnDemandAsync(slug, by, CancellationToken.None));
        Asked = "Le rapport est en préparation : il apparaîtra ici dans quelques instants, et vous le recevrez par courriel.";
        return RedirectToPage();
    }
}
