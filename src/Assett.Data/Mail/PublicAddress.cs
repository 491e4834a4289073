using Microsoft.Extensions.Configuration;

namespace Assett.Data.Mail;

/// <summary>
/// Where people reach Assett: every absolute link, in an email or on a page, comes from here, never
/// from the request's host or headers (a forged <c>Host</c> must not redirect a link).
/// </summary>
public static class PublicAddress
{
    public const string Default = "http://localhost:5080";

    /// <summary><c>Assett:PublicUrl</c>, else the web host's first <c>Urls</c>, else <see cref="Default"/>; no trailing slash.</summary>
    public static string Read(IConfiguration configuration) =>
        (configuration["Assett:PublicUrl"] ?? configuration["Urls"]?.Split(';')[0] ?? Default).TrimEnd('/');

    /// <summary>
    /// A territory's pages: <c>https://{publicHost}</c> where its configuration marks a public host,
    /// else <paramref name="publicUrl"/> + <c>/t/{slug}</c> (docs/decisions.md, « Links »); no trailing slash.
    /// </summary>
    public static string OfTerritory(string publicUrl, string slug, string? publicHost) =>
        publicHost is not null ? $"https://{publicHost}" : $"{publicUrl.TrimEnd('/')}/t/{slug}";
}
