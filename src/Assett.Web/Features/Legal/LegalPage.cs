using Assett.Data;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Legal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Assett.Web.Features.Legal;

/// <summary>
/// A legal page, public, at the platform's root and under every territory (<c>/t/{slug}/mentions-legales</c>), written in
/// the product's own words from <see cref="LegalNotice"/> (docs/decisions.md, « Legal pages »).
/// </summary>
[AllowAnonymous]
public class LegalPage(IOptions<LegalNotice> notice, IMultiTenantContextAccessor tenant, AssettDbContext db) : PageModel
{
    /// <summary>The platform's notice, or on a territory's site the territory's (<see cref="LegalNotice.Of"/>).</summary>
    public LegalNotice Notice { get; private set; } = notice.Value;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Territory is { } territory)
            Notice = notice.Value.Of(await db.Tenants.Where(t => t.Id == territory.Id).Select(t => t.Settings).SingleAsync(cancellationToken));
    }

    /// <summary>The territory whose site this is, or null on the platform's own pages.</summary>
    public TenantInfo? Territory => tenant.Current;

    /// <summary>Where a person writes about their data: the DPO's address, or the post.</summary>
    public string DpoContact => Notice.DpoEmail is { } email
        ? email
        : $"par courrier au délégué à la protection des données du Cerema, {Notice.PublisherAddress}";
}

public sealed class MentionsLegalesModel(IOptions<LegalNotice> notice, IMultiTenantContextAccessor tenant, AssettDbContext db)
    : LegalPage(notice, tenant, db);

public sealed class DonneesPersonnellesModel(IOptions<LegalNotice> notice, IMultiTenantContextAccessor tenant, AssettDbContext db)
    : LegalPage(notice, tenant, db);

public sealed class AccessibiliteModel(IOptions<LegalNotice> notice, IMultiTenantContextAccessor tenant, AssettDbContext db)
    : LegalPage(notice, tenant, db);

public sealed class PlanDuSiteModel(IOptions<LegalNotice> notice, IMultiTenantContextAccessor tenant, AssettDbContext db)
    : LegalPage(notice, tenant, db);
