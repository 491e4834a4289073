using Assett.Data;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Assett.Web.Features.Shared.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assett.Web.Features.Platform;

/// <summary>
/// The Cerema console's home: every territory with its onboarding state and what is missing to be
/// live, in counts only. Each territory is read as the current tenant, under its own row-level security.
/// </summary>
[Authorize(Policy = Access.PlatformAdministrator)]
public sealed class IndexModel(ITenantStore store, IMultiTenantContextAccessor accessor, AssettDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<TerritoryOnboarding> Territories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Territories = await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = (await LoadAsync(cancellationToken)).Select(t => new Dictionary<string, object?>
        {
            ["Territoire"] = t.Territory.Name, ["Identifiant"] = t.Territory.Identifier, ["Agents actifs"] = t.OfficersActive,
            ["Agents invités"] = t.OfficersInvited, ["Charte"] = t.Charter ? "oui" : "non", ["Campagnes prévues"] = t.CampaignsPlanned,
            ["Campagnes ouvertes"] = t.CampaignsOpen, ["Campagnes closes"] = t.CampaignsClosed, ["Organisations invitées"] = t.Organisations,
            ["Organisations inscrites"] = t.Registered, ["Organisations ayant transmis"] = t.Submitted,
            ["Dernière activité"] = t.LastActivity is { } at ? French.Day(at, t.Territory.Zone) : "", ["Rencontres tenues"] = t.MeetingsHeld,
            ["Ce qui manque"] = string.Join(" ; ", t.Missing),
        }).ToList();
        return await XlsxFile.CreateAsync(rows, $"territoires-{clock.GetUtcNow():yyyy-MM-dd}.xlsx", cancellationToken, "Territoires");
    }

    private Task<List<TerritoryOnboarding>> LoadAsync(CancellationToken cancellationToken) =>
        TerritoryOnboarding.AllAsync(store, accessor, db, clock.GetUtcNow(), cancellationToken);
}
