using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Invitations;
using Assett.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;

namespace Assett.Web.Features.Account;

/// <summary>
/// The link of an invitation: single use, expiring. A newcomer chooses a password (the link proves the
/// address); a person who already has an account signs in with it, then accepts.
/// </summary>
[AllowAnonymous]
public sealed class AcceptInvitationModel(AssettDbContext db, UserManager<AssettUser> users, SignInManager<AssettUser> signIn,
    IMultiTenantContextAccessor tenant, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "Choisissez un mot de passe")]
    public string? Password { get; set; }

    public Invitation? Invitation { get; private set; }
    public string OrganisationName { get; private set; } = "";
    public bool HasAccount { get; private set; }
    public bool SignedInAsInvited { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current is null) return NotFound();
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current is null) return NotFound();
        if (await LoadAsync(cancellationToken) is not { } invitation) return Page();
        var user = await users.FindByEmailAsync(invitation.Email);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (user is null)
        {
            if (string.IsNullOrEmpty(Password)) ModelState.AddModelError(nameof(Password), "Choisissez un mot de passe.");
            if (!ModelState.IsValid) return Page();
            user = new AssettUser
            {
                Id = Guid.NewGuid(), UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow(),
            };
            var created = await users.CreateAsync(user, Password!);
            if (!created.Succeeded)
            {
                foreach (var error in created.Errors) ModelState.AddModelError(nameof(Password), error.Description);
                return Page();
            }
        }
        else if (!SignedInAsInvited)
        {
            return Page(); // the page asks to sign in with the invited address first
        }
        if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.OrganisationId == invitation.OrganisationId, cancellationToken))
            db.Memberships.Add(new Membership
            {
                Id = Guid.NewGuid(), UserId = user.Id, OrganisationId = invitation.OrganisationId, Role = invitation.Role, CreatedAt = clock.GetUtcNow(),
            });
        invitation.AcceptedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await signIn.SignInAsync(user, isPersistent: false);
        // Straight to the work: the questionnaire for an organisation's member, the invitations for an officer admin, the dashboard for a reader.
        return LocalRedirect(Url.Content(invitation.Role switch
        {
            MembershipRole.OfficerAdmin => "~/territoire/invitations",
            MembershipRole.OfficerReader => "~/territoire",
            _ => "~/evaluation",
        }));
    }

    /// <summary>The invitation of the link if it can still be used; null otherwise (the page says so).</summary>
    private async Task<Invitation?> LoadAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Code)) return null;
        var hash = InvitationTokens.Hash(Code);
        var now = clock.GetUtcNow();
        Invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now, cancellationToken);
        if (Invitation is null) return null;
        // An officer's invitation names no organisation: the officer joins the territory's team.
        OrganisationName = Invitation.OrganisationId is null
            ? $"l’équipe de {tenant.Current!.Name}"
            : await db.Organisations.Where(o => o.Id == Invitation.OrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
        HasAccount = await users.FindByEmailAsync(Invitation.Email) is not null;
        SignedInAsInvited = string.Equals(User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name, Invitation.Email, StringComparison.OrdinalIgnoreCase);
        return Invitation;
    }
}
