using Microsoft.Extensions.Configuration;

namespace Assett.Data.Mail;

/// <summary>Where people reach Assett, for links in emails sent outside a request (CLI, configuration apply).</summary>
public static class PublicAddress
{
    public const string Default = "http://localhost:5080";

    /// <summary><c>Assett:PublicUrl</c>, else the web host's first <c>Urls</c>, else <see cref="Default"/>; no trailing slash.</summary>
    public static string Read(IConfiguration configuration) =>
        (configuration["Assett:PublicUrl"] ?? configuration["Urls"]?.Split(';')[0] ?? Default).TrimEnd('/');
}
