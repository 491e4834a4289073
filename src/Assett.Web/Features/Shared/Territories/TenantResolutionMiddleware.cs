using Assett.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using OpenIddict.Validation.AspNetCore;

namespace Assett.Web.Features.Shared.Territories;

/// <summary>
/// Finds the territory of a request and makes it current for the whole request. For a page: its
/// host, then the <c>/t/{slug}</c> prefix (moved into the path base so pages route as usual); an
/// unknown <c>/t/{slug}</c> answers the French 404 page. For the API: the tenant claim of its token,
/// never the host or the path; so <c>/t/{slug}/api/…</c> and <c>/t/{slug}/connect/…</c> are not API
/// routes and answer 404 to everyone (docs/decisions.md, « API addressing »).
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next, TenantResolver resolver, ITenantStore store,
    IMultiTenantContextAccessor accessor)
{
    public const string UnknownTenantKey = "Assett.UnknownTenant";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IExceptionHandlerPathFeature>() is not null)
        {
            // Rendering the error page of a failed request (perhaps the database is down): no territory.
            await next(context);
            return;
        }
        if (context.Request.Path.StartsWithSegments(WebSetup.ApiPrefix))
        {
            await InvokeApiAsync(context);
            return;
        }
        var path = context.Request.Path.Value ?? "/";
        var tenant = await resolver.ResolveAsync(new TenantRequest(context.Request.Host.Host, path), context.RequestAborted);
        if (RoutePrefixStrategy.SlugOf(path) is { } slug)
        {
            if (tenant is null || !string.Equals(tenant.Identifier, slug, StringComparison.OrdinalIgnoreCase))
            {
                context.Items[UnknownTenantKey] = slug;
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            var prefix = RoutePrefixStrategy.Prefix + slug;
            context.Request.PathBase = context.Request.PathBase.Add(path[..prefix.Length]);
            context.Request.Path = RoutePrefixStrategy.PathBelow(path, slug);
            if (WebSetup.IsApi(context.Request.Path))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            // Sign-in redirects are built from the authentication feature's original path base.
            if (context.Features.Get<IAuthenticationFeature>() is { } authentication)
                (authentication.OriginalPathBase, authentication.OriginalPath) = (context.Request.PathBase, context.Request.Path);
        }
        using (accessor.Change(tenant))
            await next(context);
    }

    private async Task InvokeApiAsync(HttpContext context)
    {
        TenantInfo? tenant = null;
        var token = await context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (token.Succeeded)
        {
            context.User = token.Principal;
            var request = new TenantRequest(context.Request.Host.Host, context.Request.Path, token.Principal);
            tenant = await new ClaimStrategy().ResolveAsync(request, store, context.RequestAborted);
        }
        using (accessor.Change(tenant))
            await next(context);
    }
}
