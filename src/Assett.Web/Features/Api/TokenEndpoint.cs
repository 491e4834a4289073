using Assett.Web.Features.Shared.Api;
using System.Security.Claims;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Tenancy;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Assett.Web.Features.Api;

/// <summary>
/// The token server's two endpoints, once OpenIddict has checked each request. Every client is bound
/// to one territory (its <see cref="MachineClients.TenantProperty"/>), and every token names it.
/// <c>/connect/authorize</c>: a person signed in with an account that belongs to the client's territory
/// gets an authorization code (PKCE). <c>/connect/token</c>: client credentials for machine clients;
/// codes and refresh tokens for interactive ones, issued again only while the person exists, is not
/// locked out and still belongs to the client's territory.
/// </summary>
public static class TokenEndpoint
{
    public static void MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(ApiSetup.TokenEndpoint, IssueAsync).ExcludeFromDescription().AllowAnonymous();
        app.MapMethods(ApiSetup.AuthorizationEndpoint, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).ExcludeFromDescription().AllowAnonymous();
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, IOpenIddictApplicationManager applications, ITenantStore tenants,
        IMultiTenantContextAccessor accessor, AssettDbContext db)
    {
        if (context.GetOpenIddictServerRequest() is not { } request) return TypedResults.NotFound();
        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!session.Succeeded)
            return TypedResults.Challenge(
                new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + context.Request.QueryString },
                [IdentityConstants.ApplicationScheme]);

        if (await TenantOfAsync(applications, request.ClientId!, context.RequestAborted) is not { } slug
            || await tenants.FindByIdentifierAsync(slug, context.RequestAborted) is not { } tenant)
            return Forbid(Errors.InvalidClient, "This client is bound to no territory.");
        var userId = Guid.Parse(session.Principal.FindFirstValue(ClaimTypes.NameIdentifier)!);
        if (!await BelongsAsync(userId, tenant, accessor, db, context.RequestAborted))
            return Forbid(Errors.AccessDenied, "This account belongs to no organisation or team of the client's territory.");

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, userId.ToString());
        identity.SetClaim(Claims.Name, session.Principal.Identity?.Name);
        identity.SetClaim(ClaimStrategy.TenantClaim, slug);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> IssueAsync(HttpContext context, IOpenIddictApplicationManager applications, ITenantStore tenants,
        IMultiTenantContextAccessor accessor, AssettDbContext db, UserManager<AssettUser> users)
    {
        if (context.GetOpenIddictServerRequest() is not { } request) return TypedResults.NotFound();
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // OpenIddict has checked the code (and its PKCE verifier) or the refresh token: issue again what they
            // carry, if the person may still have it.
            var grant = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (grant.Principal is not { } principal
                || !Guid.TryParse(principal.GetClaim(Claims.Subject), out var userId)
                || await users.FindByIdAsync(userId.ToString()) is not { } user
                || await users.IsLockedOutAsync(user)
                || await tenants.FindByIdentifierAsync(principal.GetClaim(ClaimStrategy.TenantClaim) ?? "", context.RequestAborted) is not { } tenant
                || !await BelongsAsync(userId, tenant, accessor, db, context.RequestAborted))
                return Forbid(Errors.InvalidGrant, "The code or refresh token is no longer valid.");
            return TypedResults.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        if (!request.IsClientCredentialsGrantType())
            return Forbid(Errors.UnsupportedGrantType, "This grant type is not accepted here.");

        if (await TenantOfAsync(applications, request.ClientId!, context.RequestAborted) is not { } slug)
            return Forbid(Errors.InvalidClient, "This client is bound to no territory.");
        var application = await applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted);
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId);
        identity.SetClaim(ApiCaller.MachineClaim, "true");
        identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application!, context.RequestAborted));
        identity.SetClaim(ClaimStrategy.TenantClaim, slug);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<bool> BelongsAsync(Guid userId, TenantInfo tenant, IMultiTenantContextAccessor accessor, AssettDbContext db,
        CancellationToken cancellationToken)
    {
        using (accessor.Change(tenant))
            return (await db.ActiveMembershipsOfAsync(userId, cancellationToken)).Count > 0;
    }

    private static async Task<string?> TenantOfAsync(IOpenIddictApplicationManager applications, string clientId, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        var properties = application is null ? null : await applications.GetPropertiesAsync(application, cancellationToken);
        return properties is not null && properties.TryGetValue(MachineClients.TenantProperty, out var tenant) && tenant.GetString() is { Length: > 0 } slug
            ? slug : null;
    }

    private static IResult Forbid(string error, string description) => TypedResults.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
