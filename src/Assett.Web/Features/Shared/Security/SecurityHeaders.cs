namespace Assett.Web.Features.Shared.Security;

/// <summary>
/// Headers every response carries. Pages also get a strict Content-Security-Policy: everything they
/// use (the DSFR's styles, scripts, fonts and icons) is served from the app itself.
/// </summary>
public static class SecurityHeaders
{
    private const string PagePolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'";

    private static readonly object FormTargetsKey = new();

    /// <summary>
    /// Lets this page's form end at another origin. Browsers apply <c>form-action</c> to every redirect
    /// that follows a form post, so the sign-in form of an OAuth authorization must be allowed to land
    /// on the application's registered callback.
    /// </summary>
    public static void AllowFormToEndAt(HttpContext context, Uri origin) =>
        context.Items[FormTargetsKey] = context.Items[FormTargetsKey] is string others
            ? $"{others} {origin.GetLeftPart(UriPartial.Authority)}"
            : origin.GetLeftPart(UriPartial.Authority);

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // The API reference page (Scalar) runs inline scripts; the API itself returns no HTML.
            if (!WebSetup.IsApi(context.Request.Path))
                headers.ContentSecurityPolicy = context.Items[FormTargetsKey] is string origins ? $"{PagePolicy} {origins}" : PagePolicy;
            return Task.CompletedTask;
        });
        await next(context);
    });
}
