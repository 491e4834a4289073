using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Assett.Data.Mail;

/// <summary>Delivers one message: by SMTP, or as an <c>.eml</c> file in the tenant's pickup folder.</summary>
public sealed class MailSender(MailSettings settings)
{
    /// <summary>Sends the message; returns where it went (the SMTP server, or the file written).</summary>
    public async Task<string> SendAsync(OutboxMessage message, string tenantIdentifier, CancellationToken cancellationToken)
    {
        var mime = ToMime(message);
        if (settings.SmtpHost is { } host)
        {
            using var smtp = new SmtpClient { Timeout = 30_000 };
            await smtp.ConnectAsync(host, settings.SmtpPort, SecureSocketOptions.Auto, cancellationToken);
            if (settings.SmtpUser is { } user) await smtp.AuthenticateAsync(user, settings.SmtpPassword ?? "", cancellationToken);
            await smtp.SendAsync(mime, cancellationToken);
            await smtp.DisconnectAsync(quit: true, cancellationToken);
            return $"smtp://{host}:{settings.SmtpPort}";
        }
        var folder = Path.Combine(settings.PickupDirectory, tenantIdentifier);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{message.CreatedAt:yyyyMMdd-HHmmss}-{message.Id:N}.eml");
        await mime.WriteToAsync(path, cancellationToken);
        return path;
    }

    private MimeMessage ToMime(OutboxMessage message)
    {
        var mime = new MimeMessage { Subject = message.Subject, MessageId = $"{message.Id:N}@assett" };
        mime.From.Add(MailboxAddress.Parse(settings.From));
        mime.To.Add(MailboxAddress.Parse(message.ToAddress));
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}
