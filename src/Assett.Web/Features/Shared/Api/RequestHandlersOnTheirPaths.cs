using Assett.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Assett.Web.Features.Shared.Api;

/// <summary>
/// The authentication middleware asks every request handler (OpenIddict's token server, its token validation, and
/// ProConnect's client) whether a request is one of theirs, which resolves and runs their pipelines of handlers on
/// every page: about a third of the web host's time on an answer saved (docs/performance.md, « the journey after warm-up »).
/// They are asked only where they serve: the token server's and the API's paths, and the sign-in pages, where
/// ProConnect's challenge starts and its answer returns (<c>/connexion</c>, <c>/t/{slug}/connexion</c>, <c>/connexion/proconnect/retour</c>).
/// </summary>
public sealed class RequestHandlersOnTheirPaths(IOptions<AuthenticationOptions> options, IHttpContextAccessor http)
    : AuthenticationSchemeProvider(options)
{
    private static readonly Task<IEnumerable<AuthenticationScheme>> None = Task.FromResult(Enumerable.Empty<AuthenticationScheme>());

    public override Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync() =>
        http.HttpContext is { Request.Path: var path } && !Serves(path) ? None : base.GetRequestHandlerSchemesAsync();

    public static bool Serves(PathString path) =>
        WebSetup.IsApi(path) || path.StartsWithSegments("/.well-known") || InTerritory(path).StartsWithSegments(SignInPage);

    /// <summary>The path below <c>/t/{slug}</c>, where there is one: the authentication middleware runs before the territory is resolved.</summary>
    private static PathString InTerritory(PathString path) =>
        RoutePrefixStrategy.SlugOf(path.Value ?? "/") is { } slug ? new PathString(RoutePrefixStrategy.PathBelow(path.Value!, slug)) : path;

    private const string SignInPage = "/connexion";
}
