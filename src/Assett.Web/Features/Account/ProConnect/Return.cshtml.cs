using Assett.Data.Accounts;
using Assett.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Client.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Assett.Web.Features.Account.ProConnect;

/// <summary>
/// ProConnect's one callback: the OpenIddict client has checked the code, the ID token and the signed userinfo; this
/// page finds the agent's account in the territory named by <c>state</c> (<see cref="AgentAccounts"/>), signs it in and
/// sends it to its dashboard, or says in French why not.
/// </summary>
[AllowAnonymous]
public sealed class ReturnModel(ProConnectSettings settings, ITenantStore territories, IMultiTenantContextAccessor accessor, AgentAccounts agents,
    SignInManager<AssettUser> signIn, ILogger<ReturnModel> logger) : PageModel
{
    public string? Refusal { get; private set; }

    /// <summary>The sign-in page to go back to, in the territory signed in to.</summary>
    public string SignInPath { get; private set; } = "~/connexion";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!settings.IsOn) return NotFound();
        var result = await HttpContext.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is not { } identity)
        {
            logger.LogInformation("A ProConnect sign-in did not complete: {Failure} {Error}", result.Failure?.Message ?? "no identity",
                result.Properties?.Items.TryGetValue(OpenIddictClientAspNetCoreConstants.Properties.ErrorDescription, out var error) == true ? error : "");
            return Refuse("La connexion avec ProConnect n’a pas abouti : recommencez depuis la page de connexion.");
        }
        var slug = result.Properties?.Items.TryGetValue(ProConnectSetup.TerritoryItem, out var named) == true ? named : null;
        var territory = string.IsNullOrEmpty(slug) ? null : await territories.FindByIdentifierAsync(slug, cancellationToken);
        if (!string.IsNullOrEmpty(slug) && territory is null) return Refuse("Ce territoire n’existe plus sur Assett.");
        if (territory is not null) SignInPath = $"~/t/{territory.Identifier}/connexion";

        var email = identity.FindFirst(Claims.Email)?.Value;
        if (string.IsNullOrWhiteSpace(email) || identity.FindFirst(Claims.EmailVerified)?.Value is "false")
            return Refuse("ProConnect n’a pas transmis d’adresse électronique vérifiée : connectez-vous avec votre mot de passe.");
        using var scope = accessor.Change(territory);
        var user = await agents.FindAsync(territory, email, cancellationToken);
        if (user is null)
            return Refuse(territory is null
                ? $"L’adresse {email} n’est pas celle d’un administrateur de la plateforme."
                : $"L’adresse {email} n’ouvre pas d’accès à l’équipe de {territory.Name} : demandez une invitation à ses administrateurs.");
        if (await signIn.UserManager.IsLockedOutAsync(user))
            return Refuse(AccountSetup.LockedOut);
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(Url.Content(territory is null ? "~/plateforme" : $"~/t/{territory.Identifier}/territoire"));
    }

    private PageResult Refuse(string reason)
    {
        Refusal = reason;
        return Page();
    }
}
