using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Mail;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Authorization;

namespace Assett.Web.Features.Account;

/// <summary>
/// Asks for a password reset link, on a territory (its outbox sends it). The answer is the same
/// whether the address has an account or not, so the page tells nobody who is registered. An
/// account whose address was never confirmed is reclaimed this way (<see cref="ResetPasswordModel"/>).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountFormLimits.Policy)]
public sealed class ForgotPasswordModel(AssettDbContext db, UserManager<AssettUser> users, IMultiTenantContextAccessor tenant, TimeProvider clock,
    TerritoryLinks links, AccountFormLimits limits) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Indiquez votre adresse électronique.")]
    [EmailAddress(ErrorMessage = "Cette adresse électronique n’est pas valide.")]
    [Display(Name = "Adresse électronique")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public IActionResult OnGet() => tenant.Current is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current is not { } territory) return NotFound();
        if (!ModelState.IsValid) return Page();
        if (limits.Refuses(this, Email, nameof(Email))) return Page();
        // An address registered and never confirmed gets the link too: its real owner reclaims it by choosing a password.
        if (await users.FindByEmailAsync(Email.Trim()) is { } user)
        {
            var code = AccountLinkCodes.Encode(await users.GeneratePasswordResetTokenAsync(user));
            var link = $"{links.Site(territory)}/nouveau-mot-de-passe?utilisateur={user.Id}&code={code}";
            await Outbox.EnqueueAsync(db, $"account:reset:{user.Id}:{clock.GetUtcNow().ToUnixTimeSeconds()}", user.Email!,
                "Choisir un nouveau mot de passe sur Assett",
                $"Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable 3 jours, une seule fois) :\n{link}\n\n" +
                "Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.\n",
                "<p>Bonjour,</p>" +
                $"<p><a href=\"{HtmlEncoder.Default.Encode(link)}\">Choisir un nouveau mot de passe</a> (lien valable 3 jours, une seule fois).</p>" +
                "<p>Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.</p>", cancellationToken);
        }
        Sent = true;
        return Page();
    }
}
