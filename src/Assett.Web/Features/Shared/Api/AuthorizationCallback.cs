using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Abstractions;

namespace Assett.Web.Features.Shared.Api;

/// <summary>Where an authorization request, waiting in a sign-in page's return URL, will send the browser.</summary>
public static class AuthorizationCallback
{
    /// <summary>The callback of the request in <paramref name="returnUrl"/>, if its client registered it; otherwise null.</summary>
    public static async Task<Uri?> OfReturnUrlAsync(string? returnUrl, IOpenIddictApplicationManager applications, CancellationToken cancellation)
    {
        if (returnUrl is null || !returnUrl.StartsWith(ApiSetup.AuthorizationEndpoint + "?", StringComparison.Ordinal)) return null;
        var query = QueryHelpers.ParseQuery(returnUrl[ApiSetup.AuthorizationEndpoint.Length..]);
        if (!Uri.TryCreate(query["redirect_uri"], UriKind.Absolute, out var callback)) return null;
        var application = await applications.FindByClientIdAsync(query["client_id"].ToString(), cancellation);
        return application is not null && await applications.ValidateRedirectUriAsync(application, callback.ToString(), cancellation) ? callback : null;
    }
}
