using System.ComponentModel.DataAnnotations;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Tenancy;
using Assett.Web.Features.Account.ProConnect;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Client.AspNetCore;
using Assett.Web.Features.Shared.Api;
using Assett.Web.Features.Shared.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using OpenIddict.Abstractions;
using Microsoft.AspNetCore.Authorization;

namespace Assett.Web.Features.Account;

/// <summary>
/// Sign-in with email and password; failures count towards a temporary lockout. Then the page asked for, or <see cref="Landing"/>.
/// Agents may instead sign in with ProConnect where it is configured (<see cref="ProConnectSetup"/>).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountFormLimits.Policy)]
public sealed class SignInModel(SignInManager<AssettUser> signIn, IOpenIddictApplicationManager applications, AccountFormLimits limits,
    AssettDbContext db, IMultiTenantContextAccessor tenant, ProConnectSettings proConnect) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Indiquez votre adresse électronique.")]
        [EmailAddress(ErrorMessage = "Cette adresse électronique n’est pas valide.")]
        [Display(Name = "Adresse électronique")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Indiquez votre mot de passe.")]
        [DataType(DataType.Password)]
        [Display(Name = "Mot de passe")]
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // Signing in for an application: the form's redirects end at the application's callback.
        if (await AuthorizationCallback.OfReturnUrlAsync(ReturnUrl, applications, HttpContext.RequestAborted) is { } callback)
            SecurityHeaders.AllowFormToEndAt(HttpContext, callback);
        if (proConnect.Issuer is { } issuer) SecurityHeaders.AllowFormToEndAt(HttpContext, issuer); // « S’identifier avec ProConnect » ends there
        await next();
    }

    public bool OffersProConnect => proConnect.IsOn;

    public void OnGet()
    {
    }

    /// <summary>To ProConnect, with the territory (none at the platform's root) kept in the encrypted <c>state</c>.</summary>
    public IActionResult OnPostProConnect()
    {
        if (!proConnect.IsOn) return NotFound();
        var properties = new AuthenticationProperties();
        properties.Items[ProConnectSetup.TerritoryItem] = tenant.Current?.Identifier ?? "";
        return Challenge(properties, OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        if (limits.Refuses(this, Input.Email, "Input.Email")) return Page();
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            if (Url.IsLocalUrl(ReturnUrl)) return LocalRedirect(ReturnUrl!);
            var user = await signIn.UserManager.FindByNameAsync(Input.Email.Trim());
            return LocalRedirect(Url.Content(await Landing.PathAsync(db, tenant, user!, HttpContext.RequestAborted)));
        }
        Error = result.IsLockedOut
            ? AccountSetup.LockedOut
            : result.IsNotAllowed
                ? "Confirmez d’abord votre adresse électronique avec le lien que nous vous avons envoyé."
                : "Adresse électronique ou mot de passe incorrect.";
        return Page();
    }
}
