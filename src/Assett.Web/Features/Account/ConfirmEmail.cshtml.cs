using System.ComponentModel.DataAnnotations;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Assett.Web.Features.Account;

/// <summary>
/// The link of the confirmation email opens this page, whose button confirms the address (a mail
/// scanner that opens links confirms nothing): single use, expiring after 3 days. A person whose
/// link no longer works asks for another one here.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountFormLimits.Policy)]
public sealed class ConfirmEmailModel(UserManager<AssettUser> users, AssettDbContext db, IMultiTenantContextAccessor tenant, TerritoryLinks links,
    AccountFormLimits limits, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Utilisateur { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Indiquez votre adresse électronique.")]
    [EmailAddress(ErrorMessage = "Cette adresse électronique n’est pas valide.")]
    [Display(Name = "Adresse électronique")]
    public string Email { get; set; } = "";

    /// <summary>The link is good: the page shows the button.</summary>
    public bool Valid { get; private set; }

    public bool Confirmed { get; private set; }
    public bool Sent { get; private set; }

    public async Task OnGetAsync() => Valid = await LinkAsync() is not null;

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LinkAsync() is var (user, token))
            Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
        ModelState.Clear();
        return Page();
    }

    /// <summary>Sends a new link to an address registered and not confirmed; the answer is the same for any address.</summary>
    public async Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current is not { } territory) return NotFound();
        if (!ModelState.IsValid) return Page();
        if (limits.Refuses(this, Email, nameof(Email))) return Page();
        if (await users.FindByEmailAsync(Email.Trim()) is { EmailConfirmed: false } user)
            await ConfirmationEmail.EnqueueAsync(db, users, user, links.Site(territory), territory.Name, null, clock.GetUtcNow(), cancellationToken);
        Sent = true;
        return Page();
    }

    /// <summary>The account waiting for confirmation and the link's token, or null when the link does not confirm it.</summary>
    private async Task<(AssettUser User, string Token)?> LinkAsync()
    {
        if (await users.FindByIdAsync(Utilisateur.ToString()) is not { EmailConfirmed: false } user
            || AccountLinkCodes.Decode(Code) is not { } token) return null;
        return await users.VerifyUserTokenAsync(
                user, users.Options.Tokens.EmailConfirmationTokenProvider, UserManager<AssettUser>.ConfirmEmailTokenPurpose, token)
            ? (user, token) : null;
    }
}
