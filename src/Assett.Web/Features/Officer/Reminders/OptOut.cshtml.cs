using Npgsql;
using Assett.Data;
using Assett.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;

namespace Assett.Web.Features.Officer.Reminders;

/// <summary>
/// The link at the bottom of every reminder: it stops the reminders of one campaign for the
/// organisation, without signing in. The page asks for one click (a POST), so that mail scanners
/// opening links do not unsubscribe anybody.
/// </summary>
[AllowAnonymous]
public sealed class OptOutModel(ReminderLinks links, IMultiTenantContextAccessor tenant, AssettDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public string? OrganisationName { get; private set; }
    public string? CampaignName { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        var (campaignId, organisationId) = links.ReadOptOut(tenant.Current!, Code)!.Value;
        // A second click (or two at once) changes nothing.
        await db.Database.ExecuteSqlRawAsync(OptOutSql, [new NpgsqlParameter("tenant", tenant.Current!.Id), new NpgsqlParameter("id", Guid.NewGuid()),
            new NpgsqlParameter("campaign", campaignId), new NpgsqlParameter("organisation", organisationId), new NpgsqlParameter("at", clock.GetUtcNow())],
            cancellationToken);
        Done = true;
        return Page();
    }

    /// <summary>A code of another territory, altered or of a deleted organisation is not found (404).</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current is null || links.ReadOptOut(tenant.Current, Code) is not var (campaignId, organisationId)) return NotFound();
        CampaignName = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken);
        OrganisationName = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
        return CampaignName is null || OrganisationName is null ? NotFound() : null;
    }

    private const string OptOutSql = """
        INSERT INTO reminder_opt_outs (tenant_id, id, campaign_id, organisation_id, at) VALUES (@tenant, @id, @campaign, @organisation, @at)
        ON CONFLICT (tenant_id, campaign_id, organisation_id) DO NOTHING
        """;
}
