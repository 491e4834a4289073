using System.Security.Claims;
using Assett.Data.Accounts;
using Assett.Tenancy;
using Microsoft.AspNetCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Assett.Web.Features.Api;

/// <summary>
/// <c>POST /connect/token</c> once OpenIddict has checked the request: a machine client gets an access
/// token naming itself and the one tenant it is bound to, with the scopes it asked for and may have.
/// </summary>
public static class TokenEndpoint
{
    public static void MapTokenEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost(ApiSetup.TokenEndpoint, IssueAsync).ExcludeFromDescription().AllowAnonymous();

    private static async Task<IResult> IssueAsync(HttpContext context, IOpenIddictApplicationManager applications)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (!request.IsClientCredentialsGrantType())
            return Forbid(Errors.UnsupportedGrantType, "Only client credentials are accepted here.");

        var application = await applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted);
        var properties = application is null ? null : await applications.GetPropertiesAsync(application, context.RequestAborted);
        if (properties is null || !properties.TryGetValue(MachineClients.TenantProperty, out var tenant) || tenant.GetString() is not { Length: > 0 } slug)
            return Forbid(Errors.InvalidClient, "This client is bound to no territory.");

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId);
        identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application!, context.RequestAborted));
        identity.SetClaim(ClaimStrategy.TenantClaim, slug);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new Microsoft.AspNetCore.Authentication.AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
