using System.Net;
using Assett.Data.Mail;
using Assett.Tenancy;

namespace Assett.Web.Features.Shared.Security;

/// <summary>
/// Requests are served only on the hosts the configuration names: the platform's
/// (<c>Assett__PublicUrl</c>) and the territories' (<c>hosts:</c> of each <c>tenant.yaml</c>, read from
/// the tenant store, so a territory applied later is admitted); outside Production, <c>localhost</c>
/// and loopback addresses too. Forwarded headers are read only from the proxies configured in
/// <c>Assett__ForwardedHeaders__KnownProxies</c>, before the host is checked.
/// </summary>
public static class KnownHosts
{
    /// <summary>First in the pipeline, so that the scheme, address and host seen by the rest are the client's.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, IConfiguration configuration) =>
        ForwardedHeaders(configuration) is { } forwarded ? app.UseForwardedHeaders(forwarded) : app;

    /// <summary>Refuses (400) a request for a host the configuration does not name.</summary>
    public static IApplicationBuilder UseKnownHosts(this IApplicationBuilder app, IConfiguration configuration, IHostEnvironment environment)
    {
        var platformHost = new Uri(PublicAddress.Read(configuration)).Host;
        var loopbackAllowed = !environment.IsProduction();
        return app.Use(async (context, next) =>
        {
            var host = context.Request.Host.Host;
            if (string.Equals(host, platformHost, StringComparison.OrdinalIgnoreCase)
                || (loopbackAllowed && IsLoopback(host))
                || await context.RequestServices.GetRequiredService<ITenantStore>().FindByHostAsync(host, context.RequestAborted) is not null)
            {
                await next(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("Adresse inconnue : ce service ne répond pas sous ce nom d’hôte.", context.RequestAborted);
        });
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>The forwarded headers to honour, or null when no proxy is configured (the default: none is trusted).</summary>
    private static ForwardedHeadersOptions? ForwardedHeaders(IConfiguration configuration)
    {
        var proxies = (configuration["Assett:ForwardedHeaders:KnownProxies"] ?? "")
            .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (proxies.Length == 0) return null;
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedHost,
        };
        // The defaults trust loopback; only the configured proxies are trusted here.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"Assett__ForwardedHeaders__KnownProxies: '{proxy}' is not an IP address."));
        return options;
    }
}
