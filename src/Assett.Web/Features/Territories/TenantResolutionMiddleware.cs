using Assett.Tenancy;
using Microsoft.AspNetCore.Diagnostics;

namespace Assett.Web.Features.Territories;

/// <summary>
/// Finds the territory of a page request (its host, then the <c>/t/{slug}</c> prefix, which is moved
/// into the path base so pages route as usual) and makes it current for the whole request. An
/// unknown <c>/t/{slug}</c> answers the French 404 page.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next, TenantResolver resolver, IMultiTenantContextAccessor accessor)
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
            context.Request.Path = path.Length > prefix.Length ? path[prefix.Length..] : "/";
        }
        using (accessor.Change(tenant))
            await next(context);
    }
}
