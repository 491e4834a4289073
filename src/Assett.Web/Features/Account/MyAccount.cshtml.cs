using Assett.Data;
using Assett.Data.Accounts;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Account;

/// <summary>
/// The signed-in person's account: they delete it themselves (RGPD), with its memberships in every
/// territory and the messages addressed to it; refused while they are the only owner of an
/// organisation, which must first get another owner or be deleted.
/// </summary>
[Authorize(Policy = Access.SignedIn)]
public sealed class MyAccountModel(UserManager<AssettUser> users, SignInManager<AssettUser> signIn, ITenantStore tenants, AssettDatabase database)
    : PageModel
{
    [BindProperty]
    public string? Confirmation { get; set; }

    public string Email => User.Identity!.Name!;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (!string.Equals(Confirmation?.Trim(), Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(Confirmation), "Recopiez exactement votre adresse électronique pour confirmer.");
            return Page();
        }
        if (await users.GetUserAsync(User) is not { } user) return NotFound();
        var soleOwner = new List<string>();
        foreach (var territory in await tenants.ListAsync(cancellationToken))
            soleOwner.AddRange(await InTerritoryAsync(territory, db => OrganisationsOnlyOwnedByAsync(db, user.Id, cancellationToken)));
        if (soleOwner.Count > 0)
        {
            ModelState.AddModelError(nameof(Confirmation), $"Vous êtes la seule personne responsable de {string.Join(", ", soleOwner)} : " +
                "donnez ce rôle à un membre de l’équipe, ou supprimez l’organisation, avant de supprimer votre compte.");
            return Page();
        }
        foreach (var territory in await tenants.ListAsync(cancellationToken))
            await InTerritoryAsync(territory, db => db.OutboxMessages.Where(m => m.ToAddress.ToLower() == user.Email!.ToLower())
                .ExecuteDeleteAsync(cancellationToken));
        // Memberships go with the account (foreign keys cascade, in every territory).
        await users.DeleteAsync(user);
        await signIn.SignOutAsync();
        return Redirect("~/");
    }

    private static Task<List<string>> OrganisationsOnlyOwnedByAsync(AssettDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Organisations.Where(o => db.Memberships.Any(m => m.OrganisationId == o.Id && m.UserId == userId && m.Role == MembershipRole.OrganisationOwner)
                && db.Memberships.Count(m => m.OrganisationId == o.Id && m.Role == MembershipRole.OrganisationOwner) == 1)
            .Select(o => o.Name).ToListAsync(cancellationToken);

    /// <summary>Each territory on a context of its own: row-level security is set for one territory per connection.</summary>
    private async Task<T> InTerritoryAsync<T>(TenantInfo territory, Func<AssettDbContext, Task<T>> work)
    {
        using var scope = new MultiTenantContextAccessor().Change(territory);
        await using var db = AssettDbContextOptions.Create(database.AppConnectionString);
        return await work(db);
    }
}
