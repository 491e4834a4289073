using Microsoft.Extensions.Configuration;

namespace Assett.Data.Mail;

/// <summary>
/// How mail leaves Assett: through an SMTP server when <c>Assett:Mail:Smtp:Host</c> is set, otherwise
/// as <c>.eml</c> files in a pickup folder (development: <c>.assett/mail/&lt;tenant&gt;/</c>).
/// </summary>
public sealed record MailSettings(string From, string? SmtpHost, int SmtpPort, string? SmtpUser, string? SmtpPassword, string PickupDirectory)
{
    public static MailSettings Read(IConfiguration configuration) => new(
        configuration["Assett:Mail:From"] ?? "Assett <ne-pas-repondre@assett.localhost>",
        configuration["Assett:Mail:Smtp:Host"],
        int.TryParse(configuration["Assett:Mail:Smtp:Port"], out var port) ? port : 587,
        configuration["Assett:Mail:Smtp:User"],
        configuration["Assett:Mail:Smtp:Password"],
        configuration["Assett:Mail:PickupDirectory"] ?? Path.Combine(RepositoryRoot.Find(), ".assett", "mail"));

    /// <summary>The address alone of <see cref="From"/> (a calendar invitation's organiser).</summary>
    public string FromAddress => MimeKit.MailboxAddress.Parse(From).Address;
}
